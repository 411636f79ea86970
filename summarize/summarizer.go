package summarize

import (
	"fmt"
	"sort"
	"sync"
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

// Stemmer returns the name of the Snowball stemmer of a language, as IDF
// tables record it.
func (s *Summarizer) Stemmer(language string) (string, error) {
	lang, ok := lookupLanguage(language)
	if !ok {
		return "", fmt.Errorf("%w: %.40q", ErrUnsupportedLanguage, language)
	}
	return lang.stemmer, nil
}
