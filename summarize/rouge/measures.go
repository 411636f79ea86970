package rouge

import "slices"

// A workspace holds one candidate/reference pair as interned token ids plus
// the scratch memory of the measures. Workspaces are pooled per Scorer.
type workspace struct {
	buf []byte           // normalized text of the sentence being tokenized
	ids map[string]int32 // token -> dense id, shared by both sides

	cand, ref         []int32 // token ids of all sentences, concatenated
	candEnds, refEnds []int   // end offset of each sentence in cand/ref

	cntC, cntR   []int32  // unigram counts by id
	keysC, keysR []uint64 // sorted bigram keys
	row          []int32  // rows of an LCS table
	left         []uint64 // per LCS table cell: backtracking moves left
	mark         []bool   // reference positions in the union LCS
	stamp        []int32  // id -> 1+index of the last reference sentence holding it
}

// maxPooledIDs is the vocabulary size above which the id map is dropped
// rather than cleared, so that one huge input does not slow later calls.
const maxPooledIDs = 1 << 16

func (w *workspace) reset() {
	if len(w.ids) > maxPooledIDs {
		w.ids = make(map[string]int32)
	} else {
		clear(w.ids)
	}
	w.cand, w.ref = w.cand[:0], w.ref[:0]
	w.candEnds, w.refEnds = w.candEnds[:0], w.refEnds[:0]
}

// zeroed returns s resized to n elements, all zero, reusing its memory.
func zeroed[T any](s []T, n int) []T {
	s = slices.Grow(s[:0], n)[:n]
	clear(s)
	return s
}

// countUnigrams fills cntC and cntR with the token counts of each side.
func (w *workspace) countUnigrams() {
	w.cntC = zeroed(w.cntC, len(w.ids))
	w.cntR = zeroed(w.cntR, len(w.ids))
	for _, id := range w.cand {
		w.cntC[id]++
	}
	for _, id := range w.ref {
		w.cntR[id]++
	}
}

// rouge1 returns ROUGE-1 with clipped counts and leaves the unigram counts
// in cntC and cntR.
func (w *workspace) rouge1() Score {
	w.countUnigrams()
	hits := 0
	for id, c := range w.cntC {
		hits += int(min(c, w.cntR[id]))
	}
	return newScore(hits, len(w.cand), len(w.ref))
}

// rouge2 returns ROUGE-2 with clipped counts. Bigrams are packed into
// uint64 keys and counted by sorting and merging both sides.
func (w *workspace) rouge2() Score {
	w.keysC = appendBigrams(w.keysC[:0], w.cand)
	w.keysR = appendBigrams(w.keysR[:0], w.ref)
	return newScore(clippedOverlap(w.keysC, w.keysR), len(w.keysC), len(w.keysR))
}

func appendBigrams(dst []uint64, ids []int32) []uint64 {
	for i := 1; i < len(ids); i++ {
		dst = append(dst, uint64(ids[i-1])<<32|uint64(ids[i]))
	}
	slices.Sort(dst)
	return dst
}

// clippedOverlap returns the sum over distinct keys of the smaller of the
// key's counts in a and b, both sorted.
func clippedOverlap(a, b []uint64) int {
	hits := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			k := a[i]
			na, nb := 0, 0
			for ; i < len(a) && a[i] == k; i++ {
				na++
			}
			for ; j < len(b) && b[j] == k; j++ {
				nb++
			}
			hits += min(na, nb)
		}
	}
	return hits
}

// rougeL returns ROUGE-L: the LCS of the whole candidate and reference.
func (w *workspace) rougeL() Score {
	if len(w.cand) == 0 || len(w.ref) == 0 {
		return Score{}
	}
	var n int
	n, w.row = lcsLength(w.cand, w.ref, w.row)
	return newScore(n, len(w.cand), len(w.ref))
}

// lcsLength returns the length of the longest common subsequence of a and b
// in O(len(a)·len(b)) time and O(min) memory, reusing row.
func lcsLength(a, b, row []int32) (int, []int32) {
	if len(a) < len(b) {
		a, b = b, a
	}
	row = zeroed(row, len(b)+1)
	for _, x := range a {
		diag := int32(0) // previous row, column j
		for j, y := range b {
			up := row[j+1] // previous row, column j+1
			if x == y {
				row[j+1] = diag + 1
			} else if row[j] > up {
				row[j+1] = row[j]
			}
			diag = up
		}
	}
	return int(row[len(b)]), row
}

// rougeLsum returns the summary-level LCS score. It must run after
// countUnigrams (or rouge1) and consumes cntC and cntR.
func (w *workspace) rougeLsum() Score {
	m, n := len(w.ref), len(w.cand)
	if m == 0 || n == 0 {
		return Score{}
	}
	w.stamp = zeroed(w.stamp, len(w.ids))
	hits := 0
	rs := 0
	for ri, re := range w.refEnds {
		r := w.ref[rs:re]
		rs = re
		if len(r) == 0 {
			continue
		}
		stamp := int32(ri + 1)
		for _, id := range r {
			w.stamp[id] = stamp
		}
		w.mark = zeroed(w.mark, len(r))
		cs := 0
		for _, ce := range w.candEnds {
			c := w.cand[cs:ce]
			cs = ce
			if w.shares(c, stamp) {
				w.markLCS(r, c)
			}
		}
		// Count each token of the union LCS only while it has unused
		// occurrences on both sides, as rouge_score and ROUGE-1.5.5 do.
		for i, id := range r {
			if w.mark[i] && w.cntC[id] > 0 && w.cntR[id] > 0 {
				hits++
				w.cntC[id]--
				w.cntR[id]--
			}
		}
	}
	return newScore(hits, n, m)
}

// shares reports whether sentence c holds a token stamped for the current
// reference sentence; if not, their LCS is empty.
func (w *workspace) shares(c []int32, stamp int32) bool {
	for _, id := range c {
		if w.stamp[id] == stamp {
			return true
		}
	}
	return false
}

// markLCS marks in w.mark the positions of r that belong to the LCS of r and
// c chosen by rouge_score's backtracking (_backtrack_norec): on a mismatch
// it moves left in c only when that keeps a strictly longer prefix LCS, so
// ties go up in r. The choice matters, since the union over candidate
// sentences depends on which of several LCSs is taken.
//
// Backtracking needs, for each cell of the LCS table, only that comparison,
// so the table is kept as one bit per cell (computed with two rolling rows)
// rather than as integers: len(r)·len(c)/8 bytes.
func (w *workspace) markLCS(r, c []int32) {
	m := len(c)
	w.row = zeroed(w.row, 2*(m+1))
	prev, cur := w.row[:m+1], w.row[m+1:]
	w.left = zeroed(w.left, (len(r)*m+63)/64)
	left := w.left
	k := 0 // cell (i, j) is bit (i-1)·m + (j-1)
	for _, x := range r {
		for j, y := range c {
			switch {
			case x == y:
				cur[j+1] = prev[j] + 1
			case cur[j] > prev[j+1]:
				cur[j+1] = cur[j]
				left[k>>6] |= 1 << (k & 63)
			default:
				cur[j+1] = prev[j+1]
			}
			k++
		}
		prev, cur = cur, prev
	}
	for i, j := len(r), m; i > 0 && j > 0; {
		switch k := (i-1)*m + j - 1; {
		case r[i-1] == c[j-1]:
			w.mark[i-1] = true
			i--
			j--
		case left[k>>6]&(1<<(k&63)) != 0:
			j--
		default:
			i--
		}
	}
}
