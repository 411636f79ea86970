package corpus

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"unicode/utf16"
	"unicode/utf8"
)

// bbcReader reads the BBC News Summary layout: News Articles/<category>/
// NNN.txt paired with Summaries/<category>/NNN.txt, in the order of
// category, then file name. Only one category's file names are held at a
// time.
type bbcReader struct {
	root     string
	articles string   // root/News Articles
	cats     []string // category folder names, sorted
	cat      int      // index of the next category to list
	catName  string   // the current category
	files    []string // file names of the current category, sorted
	file     int      // index of the next file
	closed   bool
	max      int64 // record size cap
}

func openBBC(root string, opts Options) (Reader, error) {
	articles := filepath.Join(root, bbcArticles)
	entries, err := readDir(articles)
	if err != nil {
		return nil, fmt.Errorf("open corpus: %w", err)
	}
	b := &bbcReader{root: root, articles: articles, max: opts.maxRecord()}
	for _, e := range entries {
		if e.IsDir() && !hidden(e.Name()) {
			b.cats = append(b.cats, e.Name())
		}
	}
	return b, nil
}

// Next returns the next article with its summary.
func (b *bbcReader) Next() (Record, error) {
	if b.closed {
		return Record{}, ErrClosed
	}
	for b.file >= len(b.files) {
		if b.cat >= len(b.cats) {
			return Record{}, io.EOF
		}
		b.catName = b.cats[b.cat]
		b.cat++
		dir := filepath.Join(b.articles, b.catName)
		entries, err := readDir(dir)
		b.files, b.file = b.files[:0], 0
		if err != nil {
			// One category that cannot be listed is one error record;
			// the other categories are read.
			return folderError(dir, validKey(path.Join(bbcArticles, b.catName)), err), nil
		}
		for _, e := range entries {
			if isTextEntry(e) {
				b.files = append(b.files, e.Name())
			}
		}
	}
	name := b.files[b.file]
	b.file++
	return b.read(b.catName, name), nil
}

// read reads one article and its summary; problems go to Record.Err.
func (b *bbcReader) read(cat, name string) Record {
	articlePath := filepath.Join(b.articles, cat, name)
	rec := Record{
		ID:     cat + "/" + strings.TrimSuffix(name, path.Ext(name)),
		Source: articlePath,
		Key:    validKey(path.Join(bbcArticles, cat, name)),
	}
	text, err := readText(articlePath, b.max)
	if err != nil {
		rec.Err = fmt.Errorf("read %s: %w", articlePath, err)
		return rec
	}
	rec.Title, rec.Text = splitTitle(text)

	summaryPath := filepath.Join(b.root, bbcSummaries, cat, name)
	text, err = readText(summaryPath, b.max)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		rec.Err = fmt.Errorf("read %s: %w: %s", articlePath, ErrNoSummary, summaryPath)
	case err != nil:
		rec.Err = fmt.Errorf("read %s: %w", summaryPath, err)
	default:
		rec.Summary = strings.TrimSpace(text)
	}
	return rec
}

// Close ends the stream; the BBC reader holds no open file between calls.
func (b *bbcReader) Close() error {
	b.closed = true
	b.files, b.cats = nil, nil
	return nil
}

// textDirReader reads the files under a folder that folderFormats know,
// depth first, each folder's entries in name order, skipping hidden files
// and folders. Only the listings of the folders on the current path, and
// the file being read, are held.
type textDirReader struct {
	root    string
	opts    Options
	stack   []dirFrame
	cur     Reader // the records of the current file, or nil
	skipped int    // records skipped by the files done (WARC archives)
	closed  bool
}

// Skipper is a Reader that skips some of its input's records, such as the
// non-HTML records of a WARC archive, and counts them.
type Skipper interface {
	// Skipped returns how many records were skipped so far.
	Skipped() int
}

// Skipped returns how many records the WARC archives of the folder
// skipped so far as not being HTML pages.
func (t *textDirReader) Skipped() int {
	n := t.skipped
	if s, ok := t.cur.(Skipper); ok {
		n += s.Skipped()
	}
	return n
}

type dirFrame struct {
	rel     string // slash-separated path from the root, "" for the root
	entries []os.DirEntry
	next    int
}

// folderFormat is a kind of file a folder corpus reads.
type folderFormat struct {
	// match reports whether a file name (lower-cased) is of this kind.
	match func(lower string) bool
	// open returns the records of the file at p, whose key prefix (path
	// relative to the corpus root, made valid UTF-8 by validKey) is key. A file that cannot be read is
	// an error record of that Reader, not an error of open.
	open func(p, key string, opts Options) Reader
}

