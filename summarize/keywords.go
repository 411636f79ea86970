package summarize

import (
	"math"
	"slices"
	"unicode/utf8"
)

// keywords returns the n terms with the highest tf·idf over the document's
// candidates, each shown by the first lower-case surface form it had in the
// text.
func keywords(vecs *termVectors, candidates, n int) []Keyword {
	nDocs := float64(candidates)
	ids := make([]int, 0, len(vecs.surface))
	weights := make([]float64, len(vecs.surface))
	for id, surface := range vecs.surface {
		// Figures ("600m", "2004") are poor keywords even when frequent.
		if utf8.RuneCountInString(surface) < 3 || isDigit(rune(surface[0])) {
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
