package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// readAllWithin drains r like readAll, failing the test instead of hanging
// when the reader blocks (as it did on a FIFO).
func readAllWithin(t *testing.T, d time.Duration, r Reader) []Record {
	t.Helper()
	done := make(chan []Record, 1)
	go func() {
		var recs []Record
		for {
			rec, err := r.Next()
			if err != nil {
				if err != io.EOF {
					t.Errorf("Next: %v", err)
				}
				done <- recs
				return
			}
			recs = append(recs, rec)
		}
	}()
	select {
	case recs := <-done:
		must(t, r.Close())
		return recs
	case <-time.After(d):
		t.Fatalf("the reader did not finish within %v", d)
		return nil
	}
}

// utf16Bytes encodes s as UTF-16 with a byte order mark, or without when
// bom is false.
func utf16Bytes(s string, bigEndian, bom bool) []byte {
	var b []byte
	put := func(u uint16) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	if bom {
		put(0xFEFF)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		put(u)
	}
	return b
}

// TestFolderProblemsAreRecords: in a folder corpus, a subfolder that cannot
// be listed, a link to /dev/zero, a FIFO and a link to it, a file over the
// record cap and a binary file are each one error record; the stream goes
// on, and every readable file is delivered. The unlistable folder is
// simulated through readDir, since tests run as root, whom permissions do
// not stop; so this test is not parallel.
func TestFolderProblemsAreRecords(t *testing.T) {
	root := t.TempDir()
	write := func(rel string, data []byte) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(rel))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, data, 0o644))
	}
	write("a.txt", []byte("First file."))
	write("locked/hidden.txt", []byte("Never listed."))
	write("m/big.txt", bytes.Repeat([]byte("Long text. "), 200))
	write("m/bin.txt", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00binary"))
	write("m/utf16.txt", utf16Bytes("Grüße aus Köln.", false, true))
	write("m/utf16be.txt", utf16Bytes("Grüße aus Köln.", true, true))
	write("m/utf16-no-bom.txt", utf16Bytes("Hello from Cologne.", false, false))
	must(t, syscall.Mkfifo(filepath.Join(root, "m", "pipe.txt"), 0o644))
	must(t, os.Symlink(filepath.Join(root, "m", "pipe.txt"), filepath.Join(root, "m", "to-pipe.txt")))
	must(t, os.Symlink("/dev/zero", filepath.Join(root, "m", "zero.txt")))
	write("z.txt", []byte("Last file."))

	locked := filepath.Join(root, "locked")
	defer func(orig func(string) ([]os.DirEntry, error)) { readDir = orig }(readDir)
	readDir = func(dir string) ([]os.DirEntry, error) {
		if dir == locked {
			return nil, &os.PathError{Op: "open", Path: dir, Err: syscall.EACCES}
		}
		return os.ReadDir(dir)
	}

	r, err := Open(root, Options{MaxRecordBytes: 1000})
	must(t, err)
	got := readAllWithin(t, 10*time.Second, r)
	type want struct {
		key, text string
		err       error
	}
	wants := []want{
		{"a.txt", "First file.", nil},
		{"locked", "", ErrUnreadableFolder},
		{"m/big.txt", "", ErrRecordTooLarge},
		{"m/bin.txt", "", ErrNotText},
		{"m/pipe.txt", "", ErrNotRegular},
		{"m/to-pipe.txt", "", ErrNotRegular},
		{"m/utf16-no-bom.txt", "", ErrNotText},
		{"m/utf16.txt", "Grüße aus Köln.", nil},
		{"m/utf16be.txt", "Grüße aus Köln.", nil},
		{"m/zero.txt", "", ErrNotRegular},
		{"z.txt", "Last file.", nil},
	}
	if len(got) != len(wants) {
		for _, g := range got {
			t.Logf("got %s: %v", g.Key, g.Err)
		}
		t.Fatalf("%d records, want %d", len(got), len(wants))
	}
	for i, w := range wants {
		g := got[i]
		if g.Key != w.key || g.ID != w.key || g.Text != w.text || !errors.Is(g.Err, w.err) || (w.err == nil) != (g.Err == nil) {
			t.Errorf("record %d: key %q id %q text %q err %v; want key %q text %q err %v", i, g.Key, g.ID, g.Text, g.Err, w.key, w.text, w.err)
		}
		if g.Err != nil && !strings.Contains(g.Err.Error(), filepath.Join(root, filepath.FromSlash(w.key))) {
			t.Errorf("error of %s does not name its path: %v", w.key, g.Err)
		}
	}
	n, err := Count(t.Context(), root)
	if err != nil || n != int64(len(wants)) {
		t.Errorf("Count = %d, %v; the reader delivers %d records", n, err, len(wants))
	}
}

