package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"unicode/utf8"

	"github.com/skimhq/skim/summarize"
	"github.com/skimhq/skim/summarize/corpus"
)

// fieldNames map the JSONL fields of an archive to id, title and text.
type fieldNames struct{ id, title, text string }

// archiveFlags are the input, output, field and parallelism flags that
// skim batch and skim idf share.
type archiveFlags struct {
	in, out string
	workers int
	fields  fieldNames
}

// register adds the flags to fs; the id field only matters to batch.
func (a *archiveFlags) register(fs *flag.FlagSet, outHelp, workersHelp string, idField bool) {
	fs.StringVar(&a.in, "in", "", "input: JSONL file, .jsonl.gz, folder of .txt, BBC layout, or - for stdin")
	fs.StringVar(&a.out, "out", "", outHelp)
	fs.IntVar(&a.workers, "workers", runtime.GOMAXPROCS(0), workersHelp)
	if idField {
		fs.StringVar(&a.fields.id, "id-field", "id", "JSONL field holding the record id")
	}
	fs.StringVar(&a.fields.title, "title-field", "title", "JSONL field holding the title (may be absent)")
	fs.StringVar(&a.fields.text, "text-field", "text", "JSONL field holding the article text")
}

// check validates the parsed flags of command cmd, printing the usage
// (exit status 2) when --in or --out is missing.
func (a *archiveFlags) check(cmd string, fs *flag.FlagSet) error {
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("%s: unexpected argument %q (use --in)", cmd, fs.Arg(0))
	case a.in == "" || a.out == "":
		fs.Usage()
		return exitError{2}
	case a.workers < 1:
		return fmt.Errorf("%s: --workers must be at least 1, got %d", cmd, a.workers)
	}
	return nil
}

// batchInput is one input record, ready for a worker.
type batchInput struct {
	// id is the record's id, or its "<file>:<line>" when it has no usable one.
	id string
	// source locates the record: "<file>:<line>" or the article's path.
	source string
	doc    summarize.Document
	// err is set for a record that cannot be summarized as read.
	err *recordError
}

// batchSource streams the records of skim batch and skim idf inputs.
type batchSource struct {
	r corpus.Reader
}

// openBatchInput opens PATH (anything summarize/corpus reads, or - for JSONL
// on stdin).
func openBatchInput(path string, stdin io.Reader, fields fieldNames) (*batchSource, error) {
	opts := corpus.Options{IDField: fields.id, TitleField: fields.title, TextField: fields.text}
	if path == "-" {
		return &batchSource{corpus.NewJSONL(stdin, "stdin", opts)}, nil
	}
	r, err := corpus.Open(path, opts)
	if err != nil {
		return nil, err
	}
	return &batchSource{r}, nil
}

func (s *batchSource) Close() error { return s.r.Close() }

// Each calls yield for every record until it returns false. Its error is
// fatal (the input cannot be read on); problems with one record are in
// batchInput.err.
func (s *batchSource) Each(yield func(batchInput) bool) error {
	for {
		rec, err := s.r.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if !yield(toBatchInput(rec)) {
			return nil
		}
	}
}

func toBatchInput(rec corpus.Record) batchInput {
	in := batchInput{
		id:     rec.ID,
		source: rec.Source,
		doc:    summarize.Document{Title: rec.Title, Text: rec.Text},
	}
	if strings.TrimSpace(in.id) == "" {
		in.id = rec.Source // "<file>:<line>": the same on every run, so --resume knows it
	}
	// Ids go into the output as JSON strings, where invalid UTF-8 would be
	// replaced: replace it here, so that --resume reads back the same id.
	if !utf8.ValidString(in.id) {
		in.id = strings.ToValidUTF8(in.id, "\uFFFD")
	}
	// A record whose text was read is summarized even when another field
	// was unusable (a title of the wrong type, a BBC article without its
	// reference summary): batch needs only the text.
	if rec.Err != nil && rec.Text == "" {
		in.err = &recordError{Code: errorCode(rec.Err), Message: rec.Err.Error()}
	}
	return in
}

// errorCode classifies a record-level read error.
func errorCode(err error) string {
	var (
		syntax *json.SyntaxError
		typ    *json.UnmarshalTypeError
	)
	switch {
	case errors.Is(err, corpus.ErrMissingField):
		return codeNoText
	case errors.Is(err, corpus.ErrFieldType), errors.As(err, &typ):
		return codeBadField
	case errors.As(err, &syntax):
		return codeBadJSON
	}
	return codeReadFailed
}

// countRecords counts the records of a file or folder input cheaply (lines
// of a plain JSONL file, .txt files of a folder), for the progress bar's
// ETA. ok is false when it cannot tell (stdin, gzip) or ctx ends first.
func countRecords(ctx context.Context, path string) (n int64, ok bool) {
	format, err := corpus.Detect(path)
	if err != nil || path == "-" {
		return 0, false
	}
	switch format {
	case corpus.FormatJSONL:
		if strings.HasSuffix(strings.ToLower(path), ".gz") {
			return 0, false
		}
		f, err := os.Open(path)
		if err != nil {
			return 0, false
		}
		defer f.Close()
		buf := make([]byte, 1<<20)
		last := byte('\n')
		for ctx.Err() == nil {
			m, err := f.Read(buf)
			n += int64(bytes.Count(buf[:m], []byte{'\n'}))
			if m > 0 {
				last = buf[m-1]
			}
			if err == io.EOF {
				if last != '\n' {
					n++
				}
				return n, true
			}
			if err != nil {
				return 0, false
			}
		}
		return 0, false
	case corpus.FormatText:
		return 1, true
	}
	root := path
	if format == corpus.FormatBBC {
		root = filepath.Join(path, "News Articles")
	}
	err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || ctx.Err() != nil {
			return errors.Join(err, ctx.Err())
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".txt") {
			n++
		}
		return nil
	})
	return n, err == nil
}
