package corpus

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWebPages: .html files and WARC archives are read directly and inside
// folders, with keys by position, the page's media type, and the skipped
// records of the archives counted.
func TestWebPages(t *testing.T) {
	archive := writeArchive(t, testArchive(), "record-gzip")
	data, err := os.ReadFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	files := map[string]string{
		"a.txt":                "A text article.",
		"b.html":               page1,
		"c.HTM":                page3,
		".hidden.html":         page1,
		"notes.md":             "ignored",
		"sub/crawl.warc.gz":    string(data),
		"sub/broken.warc.gz":   "\x1f\x8bnot gzip",
		"sub/z.xhtml":          page2,
		"sub/readme.warc.json": "ignored",
	}
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	tests := []struct {
		name    string
		path    string
		want    []string // key, content type, text prefix or "error"
		skipped int
	}{
		{"folder", root, []string{
			"a.txt  A text article.",
			"b.html text/html " + page1,
			"c.HTM text/html " + page3,
			"sub/broken.warc.gz  error",
			"sub/crawl.warc.gz:3 text/html; charset=utf-8 " + page1,
			"sub/crawl.warc.gz:6 application/xhtml+xml " + page2,
			"sub/crawl.warc.gz:9  error",
			"sub/crawl.warc.gz:10 text/html; charset=utf-8 " + page3,
			"sub/z.xhtml text/html " + page2,
		}, 6},
		{"archive", archive, []string{
			"crawl.warc.gz:3 text/html; charset=utf-8 " + page1,
			"crawl.warc.gz:6 application/xhtml+xml " + page2,
			"crawl.warc.gz:9  error",
			"crawl.warc.gz:10 text/html; charset=utf-8 " + page3,
		}, 6},
		{"page", filepath.Join(root, "b.html"), []string{"b.html text/html " + page1}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Open(tt.path, Options{MaxRecordBytes: 2000})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			var got []string
			for {
				rec, err := r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				text := rec.Text
				if rec.Err != nil {
					text = "error"
				}
				got = append(got, rec.Key+" "+rec.ContentType+" "+text)
				if rec.ID == "" {
					t.Errorf("record %s has no id", rec.Key)
				}
				if strings.HasPrefix(rec.ID, "http") && !strings.Contains(rec.Key, "warc") {
					t.Errorf("record %s: id %q", rec.Key, rec.ID)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("records:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			skipped := 0
			if s, ok := r.(Skipper); ok {
				skipped = s.Skipped()
			}
			if skipped != tt.skipped {
				t.Errorf("skipped %d, want %d", skipped, tt.skipped)
			}
		})
	}

	if f, err := Detect(filepath.Join(root, "b.html")); err != nil || f != FormatHTML {
		t.Errorf("Detect(.html) = %v, %v", f, err)
	}
	if f, err := Detect(archive); err != nil || f != FormatWARC {
		t.Errorf("Detect(.warc.gz) = %v, %v", f, err)
	}
	if _, err := Count(context.Background(), root); err == nil {
		t.Error("Count of a folder with a WARC archive: no error, want one (its pages are unknown ahead)")
	}
	if n, err := Count(context.Background(), filepath.Join(root, "sub")); err == nil || n != 0 {
		t.Errorf("Count(sub) = %d, %v", n, err)
	}
	if err := os.RemoveAll(filepath.Join(root, "sub")); err != nil {
		t.Fatal(err)
	}
	if n, err := Count(context.Background(), root); err != nil || n != 3 {
		t.Errorf("Count of a.txt, b.html, c.HTM = %d, %v; want 3", n, err)
	}
	if _, err := Detect(filepath.Join(root, "notes.md")); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("Detect(.md) = %v, want ErrUnknownFormat", err)
	}
}

// TestCheckText: the one rule for binary content, on strings and bytes.
func TestCheckText(t *testing.T) {
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(i*131 + i*i*7 + 1)
		if random[i] == 0 {
			random[i] = 0x80
		}
	}
	tests := []struct {
		name string
		text string
		want bool // not text
	}{
		{"article", "The council met on Tuesday. It approved the park.", false},
		{"latin-1 with a few invalid bytes", "Caf\xe9 owners welcomed the d\xe9cision of the council on Tuesday.", false},
		{"multi-byte UTF-8", strings.Repeat("Рабочие закончили ремонт моста. 😀 ", 50), false},
		{"a rune cut at the end", "text " + "\xe2\x82", false},
		{"NUL byte", "Hello\x00 world.", true},
		{"NUL after 8 KiB", strings.Repeat("a", 9000) + "\x00", false},
		{"mostly control characters", strings.Repeat("\x01\x02\x03 abc ", 400), true},
		{"random bytes without NUL", string(random), true},
		{"mostly invalid UTF-8", strings.Repeat("\xff\xfe ab", 300), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errS, errB := CheckText(tt.text), CheckText([]byte(tt.text))
			if (errS != nil) != tt.want || (errB != nil) != tt.want {
				t.Errorf("CheckText = %v (bytes: %v), want not text: %v", errS, errB, tt.want)
			}
			if errS != nil && !errors.Is(errS, ErrNotText) {
				t.Errorf("error %v does not match ErrNotText", errS)
			}
		})
	}
}

// FuzzCheckText: the rule never panics and says the same of a text as a
// string and as bytes.
func FuzzCheckText(f *testing.F) {
	for _, seed := range []string{"", "text", "\x00", "\xff\xfe", "\xe2\x82", strings.Repeat("\x01a", 20)} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if (CheckText(data) == nil) != (CheckText(string(data)) == nil) {
			t.Fatalf("CheckText disagrees on bytes and string for %q", data)
		}
	})
}

func TestIsHTMLName(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"page.html", true}, {"dir/page.htm", true}, {"PAGE.XHTML", true}, {"a.b.Html", true},
		{"page.txt", false}, {"html", false}, {"page.html.gz", false}, {"page.warc", false},
	}
	for _, tt := range tests {
		if got := IsHTMLName(tt.name); got != tt.want {
			t.Errorf("IsHTMLName(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
