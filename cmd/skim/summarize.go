package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/skimhq/skim/api"
	"github.com/skimhq/skim/summarize"
)

// runSummarize summarizes one article read from a file or stdin.
func runSummarize(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, _ func(string) string) error {
	fs := newFlagSet("summarize", "[flags] [FILE]",
		"Summarizes one article: FILE, or stdin without FILE or with -. Flags may follow FILE.\n"+
			"For many articles use skim batch.", stderr)
	var (
		opt    optionFlags
		idf    = fs.String("idf", "", "corpus IDF table built by 'skim idf' (default: in-document IDF)")
		title  = fs.String("title", "", "article title (default: the first line when it reads as a headline)")
		format = fs.String("format", "text", "output: text (one sentence per line) or json (the API's object)")
	)
	opt.register(fs)
	files, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(files) > 1 {
		return usageError(fs, "one FILE at a time, got %d (use skim batch for many)", len(files))
	}
	if *format != "text" && *format != "json" {
		return usageError(fs, "--format must be text or json, got %q", *format)
	}
	opts, err := opt.options()
	if err != nil {
		return err
	}
	in := stdin
	if len(files) == 1 && files[0] != "-" {
		f, err := os.Open(files[0])
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
	s, err := loadSummarizer(*idf, opt.language)
	if err == nil {
		err = preload(s, opt.language)
	}
	if err != nil {
		return err
	}
	doc := summarize.Document{Title: *title, Text: string(text)}
	began := time.Now()
	sum, err := s.Summarize(ctx, doc, opts)
	took := time.Since(began)
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(api.NewSummaryResponse(sum, doc.Text, took))
	}
	for _, sentence := range sum.Sentences {
		if _, err := fmt.Fprintln(stdout, sentence.Text); err != nil {
			return err
		}
	}
	return nil
}
