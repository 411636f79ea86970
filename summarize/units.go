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
	if len(next) > len(prev)*3/2 || len(next) < 40 && !endsSentence(next) || prevHeadline() {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	return last == ',' || last == ';' || last == '-' || unicode.IsLower(last)
}
