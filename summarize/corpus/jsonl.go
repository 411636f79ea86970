package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// maxKeptLine is the capacity above which the line buffer is released after
// use rather than kept for the next line.
const maxKeptLine = 64 << 20

// jsonlReader reads JSON Lines. Lines of any length are read: the reader
// grows its line buffer as needed.
type jsonlReader struct {
	br      *bufio.Reader
	name    string
	opts    Options
	line    int    // number of the last line read, from 1
	buf     []byte // holds a line longer than br's buffer
	closers []io.Closer
	err     error // sticky: io.EOF, a read error or ErrClosed
}

// NewJSONL returns a Reader of JSON Lines from r, such as standard input.
// name is used in Record.Source and in errors ("stdin:12"). Blank lines are
// skipped; lines of any length are accepted. Closing the Reader does not
// close r.
func NewJSONL(r io.Reader, name string, opts Options) Reader {
	return &jsonlReader{
		br:   bufio.NewReaderSize(r, 64<<10),
		name: name,
		opts: opts.withDefaults(),
	}
}

// openJSONL opens a .jsonl file, decompressing it when its name ends in .gz.
func openJSONL(path string, opts Options) (Reader, error) {
	r, closers, err := openStream(path)
	if err != nil {
		return nil, err
	}
	j := NewJSONL(r, path, opts).(*jsonlReader)
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
	return zr, []io.Closer{zr, f}, nil
}

// Next returns the record of the next non-blank line.
func (j *jsonlReader) Next() (Record, error) {
	if j.err != nil {
		return Record{}, j.err
	}
	for {
		line, err := j.readLine()
		if err != nil {
			if err != io.EOF {
				err = fmt.Errorf("read %s:%d: %w", j.name, j.line+1, err)
			}
			j.err = err
			return Record{}, err
		}
		j.line++
		if j.line == 1 {
			line = bytes.TrimPrefix(line, []byte("\ufeff")) // byte order mark
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

// readLine returns the next line, with its line feed if it has one. The
// slice is valid until the next call. At the end of the input it returns
// io.EOF.
func (j *jsonlReader) readLine() ([]byte, error) {
	frag, err := j.br.ReadSlice('\n')
	if err == nil {
		return frag, nil // the common case: no copy
	}
	j.buf = append(j.buf[:0], frag...)
	for err == bufio.ErrBufferFull {
		frag, err = j.br.ReadSlice('\n')
		j.buf = append(j.buf, frag...)
	}
	switch {
	case err == nil:
		return j.buf, nil
	case err == io.EOF && len(j.buf) > 0:
		return j.buf, nil // last line without a line feed
	}
	return nil, err
}

// parse decodes one line into a record; problems go to Record.Err.
func (j *jsonlReader) parse(line []byte) Record {
	rec := Record{Source: fmt.Sprintf("%s:%d", j.name, j.line)}
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
