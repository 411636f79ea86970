package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxTitleBytes is the longest first line read as a headline.
const maxTitleBytes = 300

// findTitle is the title stage. A given title is cut from the start of the
// first unit ("Title | Section | Lede..." keeps "Lede..."); without one,
// a first line that does not end a sentence is the headline, unless it is
// page chrome (which is dropped all the same). It returns the title,
// spaces folded, and the units left, which may share units' backing array
// (the first unit may be shortened in place).
func findTitle(view string, units []unit, given string, chrome chromeList) (string, []unit) {
	title := strings.Join(strings.Fields(given), " ")
	if title != "" {
		if len(units) > 0 {
			if start, cut := cutTitle(view, units[0].span, title); cut {
				if start < 0 {
					return title, units[1:]
				}
				units[0].start = start
			}
		}
		return title, units
	}
	if len(units) > 1 {
		first := view[units[0].start:units[0].end]
		if !endsSentence(first) && len(first) <= maxTitleBytes {
			if !chrome.has(first) {
				title = strings.Join(strings.Fields(first), " ")
			}
			return title, units[1:]
		}
	}
	return title, units
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
			if bar := indexByteWithin(view[p:u.end], '|', 41); bar >= 0 && !strings.ContainsAny(view[p:p+bar], ".!?") {
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

// indexByteWithin is strings.IndexByte(s[:limit], c): a search bounded so
// that a line of bars costs linear time, not quadratic.
func indexByteWithin(s string, c byte, limit int) int {
	return strings.IndexByte(s[:min(len(s), limit)], c)
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
