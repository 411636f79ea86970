package corpus

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// readAll drains r, failing the test on a stream error.
func readAll(t testing.TB, r Reader) []Record {
	t.Helper()
	var recs []Record
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		recs = append(recs, rec)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("Next after the end = %v, want io.EOF", err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := r.Next(); !errors.Is(err, ErrClosed) {
		t.Errorf("Next after Close = %v, want ErrClosed", err)
	}
	return recs
}

func openAll(t testing.TB, path string, opts Options) []Record {
	t.Helper()
	r, err := Open(path, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	return readAll(t, r)
}

// checkRecords compares records, ignoring Err (checked with wantErr, a
// substring of the error or "" for none), and Source and Key when want's
// are empty.
func checkRecords(t *testing.T, got []Record, want []Record, wantErr []string) {
	t.Helper()
	if len(got) != len(want) {
		for _, g := range got {
			t.Logf("got %+v", g)
		}
		t.Fatalf("got %d records, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if w.Source == "" {
			g.Source = ""
		}
		if w.Key == "" {
			g.Key = ""
		}
		gotErr := g.Err
		g.Err, w.Err = nil, nil
		if g != w {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, g, w)
		}
		switch {
		case wantErr == nil || wantErr[i] == "":
			if gotErr != nil {
				t.Errorf("record %d: Err = %v, want nil", i, gotErr)
			}
		case gotErr == nil:
			t.Errorf("record %d: Err = nil, want %q", i, wantErr[i])
		case !strings.Contains(gotErr.Error(), wantErr[i]):
			t.Errorf("record %d: Err = %q, want it to contain %q", i, gotErr, wantErr[i])
		}
	}
}

func TestBBC(t *testing.T) {
	root := filepath.Join("testdata", "bbc")
	got := openAll(t, root, Options{})
	want := []Record{
		{
			ID:      "business/001",
			Title:   "Widget sales lift Acme profit",
			Text:    "Acme said quarterly profit rose 12% to $1.2bn, helped by strong widget sales.\n\nThe firm expects growth to slow next year. Its shares rose 3%.",
			Summary: "Acme said quarterly profit rose 12% to $1.2bn, helped by strong widget sales.The firm expects growth to slow next year.",
			Source:  filepath.Join(root, "News Articles", "business", "001.txt"),
		},
		{
			// Leading blank line, indented title and CRLF line ends.
			ID:      "business/002",
			Title:   "Bank rates held",
			Text:    "The central bank kept rates at 4.75%.\n\nEconomists had expected no change.",
			Summary: "The central bank kept rates at 4.75%.",
		},
		{
			// The Latin-1 pound sign is an invalid UTF-8 byte.
			ID:      "sport/001",
			Title:   "Striker fined",
			Text:    "The striker was fined \uFFFD500 for the late tackle.\n\nHe will appeal.",
			Summary: "The striker was fined \uFFFD500 for the late tackle.",
		},
	}
	checkRecords(t, got, want, nil)
}

// copyDir copies a small test tree into a temporary folder.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := os.CopyFS(dst, os.DirFS(src))
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestBBCProblems(t *testing.T) {
	root := copyDir(t, filepath.Join("testdata", "bbc"))
	// A missing summary is a record-level problem; other files and
	// folders are ignored.
	must(t, os.Remove(filepath.Join(root, "Summaries", "business", "002.txt")))
	must(t, os.WriteFile(filepath.Join(root, "News Articles", "business", "README.md"), []byte("x"), 0o644))
	must(t, os.WriteFile(filepath.Join(root, "News Articles", "notes.txt"), []byte("x"), 0o644))
	must(t, os.Mkdir(filepath.Join(root, "News Articles", ".git"), 0o755))
	got := openAll(t, root, Options{})
	want := []Record{
		{ID: "business/001"}, {ID: "business/002"}, {ID: "sport/001"},
	}
	for i := range got {
		got[i].Title, got[i].Text, got[i].Summary = "", "", ""
	}
	checkRecords(t, got, want, []string{"", "no summary file", ""})
	if err := got[1].Err; !errors.Is(err, ErrNoSummary) || !strings.Contains(err.Error(), "002.txt") {
		t.Errorf("Err = %v, want ErrNoSummary naming the file", err)
	}
}

func TestTextDir(t *testing.T) {
	root := filepath.Join("testdata", "txt")
	got := openAll(t, root, Options{})
	want := []Record{
		{ID: "Z.TXT", Text: "Upper-case extension."},
		{ID: "a.txt", Text: "First file.\nSecond line.", Source: filepath.Join(root, "a.txt")},
		{ID: "sub/b.txt", Text: "Nested file."},
		{ID: "sub/deeper/c.txt", Text: "Deeper file.", Source: filepath.Join(root, "sub", "deeper", "c.txt")},
	}
	checkRecords(t, got, want, nil)
}

func TestTextFile(t *testing.T) {
	path := filepath.Join("testdata", "txt", "sub", "b.txt")
	got := openAll(t, path, Options{})
	checkRecords(t, got, []Record{{ID: "b.txt", Text: "Nested file.", Source: path}}, nil)
}

func TestJSONL(t *testing.T) {
	long := strings.Repeat("Lorem ipsum dolor sit amet. ", 5<<20/28+1) // > 5 MB
	tests := []struct {
		name    string
		input   string
		opts    Options
		want    []Record
		wantErr []string
	}{
		{
			name:  "good",
			input: `{"id": "x", "title": "T", "text": "body", "summary": "S"}` + "\n",
			want:  []Record{{ID: "x", Title: "T", Text: "body", Summary: "S", Source: "in:1"}},
		},
		{
			name:  "numeric id and extra fields",
			input: `{"id": 17, "text": "t", "other": [1, {"a": null}]}` + "\n" + `{"id": -2.5e3, "text": "u"}`,
			want:  []Record{{ID: "17", Text: "t"}, {ID: "-2.5e3", Text: "u", Source: "in:2"}},
		},
		{
			name:  "blank lines and no final newline",
			input: "\n  \n{\"id\":\"a\",\"text\":\"t\"}\r\n\n\t\n{\"id\":\"b\",\"text\":\"u\"}",
			want:  []Record{{ID: "a", Text: "t", Source: "in:3"}, {ID: "b", Text: "u", Source: "in:6"}},
		},
		{
			name:  "byte order mark",
			input: "\ufeff{\"id\":\"a\",\"text\":\"t\"}\n",
			want:  []Record{{ID: "a", Text: "t"}},
		},
		{
			name: "malformed line does not stop the stream",
			input: `{"id": "ok1", "text": "a"}` + "\n" +
				`{"id": "bad", "text": "unterminated` + "\n" +
				`not json at all` + "\n" +
				`{"id": 9, "text": "b"} trailing` + "\n" +
				`{"id": "ok2", "text": "c"}` + "\n",
			want: []Record{
				{ID: "ok1", Text: "a"},
				{ID: "bad", Source: "in:2"},
				{ID: "", Source: "in:3"},
				{ID: "9", Source: "in:4"},
				{ID: "ok2", Text: "c", Source: "in:5"},
			},
			wantErr: []string{"", "read in:2: ", "read in:3: invalid character", "read in:4: ", ""},
		},
		{
			name:  "missing text",
			input: `{"id": "m", "title": "T", "summary": "S"}` + "\n" + `{"id": "n", "text": null}` + "\n",
			want: []Record{
				{ID: "m", Title: "T", Summary: "S", Source: "in:1"},
				{ID: "n", Source: "in:2"},
			},
			wantErr: []string{`read in:1: field "text": missing field`, `read in:2: field "text": missing field`},
		},
		{
			name:    "wrong types",
			input:   `{"id": true, "text": "t"}` + "\n" + `{"id": "w", "text": 5}` + "\n" + `[1, 2]` + "\n" + "null\n",
			want:    []Record{{Text: "t"}, {ID: "w"}, {}, {}},
			wantErr: []string{`field "id": wrong field type`, `field "text": wrong field type`, "cannot unmarshal", "want a JSON object"},
		},
		{
			name:  "invalid utf8 replaced",
			input: "{\"id\": \"u\", \"text\": \"a\xffb\xc3\"}\n",
			want:  []Record{{ID: "u", Text: "a\uFFFDb\uFFFD"}},
		},
		{
			name:  "custom field names",
			input: `{"doc_id": 3, "headline": "H", "body": "B", "abstract": "A", "text": "ignored"}` + "\n",
			opts:  Options{IDField: "doc_id", TitleField: "headline", TextField: "body", SummaryField: "abstract"},
			want:  []Record{{ID: "3", Title: "H", Text: "B", Summary: "A"}},
		},
		{
			name:  "long line",
			input: `{"id": "long", "text": "` + long + `"}` + "\n" + `{"id": "next", "text": "n"}` + "\n",
			want:  []Record{{ID: "long", Text: long}, {ID: "next", Text: "n", Source: "in:2"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readAll(t, NewJSONL(strings.NewReader(tt.input), "in", tt.opts))
			checkRecords(t, got, tt.want, tt.wantErr)
		})
	}
}

// errReader fails after its data.
type errReader struct {
	data []byte
	err  error
}

func (r *errReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestJSONLReadError(t *testing.T) {
	boom := errors.New("boom")
	r := NewJSONL(&errReader{data: []byte("{\"id\":\"a\",\"text\":\"t\"}\n\n{\"id\":"), err: boom}, "in", Options{})
	rec, err := r.Next()
	if err != nil || rec.ID != "a" {
		t.Fatalf("Next = %+v, %v; want record a", rec, err)
	}
	_, err = r.Next()
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "read in:3: ") {
		t.Errorf("Next = %v, want boom at in:3", err)
	}
	if _, again := r.Next(); again != err {
		t.Errorf("error is not sticky: %v", again)
	}
}

func TestJSONLFile(t *testing.T) {
	path := filepath.Join("testdata", "jsonl", "news.jsonl")
	want := []Record{
		{ID: "a1", Title: "Cats", Text: "The cat sat.\nIt purred.", Summary: "The cat sat.", Source: path + ":1"},
		{ID: "42", Text: "Numeric id, no title, no summary.", Source: path + ":3"},
		{ID: "a3", Text: "Élève étudie 😀.", Summary: "Élève.", Source: path + ":4"},
	}
	t.Run("plain", func(t *testing.T) {
		checkRecords(t, openAll(t, path, Options{}), want, nil)
	})
	t.Run("gzip", func(t *testing.T) {
		data, err := os.ReadFile(path)
		must(t, err)
		gz := filepath.Join(t.TempDir(), "news.jsonl.gz")
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		_, err = zw.Write(data)
		must(t, err)
		must(t, zw.Close())
		must(t, os.WriteFile(gz, buf.Bytes(), 0o644))
		wantGz := append([]Record(nil), want...)
		for i := range wantGz {
			wantGz[i].Source = strings.Replace(wantGz[i].Source, path, gz, 1)
		}
		checkRecords(t, openAll(t, gz, Options{}), wantGz, nil)
	})
	t.Run("empty gzip file", func(t *testing.T) {
		gz := filepath.Join(t.TempDir(), "empty.jsonl.gz")
		must(t, os.WriteFile(gz, nil, 0o644))
		checkRecords(t, openAll(t, gz, Options{}), nil, nil)
	})
	t.Run("corrupt gzip", func(t *testing.T) {
		gz := filepath.Join(t.TempDir(), "bad.jsonl.gz")
		must(t, os.WriteFile(gz, []byte("not gzip at all"), 0o644))
		_, err := Open(gz, Options{})
		if err == nil || !strings.Contains(err.Error(), gz) {
			t.Errorf("Open = %v, want an error naming %s", err, gz)
		}
	})
	t.Run("truncated gzip", func(t *testing.T) {
		// The records before the damage are delivered, then the torn one
		// as an error record, then the end: the stream cannot go on.
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		for i := range 2000 {
			fmt.Fprintf(zw, "{\"id\": %d, \"text\": \"record %d\"}\n", i, i)
		}
		must(t, zw.Close())
		gz := filepath.Join(t.TempDir(), "trunc.jsonl.gz")
		must(t, os.WriteFile(gz, buf.Bytes()[:buf.Len()/2], 0o644))
		recs := openAll(t, gz, Options{})
		if len(recs) < 2 {
			t.Fatalf("%d records from half a gzip file", len(recs))
		}
		last := recs[len(recs)-1]
		for i, rec := range recs[:len(recs)-1] {
			if rec.Err != nil || rec.ID != fmt.Sprint(i) {
				t.Fatalf("record %d before the damage: %+v", i, rec)
			}
		}
		if last.Err == nil || !errors.Is(last.Err, io.ErrUnexpectedEOF) || !strings.Contains(last.Err.Error(), fmt.Sprintf("read %s:%d", gz, len(recs))) {
			t.Errorf("torn record: %+v, want an error naming %s:%d", last, gz, len(recs))
		}
		if want := fmt.Sprintf("trunc.jsonl.gz:%d", len(recs)); last.Key != want {
			t.Errorf("torn record key %q, want %q", last.Key, want)
		}
	})
}

func TestDetect(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.jsonl", "b.JSONL.GZ", "c.ndjson", "d.txt", "e.csv", "f.json"} {
		must(t, os.WriteFile(filepath.Join(dir, name), nil, 0o644))
	}
	bbcLike := filepath.Join(dir, "only-articles")
	must(t, os.MkdirAll(filepath.Join(bbcLike, "News Articles"), 0o755))
	tests := []struct {
		name, path string
		want       Format
		wantErr    error
	}{
		{name: "stdin", path: "-", want: FormatJSONL},
		{name: "jsonl", path: filepath.Join(dir, "a.jsonl"), want: FormatJSONL},
		{name: "jsonl.gz upper case", path: filepath.Join(dir, "b.JSONL.GZ"), want: FormatJSONL},
		{name: "ndjson", path: filepath.Join(dir, "c.ndjson"), want: FormatJSONL},
		{name: "txt file", path: filepath.Join(dir, "d.txt"), want: FormatText},
		{name: "bbc folder", path: filepath.Join("testdata", "bbc"), want: FormatBBC},
		{name: "txt folder", path: filepath.Join("testdata", "txt"), want: FormatTextDir},
		{name: "articles without summaries", path: bbcLike, want: FormatTextDir},
		{name: "csv", path: filepath.Join(dir, "e.csv"), wantErr: ErrUnknownFormat},
		{name: "json", path: filepath.Join(dir, "f.json"), wantErr: ErrUnknownFormat},
		{name: "missing", path: filepath.Join(dir, "nope.jsonl"), wantErr: os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Detect(tt.path)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Detect(%s) = %v, %v; want %v", tt.path, got, err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.path) {
					t.Errorf("error %q does not name the path", err)
				}
				if _, err := Open(tt.path, Options{}); !errors.Is(err, tt.wantErr) {
					t.Errorf("Open = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("Detect(%s) = %v, %v; want %v", tt.path, got, err, tt.want)
			}
		})
	}
}

