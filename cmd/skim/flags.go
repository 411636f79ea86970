package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/skimhq/skim/summarize"
)

// lengthFlags are the summary options shared by summarize, batch and serve
// (parity with the API's JSON fields).
type lengthFlags struct {
	sentences      int
	ratio          float64
	maxWords       int
	maxChars       int
	keywords       int
	order          string
	avoidQuotes    bool
	avoidQuestions bool
}

func (l *lengthFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&l.sentences, "sentences", 0, "number of sentences (default 3 when no other limit is set)")
	fs.Float64Var(&l.ratio, "ratio", 0, "fraction of the article's sentences, in (0,1]")
	fs.IntVar(&l.maxWords, "max-words", 0, "maximum words in the summary")
	fs.IntVar(&l.maxChars, "max-chars", 0, "maximum characters in the summary")
	fs.IntVar(&l.keywords, "keywords", 5, "number of keywords to return")
	fs.StringVar(&l.order, "order", "text", "sentence order: text or score")
	fs.BoolVar(&l.avoidQuotes, "avoid-quotes", false, "penalize direct quotations")
	fs.BoolVar(&l.avoidQuestions, "avoid-questions", false, "penalize questions")
}

// options validates the flags and returns the library options.
func (l *lengthFlags) options() (summarize.Options, error) {
	switch {
	case l.sentences < 0 || l.sentences > 1000:
		return summarize.Options{}, fmt.Errorf("--sentences must be between 1 and 1000, got %d", l.sentences)
	case l.ratio < 0 || l.ratio > 1:
		return summarize.Options{}, fmt.Errorf("--ratio must be in (0,1], got %g", l.ratio)
	case l.maxWords < 0 || l.maxChars < 0 || l.keywords < 0:
		return summarize.Options{}, fmt.Errorf("--max-words, --max-chars and --keywords must not be negative")
	case l.order != string(summarize.OrderText) && l.order != string(summarize.OrderScore):
		return summarize.Options{}, fmt.Errorf("--order must be text or score, got %q", l.order)
	}
	return summarize.Options{
		Sentences: l.sentences, Ratio: l.ratio, MaxWords: l.maxWords, MaxChars: l.maxChars,
		Keywords: l.keywords, Order: summarize.Order(l.order),
		AvoidQuotes: l.avoidQuotes, AvoidQuestions: l.avoidQuestions,
	}, nil
}

// modelFlags select the summarizer: language and optional corpus IDF.
type modelFlags struct {
	language string
	idf      string
}

func (m *modelFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&m.language, "language", "en", "language: "+fmt.Sprint(summarize.Languages()))
	fs.StringVar(&m.idf, "idf", "", "corpus IDF table built by 'skim idf' (default: in-document IDF)")
}

// load builds the summarizer, validating the IDF table up front.
func (m *modelFlags) load() (*summarize.Summarizer, error) {
	cfg := summarize.Config{Language: m.language}
	if m.idf != "" {
		table, err := loadIDF(m.idf)
		if err != nil {
			return nil, err
		}
		cfg.IDF = table
	}
	return summarize.New(cfg)
}

func loadIDF(path string) (*summarize.IDF, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load idf %s: %w", path, err)
	}
	defer f.Close()
	table, err := summarize.ReadIDF(f)
	if err != nil {
		return nil, fmt.Errorf("load idf %s: %w", path, err)
	}
	return table, nil
}
