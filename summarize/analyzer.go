package summarize

import (
	"fmt"

	"github.com/skimhq/skim/summarize/internal/langdata"
)

// analyzer is the pipeline of one language, assembled once from its entry
// in the language table (see newAnalyzer) the way bleve's analysis package
// composes an analyzer from a tokenizer and filters: the sentence splitter
// with its abbreviations, the page-chrome list, the term extractor (stop
// words, stemmer and its cache), the IDF table and the scoring weights.
// It is read-only once built (the stem cache locks itself).
type analyzer struct {
	lang     *language
	code     string  // the code a summary reports (the detected one for the neutral pipeline)
	support  Support // how much of a language's pipeline this is
	splitter segmenter
	chrome   chromeList
	terms    *termExtractor
	// keywordStop reports the words keywords never are: the union of every
	// stop list of the language and the term-weighting stop words.
	keywordStop func(word string) bool
	// documentStops: the language has no stop list, so each document's stop
	// words are inferred from it (see withDocumentStops).
	documentStops bool
	idf           *IDF // nil: in-document IDF
	weights       weights
}

// newAnalyzer assembles the pipeline of one language; it loads the punkt
// model when the language uses one.
func newAnalyzer(lang *language, cfg Config) (*analyzer, error) {
	a := &analyzer{lang: lang, code: lang.code, support: SupportFull, weights: defaultWeights}
	var langChrome []string
	isStop, abbrs := lang.isStop, lang.abbreviations
	if lang.data != nil {
		langChrome = lang.data.Chrome()
		union := lang.data.StopWords()
		if union.Len() > 0 {
			a.keywordStop = union.Has
			if isStop == nil {
				isStop = weightingStops(lang.data).Has
			} else {
				legacy := isStop
				a.keywordStop = func(w string) bool { return legacy(w) || union.Has(w) }
			}
		}
		if abbrs == nil {
			abbrs = lang.data.Abbreviations().Words()
		}
	}
	if lang == neutral {
		a.support = SupportBasic
	}
	if isStop == nil {
		a.documentStops = true
		isStop = func(string) bool { return false }
	}
	if a.keywordStop == nil {
		a.keywordStop = isStop
	}
	// Unstemmed word terms hide a lede's recurrence (see weights).
	a.weights.recurrenceUnknown = lang.stem == nil && !lang.unspaced
	a.chrome = newChromeList(commonChrome, lang.chrome, langChrome, cfg.Chrome)
	a.terms = newTermExtractor(lang.stem, isStop, orDefault(cfg.StemCacheSize, DefaultStemCacheSize))
	a.terms.unspaced = lang.unspaced
	if cfg.IDF != nil && cfg.IDF.Language == lang.code {
		a.idf = cfg.IDF
	}
	abbr := newAbbreviations(abbrs, lang.nonFinal)
	rules := ruleSegmenter{abbr: abbr, ends: lang.terminators, ordinals: lang.ordinals}
	a.splitter = &rules
	if lang.punkt != nil {
		p, err := newPunktSegmenter(lang.punkt, rules)
		if err != nil {
			return nil, fmt.Errorf("load punkt model for %s: %w", lang.code, err)
		}
		p.lowerContinues = lang.lowerContinues
		a.splitter = p
	}
	return a, nil
}

// weightingStops is the stop list terms are weighted with: the curated
// Snowball or Lucene list where the language has one, as English weights
// with Snowball's, since the larger stopwords-iso lists also hold topic
// words ("years", "affected"); the union of every list otherwise.
func weightingStops(data *langdata.Language) langdata.Set {
	for _, src := range []langdata.Source{langdata.SourceSnowball, langdata.SourceLucene} {
		if s := data.StopList(src); s.Len() > 0 {
			return s
		}
	}
	return data.StopWords()
}

// withDocumentStops returns a copy of a whose term extractor drops the stop
// words inferred from text, for a language without a stop list. The copy
// has no stem cache: its stop words hold for this document only.
func (a *analyzer) withDocumentStops(text string) *analyzer {
	stops := inferStopWords(normalizeView(ValidUTF8(text)), a.lang.terminators)
	isStop := func(w string) bool { _, ok := stops[w]; return ok }
	c := *a
	c.terms = &termExtractor{stem: a.terms.stem, isStop: isStop, unspaced: a.terms.unspaced}
	c.keywordStop = isStop
	return &c
}

// orDefault returns v, or def when v is not positive.
func orDefault(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}
