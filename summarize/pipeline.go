package summarize

import (
	"context"
	"strings"
)

// The pipeline, stage by stage (see the package documentation for the map
// of files). Each stage takes its inputs as parameters and returns its
// outputs; the buffers a stage reuses between calls live in its own state
// type, and workspace only bundles those for the pool.

// workspace is the reusable state of every stage for one call, pooled by
// the Summarizer. Nothing in it outlives a call except through copies.
type workspace struct {
	units   unitStage
	title   titleStage
	chrome  chromeStage
	segment segmentStage
	cands   candidateStage
	vectors vectorStage
	rank    rankStage
	lower   []byte // Terms' lower-case buffer
}

func newWorkspace() *workspace {
	return &workspace{vectors: newVectorStage()}
}

// analysis is what the stages up to the term vectors find in a document.
type analysis struct {
	text  string // the document text with invalid UTF-8 repaired: offsets index it
	title string
	cands []candidate
	words int // words in all candidates
	vecs  *termVectors
}

// analyze runs the stages from the raw text to the term vectors:
// normalize → units → title → chrome → segment → candidates → vectors.
func (a *analyzer) analyze(ctx context.Context, w *workspace, doc Document) (analysis, error) {
	text := ValidUTF8(doc.Text)
	view := normalizeView(text)
	if strings.TrimSpace(view) == "" { // control characters read as spaces
		return analysis{}, ErrEmptyText
	}
	units := w.units.split(view)
	if err := ctx.Err(); err != nil {
		return analysis{}, err
	}
	title, units := w.title.find(view, units, doc.Title, a.chrome, a.terms.isStop)
	body := w.chrome.bodyUnits(view, units, a.chrome)
	spans, paragraphs, err := w.segment.split(ctx, view, body, a.splitter)
	if err != nil {
		return analysis{}, err
	}
	cands, words, err := w.cands.build(ctx, view, spans, paragraphs, a.chrome)
	if err != nil {
		return analysis{}, err
	}
	if len(cands) == 0 {
		return analysis{}, ErrNoSentences
	}
	vecs, err := w.vectors.build(ctx, view, cands, title, a.terms, a.idf, a.weights.idfExponent)
	if err != nil {
		return analysis{}, err
	}
	return analysis{text: text, title: title, cands: cands, words: words, vecs: vecs}, nil
}

// Summarize selects the best sentences of doc under the length limits of opts.
// It returns an error wrapping ErrInvalidOptions for options out of range,
// ErrEmptyText for blank text, ErrNoSentences when no candidate sentence
// remains once the title and page chrome are removed, ErrUnsupportedLanguage
// for a language it does not have, and ctx.Err() when ctx ends first (the
// context is checked between stages and inside their long loops).
func (s *Summarizer) Summarize(ctx context.Context, doc Document, opts Options) (*Summary, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	a, detected, err := s.resolveLanguage(doc.Text, opts)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	w := s.scratch.Get().(*workspace)
	defer s.scratch.Put(w)
	an, err := a.analyze(ctx, w, doc)
	if err != nil {
		return nil, err
	}
	rk, err := w.rank.rank(ctx, an.cands, an.words, an.vecs, &a.weights, opts, maxPicks(opts, len(an.cands)))
	if err != nil {
		return nil, err
	}
	picked, overLimit := selectSentences(an.text, an.cands, rk, opts)
	sum := &Summary{
		Text: joinSentences(picked), Title: an.title, Sentences: picked, OverLimit: overLimit,
		Language: a.code, LanguageDetected: detected, LanguageSupport: a.support,
	}
	if opts.Keywords > 0 {
		sum.Keywords = keywords(an.vecs, len(an.cands), opts.Keywords, a.keywordStop)
	}
	wordsOut := 0
	for _, p := range picked {
		wordsOut += an.cands[p.Index].words
	}
	sum.Stats = Stats{
		SentencesIn:  len(an.cands),
		SentencesOut: len(picked),
		WordsIn:      an.words,
		WordsOut:     wordsOut,
	}
	if an.words > 0 {
		sum.Stats.Reduction = 1 - float64(wordsOut)/float64(an.words)
	}
	return sum, nil
}

// Rank returns every candidate sentence of doc, best first, in exactly the
// order Summarize picks them for the same options (redundancy control
// included): a summary of any length is a prefix of the ranking, minus the
// near-duplicates that Summarize skips. The ranking depends on the length
// asked for in opts, as a short teaser and a long abridgement reward
// different sentences. It returns the errors Summarize does.
func (s *Summarizer) Rank(ctx context.Context, doc Document, opts Options) ([]Sentence, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	a, _, err := s.resolveLanguage(doc.Text, opts)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	w := s.scratch.Get().(*workspace)
	defer s.scratch.Put(w)
	an, err := a.analyze(ctx, w, doc)
	if err != nil {
		return nil, err
	}
	rk, err := w.rank.rank(ctx, an.cands, an.words, an.vecs, &a.weights, opts, len(an.cands))
	if err != nil {
		return nil, err
	}
	ranked := make([]Sentence, len(rk.order))
	for i, idx := range rk.order {
		ranked[i] = sentenceAt(an.text, an.cands, rk.scores, idx)
	}
	return ranked, nil
}

// Terms returns the scoring terms of text in a language (lower-case, stop
// words removed, stemmed), in order; skim idf counts them to build IDF
// tables. The language must be named: IDF tables are per language.
func (s *Summarizer) Terms(language, text string) ([]string, error) {
	a, err := s.analyzer(language)
	if err != nil {
		return nil, err
	}
	w := s.scratch.Get().(*workspace)
	defer s.scratch.Put(w)
	var terms []string
	a.terms.forEachTerm(normalizeView(ValidUTF8(text)), &w.lower, func(term string, _ []byte) {
		terms = append(terms, term)
	})
	return terms, nil
}
