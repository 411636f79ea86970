package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/skimhq/skim/cmd/skim/internal/batch"
	"github.com/skimhq/skim/summarize"
)

// runIDF builds a corpus IDF table: the batch worker pool turns the
// archive's documents into their terms, and one builder counts them.
func runIDF(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, _ func(string) string) error {
	fs := newFlagSet("idf", "--in PATH --out idf.json [flags]",
		"Counts document frequencies of stemmed terms over an archive (same inputs as\n"+
			"skim batch) for --idf. The table records its language and stemmer.", stderr)
	var (
		archive  archiveFlags
		language = fs.String("language", "en", "language of the archive (a table serves one language): "+strings.Join(summarize.Languages(), ", "))
		minDF    = fs.Int("min-df", 2, "drop terms found in fewer documents (they weigh as much as unseen ones)")
	)
	archive.register(fs, "output IDF table (JSON), or - for stdout", "number of counting goroutines", false)
	operands, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if err := archive.check(fs, operands); err != nil {
		return err
	}
	if *minDF < 1 {
		return usageError(fs, "--min-df must be at least 1, got %d", *minDF)
	}
	lang, err := summarize.CanonicalLanguage(*language)
	if err != nil {
		return fmt.Errorf("idf: %w", err)
	}
	if lang == "auto" {
		return usageError(fs, "--language must name the archive's language: a table serves one")
	}
	s, err := newSummarizer(summarize.Config{})
	if err != nil {
		return fmt.Errorf("idf: %w", err)
	}
	stemmer, err := s.Stemmer(lang)
	if err != nil {
		return fmt.Errorf("idf: %w", err)
	}
	src, err := openBatchInput(archive.in, stdin, archive.fields, archive.maxRecordBytes)
	if err != nil {
		return fmt.Errorf("idf: %w", err)
	}
	defer src.Close()

	began := time.Now()
	bar := newInputProgress(ctx, stderr, archive.in)
	builder, skipped, err := countTerms(ctx, s, lang, src, archive.workers, bar.add)
	bar.finish()
	if err != nil {
		return fmt.Errorf("idf: %w", err)
	}
	table := builder.Build(lang, stemmer, *minDF)
	if table.Documents == 0 {
		return fmt.Errorf("idf: no documents with text in %s", archive.in)
	}
	size, err := writeIDF(archive.out, stdout, table)
	if err != nil {
		return fmt.Errorf("idf: %w", err)
	}
	secs := time.Since(began).Seconds()
	fmt.Fprintf(stderr, "idf: %d documents (%d skipped), %d terms with df >= %d, language %s, stemmer %s, %.2fs, %.1f articles/s, %d bytes to %s\n",
		table.Documents, skipped, len(table.DF), *minDF, table.Language, table.Stemmer, secs, float64(table.Documents)/max(secs, 1e-9), size, archive.out)
	return nil
}

// countTerms counts the documents of src: the batch pool's workers find
// each document's terms, and one builder, fed by the emitting goroutine,
// counts them, so the table does not depend on the number of workers.
// Records that cannot be read or have no text are skipped. tick is called
// for each document counted.
func countTerms(ctx context.Context, s *summarize.Summarizer, lang string, src *batchSource, workers int, tick func()) (*summarize.IDFBuilder, int, error) {
	skipped, noArticle := 0, 0
	source := func(yield func(batchInput) bool) error {
		return src.Each(func(r batchInput) bool {
			if r.err != nil || strings.TrimSpace(r.doc.Text) == "" {
				skipped++
				return true
			}
			return yield(r)
		})
	}
	type terms struct {
		terms     []string
		err       error
		noArticle bool // a web page without an article: skipped
	}
	work := func(r batchInput) terms {
		var opts summarize.Options
		doc, _, err := r.document(ctx, &opts)
		if err != nil {
			return terms{noArticle: true}
		}
		t, err := s.Terms(lang, doc.Title+"\n"+doc.Text)
		return terms{terms: t, err: err}
	}
	builder := summarize.NewIDFBuilder()
	emit := func(t terms) error {
		switch {
		case t.err != nil:
			return t.err
		case t.noArticle:
			noArticle++
			return nil
		}
		builder.Add(t.terms)
		tick()
		return nil
	}
	if err := batch.Run(ctx, batch.Options{Workers: workers}, source, work, emit); err != nil {
		return nil, skipped + noArticle, err
	}
	return builder, skipped + noArticle, nil
}

// writeIDF writes the table to a temporary file renamed over path, so a
// crash never leaves a half-written table behind.
func writeIDF(path string, stdout io.Writer, table *summarize.IDF) (int64, error) {
	if path == "-" {
		return table.WriteTo(stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name()) // after the rename, there is nothing to remove
	n, err := table.WriteTo(tmp)
	if err = errors.Join(err, tmp.Sync(), tmp.Close()); err != nil {
		return 0, err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return 0, err
	}
	return n, os.Rename(tmp.Name(), path)
}
