package corpus

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/nlnwa/gowarc"
)

// WARCOptions configures a WARC reader.
type WARCOptions struct {
	// MaxRecordBytes caps the size of one record, both as stored and
	// after undoing the HTTP Content-Encoding; a larger record is
	// delivered with Record.Err wrapping ErrRecordTooLarge. Zero means
	// DefaultMaxRecordBytes.
	MaxRecordBytes int64
}

// IsWARCName reports whether a file name is a WARC archive: ".warc" or
// ".warc.gz", in any letter case.
func IsWARCName(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasSuffix(lower, ".warc") || strings.HasSuffix(lower, ".warc.gz")
}

// WARCReader reads the HTML pages of a WARC archive (ISO 28500, the
// format of web archives and Common Crawl), one record at a time. Each
// "response" record holding an HTTP 2xx response with an HTML or XHTML
// content type is one Record: ID is its WARC-Target-URI, Text its HTML
// body as sent (in the page's own charset; the HTTP chunked transfer
// coding and gzip or deflate Content-Encoding are undone), and Source
// "file:N" where N counts the archive's records from 1, so that a record
// keeps its position across runs. Title and Summary are empty. All other
// records (request, metadata, warcinfo, revisit, non-HTML or non-2xx
// responses) are skipped and counted by Skipped.
//
// Both per-record gzip (the standard layout) and whole-file gzip are read.
// A torn record, such as the last one of a truncated file, is delivered
// with Record.Err set; the records before it are intact.
type WARCReader struct {
	name    string
	key     string // Record.Key prefix
	max     int64
	counter *countingReader
	br      *bufio.Reader
	un      gowarc.Unmarshaler
	closers []io.Closer
	index   int   // records read, of all types
	offset  int64 // uncompressed offset of the last record
	ctype   string
	skipped int
	err     error // sticky: io.EOF, a read error or ErrClosed
}

// openWARCFile opens the WARC archive at p as a corpus Reader whose record
// keys are key followed by ":" and the record's number.
func openWARCFile(p, key string, opts Options) (*WARCReader, error) {
	w, err := OpenWARC(p, WARCOptions{MaxRecordBytes: opts.maxRecord()})
	if err != nil {
		return nil, err
	}
	w.key = key
	return w, nil
}

// OpenWARC opens a .warc or .warc.gz file. Its records' Keys are the
// file's base name followed by ":" and the record's number.
func OpenWARC(path string, opts WARCOptions) (*WARCReader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open corpus: %w", err)
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		f.Close()
		if err == nil {
			err = fmt.Errorf("not a regular file")
		}
		return nil, fmt.Errorf("open corpus %s: %w", path, err)
	}
	w, err := NewWARC(f, path, opts)
	if err != nil {
		f.Close()
		return nil, err
	}
	w.closers = append(w.closers, f)
	w.key = validKey(filepath.Base(path))
	return w, nil
}

// NewWARC returns a reader of the WARC archive in r, compressed or not
// (gzip is detected from the content). name is used in Record.Source and
// Record.Key and in errors. Closing the reader does not close r.
func NewWARC(r io.Reader, name string, opts WARCOptions) (*WARCReader, error) {
	w := &WARCReader{name: name, key: validKey(name), max: opts.MaxRecordBytes}
	if w.max <= 0 {
		w.max = DefaultMaxRecordBytes
	}
	br := bufio.NewReaderSize(r, 64<<10)
	magic, _ := br.Peek(2)
	var src io.Reader = br
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		// Decompressing the whole file as one multi-member stream reads
		// per-record gzip and whole-file gzip alike.
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		src = zr
		w.closers = append(w.closers, zr)
	}
	w.counter = &countingReader{r: src}
	w.br = bufio.NewReaderSize(w.counter, 64<<10)
	// Syntax errors must fail: gowarc's header parser ignoring them loops
	// forever at the end of a torn file. resync does the lenient part,
	// finding the next record after damage.
	w.un = gowarc.NewUnmarshaler(gowarc.WithNoValidation(), gowarc.WithSyntaxErrorPolicy(gowarc.ErrFail))
	return w, nil
}

// Skipped returns how many records were skipped so far as not being HTML
// pages.
func (w *WARCReader) Skipped() int { return w.skipped }

