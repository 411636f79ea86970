package rouge

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// forEachToken normalizes text into buf (which it returns for reuse) and
// calls yield with each stemmed token in order. Unstemmed tokens are
// substrings of one string built per call.
func (s *Scorer) forEachToken(buf []byte, text string, yield func(string)) []byte {
	if s.lang.ascii {
		buf = normalizeASCII(buf, text)
	} else {
		buf = normalizeUnicode(buf, text, s.lang.chars)
	}
	if len(buf) == 0 {
		return buf
	}
	norm := string(buf)
	for i := 0; i < len(norm); {
		if norm[i] == ' ' {
			i++
			continue
		}
		j := i + 1
		for j < len(norm) && norm[j] != ' ' {
			j++
		}
		yield(s.stem(norm[i:j]))
		i = j
	}
	return buf
}

// normalizeASCII appends text to buf as rouge_score's tokenizer sees it:
// lowercased, with every character outside [a-z0-9] replaced by a space.
// Python's str.lower maps two non-ASCII characters into that range: the
// Kelvin sign to "k", and "İ" to "i" plus a combining dot (a separator).
func normalizeASCII(buf []byte, text string) []byte {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				buf = append(buf, c)
			case 'A' <= c && c <= 'Z':
				buf = append(buf, c+'a'-'A')
			default:
				buf = append(buf, ' ')
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch r {
		case '\u212a': // KELVIN SIGN
			buf = append(buf, 'k')
		case '\u0130': // LATIN CAPITAL LETTER I WITH DOT ABOVE
			buf = append(buf, 'i', ' ')
		default:
			buf = append(buf, ' ')
		}
	}
	return buf
}

// normalizeUnicode appends text to buf lowercased, keeping Unicode letters
// and digits (and combining marks that follow one) and replacing everything
// else by a space. Invalid UTF-8 is a separator. With chars, each ideograph
// or kana is a token of its own.
func normalizeUnicode(buf []byte, text string, chars bool) []byte {
	inToken := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				buf = append(buf, c)
				inToken = true
			case 'A' <= c && c <= 'Z':
				buf = append(buf, c+'a'-'A')
				inToken = true
			default:
				buf = append(buf, ' ')
				inToken = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			buf = append(buf, ' ')
			inToken = false
		case chars && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)):
			buf = append(utf8.AppendRune(append(buf, ' '), r), ' ')
			inToken = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
			inToken = true
		case inToken && unicode.IsMark(r):
			buf = utf8.AppendRune(buf, r)
		default:
			buf = append(buf, ' ')
			inToken = false
		}
	}
	return buf
}

// stem returns the stem of a normalized token: tokens of more than 3
// characters are stemmed (stop words included, as rouge_score does), shorter
// ones are returned unchanged.
func (s *Scorer) stem(tok string) string {
	if s.lang.stem == nil || len(tok) <= 3 || (!s.lang.ascii && utf8.RuneCountInString(tok) <= 3) {
		return tok
	}
	if v, ok := s.stems.Load(tok); ok {
		return v.(string)
	}
	stemmed := s.lang.stem(tok, true)
	if s.stemCount.Load() < maxStemCache {
		// Clone both: tok, and stemmed if the stemmer returned it as is,
		// point into a string holding a whole sentence.
		stemmed = strings.Clone(stemmed)
		if _, loaded := s.stems.LoadOrStore(strings.Clone(tok), stemmed); !loaded {
			s.stemCount.Add(1)
		}
	}
	return stemmed
}
