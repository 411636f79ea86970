package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/neurosnap/sentences.v1"
)

// span is a byte range [start, end) of the document text.
type span struct{ start, end int }

// unit is a run of text that a sentence never crosses: a line, or several
// lines of a hard-wrapped paragraph joined together.
type unit struct {
	span
	paragraph int // index of the blank-line separated block holding the unit
}

// splitUnits splits the view into units. A blank line ends a paragraph. A
// single line break ends a unit too (web pages put one paragraph, headline or
// button label per line) unless the paragraph looks hard-wrapped: the line
// runs on without terminal punctuation into a line that continues it.
func splitUnits(view string, units []unit) []unit {
	paragraph := 0
	blank := false
	open := -1 // index in units of a unit that may continue on the next line
	for pos := 0; pos < len(view); {
		end := strings.IndexByte(view[pos:], '\n')
		if end < 0 {
			end = len(view)
		} else {
			end += pos
		}
		s, e := trimSpan(view, pos, end)
		pos = end + 1
		if s == e {
			if !blank && len(units) > 0 {
				paragraph++
			}
			blank = true
			open = -1
			continue
		}
		blank = false
		if open >= 0 && continuesLine(view[units[open].start:units[open].end], view[s:e]) {
			units[open].end = e
			continue
		}
		units = append(units, unit{span: span{s, e}, paragraph: paragraph})
		open = len(units) - 1
	}
	return units
}

// continuesLine reports whether next continues prev in a hard-wrapped
// paragraph: prev is long and does not end a sentence, and next starts in
// lower case, or prev ends mid-clause and next reads as the following line
// of wrapped text.
func continuesLine(prev, next string) bool {
	if len(prev) < 40 || endsSentence(prev) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(r) || unicode.IsDigit(r) {
		return true
	}
	// A capitalised line continues prev only if it fits the wrap width prev
	// shows (a headline is followed by a paragraph line much longer than
	// it), is itself a wrapped line or the end of the sentence (not a short
	// label such as "Next Article"), and prev is not a Title Case headline.
	if len(next) > len(prev)*3/2 || len(next) < 40 && !endsSentence(next) || looksLikeHeadline(prev) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	return last == ',' || last == ';' || last == '-' || unicode.IsLower(last)
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
		case '.', '!', '?', '…', '。', '！', '？':
			return true
		case '"', '\'', '”', '’', '»', ')', ']', '*':
			text = text[:len(text)-size]
		default:
			return false
		}
	}
	return false
}

// segmenter splits a unit into sentence spans.
type segmenter interface {
	split(view string, u span, out []span) []span
}

// punktSegmenter uses the punkt model of gopkg.in/neurosnap/sentences,
// loaded once and shared: its tokenizer keeps no per-call state.
type punktSegmenter struct {
	tokenizer *sentences.DefaultSentenceTokenizer
	lang      *language
	rules     ruleSegmenter
}

// punktWindow is the size of the windows in which a long unit is handed to
// punkt. Punkt is linear but slow (~10 MB/s) and allocates a token per word,
// so a unit holding a whole book without a line break is segmented window
// by window, and only until maxCandidates sentences are found: the cost of
// the worst case is bounded by the candidate cap, not the input size.
const punktWindow = 32 << 10

func (p *punktSegmenter) split(view string, u span, out []span) []span {
	start, window := u.start, punktWindow
	for start < u.end {
		end := u.end
		if end-start > window {
			end = nextSpace(view, start+window, u.end)
		}
		final := end == u.end
		text := view[start:end]
		prev := 0
		for _, pos := range p.tokenizer.SentencePositions(text) {
			if pos <= prev || !keepPunktBreak(text, pos) || p.lang.endsNonFinal(text[:pos]) {
				continue
			}
			if pos >= len(text) && !final {
				break // the window's last sentence may run on past it
			}
			out = p.rules.splitWhere(view, span{start + prev, start + pos}, afterNumber, out)
			prev = pos
		}
		if final {
			if prev < len(text) {
				out = p.rules.splitWhere(view, span{start + prev, end}, afterNumber, out)
			}
			return out
		}
		if len(out) >= maxCandidates {
			return out
		}
		if prev == 0 {
			window *= 2 // one sentence fills the window: retry with a larger one
			continue
		}
		start, window = start+prev, punktWindow
	}
	return out
}