// Offset returns the uncompressed byte offset of the last record returned.
func (w *WARCReader) Offset() int64 { return w.offset }

// ContentType returns the HTTP Content-Type of the last record returned,
// such as "text/html; charset=iso-8859-1", for decoding its Text.
func (w *WARCReader) ContentType() string { return w.ctype }

// Next returns the next HTML page. At the end of the archive it returns
// io.EOF; a corrupt archive that cannot be read on returns another error.
func (w *WARCReader) Next() (Record, error) {
	if w.err != nil {
		return Record{}, w.err
	}
	for {
		pos := w.counter.n - int64(w.br.Buffered())
		rec, skip, err := w.next(pos)
		if err != nil {
			w.err = err
			return Record{}, err
		}
		if skip {
			w.skipped++
			continue
		}
		return rec, nil
	}
}

// next reads one WARC record starting at pos. It returns skip for a
// record that is not an HTML page, and an error only when the archive
// cannot be read on.
func (w *WARCReader) next(pos int64) (rec Record, skip bool, err error) {
	skipped := w.resync()
	wr, err := w.unmarshal()
	consumed := w.counter.n - int64(w.br.Buffered())
	if wr == nil {
		if errors.Is(err, io.EOF) && consumed == pos+skipped {
			return Record{}, false, io.EOF // the end, perhaps after padding
		}
		w.index++
		rec.Source = fmt.Sprintf("%s:%d", w.name, w.index)
		rec.Key = fmt.Sprintf("%s:%d", w.key, w.index)
		rec.ID = rec.Key
		_, peekErr := w.br.Peek(1)
		switch {
		case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || peekErr != nil:
			// A header torn by a truncated file: report it; nothing
			// follows.
			rec.Err = fmt.Errorf("read %s: torn record: %w", rec.Source, io.ErrUnexpectedEOF)
			w.err = io.EOF
			return rec, false, nil
		case consumed == pos:
			// The parser cannot get past this point: the archive is
			// unreadable from here.
			return Record{}, false, fmt.Errorf("read %s: %w", rec.Source, err)
		}
		// A damaged header; the parser finds the next record.
		rec.Err = fmt.Errorf("read %s: %w", rec.Source, err)
		return rec, false, nil
	}
	w.index++
	w.offset = pos + skipped
	rec.Source = fmt.Sprintf("%s:%d", w.name, w.index)
	rec.Key = fmt.Sprintf("%s:%d", w.key, w.index)
	headerEnd := consumed
	html, ctype, isPage, readErr := w.page(wr, &rec)
	if readErr == nil && err != nil {
		readErr = fmt.Errorf("read %s: %w", rec.Source, err)
	}
	closeErr := wr.Close() // reads on to the end of the record
	if n, err := wr.ContentLength(); err == nil && w.counter.n-int64(w.br.Buffered()) < headerEnd+n {
		// The file ends before the record does, whatever error that
		// caused on the way.
		closeErr = fmt.Errorf("%w: %d of %d bytes", io.ErrUnexpectedEOF, w.counter.n-int64(w.br.Buffered())-headerEnd, n)
		readErr = nil
	}
	switch {
	case readErr != nil:
		rec.Err = readErr
	case closeErr != nil:
		rec.Err = fmt.Errorf("read %s: torn record: %w", rec.Source, closeErr)
	case !isPage:
		return Record{}, true, nil
	}
	if errors.Is(rec.Err, io.ErrUnexpectedEOF) || errors.Is(closeErr, io.ErrUnexpectedEOF) {
		w.err = io.EOF // the file ends inside this record
	}
	if rec.Err == nil {
		rec.Text = html
		rec.ContentType = ctype
		w.ctype = ctype
	}
	if rec.ID == "" {
		rec.ID = rec.Key // a record torn before its target URI was read
	}
	return rec, false, nil
}

// unmarshal parses the next record's header. gowarc indexes past the end
// of some malformed version lines; such a panic is reported as an error
// (and resync then skips the damage), since bad input must not crash a
// batch job.
func (w *WARCReader) unmarshal() (wr gowarc.WarcRecord, err error) {
	defer func() {
		if p := recover(); p != nil {
			wr, err = nil, fmt.Errorf("malformed record header (%v)", p)
		}
	}()
	wr, _, _, err = w.un.Unmarshal(w.br)
	return wr, err
}

