package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/skimhq/skim/api"
	"github.com/skimhq/skim/summarize"
)

// newFlagSet returns the flag set of a command whose usage prints
// "usage: skim NAME SYNOPSIS", the description and the flags.
func newFlagSet(name, synopsis, about string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: skim %s %s\n", name, synopsis)
		if about != "" {
			fmt.Fprintf(stderr, "\n%s\n", strings.TrimSpace(about))
		}
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(stderr, "\nflags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// errHelp ends a command that printed its usage for -h or --help: exit 0.
var errHelp = errors.New("help requested")

// parseArgs parses args as the Go tools do: flags may come before, between
// or after the operands ("skim summarize FILE --sentences 1"), and "--"
// ends the flags. It returns the operands. -h and --help print the usage
// and return errHelp; a bad flag prints the error and the usage and
// returns exit status 2.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var operands []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errHelp
			}
			return nil, exitError{exitUsage}
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(operands, rest...), nil
		}
		if len(rest) == 0 {
			return operands, nil
		}
		operands = append(operands, rest[0])
		args = rest[1:]
	}
}

// usageError prints msg and the usage of fs, for exit status 2.
func usageError(fs *flag.FlagSet, format string, args ...any) error {
	fmt.Fprintf(fs.Output(), "skim %s: %s\n", fs.Name(), fmt.Sprintf(format, args...))
	fs.Usage()
	return exitError{exitUsage}
}

// optionFlags are the summary options of summarize and batch, named as the
// API's JSON fields with dashes. Bounds and defaults are the library's:
// summarize.Options.Validate checks them.
type optionFlags struct {
	sentences         int
	ratio             float64
	maxWords          int
	maxChars          int
	keywords          int
	order             string
	language          string
	avoidQuotes       bool
	avoidQuestions    bool
	avoidExclamations bool
}

func (o *optionFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&o.sentences, "sentences", 0, fmt.Sprintf("number of sentences, at most %d (0: %d when no other limit is set)", summarize.MaxSentences, summarize.DefaultSentences))
	fs.Float64Var(&o.ratio, "ratio", 0, "fraction of the article's sentences, in (0,1] (0: none)")
	fs.IntVar(&o.maxWords, "max-words", 0, "maximum words in the summary (0: no cap)")
	fs.IntVar(&o.maxChars, "max-chars", 0, "maximum bytes of sentence text in the summary (0: no cap)")
	fs.IntVar(&o.keywords, "keywords", summarize.DefaultKeywords, "number of keywords to return")
	fs.StringVar(&o.order, "order", string(summarize.OrderText), "sentence order: text or score")
	fs.StringVar(&o.language, "language", "auto", "language code or name, or auto to detect it; supported: "+strings.Join(summarize.Languages(), ", "))
	fs.BoolVar(&o.avoidQuotes, "avoid-quotes", false, "penalize direct quotations")
	fs.BoolVar(&o.avoidQuestions, "avoid-questions", false, "penalize questions")
	fs.BoolVar(&o.avoidExclamations, "avoid-exclamations", false, "penalize exclamations")
}

// options returns the library options, validated by the library; an error
// names the flag.
func (o *optionFlags) options() (summarize.Options, error) {
	opts := summarize.Options{
		Sentences: o.sentences, Ratio: o.ratio, MaxWords: o.maxWords, MaxChars: o.maxChars,
		Keywords: o.keywords, Order: summarize.Order(o.order), Language: o.language,
		AvoidQuotes: o.avoidQuotes, AvoidQuestions: o.avoidQuestions, AvoidExclamations: o.avoidExclamations,
	}
	if err := opts.Validate(); err != nil {
		return opts, flagError(err)
	}
	if _, err := summarize.CanonicalLanguage(o.language); err != nil {
		return opts, fmt.Errorf("--language: %w", err)
	}
	return opts, nil
}

// flagError renames the field of an option error after its flag
// ("max_words" → "--max-words").
func flagError(err error) error {
	var opt *summarize.OptionError
	if errors.As(err, &opt) {
		return invalidFlag("--" + strings.ReplaceAll(opt.Field, "_", "-") + " " + opt.Reason)
	}
	return err
}

// invalidFlag is an option error worded for the command line; it matches
// summarize.ErrInvalidOptions.
type invalidFlag string

func (e invalidFlag) Error() string { return string(e) }
func (e invalidFlag) Unwrap() error { return summarize.ErrInvalidOptions }

// newSummarizer builds the summarizers of every command; tests replace it
// to share loaded models across the many runs of one process.
var newSummarizer = summarize.New

// loadSummarizer builds the summarizer with an optional IDF table. language
// is the language the documents are asked to be in ("auto" or a code): a
// table of another language would never be used, which is a mistake worth
// stopping for.
func loadSummarizer(idfPath, language string) (*summarize.Summarizer, error) {
	var cfg summarize.Config
	if idfPath != "" {
		table, err := loadIDF(idfPath)
		if err != nil {
			return nil, err
		}
		if code, err := summarize.CanonicalLanguage(language); err == nil && code != "auto" && code != table.Language {
			return nil, fmt.Errorf("load idf %s: %w: table is for language %q, documents are %q, so it would never be used",
				idfPath, summarize.ErrBadIDF, table.Language, code)
		}
		cfg.IDF = table
	}
	s, err := newSummarizer(cfg)
	if err != nil && idfPath != "" {
		return nil, fmt.Errorf("load idf %s: %w", idfPath, err)
	}
	return s, err
}

// preload loads the models of language (the API's default preload for
// "auto") before the first document, so that its stats.took_ms measures
// summarizing, not loading.
func preload(s *summarize.Summarizer, language string) error {
	lang := api.DefaultPreload
	if code, err := summarize.CanonicalLanguage(language); err == nil && code != "auto" {
		lang = code
	}
	return s.Preload(lang)
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
