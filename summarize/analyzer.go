package summarize

import "fmt"

// analyzer is the pipeline of one language, assembled once from its entry
// in the language table (see newAnalyzer) the way bleve's analysis package
// composes an analyzer from a tokenizer and filters: the sentence splitter
// with its abbreviations, the page-chrome list, the term extractor (stop
// words, stemmer and its cache), the IDF table and the scoring weights.
// It is read-only once built (the stem cache locks itself).
type analyzer struct {
	lang     *language
	splitter segmenter
	chrome   chromeList
	terms    *termExtractor
	idf      *IDF // nil: in-document IDF
	weights  weights
}

// newAnalyzer assembles the pipeline of one language; it loads the punkt
// model when the language uses one.
func newAnalyzer(lang *language, cfg Config) (*analyzer, error) {
	a := &analyzer{
		lang:    lang,
		chrome:  newChromeList(commonChrome, lang.chrome, cfg.Chrome),
		terms:   newTermExtractor(lang.stem, lang.isStop, orDefault(cfg.StemCacheSize, DefaultStemCacheSize)),
		weights: defaultWeights,
	}
	if cfg.IDF != nil && cfg.IDF.Language == lang.code {
		a.idf = cfg.IDF
	}
	abbr := newAbbreviations(lang.abbreviations, lang.nonFinal)
	switch lang.splitter {
	case splitPunkt:
		p, err := newPunktSegmenter(lang.punkt, abbr)
		if err != nil {
			return nil, fmt.Errorf("load punkt model for %s: %w", lang.code, err)
		}
		a.splitter = p
	default:
		a.splitter = &ruleSegmenter{abbr: abbr}
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
