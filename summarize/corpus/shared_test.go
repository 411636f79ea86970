package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skimhq/skim/summarize/internal/shareddata"
)

func sharedPath(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(shareddata.Dir(t), name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not in the shared data: %v", name, err)
	}
	return p
}

// TestSharedBBC reads the whole BBC News Summary set: 1,438 articles with
// title, text and summary, in category then file order.
func TestSharedBBC(t *testing.T) {
	root := sharedPath(t, "bbc-news-summary")
	if ok, err := HasSummaries(root, Options{}); err != nil || !ok {
		t.Fatalf("HasSummaries = %v, %v; want true", ok, err)
	}
	recs := openAll(t, root, Options{})
	perCat := map[string]int{}
	prev := ""
	for _, r := range recs {
		if r.Err != nil {
			t.Errorf("%s: %v", r.ID, r.Err)
		}
		if r.Title == "" || r.Text == "" || r.Summary == "" {
			t.Errorf("%s: empty title, text or summary", r.ID)
		}
		if r.ID <= prev {
			t.Errorf("%s comes after %s", r.ID, prev)
		}
		prev = r.ID
		cat, _, _ := strings.Cut(r.ID, "/")
		perCat[cat]++
	}
	if len(recs) != 1438 {
		t.Errorf("read %d records, want 1438", len(recs))
	}
	for cat, n := range map[string]int{"business": 510, "politics": 417, "sport": 511} {
		if perCat[cat] != n {
			t.Errorf("%s: %d records, want %d", cat, perCat[cat], n)
		}
	}
	first := recs[0]
	if first.ID != "business/001" || first.Title != "Ad sales boost Time Warner profit" ||
		!strings.HasPrefix(first.Text, "Quarterly profits at US media giant TimeWarner") ||
		!strings.HasPrefix(first.Summary, "TimeWarner said fourth quarter sales") {
		t.Errorf("first record = %.200q", first)
	}
	for _, r := range recs {
		if r.ID == "sport/199" && !strings.ContainsRune(r.Text, '\uFFFD') {
			t.Errorf("sport/199: invalid byte not replaced by U+FFFD")
		}
	}
}

// TestSharedJSONL reads the shared JSONL sets whole.
func TestSharedJSONL(t *testing.T) {
	for name, n := range map[string]int{
		"cnndm-dev.jsonl":        100,
		"orangesum-fr-dev.jsonl": 300,
		"norsumm-no-dev.jsonl":   30,
	} {
		t.Run(name, func(t *testing.T) {
			recs := openAll(t, sharedPath(t, name), Options{})
			if len(recs) != n {
				t.Errorf("read %d records, want %d", len(recs), n)
			}
			for _, r := range recs {
				if r.Err != nil || r.ID == "" || r.Text == "" || r.Summary == "" {
					t.Errorf("%s: bad record (id %q, %d bytes of text, %d of summary): %v",
						r.Source, r.ID, len(r.Text), len(r.Summary), r.Err)
				}
			}
		})
	}
}

func BenchmarkJSONL(b *testing.B) {
	path := filepath.Join(shareddata.Dir(b), "cnndm-dev.jsonl")
	b.ReportAllocs()
	for b.Loop() {
		r, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		readAll(b, r)
	}
}
