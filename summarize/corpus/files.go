package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
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
	listErr  error // sticky listing error
}

func openBBC(root string) (Reader, error) {
	articles := filepath.Join(root, bbcArticles)
	entries, err := os.ReadDir(articles)
	if err != nil {
		return nil, fmt.Errorf("open corpus: %w", err)
	}
	b := &bbcReader{root: root, articles: articles}
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
	if b.listErr != nil {
		return Record{}, b.listErr
	}
	for b.file >= len(b.files) {
		if b.cat >= len(b.cats) {
			return Record{}, io.EOF
		}
		b.catName = b.cats[b.cat]
		b.cat++
		dir := filepath.Join(b.articles, b.catName)
		entries, err := os.ReadDir(dir)
		if err != nil {
			b.listErr = fmt.Errorf("read %s: %w", dir, err)
			return Record{}, b.listErr
		}
		b.files, b.file = b.files[:0], 0
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
	}
	data, err := os.ReadFile(articlePath)
	if err != nil {
		rec.Err = fmt.Errorf("read %s: %w", articlePath, err)
		return rec
	}
	rec.Title, rec.Text = splitTitle(cleanText(data))

	summaryPath := filepath.Join(b.root, bbcSummaries, cat, name)
	data, err = os.ReadFile(summaryPath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		rec.Err = fmt.Errorf("read %s: %w: %s", articlePath, ErrNoSummary, summaryPath)
	case err != nil:
		rec.Err = fmt.Errorf("read %s: %w", summaryPath, err)
	default:
		rec.Summary = strings.TrimSpace(cleanText(data))
	}
	return rec
}

// Close ends the stream; the BBC reader holds no open file between calls.
func (b *bbcReader) Close() error {
	b.closed = true
	b.files, b.cats = nil, nil
	return nil
}

// textDirReader reads the .txt files under a folder, depth first, each
// folder's entries in name order, skipping hidden files and folders. Only
// the listings of the folders on the current path are held.
type textDirReader struct {
	root   string
	stack  []dirFrame
	closed bool
	err    error // sticky listing error
}

type dirFrame struct {
	rel     string // slash-separated path from the root, "" for the root
	entries []os.DirEntry
	next    int
}

func openTextDir(root string) (Reader, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("open corpus: %w", err)
	}
	return &textDirReader{root: root, stack: []dirFrame{{entries: entries}}}, nil
}

// Next returns the next text file.
func (t *textDirReader) Next() (Record, error) {
	if t.closed {
		return Record{}, ErrClosed
	}
	if t.err != nil {
		return Record{}, t.err
	}
	for len(t.stack) > 0 {
		top := &t.stack[len(t.stack)-1]
		if top.next >= len(top.entries) {
			t.stack = t.stack[:len(t.stack)-1]
			continue
		}
		e := top.entries[top.next]
		top.next++
		rel := path.Join(top.rel, e.Name())
		switch {
		case hidden(e.Name()):
		case e.IsDir():
			dir := filepath.Join(t.root, filepath.FromSlash(rel))
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.err = fmt.Errorf("read %s: %w", dir, err)
				return Record{}, t.err
			}
			t.stack = append(t.stack, dirFrame{rel: rel, entries: entries})
		case isTextEntry(e):
			return readTextFile(filepath.Join(t.root, filepath.FromSlash(rel)), rel), nil
		}
	}
	return Record{}, io.EOF
}

// Close ends the stream; the reader holds no open file between calls.
func (t *textDirReader) Close() error {
	t.closed = true
	t.stack = nil
	return nil
}

// textFileReader delivers a single .txt file as one record.
type textFileReader struct {
	path   string
	done   bool
	closed bool
}

func openTextFile(p string) Reader { return &textFileReader{path: p} }

// Next returns the file's record, then io.EOF.
func (t *textFileReader) Next() (Record, error) {
	if t.closed {
		return Record{}, ErrClosed
	}
	if t.done {
		return Record{}, io.EOF
	}
	t.done = true
	return readTextFile(t.path, filepath.Base(t.path)), nil
}

// Close ends the stream.
func (t *textFileReader) Close() error {
	t.closed = true
	return nil
}

// readTextFile reads a text file as a record without title or summary.
func readTextFile(p, id string) Record {
	rec := Record{ID: id, Source: p}
	data, err := os.ReadFile(p)
	if err != nil {
		rec.Err = fmt.Errorf("read %s: %w", p, err)
		return rec
	}
	rec.Text = strings.TrimSpace(cleanText(data))
	return rec
}

// isTextEntry reports whether a folder entry is a visible .txt file (or a
// link to one).
func isTextEntry(e os.DirEntry) bool {
	return !e.IsDir() && !hidden(e.Name()) &&
		(e.Type().IsRegular() || e.Type()&fs.ModeSymlink != 0) &&
		strings.EqualFold(path.Ext(e.Name()), ".txt")
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
