package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// minTerminatedWords is the length from which a line without terminal
// punctuation is read as body text that lost its period rather than as a
// headline, button label or link.
const minTerminatedWords = 12

// chromeKey folds a line or sentence to the form page-chrome lists hold:
// lower case, single spaces, no surrounding punctuation or quotes.
func chromeKey(text string) string {
	text = strings.TrimFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
	})
	if len(text) > 64 { // no chrome string is that long; skip the work
		return ""
	}
	return strings.ToLower(strings.Join(strings.Fields(text), " "))
}

// chromeSet builds the lookup table of chrome strings for a language.
func chromeSet(lang *language, extra []string) map[string]struct{} {
	m := make(map[string]struct{})
	for _, list := range [][]string{commonChrome, lang.chrome, extra} {
		for _, s := range list {
			if k := chromeKey(s); k != "" {
				m[k] = struct{}{}
			}
		}
	}
	return m
}

// countWords counts white-space separated tokens that hold a letter or digit.
func countWords(text string) int {
	n := 0
	inToken, counted := false, false
	for i := 0; i < len(text); {
		r, size := decodeRune(text, i)
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

// cutTitle removes a separately given title from the start of the first
// unit: "Title | Section | Lede..." keeps only "Lede...". It reports the new
// start of the unit, or -1 when the whole unit was the title.
func cutTitle(view string, u span, title string) (int, bool) {
	titleWords := strings.Fields(title)
	if len(titleWords) == 0 {
		return u.start, false
	}
	// Match word by word, so spacing and case differences do not matter.
	pos := u.start
	for _, want := range titleWords {
		for pos < u.end {
			r, size := utf8.DecodeRuneInString(view[pos:u.end])
			if !unicode.IsSpace(r) {
				break
			}
			pos += size
		}
		if pos+len(want) > u.end || !strings.EqualFold(view[pos:pos+len(want)], want) {
			return u.start, false
		}
		pos += len(want)
	}
	if !titleEndsHere(view[u.start:u.end], pos-u.start, title) {
		return u.start, false
	}
	// Skip "| Section |" labels that sites put between headline and lede.
	for {
		p := pos
		for p < u.end && (view[p] == ' ' || view[p] == '\t') {
			p++
		}
		if p < u.end && (view[p] == '|' || view[p] == ':' || strings.HasPrefix(view[p:u.end], "–") || strings.HasPrefix(view[p:u.end], "—")) {
			_, size := utf8.DecodeRuneInString(view[p:u.end])
			p += size
			pos = p
			// A short label followed by another bar is a section label.
			if bar := strings.IndexByte(view[p:u.end], '|'); bar >= 0 && bar <= 40 && !strings.ContainsAny(view[p:p+bar], ".!?") {
				pos = p + bar
				continue
			}
		}
		break
	}
	s, e := trimSpan(view, pos, u.end)
	if strings.TrimFunc(view[s:e], func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) == "" {
		return -1, true // the title with a final period or a bare separator
	}
	return s, true
}

// looksLikeHeadline reports whether a line without terminal punctuation
// reads as a headline (a related-article link, a section title) rather than
// body text that lost its period: at least three of its words have four or
// more letters, and three quarters of those are capitalised, as in Title
// Case ("Changan Hunter Plus Debuts in Russia with Two Trim Levels").
// Short words are skipped because headlines keep "in", "and", "to" in lower
// case.
func looksLikeHeadline(line string) bool {
	words, capitalised := 0, 0
	for _, f := range strings.Fields(line) {
		r, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsLetter(r) || utf8.RuneCountInString(f) < 4 {
			continue
		}
		words++
		if unicode.IsUpper(r) {
			capitalised++
		}
	}
	return words >= 3 && capitalised*4 >= words*3
}

// titleEndsHere reports whether a title matched at the start of line ends at
// byte end of line as a title, not as the first words of a sentence: it ends
// at a word boundary ("Apple" does not open "Apples are..."), and what
// follows is nothing but punctuation, a separator ("|", ":", dashes), or
// after white space a capitalised word or an opening quote, as in a headline
// glued to its lede. A lower-case word, a digit or a comma after the title
// continues it ("Harlow Foods said...", "Profits rise 5%..."), unless the
// title itself ends a sentence.
func titleEndsHere(line string, end int, title string) bool {
	rest := line[end:]
	if rest == "" {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(title)
	next, _ := utf8.DecodeRuneInString(rest)
	if isWordRune(last) && isWordRune(next) {
		return false
	}
	if strings.TrimFunc(rest, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) == "" {
		return true
	}
	if endsSentence(title) {
		return true
	}
	trimmed := strings.TrimLeftFunc(rest, unicode.IsSpace)
	first, _ := utf8.DecodeRuneInString(trimmed)
	switch first {
	case '|', ':', '–', '—':
		return true
	}
	if len(trimmed) < len(rest) && (unicode.IsUpper(first) || isOpener(first) && first != '-') {
		return true
	}
	return false
}
