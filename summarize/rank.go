package summarize

import (
	"context"
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

// ranking is the output of the score stage: every candidate, best first.
type ranking struct {
	// order holds candidate indexes, best first; near-duplicates of better
	// sentences come last, from order[ranked:], and are never picked.
	order  []int
	ranked int
	scores []float64 // candidate index → final score
}

// rankStage scores and orders the candidates; its buffers are reused.
type rankStage struct {
	out      ranking
	centroid []float64 // term id → sum of the unit sentence vectors
	centr    []float64
	byScore  []int
	maxSim   []float64
	used     []bool
	deferred []int
}

// budgetFraction is the share of the article the options ask for, used to
// move between a lead-heavy and a centrality-heavy ranking.
func budgetFraction(cands []candidate, words int, opts Options) float64 {
	n := float64(len(cands))
	f := math.Inf(1)
	set := false
	if opts.Sentences > 0 {
		f, set = min(f, float64(opts.Sentences)/n), true
	}
	if opts.Ratio > 0 {
		f, set = min(f, opts.Ratio), true
	}
	if opts.MaxWords > 0 && words > 0 {
		f, set = min(f, float64(opts.MaxWords)/float64(words)), true
	}
	if opts.MaxChars > 0 {
		chars := 0
		for _, c := range cands {
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
// The result is valid until the next call.
//
// picks bounds the work: ranking stops once that many sentences are picked
// (Summarize asks for no more than it can select; Rank passes the number of
// candidates), which keeps a short summary of a long text O(n·picks).
func (st *rankStage) rank(ctx context.Context, cands []candidate, words int, vecs *termVectors, p *weights, opts Options, picks int) (*ranking, error) {
	n := len(cands)
	st.out.scores = resize(st.out.scores, n)
	st.centr = resize(st.centr, n)
	scores := st.out.scores

	// Degree centrality: the mean cosine of a sentence to all others equals
	// its dot product with the sum of all unit vectors (minus itself), so it
	// costs O(terms), not O(n²).
	st.centroid = resize(st.centroid, vecs.vocabulary())
	sum := st.centroid
	for _, vec := range vecs.vecs {
		for _, t := range vec {
			sum[t.id] += float64(t.weight)
		}
	}
	maxCentr := 0.0
	for i, vec := range vecs.vecs {
		var dot, self float64
		for _, t := range vec {
			dot += float64(t.weight) * sum[t.id]
			self += float64(t.weight) * float64(t.weight)
		}
		st.centr[i] = dot - self
		maxCentr = max(maxCentr, st.centr[i])
	}

	lambda := p.leadWeight(budgetFraction(cands, words, opts))
	for i := range cands {
		c := &cands[i]
		centrality := 0.0
		if maxCentr > 0 {
			centrality = st.centr[i] / maxCentr
		}
		position := math.Exp(-float64(i) / p.positionDecay)
		score := (1-lambda)*centrality + lambda*position + p.title*titleOverlap(vecs.titleTerms, vecs.vecs[i])
		if float64(c.words) < p.shortSentenceWords {
			score *= float64(c.words) / p.shortSentenceWords
		}
		if opts.AvoidQuotes && c.quote || opts.AvoidQuestions && c.question || opts.AvoidExclamations && c.exclaim {
			score *= p.penalty
		}
		scores[i] = score
	}
	if err := st.mmr(ctx, cands, vecs.vecs, p, picks); err != nil {
		return nil, err
	}
	return &st.out, nil
}

// titleOverlap is the share of the title's terms the sentence contains.
func titleOverlap(titleTerms []int32, vec []termWeight) float64 {
	if len(titleTerms) == 0 {
		return 0
	}
	hits, j := 0, 0
	for _, t := range vec {
		for j < len(titleTerms) && titleTerms[j] < t.id {
			j++
		}
		if j < len(titleTerms) && titleTerms[j] == t.id {
			hits++
		}
	}
	return float64(hits) / float64(len(titleTerms))
}

// mmr orders candidates greedily by score minus redundancy times the
// similarity to the closest sentence already picked. Near-duplicates of a
// picked sentence are set aside and appended at the end, best first.
func (st *rankStage) mmr(ctx context.Context, cands []candidate, vecs [][]termWeight, p *weights, picks int) error {
	n := len(cands)
	scores := st.out.scores
	order := st.out.order[:0]
	st.deferred = st.deferred[:0]
	st.byScore = st.byScore[:0]
	for i := range n {
		st.byScore = append(st.byScore, i)
	}
	byScore := st.byScore
	slices.SortStableFunc(byScore, func(a, b int) int {
		switch {
		case scores[a] > scores[b]:
			return -1
		case scores[a] < scores[b]:
			return 1
		}
		return a - b
	})
	pool := byScore
	if len(pool) > mmrLimit {
		pool = byScore[:mmrLimit]
	}
	st.maxSim = resize(st.maxSim, n)
	st.used = resize(st.used, n)
	maxSim, used := st.maxSim, st.used
	for len(order)+len(st.deferred) < len(pool) && len(order) < picks {
		if err := ctx.Err(); err != nil {
			st.out.order = order
			return err
		}
		best, bestValue := -1, math.Inf(-1)
		for _, i := range pool {
			if used[i] {
				continue
			}
			if maxSim[i] >= p.duplicate {
				used[i] = true
				st.deferred = append(st.deferred, i)
				continue
			}
			if v := scores[i] - p.redundancy*maxSim[i]; v > bestValue || v == bestValue && i < best {
				best, bestValue = i, v
			}
		}
		if best < 0 {
			break
		}
		used[best] = true
		order = append(order, best)
		for _, i := range pool {
			if used[i] {
				continue
			}
			sim := dot(vecs[i], vecs[best])
			if cands[i].fingerprint == cands[best].fingerprint {
				sim = 1
			}
			maxSim[i] = max(maxSim[i], sim)
		}
	}
	// Sentences beyond the pool are ranked by score alone; near-duplicates
	// go last so that a summary of any length never reaches them.
	if len(order) >= picks {
		st.out.order, st.out.ranked = order, len(order)
		return nil
	}
	if len(pool) < n {
		order = append(order, byScore[len(pool):]...)
	}
	st.out.ranked = len(order)
	st.out.order = append(order, st.deferred...)
	return nil
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
