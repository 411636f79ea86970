// Package corpus reads collections of articles, with or without reference
// summaries, one record at a time, so that archives of millions of articles
// are never loaded whole.
//
// It is independent of the summarizer: it does not import
// github.com/skimhq/skim/summarize, and the summarizer does not import it;
// the CLI (skim batch, idf, eval) joins the two.
//
// Four layouts are read:
//
//   - JSONL (".jsonl", or gzip-compressed ".jsonl.gz"): one JSON object per
//     line with the fields "id", "title" (optional), "text" and "summary"
//     (optional); the names are configurable with Options and other fields
//     are ignored.
//   - The Kaggle "BBC News Summary" layout: a folder holding
//     "News Articles/<category>/NNN.txt" and the matching
//     "Summaries/<category>/NNN.txt".
//   - Plain text: a folder of ".txt" files, read recursively, or a single
//     ".txt" file; these carry no summaries.
//   - Web pages: ".html", ".htm" and ".xhtml" files in a folder, and WARC
//     archives (".warc", ".warc.gz"), given directly or inside a folder,
//     whose HTML responses are one record each (see WARCReader). Their
//     records carry the raw page in Text and its media type in
//     ContentType: the consumer extracts the article.
//
// Open detects the layout from the path. Problems with a single record (a
// malformed JSON line, a missing text field, a missing summary file, an
// unreadable subfolder, a file that is not a regular file, a record over
// Options.MaxRecordBytes, binary content, the torn last record of a
// truncated gzip stream) do not stop the stream: the record is delivered
// with Record.Err set, naming the file and line. Invalid UTF-8 is never
// fatal: each invalid byte is replaced by U+FFFD, as encoding/json does.
//
// Every record has a Key, its position in the corpus, stable across runs
// however the corpus path is spelled; consumers that must recognise a
// record again (resuming a run, sharding) use it rather than the ID, which
// the data supplies and may repeat.
package corpus

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Record is one article of a corpus.
type Record struct {
	// ID identifies the article within its corpus: the JSONL id field (a
	// string, or a number in its JSON spelling), "category/NNN" for the BBC
	// layout, or the path relative to the folder, with forward slashes, for
	// text files. It is empty when a JSONL line has no parseable id.
	ID string
	// Title is the headline, or empty when the source has none.
	Title string
	// Text is the article body, with its own line structure; for a web
	// page (ContentType set), the page's raw HTML in its own charset.
	Text string
	// ContentType is the media type of a web page record ("text/html",
	// with the charset its server declared, if any), whose Text is HTML
	// to extract the article from; it is empty for text records.
	ContentType string
	// Summary is the reference summary, or empty when the source has none.
	Summary string
	// Source locates the record for messages: "file:line" for JSONL, the
	// article's file path otherwise, with the corpus path as given.
	Source string
	// Key is the record's position in the corpus, unique within it and the
	// same on every run whatever the spelling of the corpus path: the file
	// relative to the corpus root (its base name when the corpus is one
	// file), with forward slashes, followed for files of many records by
	// ":" and the record's line (JSONL) or number from 1. Records of one
	// file end in ":<digits>", while files of one record are named with
	// their extension, so two records never share a key. A key is valid
	// UTF-8: a file name that is not is written Go-quoted (see validKey).
	Key string
	// Err reports a problem with this record alone (for example a line that
	// is not valid JSON, or lacks the text field); the fields above hold what
	// could be read. The stream goes on after such a record.
	Err error
}

// validKey returns a file's key part as valid UTF-8, so that it survives a
// JSON round trip unchanged: as it is when it is valid, else Go-quoted
// ("a\xff.txt" in quotes), which keeps names that differ only in invalid
// bytes apart, where replacing each by U+FFFD would merge them.
func validKey(k string) string {
	if utf8.ValidString(k) {
		return k
	}
	return strconv.Quote(k)
}

// Reader delivers the records of a corpus one at a time. A Reader is not
// safe for concurrent use.
type Reader interface {
	// Next returns the next record. At the end of the corpus it returns
	// io.EOF. Any other error means the source itself could not be read
	// (an I/O error, a corrupt gzip stream); it names the file and, for
	// JSONL, the line, and the stream cannot go on. Problems confined to
	// one record are reported in Record.Err instead, with a nil error.
	Next() (Record, error)
	// Close releases the files the Reader holds. It is safe to call more
	// than once.
	Close() error
}

// Options configures the JSONL field names and the record size cap. Empty
// fields take the defaults "id", "title", "text" and "summary"; other
// layouts ignore the field names.
type Options struct {
	IDField, TitleField, TextField, SummaryField string
	// MaxRecordBytes caps the bytes read for one record: a JSONL line, or a
	// text file. A larger record is delivered with ErrRecordTooLarge, and
	// never held in memory whole. 0 means DefaultMaxRecordBytes; negative
	// means no cap.
	MaxRecordBytes int64
}

// DefaultMaxRecordBytes is the record size cap when Options.MaxRecordBytes
// is 0: far above any article, far below what would strain memory.
const DefaultMaxRecordBytes = 16 << 20

// maxRecord returns the effective cap; math.MaxInt64 means none.
func (o Options) maxRecord() int64 {
	switch {
	case o.MaxRecordBytes == 0:
		return DefaultMaxRecordBytes
	case o.MaxRecordBytes < 0:
		return math.MaxInt64 - 1 // LimitReader(cap+1) must not overflow
	}
	return o.MaxRecordBytes
}

func (o Options) withDefaults() Options {
	if o.IDField == "" {
		o.IDField = "id"
	}
	if o.TitleField == "" {
		o.TitleField = "title"
	}
	if o.TextField == "" {
		o.TextField = "text"
	}
	if o.SummaryField == "" {
		o.SummaryField = "summary"
	}
	return o
}