// folderFormats are the files read inside a folder corpus, by name. A new
// kind of file (an .html page, a .warc.gz archive of many records) is one
// more entry: its Reader gives its records Keys under the file's key, and
// reads the file with openRegular or readRegular, so that a device or FIFO
// is never opened for reading and the record cap holds.
var folderFormats = []folderFormat{
	{match: func(lower string) bool { return path.Ext(lower) == ".txt" }, open: openTextFile},
	{match: IsHTMLName, open: openHTMLFile},
	{match: IsWARCName, open: func(p, key string, opts Options) Reader {
		r, err := openWARCFile(p, key, opts)
		if err != nil {
			return &errorReader{rec: Record{ID: key, Key: key, Source: p, Err: err}}
		}
		return r
	}},
}

// IsHTMLName reports whether a file name is a web page: ".html", ".htm"
// or ".xhtml", in any letter case.
func IsHTMLName(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return true
	}
	return false
}

// errorReader delivers one error record: a file of a folder that could
// not be opened.
type errorReader struct {
	rec  Record
	done bool
}

func (e *errorReader) Next() (Record, error) {
	if e.done {
		return Record{}, io.EOF
	}
	e.done = true
	return e.rec, nil
}

func (e *errorReader) Close() error { return nil }

// formatOf returns the folder format of a file name, or nil.
func formatOf(name string) *folderFormat {
	lower := strings.ToLower(name)
	for i := range folderFormats {
		if folderFormats[i].match(lower) {
			return &folderFormats[i]
		}
	}
	return nil
}

// readDir lists a folder; tests replace it to simulate a folder that
// cannot be listed, which permissions cannot do when tests run as root.
var readDir = os.ReadDir

func openTextDir(root string, opts Options) (Reader, error) {
	entries, err := readDir(root)
	if err != nil {
		return nil, fmt.Errorf("open corpus: %w", err)
	}
	return &textDirReader{root: root, opts: opts, stack: []dirFrame{{entries: entries}}}, nil
}

// folderError is the error record of a folder that could not be listed.
func folderError(dir, key string, err error) Record {
	return Record{
		ID: key, Key: key, Source: dir,
		Err: fmt.Errorf("read %s: %w: %w", dir, ErrUnreadableFolder, err),
	}
}

// Next returns the next record.
func (t *textDirReader) Next() (Record, error) {
	if t.closed {
		return Record{}, ErrClosed
	}
	for {
		if t.cur != nil {
			rec, err := t.cur.Next()
			if err != io.EOF {
				return rec, err
			}
			if s, ok := t.cur.(Skipper); ok {
				t.skipped += s.Skipped()
			}
			t.cur.Close()
			t.cur = nil
		}
		if len(t.stack) == 0 {
			return Record{}, io.EOF
		}
		top := &t.stack[len(t.stack)-1]
		if top.next >= len(top.entries) {
			t.stack = t.stack[:len(t.stack)-1]
			continue
		}
		e := top.entries[top.next]
		top.next++
		rel := path.Join(top.rel, e.Name())
		if hidden(e.Name()) {
			continue
		}
		p := filepath.Join(t.root, filepath.FromSlash(rel))
		if e.IsDir() {
			entries, err := readDir(p)
			// The entries listed before an error are still read.
			t.stack = append(t.stack, dirFrame{rel: rel, entries: entries})
			if err != nil {
				return folderError(p, validKey(rel), err), nil
			}
			continue
		}
		if f := formatOf(e.Name()); f != nil {
			t.cur = f.open(p, validKey(rel), t.opts)
		}
	}
}

// Close ends the stream and closes the file being read.
func (t *textDirReader) Close() error {
	t.closed = true
	t.stack = nil
	if t.cur != nil {
		err := t.cur.Close()
		t.cur = nil
		return err
	}
	return nil
}

// singleFileReader delivers one file as one record: a .txt file as its
// cleaned text, a web page as its bytes (the page declares its own charset).
type singleFileReader struct {
	path, key   string
	max         int64
	contentType string                                       // "text/html" for a page, "" for text
	read        func(path string, max int64) (string, error) // the file's record text
	done        bool
	closed      bool
}

// openTextFile returns the Reader of one text file, whose key and id are
// key.
func openTextFile(p, key string, opts Options) Reader {
	return &singleFileReader{path: p, key: key, max: opts.maxRecord(), read: func(p string, max int64) (string, error) {
		text, err := readText(p, max)
		return strings.TrimSpace(text), err
	}}
}