// nextSpace returns the offset of the first white space at or after i in
// view[:end], or end.
func nextSpace(view string, i, end int) int {
	for i < end {
		c := view[i]
		if c == ' ' || c == '\n' || c == '\t' {
			return i
		}
		i++
	}
	return end
}

// keepPunktBreak reports whether a break that punkt puts at pos ends a
// sentence. Punkt breaks after a token, and a token with an inner period
// (`win."Next`) can carry a break that no sentence punctuation supports; and
// a quotation or bracket closed after its own terminal punctuation, or an
// exclamation or question mark, followed by a lower-case word continues the
// sentence (`"It is over." he said.`, `"Why?" she asked.`, `Yahoo! shares`).
func keepPunktBreak(text string, pos int) bool {
	if pos >= len(text) {
		return true
	}
	before := strings.TrimRightFunc(text[:pos], unicode.IsSpace)
	bare := strings.TrimRightFunc(before, isCloser)
	last, _ := utf8.DecodeLastRuneInString(bare)
	switch last {
	case '.', '!', '?', '…', '。', '！', '？':
	default:
		return false
	}
	next, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(text[pos:], unicode.IsSpace))
	if unicode.IsLower(next) && (len(bare) < len(before) || last == '!' || last == '?') {
		return false
	}
	return true
}

// afterNumber accepts a break after a word holding a digit: punkt reads
// "$10.9bn." or "2004." as a number token and will not end a sentence
// there, although news text ends many sentences with a figure.
func afterNumber(before string) bool {
	for i := len(before) - 1; i >= 0; i-- {
		c := before[i]
		if c == ' ' || c == '\t' || c == '\n' {
			return false
		}
		if c >= '0' && c <= '9' {
			return true
		}
	}
	return false
}

// ruleSegmenter splits at terminal punctuation followed by white space and
// a capital letter, digit or opening quote, except after known
// abbreviations and single-letter initials. It serves the languages for
// which no punkt model is embedded.
type ruleSegmenter struct {
	lang *language
}

func (r *ruleSegmenter) split(view string, u span, out []span) []span {
	return r.splitWhere(view, u, nil, out)
}

// splitWhere splits like split, but when accept is not nil only where
// accept approves the text before the break.
func (r *ruleSegmenter) splitWhere(view string, u span, accept func(before string) bool, out []span) []span {
	start := u.start
	for i := u.start; i < u.end; {
		c, size := utf8.DecodeRuneInString(view[i:u.end])
		i += size
		if c != '.' && c != '!' && c != '?' && c != '…' {
			continue
		}
		// The break falls after any closing quotes and further punctuation.
		j := i
		for j < u.end {
			c2, s2 := utf8.DecodeRuneInString(view[j:u.end])
			if !isCloser(c2) && c2 != '.' && c2 != '!' && c2 != '?' {
				break
			}
			j += s2
		}
		// French sets a space before the closing guillemet: "fin. » Il".
		if k := skipSpaces(view, j, u.end); k > j && strings.HasPrefix(view[k:u.end], "»") {
			j = k + len("»")
		}
		if j >= u.end {
			break
		}
		next, _ := utf8.DecodeRuneInString(view[j:u.end])
		if !unicode.IsSpace(next) {
			continue
		}
		k := j
		for k < u.end {
			c2, s2 := utf8.DecodeRuneInString(view[k:u.end])
			if !unicode.IsSpace(c2) {
				break
			}
			k += s2
		}
		first, _ := utf8.DecodeRuneInString(view[k:u.end])
		for isOpener(first) && k < u.end {
			_, s2 := utf8.DecodeRuneInString(view[k:u.end])
			k = skipSpaces(view, k+s2, u.end) // "« C'est", "- Next"
			first, _ = utf8.DecodeRuneInString(view[k:u.end])
		}
		if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
			continue
		}
		if c == '.' && r.lang.isAbbreviation(view[start:i-1]) {
			continue
		}
		if accept != nil && !accept(view[start:i-1]) {
			continue
		}
		out = splitGlued(view, start, j, r.lang, out)
		start = j
		i = j
	}
	if start < u.end {
		out = splitGlued(view, start, u.end, r.lang, out)
	}
	return out
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '„', '‚', '«', '(', '[', '—', '–', '-', '¿', '¡':
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

