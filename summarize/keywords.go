package summarize

import (
	"math"
	"slices"
	"unicode/utf8"
)

// keywords returns the n terms with the highest tf·idf over the document's
// candidates, each shown by the first lower-case surface form it had in the
// text. A surface form that isStop reports is never a keyword: the term
// weighting may use a shorter stop list than every list of the language.
func keywords(vecs *termVectors, candidates, n int, isStop func(string) bool) []Keyword {
	nDocs := float64(candidates)
	ids := make([]int, 0, len(vecs.surface))
	weights := make([]float64, len(vecs.surface))
	for id, surface := range vecs.surface {
		// Figures ("600m", "2004") are poor keywords even when frequent.
		// Two ideographs or Hangul syllables make a Chinese, Japanese or
		// Korean word; elsewhere a two-letter word is an abbreviation or a
		// function word.
		// isStop, the costliest test (two lists for some languages), is
		// left to dropWordTails, which asks it only of the best terms
		// until n are kept: the order by weight is total, so the terms it
		// keeps are those that filtering every term first would keep.
		if runes := utf8.RuneCountInString(surface); runes < 2 || runes < 3 && !hasSyllables(surface) ||
			isDigit(rune(surface[0])) {
			continue
		}
		idf := math.Log(1 + nDocs/float64(vecs.docFreq[id]))
		weights[id] = float64(vecs.termFreq[id]) * idf
		ids = append(ids, id)
	}
	slices.SortStableFunc(ids, func(a, b int) int {
		switch {
		case weights[a] > weights[b]:
			return -1
		case weights[a] < weights[b]:
			return 1
		}
		return a - b
	})
	ids = dropWordTails(vecs, ids, n, isStop)
	if len(ids) > n {
		ids = ids[:n]
	}
	out := make([]Keyword, len(ids))
	for i, id := range ids {
		out[i] = Keyword{Term: vecs.surface[id], Score: round3(weights[id] / weights[ids[0]])}
	}
	return out
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// dropWordTails removes, from the best-first ids, the Chinese or Japanese
// bigrams that overlap a better one by a character and occur exactly as
// often: they are pieces of the same longer word ("公交" and "交专" of
// "公交专用道"), not another keyword; and the stop words isStop reports.
// It stops once n keywords are kept.
func dropWordTails(vecs *termVectors, ids []int, n int, isStop func(string) bool) []int {
	kept := ids[:0:0]
	for _, id := range ids {
		if len(kept) == n {
			break
		}
		surface := vecs.surface[id]
		if isStop(surface) {
			continue
		}
		tail := false
		if hasIdeographs(surface) {
			first, _ := utf8.DecodeRuneInString(surface)
			last, _ := utf8.DecodeLastRuneInString(surface)
			for _, k := range kept {
				other := vecs.surface[k]
				f, _ := utf8.DecodeRuneInString(other)
				l, _ := utf8.DecodeLastRuneInString(other)
				if vecs.termFreq[k] == vecs.termFreq[id] && (l == first || f == last) {
					tail = true
					break
				}
			}
		}
		if !tail {
			kept = append(kept, id)
		}
	}
	return kept
}

// hasSyllables reports whether a word holds ideographs, kana or Hangul,
// scripts in which one character is a syllable or a morpheme.
func hasSyllables(word string) bool {
	for _, r := range word {
		if isIdeographic(r) || r >= 0xAC00 && r < 0xD7B0 {
			return true
		}
	}
	return false
}
