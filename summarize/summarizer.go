package summarize

import (
	"fmt"
	"sync"
	"time"

	"gopkg.in/neurosnap/sentences.v1/english"
)

// DefaultStemCacheSize is the number of words whose stems a Summarizer keeps
// when Config.StemCacheSize is zero: the working vocabulary of a news
// archive, about 10 MB.
const DefaultStemCacheSize = 200_000

// Config sets up a Summarizer. The zero value is an English summarizer with
// in-document IDF.
type Config struct {
	// Language is an ISO 639-1 code (en, es, fr, ru, sv, no, hu); "" is en.
	Language string
	// IDF is an optional corpus IDF table (see IDFBuilder and skim idf). It
	// must have been built for the same language.
	IDF *IDF
	// Boilerplate adds page-chrome strings (whole lines or sentences, matched
	// ignoring case and surrounding punctuation) that are never summary
	// sentences, to the built-in lists.
	Boilerplate []string
	// StemCacheSize caps the number of cached stems (DefaultStemCacheSize when 0).
	StemCacheSize int
}

// Summarizer extracts summaries. It is safe for concurrent use; build one
// per language and reuse it, as New loads the models.
type Summarizer struct {
	lang      *language
	segmenter segmenter
	chrome    map[string]struct{}
	idf       *IDF
	stems     *stemCache
	weights   weights
	scratch   sync.Pool
}

// New loads the sentence model, stop words and stemmer for cfg.Language.
func New(cfg Config) (*Summarizer, error) {
	lang, ok := lookupLanguage(cfg.Language)
	if !ok {
		return nil, fmt.Errorf("%w: %q (supported: %v)", ErrUnsupportedLanguage, cfg.Language, Languages())
	}
	if cfg.IDF != nil && (cfg.IDF.Language != lang.code || cfg.IDF.Stemmer != lang.stemmer) {
		return nil, fmt.Errorf("%w: table is for language %q (stemmer %q), summarizer for %q",
			ErrBadIDF, cfg.IDF.Language, cfg.IDF.Stemmer, lang.code)
	}
	s := &Summarizer{
		lang:    lang,
		chrome:  chromeSet(lang, cfg.Boilerplate),
		idf:     cfg.IDF,
		weights: defaultWeights,
		stems:   newStemCache(orDefault(cfg.StemCacheSize, DefaultStemCacheSize)),
	}
	if lang.usePunkt {
		tokenizer, err := english.NewSentenceTokenizer(nil)
		if err != nil {
			return nil, fmt.Errorf("load punkt model: %w", err)
		}
		s.segmenter = &punktSegmenter{tokenizer: tokenizer, lang: lang, rules: ruleSegmenter{lang: lang}}
	} else {
		s.segmenter = &ruleSegmenter{lang: lang}
	}
	s.scratch.New = func() any { return newWorkspace() }
	return s, nil
}

// orDefault returns v, or def when v is not positive.
func orDefault(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

// Language returns the summarizer's language code.
func (s *Summarizer) Language() string { return s.lang.code }

// Stemmer returns the name of the Snowball stemmer the summarizer uses.
func (s *Summarizer) Stemmer() string { return s.lang.stemmer }

// Summarize selects the best sentences of doc under the length limits of opts.
// It returns ErrEmptyText for blank text and ErrNoSentences when no candidate
// sentence remains once the title and page chrome are removed.
func (s *Summarizer) Summarize(doc Document, opts Options) (*Summary, error) {
	began := time.Now()
	w := s.scratch.Get().(*workspace)
	defer s.scratch.Put(w)
	if err := s.analyze(w, doc); err != nil {
		return nil, err
	}
	order := s.rank(w, opts, maxPicks(opts, len(w.cands)))
	picked := selectSentences(w, order, opts)
	sum := &Summary{Title: w.title, Sentences: picked}
	sum.Text = joinSentences(picked)
	if opts.Keywords > 0 {
		sum.Keywords = keywords(w, opts.Keywords)
	}
	wordsOut := 0
	for _, p := range picked {
		wordsOut += w.cands[p.Index].words
	}
	sum.Stats = Stats{
		SentencesIn:  len(w.cands),
		SentencesOut: len(picked),
		WordsIn:      w.words,
		WordsOut:     wordsOut,
	}
	if w.words > 0 {
		sum.Stats.Reduction = 1 - float64(wordsOut)/float64(w.words)
	}
	sum.Stats.TookMS = float64(time.Since(began).Microseconds()) / 1000
	return sum, nil
}

// Rank returns every candidate sentence of doc, best first, in exactly the
// order Summarize picks them for the same options (redundancy control
// included): a summary of any length is a prefix of the ranking, minus the
// near-duplicates that Summarize skips. The ranking depends on the length
// asked for in opts, as a short teaser and a long abridgement reward
// different sentences.
func (s *Summarizer) Rank(doc Document, opts Options) ([]Sentence, error) {
	w := s.scratch.Get().(*workspace)
	defer s.scratch.Put(w)
	if err := s.analyze(w, doc); err != nil {
		return nil, err
	}
	order := s.rank(w, opts, len(w.cands))
	ranked := make([]Sentence, len(order))
	for i, idx := range order {
		ranked[i] = w.sentence(idx)
	}
	return ranked, nil
}

// Terms returns the scoring terms of text (lower-case, stop words removed,
// stemmed), in order; skim idf counts them to build IDF tables.
func (s *Summarizer) Terms(text string) []string {
	w := s.scratch.Get().(*workspace)
	defer s.scratch.Put(w)
	var terms []string
	view := normalizeView(ValidUTF8(text))
	forEachWord(view, func(word string, _ int) {
		if stem := s.stemWord(w, word); stem != "" {
			terms = append(terms, stem)
		}
	})
	return terms
}

// stemWord returns the stem of a word, or "" for a stop word.
func (s *Summarizer) stemWord(w *workspace, word string) string {
	w.lower = appendLower(w.lower[:0], word)
	return s.stems.lookup(w.lower, s.computeStem).stem
}

func (s *Summarizer) computeStem(word string) stemEntry {
	if len(word) < 2 || s.lang.isStopWord(word) {
		return stemEntry{}
	}
	if isNumber(word) {
		return stemEntry{stem: word}
	}
	return stemEntry{stem: s.lang.stem(word, false)}
}

func isNumber(word string) bool {
	for i := 0; i < len(word); i++ {
		if c := word[i]; !(c >= '0' && c <= '9' || c == '.' || c == ',') {
			return false
		}
	}
	return true
}
