package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/skimhq/skim/cmd/skim/internal/eval"
	"github.com/skimhq/skim/cmd/skim/internal/extracteval"
)

// runEval scores skim and baselines with ROUGE against reference summaries,
// or (--task extract) skim's main-content extraction against trafilatura's
// evaluation set.
func runEval(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, _ func(string) string) error {
	fs := newFlagSet("eval", "--data PATH [flags]",
		"Scores skim and baselines with ROUGE against the reference summaries of PATH\n"+
			"(the BBC News Summary layout, or JSONL with a summary field), and measures\n"+
			"skim's speed on the same articles.\n\n"+
			"With --task extract, scores the extraction of web pages instead: PATH is trafilatura's\n"+
			"evaluation set (ground-truth.jsonl and html/), scored by its snippet metric (precision,\n"+
			"recall, F1 over all pages) next to the published figures, with pages/s on one core.", stderr)
	var (
		task        = fs.String("task", "summary", "what to evaluate: summary (ROUGE) or extract (main-content extraction)")
		failures    = fs.String("failures", "", "--task extract: write each missed or kept snippet to this file")
		data        = fs.String("data", "", "evaluation data: BBC folder layout or JSONL with summaries; for --task extract, the trafilatura-eval folder (required)")
		lengthFlag  = fs.String("length", "reference", "summary length: reference, sentences:N or ratio:R")
		systemsFlag = fs.String("systems", strings.Join(eval.Systems, ","), "systems to score: "+strings.Join(eval.Systems, ", "))
		language    = fs.String("language", "auto", "language of the articles, or auto to detect each one's")
		idf         = fs.String("idf", "", "corpus IDF table built by 'skim idf' (default: in-document IDF)")
		limit       = fs.Int("limit", 0, "score only the first N articles (0: all)")
		format      = fs.String("format", "table", "output: "+strings.Join(eval.Formats, ", "))
		seed        = fs.Uint64("seed", 1, "seed of the random baseline and the bootstrap")
		speed       = fs.Bool("speed", true, "measure skim's speed on the same articles")
		rankingsOut = fs.String("rankings-out", "", "write skim's full ranking of every article to this JSON file")
		minRouge2   = fs.Float64("min-rouge2", 0, "quality gate: fail when skim's mean ROUGE-2 F1 (×100) is below this")
		minLead     = fs.Bool("min-lead", false, "quality gate: fail when skim's ROUGE-2 F1 is below lead's")
	)
	operands, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(operands) > 0:
		return usageError(fs, "unexpected argument %q (the data is --data)", operands[0])
	case *data == "":
		return usageError(fs, "--data is required")
	case !slices.Contains(eval.Formats, *format):
		return usageError(fs, "--format must be one of %s, got %q", strings.Join(eval.Formats, ", "), *format)
	case *task == "extract":
		return runExtractEval(ctx, *data, *limit, *format, *failures, stdout, stderr)
	case *task != "summary":
		return usageError(fs, "--task must be summary or extract, got %q", *task)
	}
	length, err := eval.ParseLength(*lengthFlag)
	if err != nil {
		return usageError(fs, "%v", err)
	}
	s, err := loadSummarizer(*idf, *language)
	if err != nil {
		return err
	}
	cfg := eval.Config{
		Data: *data, Length: length, Systems: strings.Split(*systemsFlag, ","), Language: *language,
		Limit: *limit, Seed: *seed, Speed: *speed, Rankings: *rankingsOut != "",
	}
	bar := newProgress(ctx, stderr, "scored", -1, nil)
	cfg.Tick = bar.add
	report, err := eval.Evaluate(ctx, s, cfg)
	bar.finish()
	if err != nil {
		return err
	}
	if *rankingsOut != "" {
		if err := writeRankings(*rankingsOut, report); err != nil {
			return err
		}
	}
	if err := report.Write(stdout, *format); err != nil {
		return err
	}
	return report.Gate(*minRouge2, *minLead)
}

// runExtractEval scores extraction on trafilatura's evaluation set in dir
// and prints the report (format table and md: the Markdown table).
func runExtractEval(ctx context.Context, dir string, limit int, format, failuresPath string, stdout, stderr io.Writer) error {
	opts := extracteval.Options{Limit: limit}
	if failuresPath != "" {
		f, err := os.Create(failuresPath)
		if err != nil {
			return ioFailure(fmt.Errorf("eval: %w", err))
		}
		defer f.Close()
		opts.Failures = f
	}
	report, err := extracteval.Evaluate(ctx, dir, opts)
	if err != nil {
		var pathErr *fs.PathError
		if errors.As(err, &pathErr) {
			return ioFailure(err)
		}
		return err
	}
	if format == "table" {
		format = "md"
	}
	return report.Write(stdout, format)
}

func writeRankings(path string, r eval.Report) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write rankings: %w", err)
	}
	if err := errors.Join(r.WriteRankings(f), f.Close()); err != nil {
		return fmt.Errorf("write rankings %s: %w", path, err)
	}
	return nil
}
