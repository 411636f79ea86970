package corpus

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// maxKeptLine is the capacity above which the line buffer is released after
// use rather than kept for the next line.
const maxKeptLine = 64 << 20

// jsonlReader reads JSON Lines. Lines up to the record cap are read whole,
// the line buffer growing as needed; the rest of a longer line is read and
// dropped, so that it never takes more memory than the cap.
type jsonlReader struct {
	br      *bufio.Reader
	name    string // for Source and errors: the path as given
	key     string // for Key: the file's path relative to the corpus root
	opts    Options
	max     int64  // record size cap
	line    int    // number of the last line read, from 1
	buf     []byte // holds a line longer than br's buffer
	closers []io.Closer
	err     error // sticky: io.EOF, a read error or ErrClosed
}

// NewJSONL returns a Reader of JSON Lines from r, such as standard input.
// name is used in Record.Source, Record.Key and in errors ("stdin:12").
// Blank lines are skipped; a line over opts.MaxRecordBytes is a record
// with ErrRecordTooLarge. Closing the Reader does not close r.
func NewJSONL(r io.Reader, name string, opts Options) Reader {
	return newJSONL(r, name, name, opts)
}

func newJSONL(r io.Reader, name, key string, opts Options) *jsonlReader {
	return &jsonlReader{
		br:   bufio.NewReaderSize(r, 64<<10),
		name: name,
		key:  validKey(key),
		opts: opts.withDefaults(),
		max:  opts.maxRecord(),
	}
}

// openJSONL opens a .jsonl file, decompressing it when its name ends in
// .gz; its records' keys start with the file's base name.
func openJSONL(path string, opts Options) (Reader, error) {
	r, closers, err := openStream(path)
	if err != nil {
		return nil, err
	}
	j := newJSONL(r, path, filepath.Base(path), opts)
	j.closers = closers
	return j, nil
}

// openStream opens a file for reading, decompressing it when its name ends
// in .gz; closers release it, innermost first.
func openStream(path string) (io.Reader, []io.Closer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("open corpus: %w", err)
	}
	if !strings.HasSuffix(strings.ToLower(path), ".gz") {
		return f, []io.Closer{f}, nil
	}
	zr, err := gzip.NewReader(bufio.NewReaderSize(f, 64<<10))
	switch {
	case err == io.EOF: // an empty file: an empty corpus
		return strings.NewReader(""), []io.Closer{f}, nil
	case err != nil:
		f.Close()
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	// zr is not closed: its Close only repeats a read error, which the
	// reader has already reported.
	return zr, []io.Closer{f}, nil
}

// Next returns the record of the next non-blank line.
func (j *jsonlReader) Next() (Record, error) {
	if j.err != nil {
		return Record{}, j.err
	}
	for {
		line, tooLong, err := j.readLine()
		if err != nil {
			return j.readError(line, err)
		}
		j.line++
		if j.line == 1 {
			line = bytes.TrimPrefix(line, []byte("\ufeff")) // byte order mark
		}
		if tooLong {
			rec := j.record()
			rec.ID = salvageID(line, j.opts.IDField)
			rec.Err = fmt.Errorf("read %s: %w", rec.Source, tooLarge(-1, j.max))
			return rec, nil
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		rec := j.parse(line)
		if cap(j.buf) > maxKeptLine {
			j.buf = nil
		}
		return rec, nil
	}
}

// record returns a record located at the current line.
func (j *jsonlReader) record() Record {
	return Record{Source: fmt.Sprintf("%s:%d", j.name, j.line), Key: fmt.Sprintf("%s:%d", j.key, j.line)}
}

// readError ends the stream at a read error. A stream that is damaged
// rather than unreadable (a truncated or corrupt gzip file) cannot be read
// on either, but its torn record is delivered as an error record, after
// every record before it, and the stream ends there: reading the file
// again would give the same. Other errors (I/O) are the stream's error.
func (j *jsonlReader) readError(partial []byte, err error) (Record, error) {
	if err == io.EOF {
		j.err = err
		return Record{}, err
	}
	var corrupt flate.CorruptInputError
	if !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, gzip.ErrChecksum) &&
		!errors.Is(err, gzip.ErrHeader) && !errors.As(err, &corrupt) {
		j.err = fmt.Errorf("read %s:%d: %w", j.name, j.line+1, err)
		return Record{}, j.err
	}
	j.err = io.EOF
	j.line++
	rec := j.record()
	rec.ID = salvageID(partial, j.opts.IDField)
	rec.Err = fmt.Errorf("read %s: compressed stream damaged, the rest of the file is lost: %w", rec.Source, err)
	j.buf = nil
	return rec, nil
}