func TestHasSummaries(t *testing.T) {
	dir := t.TempDir()
	noSum := filepath.Join(dir, "nosum.jsonl")
	must(t, os.WriteFile(noSum, []byte("bad line\n{\"id\":1,\"text\":\"t\"}\n"), 0o644))
	tests := []struct {
		name, path string
		want       bool
	}{
		{name: "bbc", path: filepath.Join("testdata", "bbc"), want: true},
		{name: "jsonl with summaries", path: filepath.Join("testdata", "jsonl", "news.jsonl"), want: true},
		{name: "jsonl without summaries", path: noSum, want: false},
		{name: "txt folder", path: filepath.Join("testdata", "txt"), want: false},
		{name: "txt file", path: filepath.Join("testdata", "txt", "a.txt"), want: false},
		{name: "stdin", path: "-", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := HasSummaries(tt.path, Options{})
			if err != nil || got != tt.want {
				t.Errorf("HasSummaries(%s) = %v, %v; want %v", tt.path, got, err, tt.want)
			}
		})
	}
}

func TestFormatString(t *testing.T) {
	for f, want := range map[Format]string{
		FormatJSONL: "jsonl", FormatBBC: "bbc", FormatTextDir: "txt-folder", FormatText: "txt", 0: "Format(0)",
	} {
		if got := f.String(); got != want {
			t.Errorf("Format(%d).String() = %q, want %q", int(f), got, want)
		}
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{name: "valid", in: "héllo\nworld", want: "héllo\nworld"},
		{name: "each invalid byte", in: "a\xff\xfeb", want: "a\uFFFD\uFFFDb"},
		{name: "truncated rune", in: "caf\xc3", want: "caf\uFFFD"},
		{name: "bom", in: "\ufeffText", want: "Text"},
		{name: "crlf and cr", in: "a\r\nb\rc", want: "a\nb\nc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanText([]byte(tt.in)); got != tt.want {
				t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzJSONL feeds arbitrary input to the JSONL reader: it must never panic,
// must end, and must deliver valid UTF-8 with a source for every record.
func FuzzJSONL(f *testing.F) {
	for _, s := range []string{
		"", "\n", `{"id": "a", "text": "t"}`, `{"id": 1, "text": "t", "summary": "s"}` + "\n\n",
		`{"id": "x", "text": "unterminated`, "null\n[]\n{}\n", "{\"text\": \"a\xffb\"}",
		`{"id": {"a": 1}, "text": 3}`, "\ufeff{\"id\":\"b\"}\r\n", `{"id": 1e999, "text": ""}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzJSONL(t, data, Options{})
		fuzzJSONL(t, data, Options{MaxRecordBytes: 8}) // most lines over the cap
	})
}

// fuzzJSONL checks the records the JSONL reader makes of data with opts.
func fuzzJSONL(t *testing.T, data []byte, opts Options) {
	r := NewJSONL(bytes.NewReader(data), "fuzz", opts)
	defer r.Close()
	lines := bytes.Count(data, []byte("\n")) + 1
	keys := map[string]bool{}
	for n := 0; ; n++ {
		if n > lines {
			t.Fatalf("more records (%d) than lines (%d)", n, lines)
		}
		rec, err := r.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		if !strings.HasPrefix(rec.Source, "fuzz:") || rec.Key != rec.Source || keys[rec.Key] {
			t.Fatalf("Source = %q, Key = %q (seen before: %v)", rec.Source, rec.Key, keys[rec.Key])
		}
		keys[rec.Key] = true
		if opts.MaxRecordBytes > 0 && int64(len(rec.Text)) > opts.MaxRecordBytes {
			t.Fatalf("a %d-byte text passed a cap of %d", len(rec.Text), opts.MaxRecordBytes)
		}
		for _, s := range []string{rec.ID, rec.Title, rec.Text, rec.Summary} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in %+v", rec)
			}
		}
		if rec.Err == nil && rec.Text == "" && !bytes.Contains(data, []byte(`"text"`)) {
			t.Fatalf("record without text and without Err: %+v", rec)
		}
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
