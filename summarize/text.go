package summarize

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// Text helpers shared by several stages. Nothing here keeps state; every
// function is linear in its input and allocation-free.

// span is a byte range [start, end) of the document text.
type span struct{ start, end int }

// forEachWord calls fn for every word of text with its byte offset. A word
// is a run of letters, digits and combining marks, held together by an
// inner hyphen ("high-speed") or by a period or comma between digits
// ("1.13", "464,000"). An apostrophe ends a word: English clitics ("'s",
// "n't") and French elisions ("l'", "d'") become separate short words that
// the stop lists drop. This is prose's word tokenizer restricted to words,
// in one pass and without allocating; the tests measure the agreement.
func forEachWord(text string, fn func(word string, start int)) {
	i := 0
	for i < len(text) {
		r, size := decodeRune(text, i)
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		i += size
		for i < len(text) {
			r, size = decodeRune(text, i)
			if isWordRune(r) {
				i += size
				continue
			}
			if (r == '-' || r == '.' || r == ',') && i+size < len(text) {
				next, _ := decodeRune(text, i+size)
				prev, _ := utf8.DecodeLastRuneInString(text[:i])
				joins := false
				if r == '-' {
					joins = isWordRune(next)
				} else {
					joins = isDigit(prev) && isDigit(next)
				}
				if joins {
					i += size
					continue
				}
			}
			break
		}
		fn(text[start:i], start)
	}
}

func decodeRune(text string, i int) (rune, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:])
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// appendLower appends the lower-case form of word to buf.
func appendLower(buf []byte, word string) []byte {
	ascii := true
	for i := 0; i < len(word); i++ {
		if word[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(word); i++ {
			c := word[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
		}
		return buf
	}
	for _, r := range word {
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	return buf
}

// countWords counts white-space separated tokens that hold a letter or digit.
func countWords(text string) int {
	n := 0
	inToken, counted := false, false
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf { // ASCII: no decoding, no tables
			i++
			switch {
			case c == ' ' || c >= '\t' && c <= '\r':
				inToken = false
			case !inToken:
				inToken = true
				counted = c|0x20 >= 'a' && c|0x20 <= 'z' || c >= '0' && c <= '9'
				if counted {
					n++
				}
			case !counted && (c|0x20 >= 'a' && c|0x20 <= 'z' || c >= '0' && c <= '9'):
				n++
				counted = true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if unicode.IsSpace(r) {
			inToken = false
			continue
		}
		if !inToken {
			inToken, counted = true, false
		}
		if !counted && isWordRune(r) {
			n++
			counted = true
		}
	}
	return n
}

// sentenceWords counts the words of a sentence as countWords does, but
// each ideograph or kana as a word: Chinese and Japanese put no spaces
// between words, and a sentence's length feeds its score.
func sentenceWords(text string) int {
	n := 0
	counted := false // the current run of other letters is counted
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf { // ASCII, most of most texts: no decoding, no tables
			i++
			switch {
			case c == ' ' || c >= '\t' && c <= '\r':
				counted = false
			case !counted && (c|0x20 >= 'a' && c|0x20 <= 'z' || c >= '0' && c <= '9'):
				n++
				counted = true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case r >= 0x3040 && isIdeographic(r):
			n++
			counted = false
		case unicode.IsSpace(r):
			counted = false
		case !counted && isWordRune(r):
			n++
			counted = true
		}
	}
	return n
}

// minTerminatedWords is the length from which a line without terminal
// punctuation is read as body text that lost its period rather than as a
// headline, button label or link.
const minTerminatedWords = 12

// headlineWords counts, for looksLikeHeadline, the white-space separated
// words of a text that start with a letter and have four or more runes,
// and how many of those are capitalised. Counts of consecutive lines add
// up, which lets a hard-wrapped paragraph be judged line by line.
type headlineWords struct{ words, capitalised int }

func countHeadlineWords(text string) headlineWords {
	var h headlineWords
	for i := 0; i < len(text); {
		r, size := decodeRune(text, i)
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		first, runes := r, 0
		for i < len(text) {
			r, size = decodeRune(text, i)
			if unicode.IsSpace(r) {
				break
			}
			i += size
			runes++
		}
		if unicode.IsLetter(first) && runes >= 4 {
			h.words++
			if unicode.IsUpper(first) {
				h.capitalised++
			}
		}
	}
	return h
}

func (h headlineWords) add(o headlineWords) headlineWords {
	return headlineWords{h.words + o.words, h.capitalised + o.capitalised}
}

// isHeadline: at least three long words, three quarters of them capitalised.
func (h headlineWords) isHeadline() bool {
	return h.words >= 3 && h.capitalised*4 >= h.words*3
}

// looksLikeHeadline reports whether a line without terminal punctuation
// reads as a headline (a related-article link, a section title) rather than
// body text that lost its period: at least three of its words have four or
// more letters, and three quarters of those are capitalised, as in Title
// Case ("Changan Hunter Plus Debuts in Russia with Two Trim Levels").
// Short words are skipped because headlines keep "in", "and", "to" in lower
// case.
func looksLikeHeadline(line string) bool {
	return countHeadlineWords(line).isHeadline()
}

// trimSpan shrinks [s, e) of view to exclude surrounding white space.
func trimSpan(view string, s, e int) (int, int) {
	for s < e {
		r, size := utf8.DecodeRuneInString(view[s:e])
		if !unicode.IsSpace(r) && r != '\u00a0' && r != '\ufeff' {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(view[s:e])
		if !unicode.IsSpace(r) && r != '\u00a0' && r != '\ufeff' {
			break
		}
		e -= size
	}
	return s, e
}

// endsSentence reports whether text ends with terminal punctuation,
// possibly followed by closing quotes or brackets.
func endsSentence(text string) bool {
	for len(text) > 0 {
		r, size := utf8.DecodeLastRuneInString(text)
		switch r {
		case '.', '!', '?', '…', '。', '！', '？', '．', '｡', '؟', '۔', '।', '॥':
			return true
		case '"', '\'', '”', '’', '»', ')', ']', '*', '」', '』', '）', '】', '》':
			text = text[:len(text)-size]
		default:
			return false
		}
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']', '」', '』', '）', '】', '》':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '„', '‚', '«', '(', '[', '—', '–', '-', '¿', '¡', '「', '『', '（', '【', '《':
		return true
	}
	return false
}

// skipSpaces returns the offset of the first rune at or after i in
// view[:end] that is not white space.
func skipSpaces(view string, i, end int) int {
	for i < end {
		r, size := utf8.DecodeRuneInString(view[i:end])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

// resize returns s with length n and every element zero, reusing its
// backing array when it is large enough.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func sortUnique(s []int32) []int32 {
	slices.Sort(s)
	return slices.Compact(s)
}

// wordSet returns the set of words.
func wordSet(words []string) map[string]struct{} {
	m := make(map[string]struct{}, len(words))
	for _, w := range words {
		m[w] = struct{}{}
	}
	return m
}