// TestBBCUnreadableCategory: a category folder of the BBC layout that
// cannot be listed is one error record; the other categories are read.
// Not parallel: it replaces readDir.
func TestBBCUnreadableCategory(t *testing.T) {
	root := copyDir(t, filepath.Join("testdata", "bbc"))
	business := filepath.Join(root, bbcArticles, "business")
	defer func(orig func(string) ([]os.DirEntry, error)) { readDir = orig }(readDir)
	readDir = func(dir string) ([]os.DirEntry, error) {
		if dir == business {
			return nil, &os.PathError{Op: "open", Path: dir, Err: syscall.EIO}
		}
		return os.ReadDir(dir)
	}
	got := openAll(t, root, Options{})
	if len(got) != 2 || !errors.Is(got[0].Err, ErrUnreadableFolder) || got[0].Key != "News Articles/business" ||
		got[1].ID != "sport/001" || got[1].Err != nil {
		t.Fatalf("records: %+v", got)
	}
	if n, err := Count(t.Context(), root); err != nil || n != 2 {
		t.Errorf("Count = %d, %v; want 2", n, err)
	}
}

// patternReader yields n bytes of a repeated pattern without holding them.
type patternReader struct {
	pattern []byte
	n, off  int64
}

func (p *patternReader) Read(b []byte) (int, error) {
	if p.off >= p.n {
		return 0, io.EOF
	}
	b = b[:min(int64(len(b)), p.n-p.off)]
	for i := 0; i < len(b); {
		i += copy(b[i:], p.pattern[(p.off+int64(i))%int64(len(p.pattern)):])
	}
	p.off += int64(len(b))
	return len(b), nil
}

