package summarize

import (
	"math"
	"slices"
)

// Scoring weights. Each was chosen by `skim eval` on the shared dev
// collections; the README's "Quality" section records what each bought.
const (
	// idfExponent softens IDF: term weight is (1+ln tf)·idf^idfExponent.
	idfExponent = 0.5
	// leadWeightShort and leadWeightLong are the weights of position
	// against centrality for a short teaser (at most shortBudget of the
	// article) and a long abridgement (at least longBudget of it); in
	// between the weight moves linearly. News puts the story in the lead,
	// so a teaser should be the lead; a long summary should cover what the
	// whole article is about.
	leadWeightShort = 0.7
	leadWeightLong  = 0.15
	shortBudget     = 0.1
	longBudget      = 0.4
	// positionDecay is the number of sentences over which the position
	// prior falls by a factor e.
	positionDecay = 3.0
	// titleWeight rewards sentences that share terms with the title.
	titleWeight = 0.2
	// shortSentenceWords: sentences shorter than this are scaled down in
	// proportion (datelines, "He agreed.", captions).
	shortSentenceWords = 10
	// redundancyWeight is the MMR penalty on the similarity to the sentences
	// already picked; duplicateSimilarity is the cosine from which a
	// sentence is a near-duplicate and never picked with its twin.
	redundancyWeight    = 0.3
	duplicateSimilarity = 0.85
	// penaltyFactor scales the score of a sentence the caller asked to avoid
	// (quotes, questions, exclamations).
	penaltyFactor = 0.3
	// mmrLimit bounds the sentences that go through redundancy control, so
	// that ranking stays O(n·mmrLimit) for huge inputs.
	mmrLimit = 400
)

// budgetFraction is the share of the article the options ask for, used to
// move between a lead-heavy and a centrality-heavy ranking.
func budgetFraction(w *workspace, opts Options) float64 {
	n := float64(len(w.cands))
	f := math.Inf(1)
	set := false
	if opts.Sentences > 0 {
		f, set = min(f, float64(opts.Sentences)/n), true
	}
	if opts.Ratio > 0 {
		f, set = min(f, opts.Ratio), true
	}
	if opts.MaxWords > 0 && w.words > 0 {
		f, set = min(f, float64(opts.MaxWords)/float64(w.words)), true
	}
	if opts.MaxChars > 0 {
		chars := 0
		for _, c := range w.cands {
			chars += c.end - c.start
		}
		if chars > 0 {
			f, set = min(f, float64(opts.MaxChars)/float64(chars)), true
		}
	}
	if !set {
		f = defaultSentences / n
	}
	return min(f, 1)
}

// leadWeight maps the budget fraction to the weight of position.
func leadWeight(f float64) float64 {
	switch {
	case f <= shortBudget:
		return leadWeightShort
	case f >= longBudget:
		return leadWeightLong
	}
	t := (f - shortBudget) / (longBudget - shortBudget)
	return leadWeightShort + t*(leadWeightLong-leadWeightShort)
}

// rank scores the candidates and orders them by maximal marginal relevance.
// It returns candidate indexes, best first; near-duplicates of better
// sentences come last, after w.ranked entries.
func (s *Summarizer) rank(w *workspace, opts Options) []int {
	n := len(w.cands)
	w.scores = resize(w.scores, n)
	w.centr = resize(w.centr, n)

	// Degree centrality: the mean cosine of a sentence to all others equals
	// its dot product with the sum of all unit vectors (minus itself), so it
	// costs O(terms), not O(n²).
	sum := make([]float64, len(w.surface))
	for _, c := range w.cands {
		for _, t := range c.terms {
			sum[t.id] += float64(t.weight)
		}
	}
	maxCentr := 0.0
	for i, c := range w.cands {
		var dot, self float64
		for _, t := range c.terms {
			dot += float64(t.weight) * sum[t.id]
			self += float64(t.weight) * float64(t.weight)
		}
		w.centr[i] = dot - self
		maxCentr = max(maxCentr, w.centr[i])
	}

	lambda := leadWeight(budgetFraction(w, opts))
	for i := range w.cands {
		c := &w.cands[i]
		centrality := 0.0
		if maxCentr > 0 {
			centrality = w.centr[i] / maxCentr
		}
		position := math.Exp(-float64(i) / positionDecay)
		score := (1-lambda)*centrality + lambda*position + titleWeight*titleOverlap(w, c)
		if c.words < shortSentenceWords {
			score *= float64(c.words) / shortSentenceWords
		}
		if opts.AvoidQuotes && c.quote || opts.AvoidQuestions && c.question || opts.AvoidExclamations && c.exclaim {
			score *= penaltyFactor
		}
		w.scores[i] = score
	}
	return w.mmr()
}

// titleOverlap is the share of the title's terms the sentence contains.
func titleOverlap(w *workspace, c *candidate) float64 {
	if len(w.titleTerms) == 0 {
		return 0
	}
	hits, j := 0, 0
	for _, t := range c.terms {
		for j < len(w.titleTerms) && w.titleTerms[j] < t.id {
			j++
		}
		if j < len(w.titleTerms) && w.titleTerms[j] == t.id {
			hits++
		}
	}
	return float64(hits) / float64(len(w.titleTerms))
}

// mmr orders candidates greedily by score minus redundancyWeight times the
// similarity to the closest sentence already picked. Near-duplicates of a
// picked sentence are set aside and appended at the end, best first.
func (w *workspace) mmr() []int {
	n := len(w.cands)
	w.order = w.order[:0]
	w.deferred = w.deferred[:0]
	byScore := make([]int, n)
	for i := range byScore {
		byScore[i] = i
	}
	slices.SortStableFunc(byScore, func(a, b int) int {
		switch {
		case w.scores[a] > w.scores[b]:
			return -1
		case w.scores[a] < w.scores[b]:
			return 1
		}
		return a - b
	})
	pool := byScore
	if len(pool) > mmrLimit {
		pool = byScore[:mmrLimit]
	}
	w.maxSim = resize(w.maxSim, n)
	w.used = resizeBool(w.used, n)
	for len(w.order)+len(w.deferred) < len(pool) {
		best, bestValue := -1, math.Inf(-1)
		for _, i := range pool {
			if w.used[i] {
				continue
			}
			if w.maxSim[i] >= duplicateSimilarity {
				w.used[i] = true
				w.deferred = append(w.deferred, i)
				continue
			}
			if v := w.scores[i] - redundancyWeight*w.maxSim[i]; v > bestValue || v == bestValue && i < best {
				best, bestValue = i, v
			}
		}
		if best < 0 {
			break
		}
		w.used[best] = true
		w.order = append(w.order, best)
		for _, i := range pool {
			if !w.used[i] {
				w.maxSim[i] = max(w.maxSim[i], dot(w.cands[i].terms, w.cands[best].terms))
			}
		}
	}
	w.ranked = len(w.order)
	w.order = append(w.order, w.deferred...)
	if len(pool) < n {
		w.order = append(w.order, byScore[len(pool):]...)
	}
	return w.order
}

// dot is the dot product of two sparse vectors sorted by term id.
func dot(a, b []termWeight) float64 {
	var sum float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id < b[j].id:
			i++
		case a[i].id > b[j].id:
			j++
		default:
			sum += float64(a[i].weight) * float64(b[j].weight)
			i++
			j++
		}
	}
	return sum
}

func resize(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func resizeBool(s []bool, n int) []bool {
	if cap(s) < n {
		return make([]bool, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func sortInt32(s []int32) { slices.Sort(s) }

func sortUnique(s []int32) []int32 {
	slices.Sort(s)
	return slices.Compact(s)
}
