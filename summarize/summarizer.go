package summarize

import (
	"fmt"
	"sort"
	"sync"

	"github.com/skimhq/skim/summarize/internal/detect"
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
	neutral lazyAnalyzer             // the language-neutral pipeline
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
	s.neutral.lang = neutral
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

// LanguageInfo describes one supported language and what skim has for it.
type LanguageInfo struct {
	// Code is the ISO 639-1 code.
	Code string
	// Name is the English name.
	Name string
	// Native is the language's name for itself.
	Native string
	// Splitter is the sentence splitter: "punkt" or "rules".
	Splitter string
	// Stemmer names the Snowball stemmer ("" when terms are not stemmed).
	Stemmer string
	// Terms is "words", or "bigrams" for languages written without spaces.
	Terms string
	// StopWords lists the sources of the stop words ("document" when they
	// are inferred from each document).
	StopWords []string
	// Chrome reports a page-chrome list of the language's own.
	Chrome bool
}

// LanguageInfos describes every supported language, sorted by code. It
// parses no data file.
func LanguageInfos() []LanguageInfo {
	infos := make([]LanguageInfo, 0, len(languages))
	for code, lang := range languages {
		spec, f := lang.data.Spec(), lang.data.Features()
		info := LanguageInfo{Code: code, Name: spec.Name, Native: spec.Native, Splitter: "rules", Stemmer: lang.stemmer, Terms: "words", Chrome: f.Chrome || len(lang.chrome) > 0}
		if lang.punkt != nil {
			info.Splitter = "punkt"
		}
		if lang.unspaced {
			info.Terms = "bigrams"
		}
		for _, src := range f.StopWords {
			info.StopWords = append(info.StopWords, string(src))
		}
		if len(info.StopWords) == 0 {
			info.StopWords = []string{"document"}
		}
		infos = append(infos, info)
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
// the one detected in the text, or the language-neutral pipeline when
// detection is unsure. detected reports that the language was detected.
func (s *Summarizer) resolveLanguage(text string, opts Options) (a *analyzer, detected bool, err error) {
	if !isAuto(opts.Language) {
		a, err = s.analyzer(opts.Language)
	} else {
		// Detect reads a bounded prefix (detect.PrefixBytes) of the text.
		code, _, ok := detect.Detect(text)
		detected = code != ""
		if ok {
			a, err = s.analyzer(code)
		} else {
			s.neutral.once.Do(func() { s.neutral.a, s.neutral.err = newAnalyzer(neutral, s.cfg) })
			a, err = s.neutral.a, s.neutral.err
			if err == nil && code != "" {
				c := *a
				c.code = code
				a = &c
			}
		}
	}
	if err != nil {
		return nil, false, err
	}
	if a.documentStops {
		a = a.withDocumentStops(text)
	}
	return a, detected, nil
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
