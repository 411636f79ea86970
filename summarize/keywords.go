package summarize

import (
	"math"
	"slices"
)

// keywords returns the n terms with the highest tf·idf over the document,
// each shown by the first lower-case surface form it had in the text.
func keywords(w *workspace, n int) []Keyword {
	nDocs := float64(len(w.cands))
	ids := make([]int, 0, len(w.surface))
	weights := make([]float64, len(w.surface))
	for id := range w.surface {
		// Figures ("600m", "2004") are poor keywords even when frequent.
		if len([]rune(w.surface[id])) < 3 || isDigit(rune(w.surface[id][0])) {
			continue
		}
		idf := math.Log(1 + nDocs/float64(w.docFreq[id]))
		weights[id] = float64(w.termFreq[id]) * idf
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
		out[i] = Keyword{Term: w.surface[id], Score: round3(weights[id] / weights[ids[0]])}
	}
	return out
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
