package summarize

import (
	"strings"
	"unicode/utf8"
)

// ValidUTF8 returns text with every byte of an invalid UTF-8 sequence
// replaced by U+FFFD, one replacement per byte as encoding/json does. The
// offsets Summarize and Rank return for invalid input index this string,
// which is what a JSON client receives. Valid text is returned unchanged,
// without copying.
func ValidUTF8(text string) string {
	if utf8.ValidString(text) {
		return text
	}
	var b strings.Builder
	b.Grow(len(text) + 16)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(text[i : i+size])
		}
		i += size
	}
	return b.String()
}

// normalizeView returns a copy of text of exactly the same byte length in
// which carriage returns, NUL and the other ASCII control characters except
// the line feed read as spaces, so that byte offsets found in the view index
// the original text. Text without such characters is returned as is.
func normalizeView(text string) string {
	i := 0
	for ; i < len(text); i++ {
		if isControl(text[i]) {
			break
		}
	}
	if i == len(text) {
		return text
	}
	buf := []byte(text)
	for ; i < len(buf); i++ {
		if isControl(buf[i]) {
			buf[i] = ' '
		}
	}
	return string(buf)
}

func isControl(c byte) bool {
	return (c < 0x20 && c != '\n') || c == 0x7f
}
