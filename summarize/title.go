package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxTitleBytes is the longest first line read as a headline.
const maxTitleBytes = 300

// titleStage finds the title; its buffer is reused between calls.
type titleStage struct {
	bodyWords map[uint64]struct{} // prefixes of the words that open the body
	lower     []byte
	cands     []titleCandidate
}

// titleCandidate is a line that may be the headline: unit index and the
// end of its headline text (before a glued byline).
type titleCandidate struct {
	unit, end int
	words     int
}

// maxTitleCandidates bounds the headline-like lines weighed before the body.
const maxTitleCandidates = 16

// find is the title stage. A given title is cut from the start of the
// first unit that is not chrome ("Title | Section | Lede..." keeps
// "Lede..."). Without one, the headline is detected among the lines before
// the body: a line without terminal punctuation, of at most maxTitleBytes
// and two words or more, that is not chrome (a consent banner, a menu, a
// byline or a date line can precede the headline); when there are several
// (a site name, a trending list, the headline, a standfirst), the first
// whose words recur in the opening of the body (see choose). A byline glued to the headline is cut off it. It returns the
// title, spaces folded, and the units left, which share units' backing
// array (the title's unit is removed or shortened in place).
func (st *titleStage) find(view string, units []unit, given string, chrome chromeList, isStop func(string) bool) (string, []unit) {
	title := strings.Join(strings.Fields(given), " ")
	if title != "" {
		i := firstNonChrome(view, units, chrome)
		if i < 0 {
			return title, units
		}
		if start, cut := cutTitle(view, units[i].span, title); cut {
			if start < 0 {
				return title, removeUnit(units, i)
			}
			units[i].start = start
		}
		return title, units
	}
	st.cands = st.cands[:0]
	body := len(units)
	for i, u := range units {
		line := view[u.start:u.end]
		if chrome.isChrome(line) {
			continue
		}
		// Words are counted only where they decide: the body's first
		// line can be a long paragraph.
		if endsSentence(line) {
			if countWords(line) < 3 {
				continue // a menu item ("U.S.") or label, not the body
			}
			body = i // the body starts at a sentence
			break
		}
		// It starts too at a dateline or at a long line that lost its
		// punctuation and does not open like a headline.
		if len(line) > maxTitleBytes {
			body = i
			break
		}
		words := countWords(line)
		if leadChrome(line) > 0 || words >= minTerminatedWords && !unicode.IsUpper(r0(line)) {
			body = i
			break
		}
		end := len(line)
		if b := bylineStart(line); b > 0 {
			end = b
			words = countWords(line[:b])
		}
		if words < 2 || len(st.cands) == maxTitleCandidates {
			continue
		}
		st.cands = append(st.cands, titleCandidate{unit: i, end: u.start + end, words: words})
	}
	if len(st.cands) == 0 || len(units) < 2 { // a single line is the text, not its title
		return "", units
	}
	best := st.cands[0]
	// A first line set apart by a blank line is the headline, as in a
	// plain article ("Headline\n\nBody..."); a page's first lines (a site
	// name, a menu) run on without one, and the candidates are weighed.
	alone := best.unit == 0 && units[1].paragraph != units[0].paragraph
	if len(st.cands) > 1 && !alone {
		best = st.choose(view, units, body, chrome, isStop)
	}
	u := units[best.unit]
	s, e := trimSpan(view, u.start, best.end)
	title = strings.Join(strings.Fields(view[s:e]), " ")
	return title, removeUnit(units, best.unit)
}

// choose picks the headline among several candidates by the long words
// each shares with the opening of the body (up to 2 KB from unit body):
// the first of three words or more that shares two long words and a third
// of its own (a site name, a section label or a menu shares none, or is
// shorter); else the one with most words found, weighed by their share;
// else the first of three words or more.
func (st *titleStage) choose(view string, units []unit, body int, chrome chromeList, isStop func(string) bool) titleCandidate {
	if st.bodyWords == nil {
		st.bodyWords = make(map[uint64]struct{})
	}
	clear(st.bodyWords)
	read := 0
	for _, u := range units[body:] {
		if read > 2048 {
			break
		}
		if line := view[u.start:u.end]; !endsSentence(line) || chrome.isChrome(line) {
			continue // only sentences: not the menus and footer links below
		}
		forEachWord(view[u.start:u.end], func(word string, _ int) {
			if k, ok := st.wordKey(word, isStop); ok {
				st.bodyWords[k] = struct{}{}
			}
		})
		read += u.end - u.start
	}
	best, bestScore := -1, 0.0
	for i, c := range st.cands {
		long, found := 0, 0
		forEachWord(view[units[c.unit].start:c.end], func(word string, _ int) {
			if k, ok := st.wordKey(word, isStop); ok {
				long++
				if _, in := st.bodyWords[k]; in {
					found++
				}
			}
		})
		if c.words >= 3 && found >= 2 && found*3 >= long {
			return st.titleCaseAbove(view, units, i, chrome)
		}
		if found > 0 {
			if score := float64(found) * float64(found) / float64(long); score > bestScore {
				best, bestScore = i, score
			}
		}
	}
	if best >= 0 {
		return st.titleCaseAbove(view, units, best, chrome)
	}
	for _, c := range st.cands {
		if c.words >= 3 {
			return c
		}
	}
	return st.cands[0]
}

// titleCaseAbove returns candidate i, or the candidate just above it when
// that one is a Title Case headline and i is not, with only chrome between
// them: a headline that shares no word with the body ("The Quiet Cost of
// Always Being Online") above the standfirst that does.
func (st *titleStage) titleCaseAbove(view string, units []unit, i int, chrome chromeList) titleCandidate {
	c := st.cands[i]
	if i == 0 || looksLikeHeadline(view[units[c.unit].start:c.end]) {
		return c
	}
	above := st.cands[i-1]
	if above.words < 3 || !looksLikeHeadline(view[units[above.unit].start:above.end]) {
		return c
	}
	for _, u := range units[above.unit+1 : c.unit] {
		if !chrome.isChrome(view[u.start:u.end]) {
			return c
		}
	}
	return above
}

// wordKey hashes the lower-cased first five letters of a word of four
// letters or more that is not a stop word (a crude stem: "approves" meets
// "approved"); other words report false.
func (st *titleStage) wordKey(word string, isStop func(string) bool) (uint64, bool) {
	if utf8.RuneCountInString(word) < 4 {
		return 0, false
	}
	st.lower = appendLower(st.lower[:0], word)
	// The conversion may allocate: the words read are bounded (2 KB of body
	// and the candidates), and only when there are several candidates.
	if isStop != nil && isStop(string(st.lower)) {
		return 0, false
	}
	const offset, prime = 14695981039346656037, 1099511628211
	h, n := uint64(offset), 0
	for _, r := range string(st.lower) {
		if n == 5 {
			break
		}
		for r > 0 {
			h ^= uint64(r & 0xff)
			h *= prime
			r >>= 8
		}
		n++
	}
	return h, true
}

// firstNonChrome returns the index of the first unit that is neither
// chrome nor a short label (a menu item), or -1.
func firstNonChrome(view string, units []unit, chrome chromeList) int {
	for i, u := range units {
		line := view[u.start:u.end]
		if chrome.isChrome(line) || !endsSentence(line) && countWords(line) < 2 {
			continue
		}
		return i
	}
	return -1
}

// removeUnit removes units[i] by moving the units before it one place
// up, so that no other unit moves and nothing is allocated.
func removeUnit(units []unit, i int) []unit {
	copy(units[1:i+1], units[:i])
	return units[1:]
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
