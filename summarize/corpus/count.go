package corpus

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
)

// Count returns the number of records Open would deliver for path, without
// reading or parsing them: the non-blank lines of a JSONL file (gzip
// included), the articles of the BBC layout, the .txt and .html files of
// a folder. WARC archives are not counted (an error).
// It is meant for progress bars, so it stops with ctx; standard input ("-")
// cannot be counted and is an error.
func Count(ctx context.Context, path string) (int64, error) {
	if path == "-" {
		return 0, errors.New("count corpus: standard input cannot be counted ahead")
	}
	format, err := Detect(path)
	if err != nil {
		return 0, err
	}
	switch format {
	case FormatJSONL:
		return countLines(ctx, path)
	case FormatText, FormatHTML:
		return 1, nil
	case FormatWARC:
		return 0, errors.New("count corpus: the HTML pages of a WARC archive cannot be counted without reading it")
	case FormatBBC:
		return countBBC(ctx, filepath.Join(path, bbcArticles))
	default:
		return countTextFiles(ctx, path)
	}
}

// countLines counts the non-blank lines of a JSONL file, as the reader
// skips blank ones.
func countLines(ctx context.Context, path string) (int64, error) {
	r, closers, err := openStream(path)
	if err != nil {
		return 0, err
	}
	defer func() {
		for _, c := range closers {
			c.Close()
		}
	}()
	var (
		n     int64
		blank = true // the current line holds only white space so far
		buf   = make([]byte, 256<<10)
	)
	for {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		m, err := r.Read(buf)
		for _, c := range buf[:m] {
			switch c {
			case '\n':
				if !blank {
					n++
				}
				blank = true
			case ' ', '\t', '\r', '\v', '\f':
			default:
				blank = false
			}
		}
		if err == io.EOF {
			if !blank {
				n++
			}
			return n, nil
		}
		if err != nil {
			return 0, fmt.Errorf("count %s: %w", path, err)
		}
	}
}

// countTextFiles counts the files under root with the rules of the folder
// reader: hidden files and folders are skipped, and a subfolder that
// cannot be listed is one (error) record. A folder holding a WARC archive
// cannot be counted ahead.
func countTextFiles(ctx context.Context, root string) (int64, error) {
	var n int64
	var walk func(dir string, top bool) error
	walk = func(dir string, top bool) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		entries, err := readDir(dir)
		if err != nil {
			if top {
				return fmt.Errorf("count corpus: %w", err)
			}
			n++
		}
		for _, e := range entries {
			switch {
			case hidden(e.Name()):
			case e.IsDir():
				if err := walk(filepath.Join(dir, e.Name()), false); err != nil {
					return err
				}
			case IsWARCName(e.Name()):
				return errors.New("count corpus: the HTML pages of a WARC archive cannot be counted without reading it")
			case formatOf(e.Name()) != nil:
				n++
			}
		}
		return nil
	}
	return n, walk(root, true)
}

// countBBC counts the articles of the BBC layout: the .txt files of each
// category folder, as the BBC reader lists them.
func countBBC(ctx context.Context, articles string) (int64, error) {
	cats, err := readDir(articles)
	if err != nil {
		return 0, fmt.Errorf("count corpus: %w", err)
	}
	var n int64
	for _, c := range cats {
		if !c.IsDir() || hidden(c.Name()) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		entries, err := readDir(filepath.Join(articles, c.Name()))
		if err != nil {
			n++ // the reader's error record for the category
			continue
		}
		for _, e := range entries {
			if isTextEntry(e) {
				n++
			}
		}
	}
	return n, nil
}