// Format is a corpus layout.
type Format int

// The layouts Open reads.
const (
	FormatJSONL   Format = iota + 1 // JSON Lines, optionally gzip-compressed
	FormatBBC                       // BBC News Summary folder
	FormatTextDir                   // folder of .txt files
	FormatText                      // a single .txt file
	FormatWARC                      // a WARC archive of web pages, optionally gzip-compressed
	FormatHTML                      // a single .html file
)

// String returns the layout's name, such as "jsonl".
func (f Format) String() string {
	switch f {
	case FormatJSONL:
		return "jsonl"
	case FormatBBC:
		return "bbc"
	case FormatTextDir:
		return "txt-folder"
	case FormatText:
		return "txt"
	case FormatWARC:
		return "warc"
	case FormatHTML:
		return "html"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// Errors reported by this package, wrapped with the file (and line) they
// concern; test for them with errors.Is.
var (
	// ErrUnknownFormat reports a path whose layout Open does not know.
	ErrUnknownFormat = errors.New("unknown corpus format")
	// ErrMissingField reports a JSONL record without its text field.
	ErrMissingField = errors.New("missing field")
	// ErrFieldType reports a JSONL field of the wrong JSON type.
	ErrFieldType = errors.New("wrong field type")
	// ErrNoSummary reports a BBC article without its summary file.
	ErrNoSummary = errors.New("no summary file")
	// ErrClosed is returned by Next after Close.
	ErrClosed = errors.New("corpus reader closed")
	// ErrRecordTooLarge reports a record over Options.MaxRecordBytes.
	ErrRecordTooLarge = errors.New("record too large")
	// ErrNotRegular reports a file in a folder corpus that is not a
	// regular file (a device, a FIFO, a socket, or a link to one), which
	// could block or never end; it is not opened for reading.
	ErrNotRegular = errors.New("not a regular file")
	// ErrNotText reports content that is binary rather than text (see
	// DecodeText).
	ErrNotText = errors.New("not text")
	// ErrUnreadableFolder reports a folder inside a corpus that could not
	// be listed; its files are missing from the stream.
	ErrUnreadableFolder = errors.New("unreadable folder")
)

// The folders of the BBC News Summary layout.
const (
	bbcArticles  = "News Articles"
	bbcSummaries = "Summaries"
)

// Detect returns the layout of the corpus at path: JSONL for a file named
// ".jsonl" or ".jsonl.gz" (also ".ndjson"), the BBC layout for a folder
// holding both "News Articles" and "Summaries" folders, a text folder for
// any other folder, and a single text file for a ".txt" file. The path "-"
// is JSONL on standard input.
func Detect(path string) (Format, error) {
	if path == "-" {
		return FormatJSONL, nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		return 0, fmt.Errorf("open corpus: %w", err)
	}
	if fi.IsDir() {
		if isDir(filepath.Join(path, bbcArticles)) && isDir(filepath.Join(path, bbcSummaries)) {
			return FormatBBC, nil
		}
		return FormatTextDir, nil
	}
	name := strings.ToLower(filepath.Base(path))
	switch {
	case isJSONLName(name):
		return FormatJSONL, nil
	case strings.HasSuffix(name, ".txt"):
		return FormatText, nil
	case IsWARCName(name):
		return FormatWARC, nil
	case IsHTMLName(name):
		return FormatHTML, nil
	}
	return 0, fmt.Errorf("open corpus %s: %w (want .jsonl, .jsonl.gz, .txt, .html, .warc, .warc.gz or a folder)", path, ErrUnknownFormat)
}

func isJSONLName(lower string) bool {
	lower = strings.TrimSuffix(lower, ".gz")
	return strings.HasSuffix(lower, ".jsonl") || strings.HasSuffix(lower, ".ndjson")
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// Open opens the corpus at path, detecting its layout with Detect. The path
// "-" reads JSONL from standard input (which Close leaves open).
func Open(path string, opts Options) (Reader, error) {
	format, err := Detect(path)
	if err != nil {
		return nil, err
	}
	switch format {
	case FormatJSONL:
		if path == "-" {
			return NewJSONL(os.Stdin, "stdin", opts), nil
		}
		return openJSONL(path, opts)
	case FormatBBC:
		return openBBC(path, opts)
	case FormatTextDir:
		return openTextDir(path, opts)
	case FormatWARC:
		return openWARCFile(path, validKey(filepath.Base(path)), opts)
	case FormatHTML:
		return openHTMLFile(path, validKey(filepath.Base(path)), opts), nil
	default:
		return openTextFile(path, validKey(filepath.Base(path)), opts), nil
	}
}

// HasSummaries reports whether the corpus at path carries reference
// summaries: always for the BBC layout, never for text files, and for JSONL
// when its first well-formed record has a non-empty summary field (only
// that first record is read). Standard input ("-") cannot be peeked at and
// is reported as false; check Record.Summary instead.
func HasSummaries(path string, opts Options) (bool, error) {
	format, err := Detect(path)
	if err != nil {
		return false, err
	}
	switch format {
	case FormatBBC:
		return true, nil
	case FormatJSONL:
		if path == "-" {
			return false, nil
		}
		r, err := openJSONL(path, opts)
		if err != nil {
			return false, err
		}
		defer r.Close()
		for {
			rec, err := r.Next()
			if err == io.EOF {
				return false, nil
			}
			if err != nil {
				return false, err
			}
			if rec.Err == nil {
				return rec.Summary != "", nil
			}
		}
	}
	return false, nil
}
