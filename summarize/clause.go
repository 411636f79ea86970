package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text without sentence punctuation (a transcript, a lowercase paste, a
// line of notes) would otherwise be one "sentence" as long as the text,
// which no summary can shorten and no word budget fits. Such runs are cut
// into sentences at line breaks and, for a long line, into clause-sized
// pieces.

const (
	// maxClauseWords is the most words of a piece cut from a run without
	// sentence punctuation.
	maxClauseWords = 40
	// minClauseWords is the fewest words a piece ends with when it is cut
	// at a comma or a conjunction rather than at the word limit.
	minClauseWords = 8
	// maxSentenceWords is the most words of a sentence that does end with
	// terminal punctuation before it too is cut: a run-on this long is a
	// paste whose periods the splitters could not use (lower-case text).
	maxSentenceWords = 120
)

// clauseStage cuts over-long sentences; its buffer is reused.
type clauseStage struct {
	spans []span
}

// cut replaces the sentences spans[from:] longer than a sentence can be
// (see needsCut) by their pieces, appending at most up to maxCandidates
// spans in all, and returns the spans.
func (st *clauseStage) cut(view string, spans []span, from int) []span {
	long := false
	for _, sp := range spans[from:] {
		if needsCut(view[sp.start:sp.end]) {
			long = true
			break
		}
	}
	if !long {
		return spans
	}
	st.spans = append(st.spans[:0], spans[from:]...)
	spans = spans[:from]
	for _, sp := range st.spans {
		if len(spans) >= maxCandidates {
			break
		}
		if !needsCut(view[sp.start:sp.end]) {
			spans = append(spans, sp)
			continue
		}
		spans = cutRun(view, sp, spans)
	}
	return spans
}

// hasSentencePunct reports whether text holds a mark that may end a
// sentence; the ASCII marks are looked for first, in one fast pass.
func hasSentencePunct(text string) bool {
	if strings.ContainsAny(text, ".!?;") {
		return true
	}
	for _, m := range []string{"…", "。", "！", "？", "؟"} {
		if strings.Contains(text, m) {
			return true
		}
	}
	return false
}

// needsCut reports whether a sentence is too long to stand: more than
// maxClauseWords words without terminal punctuation at its end, or more
// than maxSentenceWords words whatever its end.
func needsCut(text string) bool {
	limit := maxClauseWords
	if endsSentence(text) {
		limit = maxSentenceWords
	}
	// A word takes two bytes or more, and a sentence has at most one word
	// more than it has blanks: both bounds spare most sentences the count.
	if len(text) <= limit*2 || strings.Count(text, " ")+strings.Count(text, "\n")+strings.Count(text, "\t") < limit {
		return false
	}
	return countWords(text) > limit
}

// cutRun appends the pieces of sp: its lines when it spans several (each
// cut further when still too long), or clause-sized pieces of a line: at
// most maxClauseWords words, ended at the last comma, semicolon, colon or
// dash, else before the last conjunction, that leaves minClauseWords words
// or more, else at the word limit.
func cutRun(view string, sp span, out []span) []span {
	for start := sp.start; start < sp.end; {
		end := start
		for end < sp.end && view[end] != '\n' {
			end++
		}
		s, e := trimSpan(view, start, end)
		if s < e {
			if countWords(view[s:e]) > maxClauseWords {
				out = cutLine(view, span{s, e}, out)
			} else {
				out = append(out, span{s, e})
			}
		}
		start = end + 1
		if len(out) >= maxCandidates {
			break
		}
	}
	return out
}

// cutLine cuts one line into clause-sized pieces (see cutRun).
func cutLine(view string, sp span, out []span) []span {
	start, words := sp.start, 0
	punctCut, punctWords := -1, 0 // after the last clause mark, and the words up to it
	conjCut, conjWords := -1, 0   // before the last conjunction
	emit := func(cut, cutWords int) {
		if s, e := trimSpan(view, start, cut); s < e {
			out = append(out, span{s, e})
		}
		start, words = cut, words-cutWords
		punctCut, conjCut = -1, -1
	}
	for i := sp.start; i < sp.end && len(out) < maxCandidates; {
		r, size := utf8.DecodeRuneInString(view[i:sp.end])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		ws := i
		for i < sp.end {
			r, size = utf8.DecodeRuneInString(view[i:sp.end])
			if unicode.IsSpace(r) {
				break
			}
			i += size
		}
		word := view[ws:i]
		if words == maxClauseWords {
			switch {
			case punctCut >= 0 && punctWords >= minClauseWords:
				emit(punctCut, punctWords)
			case conjCut >= 0 && conjWords >= minClauseWords:
				emit(conjCut, conjWords)
			default:
				emit(ws, words)
			}
		}
		if isConjunction(word) {
			conjCut, conjWords = ws, words
		}
		words++
		switch word[len(word)-1] {
		case ',', ';', ':':
			punctCut, punctWords = i, words
		case '-':
			if word == "-" || word == "--" {
				punctCut, punctWords = i, words
			}
		default:
			if word == "—" || word == "–" {
				punctCut, punctWords = i, words
			}
		}
	}
	if s, e := trimSpan(view, start, sp.end); s < e && len(out) < maxCandidates {
		out = append(out, span{s, e})
	}
	return out
}

// conjunctions open a clause; a piece cut before one reads as a clause.
// English only: elsewhere pieces are cut at punctuation or the limit.
var conjunctions = wordSet([]string{"and", "but", "or", "so", "because", "then", "while", "when", "although", "though", "whereas", "which", "where"})

func isConjunction(word string) bool {
	if len(word) > 8 {
		return false
	}
	var buf [8]byte
	_, ok := conjunctions[string(appendLower(buf[:0], word))]
	return ok
}
