package summarize

import (
	"math"
	"slices"
)

// weights are the scoring parameters. The defaults were chosen with
// `skim eval` on the shared dev collections; the README's "Quality"
// section records what each one bought.
type weights struct {
	// idfExponent softens IDF: term weight is (1+ln tf)·idf^idfExponent.
	idfExponent float64
	// leadShort and leadLong weigh position against centrality for a short
	// teaser (at most shortBudget of the article) and a long abridgement
	// (at least longBudget of it); in between the weight moves linearly.
	// News puts the story in the lead, so a teaser should be the lead; a
	// long summary should cover what the whole article is about.
	leadShort, leadLong     float64
	shortBudget, longBudget float64
	// positionDecay is the number of sentences over which the position
	// prior falls by a factor e.
	positionDecay float64
	// title rewards sentences that share terms with the title.
	title float64
	// shortSentenceWords: sentences shorter than this are scaled down in
	// proportion (datelines, "He agreed.", captions).
	shortSentenceWords float64
	// redundancy is the MMR penalty on the similarity to the sentences
	// already picked; duplicate is the cosine from which a sentence is a
	// near-duplicate and never picked with its twin.
	redundancy, duplicate float64
	// penalty scales the score of a sentence the caller asked to avoid
	// (quotes, questions, exclamations).
	penalty float64
}

// defaultWeights were chosen by a grid search with `skim eval` on the BBC
// dev split (--length reference, a long budget) and CNN/DailyMail dev
// (--length sentences:3, a short one) together, checked on French and
// Norwegian; the README's "Quality" section lists what each feature
// bought. Differences under ~0.3 ROUGE-1 are within noise there.
var defaultWeights = weights{
	idfExponent: 0.25, // 1.0 cost 1.3 R1 on BBC; 0 and 0.5 are within 0.3
	leadShort:   0.8, leadLong: 0.1,
	shortBudget: 0.25, longBudget: 0.4,
	positionDecay:      3,
	title:              0.1, // 0.4 cost 1.1 R1 on BBC; helps Norwegian slightly
	shortSentenceWords: 10,
	redundancy:         0.3, duplicate: 0.85,
	penalty: 0.3,
}

// mmrLimit bounds the sentences that go through redundancy control, so
// that ranking stays O(n·mmrLimit) for huge inputs.
const mmrLimit = 400

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
		f = DefaultSentences / n
	}
	return min(f, 1)
}

// leadWeight maps the budget fraction to the weight of position.
func (p *weights) leadWeight(f float64) float64 {
	switch {
	case f <= p.shortBudget:
		return p.leadShort
	case f >= p.longBudget:
		return p.leadLong
	}
	t := (f - p.shortBudget) / (p.longBudget - p.shortBudget)
	return p.leadShort + t*(p.leadLong-p.leadShort)
}

// rank scores the candidates and orders them by maximal marginal relevance.
// It returns candidate indexes, best first; near-duplicates of better
// sentences come last, after w.ranked entries.
//
// picks bounds the work: ranking stops once that many sentences are picked
// (Summarize asks for no more than it can select; Rank passes the number of
// candidates), which keeps a short summary of a long text O(n·picks).
func (s *analyzer) rank(w *workspace, opts Options, picks int) []int {
	n := len(w.cands)
	w.scores = resize(w.scores, n)
	w.centr = resize(w.centr, n)

	// Degree centrality: the mean cosine of a sentence to all others equals
	// its dot product with the sum of all unit vectors (minus itself), so it
	// costs O(terms), not O(n²).
	w.centroid = resize(w.centroid, len(w.surface))
	sum := w.centroid
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

	p := &s.weights
	lambda := p.leadWeight(budgetFraction(w, opts))
	for i := range w.cands {
		c := &w.cands[i]
		centrality := 0.0
		if maxCentr > 0 {
			centrality = w.centr[i] / maxCentr
		}
		position := math.Exp(-float64(i) / p.positionDecay)
		score := (1-lambda)*centrality + lambda*position + p.title*titleOverlap(w, c)
		if float64(c.words) < p.shortSentenceWords {
			score *= float64(c.words) / p.shortSentenceWords
		}
		if opts.AvoidQuotes && c.quote || opts.AvoidQuestions && c.question || opts.AvoidExclamations && c.exclaim {
			score *= p.penalty
		}
		w.scores[i] = score
	}
	return w.mmr(p, picks)
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
func (w *workspace) mmr(p *weights, picks int) []int {
	n := len(w.cands)
	w.order = w.order[:0]
	w.deferred = w.deferred[:0]
	w.byScore = w.byScore[:0]
	for i := range n {
		w.byScore = append(w.byScore, i)
	}
	byScore := w.byScore
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
	for len(w.order)+len(w.deferred) < len(pool) && len(w.order) < picks {
		best, bestValue := -1, math.Inf(-1)
		for _, i := range pool {
			if w.used[i] {
				continue
			}
			if w.maxSim[i] >= p.duplicate {
				w.used[i] = true
				w.deferred = append(w.deferred, i)
				continue
			}
			if v := w.scores[i] - p.redundancy*w.maxSim[i]; v > bestValue || v == bestValue && i < best {
				best, bestValue = i, v
			}
		}
		if best < 0 {
			break
		}
		w.used[best] = true
		w.order = append(w.order, best)
		for _, i := range pool {
			if w.used[i] {
				continue
			}
			sim := dot(w.cands[i].terms, w.cands[best].terms)
			if w.cands[i].fingerprint == w.cands[best].fingerprint {
				sim = 1
			}
			w.maxSim[i] = max(w.maxSim[i], sim)
		}
	}
	// Sentences beyond the pool are ranked by score alone; near-duplicates
	// go last so that a summary of any length never reaches them.
	if len(w.order) >= picks {
		w.ranked = len(w.order)
		return w.order
	}
	if len(pool) < n {
		w.order = append(w.order, byScore[len(pool):]...)
	}
	w.ranked = len(w.order)
	w.order = append(w.order, w.deferred...)
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
