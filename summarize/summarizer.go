package summarize

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"gopkg.in/neurosnap/sentences.v1/english"
)

// DefaultStemCacheSize is the number of words whose stems a Summarizer keeps
// per language when Config.StemCacheSize is zero: the working vocabulary of
// a news archive, about 10 MB.
const DefaultStemCacheSize = 200_000

// Config sets up a Summarizer. The zero value is useful: every supported
// language, in-document IDF, the built-in page-chrome lists.
type Config struct {
	// IDF is an optional corpus IDF table (see IDFBuilder and skim idf),
	// used for documents in the table's language; documents in other
	// languages use in-document IDF.
	IDF *IDF
	// Chrome adds page-chrome strings (whole lines or sentences, matched
	// ignoring case and surrounding punctuation) that are never summary
	// sentences, to the built-in lists of every language.
	Chrome []string
	// StemCacheSize caps the number of cached stems per language
	// (DefaultStemCacheSize when 0).
	StemCacheSize int
}

// Summarizer extracts summaries in every supported language. It is safe for
// concurrent use; build one per process and reuse it: a language's models
// are loaded on its first document and kept, so the memory it holds is
// bounded by the supported languages.
type Summarizer struct {
	cfg     Config
	langs   map[string]*lazyAnalyzer // one per supported language, fixed in New
	scratch sync.Pool
}

// lazyAnalyzer builds a language's analyzer on first use.
type lazyAnalyzer struct {
	once sync.Once
	lang *language
	a    *analyzer
	err  error
}

// analyzer is the pipeline of one language: its splitter, chrome list,
// stemmer cache, IDF and weights.
type analyzer struct {
	lang      *language
	segmenter segmenter
	chrome    map[string]struct{}
	idf       *IDF
	stems     *stemCache
	weights   weights
}

// New returns a Summarizer. It fails only on an IDF table that no supported
// language can use; models are loaded lazily, per language.
func New(cfg Config) (*Summarizer, error) {
	if cfg.IDF != nil {
		lang, ok := lookupLanguage(cfg.IDF.Language)
		if !ok || cfg.IDF.Language != lang.code || cfg.IDF.Stemmer != lang.stemmer {
			return nil, fmt.Errorf("%w: table is for language %q with stemmer %q, which skim does not have",
				ErrBadIDF, cfg.IDF.Language, cfg.IDF.Stemmer)
		}
	}
	s := &Summarizer{cfg: cfg, langs: make(map[string]*lazyAnalyzer, len(languages))}
	for code, lang := range languages {
		s.langs[code] = &lazyAnalyzer{lang: lang}
	}
	s.scratch.New = func() any { return newWorkspace() }
	return s, nil
}

// Preload loads the models of the given languages (all when none are given)
// so that a deployment pays their cost at start-up, not on a request.
func (s *Summarizer) Preload(languages ...string) error {
	if len(languages) == 0 {
		languages = Languages()
	}
	for _, code := range languages {
		if _, err := s.analyzer(code); err != nil {
			return err
		}
	}
	return nil
}

// analyzer returns the loaded analyzer of a language code or name.
func (s *Summarizer) analyzer(language string) (*analyzer, error) {
	lang, ok := lookupLanguage(language)
	if !ok {
		return nil, fmt.Errorf("%w: %.40q (supported: %v)", ErrUnsupportedLanguage, language, Languages())
	}
	l := s.langs[lang.code]
	l.once.Do(func() { l.a, l.err = newAnalyzer(l.lang, s.cfg) })
	return l.a, l.err
}

// newAnalyzer loads the models of one language.
func newAnalyzer(lang *language, cfg Config) (*analyzer, error) {
	a := &analyzer{
		lang:    lang,
		chrome:  chromeSet(lang, cfg.Chrome),
		weights: defaultWeights,
		stems:   newStemCache(orDefault(cfg.StemCacheSize, DefaultStemCacheSize)),
	}
	if cfg.IDF != nil && cfg.IDF.Language == lang.code {
		a.idf = cfg.IDF
	}
	if lang.usePunkt {
		tokenizer, err := english.NewSentenceTokenizer(nil)
		if err != nil {
			return nil, fmt.Errorf("load punkt model for %s: %w", lang.code, err)
		}
		a.segmenter = &punktSegmenter{tokenizer: tokenizer, lang: lang, rules: ruleSegmenter{lang: lang}}
	} else {
		a.segmenter = &ruleSegmenter{lang: lang}
	}
	return a, nil
}

