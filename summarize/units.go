package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// unit is a run of text that a sentence never crosses: a line, or several
// lines of a hard-wrapped paragraph joined together.
type unit struct {
	span
	paragraph int // index of the blank-line separated block holding the unit
}

// unitStage splits the view into units.
type unitStage struct {
	units []unit
}

// split splits the view into units, valid until the next call. A blank
// line ends a paragraph. A single line break ends a unit too (web pages
// put one paragraph, headline or button label per line) unless the
// paragraph looks hard-wrapped: the line runs on without terminal
// punctuation into a line that continues it.
func (st *unitStage) split(view string) []unit {
	st.units = splitUnits(view, st.units[:0])
	return st.units
}

func splitUnits(view string, units []unit) []unit {
	paragraph := 0
	blank := false
	open := -1 // index in units of a unit that may continue on the next line
	// The headline words of the open unit, counted up to headEnd: a
	// hard-wrapped paragraph is counted once, line by line, not again for
	// every line joined to it (which cost quadratic time).
	var head headlineWords
	headEnd := 0
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
		if open >= 0 {
			u := &units[open]
			prevHeadline := func() bool {
				head = head.add(countHeadlineWords(view[headEnd:u.end]))
				headEnd = u.end
				return head.isHeadline()
			}
			if continuesLine(view[u.start:u.end], view[s:e], prevHeadline) {
				u.end = e
				continue
			}
		}
		units = append(units, unit{span: span{s, e}, paragraph: paragraph})
		open = len(units) - 1
		head, headEnd = headlineWords{}, s
	}
	return units
}

// continuesLine reports whether next continues prev in a hard-wrapped
// paragraph: prev is long and does not end a sentence, and next starts in
// lower case, or prev ends mid-clause and next reads as the following line
// of wrapped text. prevHeadline reports looksLikeHeadline(prev); it is
// called only when the answer depends on it.
func continuesLine(prev, next string, prevHeadline func() bool) bool {
	if len(prev) < 40 || endsSentence(prev) || isDateLine(next) || isByline(next) {
		return false // a headline's byline or date line is not its continuation
	}
	r, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(r) || unicode.IsDigit(r) {
		return true
	}
	// A capitalised line continues prev only if it fits the wrap width prev
	// shows (a headline is followed by a paragraph line much longer than
	// it), is itself a wrapped line or the end of the sentence (not a short
	// label such as "Next Article"), and prev is not a Title Case headline.
	if len(next) > len(prev)*3/2 || len(next) < 40 && !endsSentence(next) || prevHeadline() {
		return false
	}
	// A wrapped line ends mid-clause: at a comma, or at a lower-case word
	// on a line near the wrap width or at a word that cannot end a clause
	// ("with"); a shorter line ending in a noun is a headline or a list
	// item ("Bus fares to rise for the first time in five years").
	last, _ := utf8.DecodeLastRuneInString(prev)
	if last == ',' || last == ';' || last == '-' {
		return true
	}
	return unicode.IsLower(last) && (len(prev) >= 60 || endsWithLinkWord(prev))
}

// linkWords are English words that cannot end a clause, so a line ending
// with one runs on into the next.
var linkWords = wordSet(strings.Fields("a an the of to in on at by for with and or but from as into than that which who whose is was are were be been his her its their our this these those not no"))

// endsWithLinkWord reports whether line ends with a word of linkWords.
func endsWithLinkWord(line string) bool {
	i := strings.LastIndexAny(line, " \t") + 1
	word := line[i:]
	if len(word) > 5 {
		return false
	}
	var buf [5]byte
	_, ok := linkWords[string(appendLower(buf[:0], word))]
	return ok
}
