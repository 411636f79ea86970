package main

import (
	"context"
	"flag"
	"io"
	"runtime"
	"strings"

	"github.com/skimhq/skim/api"
	"github.com/skimhq/skim/summarize"
	"github.com/skimhq/skim/summarize/corpus"
	"github.com/skimhq/skim/summarize/extract"
)

// fieldNames map the JSONL fields of an archive to id, title and text.
type fieldNames struct{ id, title, text string }

// archiveFlags are the input, output, field and parallelism flags that
// skim batch and skim idf share.
type archiveFlags struct {
	in, out        string
	workers        int
	fields         fieldNames
	maxRecordBytes int64
}

// register adds the flags to fs; the id field only matters to batch.
func (a *archiveFlags) register(fs *flag.FlagSet, outHelp, workersHelp string, idField bool) {
	fs.StringVar(&a.in, "in", "", "input (required): JSONL file, .jsonl.gz, folder of .txt/.html/.warc(.gz) files, .warc(.gz) archive, .html page, BBC layout, or - for stdin")
	fs.StringVar(&a.out, "out", "", outHelp+" (required)")
	fs.IntVar(&a.workers, "workers", 0, workersHelp+" (0: the CPUs available, container limits included)")
	if idField {
		fs.StringVar(&a.fields.id, "id-field", "id", "JSONL field holding the record id")
	}
	fs.StringVar(&a.fields.title, "title-field", "title", "JSONL field holding the title (may be absent)")
	fs.StringVar(&a.fields.text, "text-field", "text", "JSONL field holding the article text")
	fs.Int64Var(&a.maxRecordBytes, "max-record-bytes", corpus.DefaultMaxRecordBytes,
		"largest input record (JSONL line or file) in bytes; a larger one is an error record, "+string(api.CodeRecordTooLarge))
}

// check validates the parsed flags and operands, saying which required
// flag is missing; workers 0 becomes the CPUs available.
func (a *archiveFlags) check(fs *flag.FlagSet, operands []string) error {
	switch {
	case len(operands) > 0:
		return usageError(fs, "unexpected argument %q (the input is --in)", operands[0])
	case a.in == "":
		return usageError(fs, "--in is required")
	case a.out == "":
		return usageError(fs, "--out is required")
	case a.workers < 0:
		return usageError(fs, "--workers must not be negative, got %d", a.workers)
	case a.maxRecordBytes <= 0:
		return usageError(fs, "--max-record-bytes must be positive, got %d", a.maxRecordBytes)
	case a.workers == 0:
		a.workers = runtime.GOMAXPROCS(0)
	}
	return nil
}

// batchInput is one input record, ready for a worker.
type batchInput struct {
	// id is the record's id, or its key when it has no usable one.
	id string
	// key is the record's position in the input (corpus.Record.Key): the
	// "source" of its output line, what --resume and --shard go by.
	key string
	doc summarize.Document
	// contentType is set for a web page: doc.Text is then its raw HTML, in
	// this media type's charset, and url its address when known.
	contentType, url string
	// err is set for a record that cannot be summarized as read.
	err *api.Error
}

// document returns the document to summarize: the record's own, or for a
// web page the article extracted from it (see api.ArticleDocument, which
// may set opts.Language to the page's), with the article.
func (r batchInput) document(ctx context.Context, opts *summarize.Options) (summarize.Document, *extract.Article, error) {
	if r.contentType == "" {
		return r.doc, nil, nil
	}
	art, err := extract.FromHTML(ctx, []byte(r.doc.Text), r.url, extract.Options{ContentType: r.contentType})
	if err != nil {
		return summarize.Document{}, nil, err
	}
	return api.ArticleDocument(r.doc.Title, art, opts), art, nil
}

// batchSource streams the records of skim batch and skim idf inputs.
type batchSource struct {
	r corpus.Reader
}

// openBatchInput opens PATH (anything summarize/corpus reads, or - for JSONL
// on stdin).
func openBatchInput(path string, stdin io.Reader, fields fieldNames, maxRecordBytes int64) (*batchSource, error) {
	opts := corpus.Options{IDField: fields.id, TitleField: fields.title, TextField: fields.text, MaxRecordBytes: maxRecordBytes}
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

// skipped returns how many records of the input were skipped as not being
// web pages (the non-HTML records of WARC archives).
func (s *batchSource) skipped() int {
	if sk, ok := s.r.(corpus.Skipper); ok {
		return sk.Skipped()
	}
	return 0
}

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
		id:          rec.ID,
		key:         rec.Key,
		doc:         summarize.Document{Title: rec.Title, Text: rec.Text},
		contentType: rec.ContentType,
	}
	if isURL(rec.ID) {
		in.url = rec.ID // a WARC record's target URI
	}
	if strings.TrimSpace(in.id) == "" {
		in.id = rec.Key
	}
	// Ids go into the output as JSON strings, where each invalid UTF-8 byte
	// becomes U+FFFD: replace it here the same way, so that the line says
	// what a reader decodes. (Keys are valid UTF-8 already, so --resume
	// reads back the very key it compares with.)
	in.id = summarize.ValidUTF8(in.id)
	// A record whose text was read is summarized even when another field
	// was unusable (a title of the wrong type, a BBC article without its
	// reference summary): batch needs only the text.
	if rec.Err != nil && rec.Text == "" {
		in.err = &api.Error{Code: recordCode(rec.Err), Message: rec.Err.Error()}
	}
	return in
}

// recordCode is the error code of a record the corpus reader could not
// deliver.
func recordCode(err error) api.Code {
	code := api.Classify(err)
	if code == api.CodeInternal {
		// The record's file or folder could not be read, is not a regular
		// file, or the compressed stream broke off in it.
		code = api.CodeInvalidBody
	}
	return code
}