// openHTMLFile returns the Reader of one .html file, whose key and id are
// key.
func openHTMLFile(p, key string, opts Options) Reader {
	return &singleFileReader{path: p, key: key, max: opts.maxRecord(), contentType: "text/html",
		read: func(p string, max int64) (string, error) {
			data, err := readRegular(p, max)
			return string(data), err
		}}
}

// Next returns the file's record, then io.EOF.
func (f *singleFileReader) Next() (Record, error) {
	if f.closed {
		return Record{}, ErrClosed
	}
	if f.done {
		return Record{}, io.EOF
	}
	f.done = true
	rec := Record{ID: f.key, Key: f.key, Source: f.path, ContentType: f.contentType}
	text, err := f.read(f.path, f.max)
	if err != nil {
		rec.Err = fmt.Errorf("read %s: %w", f.path, err)
		return rec, nil
	}
	rec.Text = text
	return rec, nil
}

// Close ends the stream.
func (f *singleFileReader) Close() error {
	f.closed = true
	return nil
}

// readText reads a text file (see readRegular) and cleans its text (see
// DecodeText and cleanText).
func readText(p string, max int64) (string, error) {
	data, err := readRegular(p, max)
	if err != nil {
		return "", err
	}
	if data, err = DecodeText(data); err != nil {
		return "", err
	}
	return cleanText(data), nil
}

// openRegular opens p for reading if it is a regular file, after a link is
// followed. A device (/dev/zero), FIFO or socket is refused with
// ErrNotRegular before it is opened: reading it could block forever or
// never end. The file's size is returned for the caller's cap.
func openRegular(p string) (*os.File, int64, error) {
	fi, err := os.Stat(p) // follows links: the mode of what would be read
	if err != nil {
		return nil, 0, err
	}
	if err := checkRegular(fi); err != nil {
		return nil, 0, err
	}
	// O_NONBLOCK: should the file be replaced by a FIFO after the Stat,
	// open must not wait for a writer; the fstat below refuses it then.
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, 0, err
	}
	if fi, err = f.Stat(); err == nil {
		err = checkRegular(fi)
	}
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, fi.Size(), nil
}

func checkRegular(fi fs.FileInfo) error {
	if fi.Mode().IsRegular() {
		return nil
	}
	kind := "special file"
	switch m := fi.Mode(); {
	case m.IsDir():
		kind = "folder"
	case m&fs.ModeNamedPipe != 0:
		kind = "named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		kind = "socket"
	case m&fs.ModeCharDevice != 0:
		kind = "character device"
	case m&fs.ModeDevice != 0:
		kind = "device"
	}
	return fmt.Errorf("%w: a %s", ErrNotRegular, kind)
}

