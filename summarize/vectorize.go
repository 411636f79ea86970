package summarize

import (
	"context"
	"math"
	"slices"
)

// termWeight is one entry of a sparse term vector.
type termWeight struct {
	id     int32
	weight float32
}

// termVectors is the output of the vector stage: the document's
// vocabulary and the term vector of each candidate.
type termVectors struct {
	// vecs[i] is candidate i's unit-length weighted term vector, sorted by id.
	vecs [][]termWeight
	// titleTerms are the ids of the title's terms found in the candidates, sorted.
	titleTerms []int32
	surface    []string // term id → first lower-case surface form seen
	docFreq    []int32  // term id → candidates containing it
	termFreq   []int32  // term id → occurrences in the document
}

// vocabulary returns the number of distinct terms.
func (v *termVectors) vocabulary() int { return len(v.surface) }

// vectorStage builds the term vectors; its buffers are reused across calls.
type vectorStage struct {
	out       termVectors
	vocab     map[string]int32
	stemsByID []string // term id → stem
	lastSeen  []int32  // term id → last candidate that counted it in docFreq
	rawTerms  []int32  // term ids of all candidates, concatenated
	bounds    []int    // candidate i's terms are rawTerms[bounds[i]:bounds[i+1]]
	weights   []termWeight
	idf       []float64 // term id → idf weight
	lower     []byte
}

func newVectorStage() vectorStage {
	return vectorStage{vocab: make(map[string]int32, 512)}
}

// build returns each candidate's unit-length term vector:
// (1 + ln tf) · idf^idfExponent, where idf comes from the corpus table when
// there is one and from the document's own sentences otherwise. The result
// is valid until the next call.
func (st *vectorStage) build(ctx context.Context, view string, cands []candidate, title string, terms *termExtractor, table *IDF, idfExponent float64) (*termVectors, error) {
	out := &st.out
	clear(st.vocab)
	out.surface, out.docFreq, out.termFreq = out.surface[:0], out.docFreq[:0], out.termFreq[:0]
	out.titleTerms = out.titleTerms[:0]
	st.stemsByID, st.lastSeen = st.stemsByID[:0], st.lastSeen[:0]
	st.rawTerms, st.bounds, st.weights = st.rawTerms[:0], st.bounds[:0], st.weights[:0]

	st.bounds = append(st.bounds, 0)
	for i := range cands {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		c := &cands[i]
		terms.forEachTerm(view[c.start:c.end], &st.lower, func(stem string, surface []byte) {
			id, ok := st.vocab[stem]
			if !ok {
				id = int32(len(out.surface))
				st.vocab[stem] = id
				out.surface = append(out.surface, string(surface))
				st.stemsByID = append(st.stemsByID, stem)
				out.docFreq = append(out.docFreq, 0)
				out.termFreq = append(out.termFreq, 0)
				st.lastSeen = append(st.lastSeen, -1)
			}
			out.termFreq[id]++
			if st.lastSeen[id] != int32(i) {
				st.lastSeen[id] = int32(i)
				out.docFreq[id]++
			}
			st.rawTerms = append(st.rawTerms, id)
		})
		st.bounds = append(st.bounds, len(st.rawTerms))
	}
	if title != "" {
		terms.forEachTerm(title, &st.lower, func(stem string, _ []byte) {
			if id, ok := st.vocab[stem]; ok {
				out.titleTerms = append(out.titleTerms, id)
			}
		})
		out.titleTerms = sortUnique(out.titleTerms)
	}

	n := float64(len(cands))
	st.idf = resize(st.idf, len(out.surface))
	idf := st.idf
	for id := range idf {
		var v float64
		if table != nil {
			v = table.Weight(st.stemsByID[id])
		} else {
			v = math.Log(1 + n/float64(out.docFreq[id]))
		}
		idf[id] = math.Pow(v, idfExponent)
	}
	vecs := resize(out.vecs, len(cands))
	for i := range cands {
		ids := st.rawTerms[st.bounds[i]:st.bounds[i+1]]
		slices.Sort(ids)
		start := len(st.weights)
		var norm float64
		for j := 0; j < len(ids); {
			k := j
			for k < len(ids) && ids[k] == ids[j] {
				k++
			}
			weight := (1 + math.Log(float64(k-j))) * idf[ids[j]]
			norm += weight * weight
			st.weights = append(st.weights, termWeight{id: ids[j], weight: float32(weight)})
			j = k
		}
		vec := st.weights[start:]
		if norm > 0 {
			inv := 1 / math.Sqrt(norm)
			for j := range vec {
				vec[j].weight = float32(float64(vec[j].weight) * inv)
			}
		}
		vecs[i] = vec[:len(vec):len(vec)]
	}
	// st.weights may have moved while growing: re-slice every vector.
	off := 0
	for i := range vecs {
		n := len(vecs[i])
		vecs[i] = st.weights[off : off+n : off+n]
		off += n
	}
	out.vecs = vecs
	return out, nil
}