// readLine returns the next line, with its line feed if it has one, or its
// first max bytes and tooLong when it is longer (the rest is read and
// dropped). The slice is valid until the next call. At the end of the
// input it returns io.EOF; on a read error, the part of the line read.
func (j *jsonlReader) readLine() (line []byte, tooLong bool, err error) {
	frag, err := j.br.ReadSlice('\n')
	if err == nil && int64(len(frag)) <= j.max {
		return frag, false, nil // the common case: no copy
	}
	j.buf = j.buf[:0]
	for {
		if room := j.max - int64(len(j.buf)); int64(len(frag)) > room {
			j.buf = append(j.buf, frag[:room]...)
			tooLong = true
		} else if !tooLong {
			j.buf = append(j.buf, frag...)
		}
		if err != bufio.ErrBufferFull {
			break
		}
		frag, err = j.br.ReadSlice('\n')
	}
	switch {
	case err == nil:
		return j.buf, tooLong, nil
	case err == io.EOF && len(j.buf) > 0:
		return j.buf, tooLong, nil // last line without a line feed
	}
	return j.buf, tooLong, err
}

// parse decodes one line into a record; problems go to Record.Err.
func (j *jsonlReader) parse(line []byte) Record {
	rec := j.record()
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(line, &obj); err != nil {
		rec.ID = salvageID(line, j.opts.IDField)
		rec.Err = fmt.Errorf("read %s: %w", rec.Source, err)
		return rec
	}
	if obj == nil { // the line is "null"
		rec.Err = fmt.Errorf("read %s: %w: want a JSON object", rec.Source, ErrFieldType)
		return rec
	}
	var errs []error
	field := func(name string, numberOK bool) string {
		s, err := stringField(obj[name], numberOK)
		if err != nil {
			errs = append(errs, fmt.Errorf("read %s: field %q: %w", rec.Source, name, err))
		}
		return s
	}
	rec.ID = field(j.opts.IDField, true)
	rec.Title = field(j.opts.TitleField, false)
	rec.Summary = field(j.opts.SummaryField, false)
	if raw, ok := obj[j.opts.TextField]; !ok || isNull(raw) {
		errs = append(errs, fmt.Errorf("read %s: field %q: %w", rec.Source, j.opts.TextField, ErrMissingField))
	} else {
		rec.Text = field(j.opts.TextField, false)
		if err := CheckText(rec.Text); err != nil {
			// JSON escapes let a line carry binary content too.
			errs = append(errs, fmt.Errorf("read %s: field %q: %w", rec.Source, j.opts.TextField, err))
			rec.Text = ""
		}
	}
	if len(errs) > 0 {
		rec.Err = errs[0]
	}
	return rec
}

func isNull(raw json.RawMessage) bool { return string(raw) == "null" }

// stringField decodes a JSON string; a missing field or null is "". When
// numberOK, a JSON number is returned in its JSON spelling ("42", "1e3").
func stringField(raw json.RawMessage, numberOK bool) (string, error) {
	if len(raw) == 0 || isNull(raw) {
		return "", nil
	}
	switch c := raw[0]; {
	case c == '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", err
		}
		return s, nil
	case numberOK && (c == '-' || '0' <= c && c <= '9'):
		return string(raw), nil
	}
	if numberOK {
		return "", fmt.Errorf("%w: want a string or a number", ErrFieldType)
	}
	return "", fmt.Errorf("%w: want a string", ErrFieldType)
}

// salvageID returns the id of a line that is not valid JSON when the id
// field comes before the damage ({"id": 7, "text": "unterminated...), or "".
func salvageID(line []byte, field string) string {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return ""
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		if key, _ := tok.(string); key == field {
			switch v, _ := dec.Token(); v := v.(type) {
			case string:
				return v
			case json.Number:
				return v.String()
			}
			return ""
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return ""
		}
	}
	return ""
}

// Close closes the file (and gzip stream) the reader opened.
func (j *jsonlReader) Close() error {
	if errors.Is(j.err, ErrClosed) {
		return nil
	}
	j.err = ErrClosed
	var errs []error
	for _, c := range j.closers {
		errs = append(errs, c.Close())
	}
	j.closers = nil
	j.buf = nil
	return errors.Join(errs...)
}
