package summarize

import (
	"math"
	"slices"
)

// selectSentences takes sentences in rank order under every length limit of
// opts: at most Sentences (or Ratio of the candidates) sentences, and a
// sentence that would overflow MaxWords or MaxChars is skipped for a
// shorter one further down. Near-duplicates (ranked after rk.ranked) are
// never taken. When MaxWords or MaxChars is tighter than every sentence,
// the summary is not left empty: it holds the best sentence, and overLimit
// reports that it exceeds the limit.
func selectSentences(text string, cands []candidate, rk *ranking, opts Options) (picked []Sentence, overLimit bool) {
	limit := sentenceLimit(opts, len(cands))
	words, chars := 0, 0
	for _, idx := range rk.order[:rk.ranked] {
		if len(picked) >= limit {
			break
		}
		c := &cands[idx]
		if opts.MaxWords > 0 && words+c.words > opts.MaxWords {
			continue
		}
		length := c.end - c.start
		if opts.MaxChars > 0 && chars+length+len(picked) > opts.MaxChars { // +1 space between sentences
			continue
		}
		words += c.words
		chars += length
		picked = append(picked, sentenceAt(text, cands, rk.scores, idx))
	}
	if len(picked) == 0 && rk.ranked > 0 && limit > 0 {
		return []Sentence{sentenceAt(text, cands, rk.scores, rk.order[0])}, true
	}
	if opts.Order != OrderScore {
		slices.SortFunc(picked, func(a, b Sentence) int { return a.Index - b.Index })
	}
	return picked, false
}

// sentenceAt returns candidate i as a Sentence with its score; its text is
// a substring of text, which the caller owns, never of a pooled buffer.
func sentenceAt(text string, cands []candidate, scores []float64, i int) Sentence {
	c := &cands[i]
	return Sentence{Index: i, Start: c.start, End: c.end, Text: text[c.start:c.end], Score: scores[i]}
}

// sentenceLimit is the most sentences opts lets a summary hold.
func sentenceLimit(opts Options, candidates int) int {
	limit := math.MaxInt
	if opts.Sentences > 0 {
		limit = opts.Sentences
	}
	if opts.Ratio > 0 {
		limit = min(limit, max(1, int(math.Round(opts.Ratio*float64(candidates)))))
	}
	if limit == math.MaxInt && opts.MaxWords <= 0 && opts.MaxChars <= 0 {
		limit = DefaultSentences
	}
	return limit
}

// maxPicks is how far Summarize needs the ranking: the sentence limit when
// only a count bounds the summary; the whole ranking when a word or
// character budget may skip long sentences for shorter ones further down.
func maxPicks(opts Options, candidates int) int {
	if opts.MaxWords > 0 || opts.MaxChars > 0 {
		return candidates
	}
	return min(sentenceLimit(opts, candidates), candidates)
}