// isAbbreviation reports whether the text before a period ends with a word
// that does not end a sentence: a listed abbreviation or a single letter
// (an initial, or the inner letters of "U.S."), unless it is glued to a
// figure.
func (l *language) isAbbreviation(before string) bool {
	w := len(before)
	for w > 0 {
		r, size := utf8.DecodeLastRuneInString(before[:w])
		if !unicode.IsLetter(r) && r != '.' && r != '-' {
			break
		}
		w -= size
	}
	word := strings.ToLower(strings.Trim(before[w:], "."))
	if word == "" {
		return false
	}
	if r, _ := utf8.DecodeLastRuneInString(before[:w]); unicode.IsDigit(r) {
		return false // a unit after a figure ("$5.5m."), not an initial
	}
	if utf8.RuneCountInString(word) == 1 {
		return true
	}
	_, ok := l.abbreviations[word]
	return ok
}

// splitGlued appends the sentence [s, e), trimmed, after splitting it where
// two sentences are glued without a space ("$10.9bn.For the full-year"): a
// period, exclamation or question mark between a lower-case letter, digit or
// closing bracket and a capitalised word, unless the word before it is an
// abbreviation ("Mr.Smith").
func splitGlued(view string, s, e int, lang *language, out []span) []span {
	s, e = trimSpan(view, s, e)
	if s == e {
		return out
	}
	start := s
	for i := s + 1; i+2 < e; i++ {
		c := view[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		prev := view[i-1]
		if !(prev >= 'a' && prev <= 'z' || prev >= '0' && prev <= '9' || prev == ')' || prev == '%') {
			if prev < utf8.RuneSelf {
				continue
			}
			r, _ := utf8.DecodeLastRuneInString(view[s:i])
			if !unicode.IsLower(r) {
				continue
			}
		}
		j := i + 1
		if view[j] == '"' || view[j] == '\'' {
			j++
		} else if strings.HasPrefix(view[j:e], "”") || strings.HasPrefix(view[j:e], "’") {
			j += len("”")
		}
		if j+1 >= e {
			continue
		}
		r1, n1 := utf8.DecodeRuneInString(view[j:e])
		r2, _ := utf8.DecodeRuneInString(view[j+n1 : e])
		if !unicode.IsUpper(r1) || !unicode.IsLower(r2) {
			continue
		}
		if c == '.' && lang.isAbbreviation(view[start:i]) {
			continue
		}
		out = append(out, span{start, j})
		start = j
	}
	return append(out, span{start, e})
}

// endsNonFinal reports whether text ends with an abbreviation that never
// ends a sentence ("Mr.", "e.g."), where punkt, seeing a capital next,
// may still break ("…books, e.g. The Hobbit").
func (l *language) endsNonFinal(text string) bool {
	text = strings.TrimRightFunc(text, unicode.IsSpace)
	if !strings.HasSuffix(text, ".") {
		return false
	}
	w := len(text) - 1
	for w > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:w])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		w -= size
	}
	_, ok := l.nonFinal[strings.ToLower(strings.TrimSuffix(text[w:], "."))]
	return ok
}
