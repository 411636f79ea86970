package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/skimhq/skim/api"
	"github.com/skimhq/skim/summarize"
)

// runSummarize summarizes one article read from a file or stdin.
func runSummarize(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("summarize", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: skim summarize [flags] [FILE]   (reads stdin without FILE or with -)")
		fs.PrintDefaults()
	}
	var (
		length lengthFlags
		model  modelFlags
		title  = fs.String("title", "", "article title (default: the first line when it reads as a headline)")
		format = fs.String("format", "text", "output: text (one sentence per line) or json")
	)
	length.register(fs)
	model.register(fs)
	if err := fs.Parse(args); err != nil {
		return exitError{2}
	}
	if *format != "text" && *format != "json" {
		return fmt.Errorf("--format must be text or json, got %q", *format)
	}
	opts, err := length.options()
	if err != nil {
		return err
	}
	in := stdin
	if path := fs.Arg(0); path != "" && path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	text, err := io.ReadAll(in)
	if err != nil {
		return fmt.Errorf("read article: %w", err)
	}
	s, err := model.load()
	if err != nil {
		return err
	}
	// Offsets index the text with invalid UTF-8 repaired, as the API's do.
	article := summarize.ValidUTF8(string(text))
	sum, err := s.Summarize(summarize.Document{Title: *title, Text: article}, opts)
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		// The same object POST /summarize returns, UTF-16 offsets included.
		return enc.Encode(api.NewSummaryResponse(sum, article))
	}
	for _, sentence := range sum.Sentences {
		if _, err := fmt.Fprintln(stdout, sentence.Text); err != nil {
			return err
		}
	}
	return nil
}
