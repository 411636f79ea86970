package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/skimhq/skim/summarize"
)

// runIDF builds a corpus IDF table: a reader streams the archive to N
// workers, each counting document frequencies in its own builder; the
// builders are merged at the end.
func runIDF(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("idf", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: skim idf --in PATH --out idf.json [flags]\n\n"+
			"Counts document frequencies of stemmed terms over an archive (same inputs as\n"+
			"skim batch) for --idf. The table records its language and stemmer.")
		fs.PrintDefaults()
	}
	var (
		archive  archiveFlags
		language = fs.String("language", "en", "language: "+fmt.Sprint(summarize.Languages()))
		minDF    = fs.Int("min-df", 2, "drop terms found in fewer documents (they weigh as much as unseen ones)")
	)
	archive.register(fs, "output IDF table (JSON), or - for stdout",
		"number of counting goroutines (default: the CPUs available)", false)
	if err := fs.Parse(args); err != nil {
		return exitError{2}
	}
	if err := archive.check("idf", fs); err != nil {
		return err
	}
	if *minDF < 1 {
		return fmt.Errorf("idf: --min-df must be at least 1, got %d", *minDF)
	}
	s, err := summarize.New(summarize.Config{Language: *language})
	if err != nil {
		return fmt.Errorf("idf: %w", err)
	}
	src, err := openBatchInput(archive.in, stdin, archive.fields)
	if err != nil {
		return fmt.Errorf("idf: %w", err)
	}
	defer src.Close()

	began := time.Now()
	bar := newProgress(ctx, stderr, archive.in)
	builder, skipped, err := countTerms(ctx, s, src, archive.workers, bar.add)
	bar.finish()
	if err != nil {
		return fmt.Errorf("idf: %w", err)
	}
	table := builder.Build(s.Language(), s.Stemmer(), *minDF)
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

// countTerms counts the documents of src in one IDFBuilder per worker and
// merges them. Records that cannot be read or have no text are skipped.
// tick is called for each document counted, from any worker.
func countTerms(ctx context.Context, s *summarize.Summarizer, src *batchSource, workers int, tick func()) (*summarize.IDFBuilder, int, error) {
	docs := make(chan summarize.Document, 2*workers)
	var (
		skipped int
		readErr error
	)
	go func() {
		defer close(docs)
		readErr = src.Each(func(r batchInput) bool {
			if r.err != nil || strings.TrimSpace(r.doc.Text) == "" {
				skipped++
				return true
			}
			select {
			case docs <- r.doc:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()
	builders := make([]*summarize.IDFBuilder, workers)
	var wg sync.WaitGroup
	for i := range builders {
		b := summarize.NewIDFBuilder()
		builders[i] = b
		wg.Go(func() {
			for doc := range docs {
				if ctx.Err() != nil {
					continue
				}
				b.Add(s.Terms(doc.Title + "\n" + doc.Text))
				tick()
			}
		})
	}
	wg.Wait()
	if err := errors.Join(readErr, ctx.Err()); err != nil {
		return nil, skipped, err
	}
	for _, b := range builders[1:] {
		builders[0].Merge(b)
	}
	return builders[0], skipped, nil
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