// TestJSONLLineOverCap: a 50 MB line over a 1 MiB cap is an error record
// with its id, the next line is read, and reading it allocates about the
// cap, not the line. Not parallel: it measures the process's allocations.
func TestJSONLLineOverCap(t *testing.T) {
	const lineBytes, capBytes = 50 << 20, 1 << 20
	head := `{"id":"huge","text":"`
	body := &patternReader{pattern: []byte("All work and no play. "), n: lineBytes}
	input := io.MultiReader(strings.NewReader(head), body, strings.NewReader("\"}\n{\"id\":\"next\",\"text\":\"Small.\"}\n"))
	r := NewJSONL(input, "in", Options{MaxRecordBytes: capBytes})

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	recs := readAll(t, r)
	runtime.ReadMemStats(&after)

	want := []Record{{ID: "huge", Key: "in:1", Source: "in:1"}, {ID: "next", Text: "Small.", Key: "in:2"}}
	checkRecords(t, recs, want, []string{"record too large", ""})
	if !errors.Is(recs[0].Err, ErrRecordTooLarge) {
		t.Errorf("Err = %v, want ErrRecordTooLarge", recs[0].Err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8*capBytes {
		t.Errorf("reading a %d MB line over a %d MiB cap allocated %d MB", lineBytes>>20, capBytes>>20, alloc>>20)
	}
}

// TestTextFileOverCapReadsAtMostCap: a text file over the cap is refused
// from its size, and a file that claims a small size but is longer (as
// /proc files do) is read only up to the cap.
func TestTextFileOverCap(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := filepath.Join(dir, "x.txt")
	must(t, os.WriteFile(p, bytes.Repeat([]byte("Word. "), 100), 0o644))
	for _, max := range []int64{599, 600} {
		rec := readAllWithin(t, 5*time.Second, openTextFile(p, "x.txt", Options{MaxRecordBytes: max}))[0]
		if tooBig := max < 600; errors.Is(rec.Err, ErrRecordTooLarge) != tooBig {
			t.Errorf("cap %d on 600 bytes: %v", max, rec.Err)
		}
	}
	if _, err := readRegular("/proc/self/status", 10); !errors.Is(err, ErrRecordTooLarge) {
		t.Errorf("readRegular(/proc/self/status, 10) = %v, want ErrRecordTooLarge", err)
	}
}

func TestDecodeText(t *testing.T) {
	t.Parallel()
	colored := "\x1b[1mBold\x1b[0m headline. " + strings.Repeat("Plain words in a sentence. ", 3)
	tests := []struct {
		name string
		in   []byte
		want string // "" with err
		err  error
	}{
		{name: "utf-8", in: []byte("Grüße."), want: "Grüße."},
		{name: "invalid utf-8 is text", in: []byte("Caf\xe9 owners."), want: "Caf\xe9 owners."},
		{name: "empty", in: nil, want: ""},
		{name: "utf-16le bom", in: utf16Bytes("Zoë 🌉 bridge.", false, true), want: "Zoë 🌉 bridge."},
		{name: "utf-16be bom", in: utf16Bytes("Zoë 🌉 bridge.", true, true), want: "Zoë 🌉 bridge."},
		{name: "utf-16 lone surrogate", in: []byte{0xFF, 0xFE, 0x3D, 0xD8, 'a', 0}, want: "\uFFFDa"},
		{name: "utf-16 odd byte", in: []byte{0xFF, 0xFE, 'a', 0, 'b'}, want: "a\uFFFD"},
		{name: "utf-16 without bom", in: utf16Bytes("Hello.", false, false), err: ErrNotText},
		{name: "nul byte", in: []byte("text\x00more text"), err: ErrNotText},
		{name: "mostly controls", in: []byte("a\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f b"), err: ErrNotText},
		{name: "a few escapes are text", in: []byte(colored), want: colored},
		{name: "whitespace controls are text", in: []byte("a\tb\r\nc\fd\v"), want: "a\tb\r\nc\fd\v"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeText(tt.in)
			if !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
				t.Fatalf("DecodeText(%q) error = %v, want %v", tt.in, err, tt.err)
			}
			if string(got) != tt.want {
				t.Errorf("DecodeText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	bin, err := os.ReadFile("/bin/sh")
	if err != nil {
		t.Skipf("no /bin/sh to read: %v", err)
	}
	if _, err := DecodeText(bin); !errors.Is(err, ErrNotText) {
		t.Errorf("DecodeText(/bin/sh) = %v, want ErrNotText", err)
	}
}

// FuzzDecodeText: DecodeText never panics, accepts nothing with a NUL in
// its first 8 KiB, and decodes any UTF-16 to valid UTF-8.
func FuzzDecodeText(f *testing.F) {
	for _, s := range [][]byte{nil, []byte("plain"), utf16Bytes("Zoë 🌉", false, true), utf16Bytes("Zoë", true, true), {0xFF, 0xFE, 0x00, 0xD8}, {0xFE}} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := DecodeText(data)
		if err != nil {
			return
		}
		if bytes.IndexByte(out[:min(len(out), 8<<10)], 0) >= 0 {
			t.Fatalf("accepted NUL bytes: %q", out)
		}
		if len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF) && !utf8.Valid(out) {
			t.Fatalf("UTF-16 decoded to invalid UTF-8: %q", out)
		}
	})
}

// TestKeysIgnorePathSpelling: records have the same keys however the
// corpus path is spelled, and no two records share one.
func TestKeysIgnorePathSpelling(t *testing.T) {
	t.Parallel()
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		must(t, err)
		return a
	}
	for _, rel := range []string{
		filepath.Join("testdata", "txt"),
		filepath.Join("testdata", "bbc"),
		filepath.Join("testdata", "jsonl", "news.jsonl"),
		filepath.Join("testdata", "txt", "a.txt"),
	} {
		spellings := []string{rel, abs(rel), "." + string(filepath.Separator) + rel}
		var first []string
		for i, p := range spellings {
			var keys []string
			seen := map[string]bool{}
			for _, rec := range openAll(t, p, Options{}) {
				if rec.Key == "" || seen[rec.Key] {
					t.Errorf("%s: empty or repeated key %q", p, rec.Key)
				}
				seen[rec.Key] = true
				keys = append(keys, rec.Key)
			}
			if i == 0 {
				first = keys
			} else if fmt.Sprint(keys) != fmt.Sprint(first) {
				t.Errorf("keys of %s = %v, of %s = %v", p, keys, rel, first)
			}
		}
	}
}

// TestJSONLBinaryText: JSON escapes can carry binary content; such a text
// field is ErrNotText, like a binary file.
func TestJSONLBinaryText(t *testing.T) {
	t.Parallel()
	input := `{"id":"bin","text":"\u007fELF\u0002\u0001\u0001\u0000\u0000\u0000 payload"}` + "\n" +
		`{"id":"ok","text":"A \u001b[1mbold\u001b[0m claim, and a tab\tor two."}` + "\n"
	got := readAll(t, NewJSONL(strings.NewReader(input), "in", Options{}))
	if len(got) != 2 || !errors.Is(got[0].Err, ErrNotText) || got[0].Text != "" || got[0].ID != "bin" ||
		got[1].Err != nil || !strings.Contains(got[1].Text, "\x1b[1mbold") {
		t.Fatalf("records: %+v", got)
	}
}

// TestKeysOfInvalidUTF8Names: file names that differ only in invalid UTF-8
// bytes keep distinct keys, and every key is valid UTF-8 (it goes into
// JSON output, and --resume compares what it reads back).
func TestKeysOfInvalidUTF8Names(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	for _, name := range []string{"a\xff.txt", "a\xfe.txt", "b.txt"} {
		if err := os.WriteFile(filepath.Join(root, name), []byte("Some text."), 0o644); err != nil {
			t.Skipf("the file system refuses the name %q: %v", name, err)
		}
	}
	got := openAll(t, root, Options{})
	keys := map[string]bool{}
	for _, rec := range got {
		if !utf8.ValidString(rec.Key) || keys[rec.Key] || rec.Err != nil {
			t.Errorf("record %+v: key invalid, repeated or an error", rec)
		}
		keys[rec.Key] = true
	}
	if len(got) != 3 || !keys["b.txt"] {
		t.Errorf("keys %v, want 3 with b.txt as it is", keys)
	}
}
