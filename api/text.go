package api

import (
	"strings"
	"unicode/utf8"
)

// errNotText answers a body or document that is not text.
var errNotText = &Error{Code: CodeNotText,
	Message: "the text is not UTF-8 text: it holds NUL bytes, a UTF-16 or UTF-32 byte order mark, or mostly control characters or invalid UTF-8"}

// binarySample is how much of a text looksBinary inspects for control
// characters and invalid UTF-8; NUL bytes are looked for everywhere.
const binarySample = 8 << 10

// looksBinary reports whether text is evidently not UTF-8 text: an
// executable, an image, a compressed file, or text in UTF-16 or UTF-32
// sent without a charset. It says so when text holds a NUL byte (UTF-16
// and UTF-32 encode every ASCII character with one), starts with a UTF-16
// or UTF-32 byte order mark, or when, in its first binarySample bytes,
// more than 1 in 20 bytes is a control character other than white space,
// or more than 1 in 3 is not part of valid UTF-8. Latin-1 text (a few
// invalid bytes) and text with a stray escape sequence still pass: they
// are summarized with U+FFFD for the bad bytes, as before.
func looksBinary(text string) bool {
	if strings.IndexByte(text, 0) >= 0 {
		return true
	}
	for _, bom := range []string{"\xFF\xFE", "\xFE\xFF"} { // UTF-32 LE starts like UTF-16 LE
		if strings.HasPrefix(text, bom) {
			return true
		}
	}
	sample := text[:min(len(text), binarySample)]
	controls, invalid := 0, 0
	for i := 0; i < len(sample); {
		c := sample[i]
		if c < utf8.RuneSelf {
			if (c < ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F {
				controls++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(sample[i:])
		if r == utf8.RuneError && size == 1 && i+utf8.UTFMax <= len(sample) { // a rune cut by the sample end is fine
			invalid++
		}
		i += size
	}
	return controls*20 > len(sample) || invalid*3 > len(sample)
}