// readRegular reads the regular file at p (see openRegular) whole, unless
// it holds more than max bytes: then ErrRecordTooLarge, having read at
// most max+1 bytes, whatever the file claims its size is.
func readRegular(p string, max int64) ([]byte, error) {
	f, size, err := openRegular(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if size > max {
		return nil, tooLarge(size, max)
	}
	var b bytes.Buffer
	b.Grow(int(size) + bytes.MinRead) // files in /proc say 0 and hold more: LimitReader still caps
	if _, err := b.ReadFrom(io.LimitReader(f, max+1)); err != nil {
		return nil, err
	}
	if int64(b.Len()) > max {
		return nil, tooLarge(-1, max)
	}
	return b.Bytes(), nil
}

// tooLarge is ErrRecordTooLarge for a record of size bytes (-1: unknown).
func tooLarge(size, max int64) error {
	if size < 0 {
		return fmt.Errorf("%w: over the cap of %d bytes", ErrRecordTooLarge, max)
	}
	return fmt.Errorf("%w: %d bytes, over the cap of %d", ErrRecordTooLarge, size, max)
}

// DecodeText returns file contents as text: after a UTF-16 byte order mark
// (either byte order) the rest is decoded from UTF-16 to UTF-8; other
// contents are returned as they are, a UTF-8 byte order mark and invalid
// UTF-8 included. Contents that are binary rather than text, by the rule
// of CheckText, are ErrNotText.
func DecodeText(data []byte) ([]byte, error) {
	if len(data) >= 2 {
		switch {
		case data[0] == 0xFF && data[1] == 0xFE:
			data = decodeUTF16(data[2:], binary.LittleEndian)
		case data[0] == 0xFE && data[1] == 0xFF:
			data = decodeUTF16(data[2:], binary.BigEndian)
		}
	}
	if err := CheckText(data); err != nil {
		return nil, err
	}
	return data, nil
}

// textSample is how much of a text CheckText looks at for NUL bytes and
// invalid UTF-8: as git does, the start of a file tells binary from text.
const textSample = 8 << 10

// CheckText is the one rule of skim for content that is binary rather than
// text, shared by the corpus readers, the CLI and the HTTP API: it returns
// ErrNotText for a NUL byte in the first 8 KiB (binary files, and UTF-16
// without a byte order mark, whose Latin letters come with NUL bytes),
// more than 10% control characters other than tab, line feed, vertical
// tab, form feed and carriage return, or more than a third of the first
// 8 KiB not part of valid UTF-8 (compressed or random bytes that happen to
// hold no NUL). Latin-1 text, with a few invalid bytes, passes: its bytes
// are read as U+FFFD.
func CheckText[T string | []byte](data T) error {
	controls := 0
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == 0 && i < textSample:
			return fmt.Errorf("%w: NUL bytes, as in binary files or UTF-16 without a byte order mark", ErrNotText)
		case c < 0x20 && (c < '\t' || c > '\r') || c == 0x7F:
			controls++
		}
	}
	if controls > len(data)/10 {
		return fmt.Errorf("%w: %d of %d bytes are control characters", ErrNotText, controls, len(data))
	}
	sample := string(data[:min(len(data), textSample)]) // no copy for a string
	if utf8.ValidString(sample) {
		return nil
	}
	invalid := 0
	for i := 0; i < len(sample); {
		r, size := utf8.DecodeRuneInString(sample[i:])
		// A rune cut by the sample's end is not counted.
		if r == utf8.RuneError && size == 1 && i+utf8.UTFMax <= len(sample) {
			invalid++
		}
		i += size
	}
	if invalid*3 > len(sample) {
		return fmt.Errorf("%w: %d of the first %d bytes are not UTF-8", ErrNotText, invalid, len(sample))
	}
	return nil
}

// decodeUTF16 decodes UTF-16 to UTF-8; unpaired surrogates and an odd last
// byte become U+FFFD.
func decodeUTF16(data []byte, order binary.ByteOrder) []byte {
	out := make([]byte, 0, len(data)+len(data)/2)
	for i := 0; i+1 < len(data); i += 2 {
		r := rune(order.Uint16(data[i:]))
		if utf16.IsSurrogate(r) && i+3 < len(data) {
			if pair := utf16.DecodeRune(r, rune(order.Uint16(data[i+2:]))); pair != utf8.RuneError {
				r = pair
				i += 2
			}
		}
		out = utf8.AppendRune(out, r) // a lone surrogate becomes U+FFFD
	}
	if len(data)%2 == 1 {
		out = utf8.AppendRune(out, utf8.RuneError)
	}
	return out
}

// isTextEntry reports whether a folder entry is a visible .txt entry other
// than a folder. Entries that are not regular files (or links to them) are
// included, so that each becomes an error record rather than vanishing.
func isTextEntry(e os.DirEntry) bool {
	return !e.IsDir() && !hidden(e.Name()) && strings.EqualFold(path.Ext(e.Name()), ".txt")
}

func hidden(name string) bool { return strings.HasPrefix(name, ".") }

// cleanText turns file contents into text: each invalid UTF-8 byte becomes
// U+FFFD (as encoding/json does), a leading byte order mark is dropped, and
// CRLF and lone CR line ends become LF.
func cleanText(data []byte) string {
	data = trimBOM(data)
	if utf8.Valid(data) && bytes.IndexByte(data, '\r') < 0 {
		return string(data)
	}
	var b strings.Builder
	b.Grow(len(data))
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case c == '\r':
			b.WriteByte('\n')
			i++
			if i < len(data) && data[i] == '\n' {
				i++
			}
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				b.WriteRune(utf8.RuneError)
			} else {
				b.Write(data[i : i+size])
			}
			i += size
		}
	}
	return b.String()
}

func trimBOM(data []byte) []byte {
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		return data[3:]
	}
	return data
}

// splitTitle splits an article into its first non-empty line, the title,
// and the rest, the text, keeping the text's own line structure but
// dropping the blank lines around it.
func splitTitle(s string) (title, text string) {
	for s != "" {
		line, rest, _ := strings.Cut(s, "\n")
		s = rest
		if t := strings.TrimSpace(line); t != "" {
			return t, strings.TrimSpace(rest)
		}
	}
	return "", ""
}