// resync skips to the next "WARC/" (normally there is nothing to skip) and
// returns how many bytes it skipped.
func (w *WARCReader) resync() int64 {
	var n int64
	for {
		b, err := w.br.Peek(5)
		if err != nil || bytes.Equal(b, []byte("WARC/")) {
			return n
		}
		i := bytes.IndexByte(b[1:], 'W') + 1
		if i == 0 {
			i = len(b)
		}
		w.br.Discard(i)
		n += int64(i)
	}
}

// page reads an HTML page out of a WARC record. isPage is false for any
// other record; err reports a page that could not be read.
func (w *WARCReader) page(wr gowarc.WarcRecord, rec *Record) (html, ctype string, isPage bool, err error) {
	h := wr.WarcHeader()
	uri := strings.Trim(h.Get(gowarc.WarcTargetURI), "<>")
	if wr.Type() != gowarc.Response || !strings.HasPrefix(strings.ToLower(h.Get(gowarc.ContentType)), "application/http") {
		return "", "", false, nil
	}
	if lower := strings.ToLower(uri); !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
		return "", "", false, nil
	}
	rec.ID = uri
	if n, err := wr.ContentLength(); err == nil && n > w.max {
		return "", "", true, fmt.Errorf("read %s (%s): %w: %d bytes (limit %d)", rec.Source, uri, ErrRecordTooLarge, n, w.max)
	}
	raw, err := wr.Block().RawBytes()
	if err != nil {
		return "", "", true, fmt.Errorf("read %s (%s): %w", rec.Source, uri, err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(io.LimitReader(raw, w.max)), nil)
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return "", "", true, fmt.Errorf("read %s (%s): torn record: %w", rec.Source, uri, err)
		}
		return "", "", true, fmt.Errorf("read %s (%s): HTTP response: %w", rec.Source, uri, err)
	}
	defer resp.Body.Close()
	ctype = resp.Header.Get("Content-Type")
	if ctype == "" {
		ctype = h.Get(gowarc.WarcIdentifiedPayloadType)
	}
	mt, _, _ := mime.ParseMediaType(ctype)
	if resp.StatusCode < 200 || resp.StatusCode > 299 || (mt != "text/html" && mt != "application/xhtml+xml") {
		return "", "", false, nil
	}
	body, err := decodeBody(resp.Body, resp.Header.Get("Content-Encoding"))
	if err != nil {
		return "", "", true, fmt.Errorf("read %s (%s): %w", rec.Source, uri, err)
	}
	b, err := io.ReadAll(io.LimitReader(body, w.max+1))
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return "", "", true, fmt.Errorf("read %s (%s): torn record: %w", rec.Source, uri, err)
		}
		return "", "", true, fmt.Errorf("read %s (%s): body: %w", rec.Source, uri, err)
	}
	if int64(len(b)) > w.max {
		return "", "", true, fmt.Errorf("read %s (%s): %w: over %d bytes decoded", rec.Source, uri, ErrRecordTooLarge, w.max)
	}
	return string(trimBOM(b)), ctype, true, nil
}

// decodeBody undoes a gzip or deflate Content-Encoding; crawlers store the
// body as the server sent it.
func decodeBody(r io.Reader, encoding string) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "", "identity":
		return r, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		return zr, nil
	case "deflate":
		// Servers send either zlib-wrapped or raw deflate; try zlib first.
		br := bufio.NewReader(r)
		if b, err := br.Peek(2); err == nil && b[0]&0x0f == 8 && (uint16(b[0])<<8|uint16(b[1]))%31 == 0 {
			zr, err := zlib.NewReader(br)
			if err != nil {
				return nil, fmt.Errorf("deflate body: %w", err)
			}
			return zr, nil
		}
		return flate.NewReader(br), nil
	}
	return nil, fmt.Errorf("unsupported Content-Encoding %q", encoding)
}

// Close releases the archive.
func (w *WARCReader) Close() error {
	if errors.Is(w.err, ErrClosed) {
		return nil
	}
	w.err = ErrClosed
	var errs []error
	for _, c := range w.closers {
		errs = append(errs, c.Close())
	}
	w.closers = nil
	return errors.Join(errs...)
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