// orDefault returns v, or def when v is not positive.
func orDefault(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

// LanguageInfo describes one supported language.
type LanguageInfo struct {
	// Code is the ISO 639-1 code.
	Code string
	// Stemmer names the Snowball stemmer ("" when terms are not stemmed).
	Stemmer string
}

// LanguageInfos describes every supported language, sorted by code.
func LanguageInfos() []LanguageInfo {
	infos := make([]LanguageInfo, 0, len(languages))
	for code, lang := range languages {
		infos = append(infos, LanguageInfo{Code: code, Stemmer: lang.stemmer})
	}
	sort.Slice(infos, func(i, j int) bool { return infos[i].Code < infos[j].Code })
	return infos
}

// CanonicalLanguage maps a language code, name or tag ("EN", "english",
// "en-GB") to its supported code; "" and "auto" map to "auto". It loads
// nothing.
func CanonicalLanguage(language string) (string, error) {
	if isAuto(language) {
		return "auto", nil
	}
	lang, ok := lookupLanguage(language)
	if !ok {
		return "", fmt.Errorf("%w: %.40q (supported: %v)", ErrUnsupportedLanguage, language, Languages())
	}
	return lang.code, nil
}

// resolveLanguage picks the analyzer for doc: the language opts names, or
// the one detected in the text.
func (s *Summarizer) resolveLanguage(text string, opts Options) (*analyzer, bool, error) {
	if !isAuto(opts.Language) {
		a, err := s.analyzer(opts.Language)
		return a, false, err
	}
	// TODO(issue 12): detection; English until it lands.
	a, err := s.analyzer("en")
	return a, false, err
}

// Summarize selects the best sentences of doc under the length limits of opts.
// It returns an error wrapping ErrInvalidOptions for options out of range,
// ErrEmptyText for blank text, ErrNoSentences when no candidate sentence
// remains once the title and page chrome are removed, ErrUnsupportedLanguage
// for a language it does not have, and ctx.Err() when ctx ends first.
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
	if err := a.analyze(w, doc); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	order := a.rank(w, opts, maxPicks(opts, len(w.cands)))
	picked := selectSentences(w, order, opts)
	sum := &Summary{
		Title: w.title, Sentences: picked,
		Language: a.lang.code, LanguageDetected: detected, LanguageSupport: SupportFull,
	}
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
	return sum, nil
}

// Rank returns every candidate sentence of doc, best first, in exactly the
// order Summarize picks them for the same options (redundancy control
// included): a summary of any length is a prefix of the ranking, minus the
// near-duplicates that Summarize skips. The ranking depends on the length
// asked for in opts, as a short teaser and a long abridgement reward
// different sentences.
func (s *Summarizer) Rank(ctx context.Context, doc Document, opts Options) ([]Sentence, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	a, _, err := s.resolveLanguage(doc.Text, opts)
	if err != nil {
		return nil, err
	}
	w := s.scratch.Get().(*workspace)
	defer s.scratch.Put(w)
	if err := a.analyze(w, doc); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	order := a.rank(w, opts, len(w.cands))
	ranked := make([]Sentence, len(order))
	for i, idx := range order {
		ranked[i] = w.sentence(idx)
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
	view := normalizeView(ValidUTF8(text))
	forEachWord(view, func(word string, _ int) {
		if stem := a.stemWord(w, word); stem != "" {
			terms = append(terms, stem)
		}
	})
	return terms, nil
}

// Stemmer returns the name of the Snowball stemmer of a language, as IDF
// tables record it.
func (s *Summarizer) Stemmer(language string) (string, error) {
	lang, ok := lookupLanguage(language)
	if !ok {
		return "", fmt.Errorf("%w: %.40q", ErrUnsupportedLanguage, language)
	}
	return lang.stemmer, nil
}

// stemWord returns the stem of a word, or "" for a stop word.
func (s *analyzer) stemWord(w *workspace, word string) string {
	w.lower = appendLower(w.lower[:0], word)
	return s.stems.lookup(w.lower, s.computeStem).stem
}

func (s *analyzer) computeStem(word string) stemEntry {
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
