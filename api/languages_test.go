package api

import (
	"encoding/json"
	"net/http"
	"testing"
)

// TestLanguages: GET /languages lists every language the summarizer
// accepts, in the shape the page's selector reads, and a listed code is
// accepted by POST /summarize.
func TestLanguages(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, nil)
	rec := do(t, h, request{method: http.MethodGet, path: "/languages"})
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var got LanguagesResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Languages) < 25 {
		t.Fatalf("%d languages, want at least 25", len(got.Languages))
	}
	byCode := map[string]Language{}
	for _, l := range got.Languages {
		if l.Code == "" || l.Name == "" || len(l.StopWords) == 0 || l.Stemmer == "" {
			t.Errorf("incomplete entry %+v", l)
		}
		if l.Splitter != "punkt" && l.Splitter != "rules" {
			t.Errorf("%s: splitter %q", l.Code, l.Splitter)
		}
		byCode[l.Code] = l
	}
	tests := []struct {
		code, splitter, stemmer, terms string
	}{
		{"de", "punkt", "german", "words"},
		{"it", "punkt", "italian", "words"},
		{"zh", "rules", "none", "bigrams"},
		{"ar", "rules", "arabic", "words"},
	}
	for _, tc := range tests {
		l, ok := byCode[tc.code]
		if !ok {
			t.Errorf("%s missing", tc.code)
			continue
		}
		if l.Splitter != tc.splitter || l.Stemmer != tc.stemmer || l.Terms != tc.terms {
			t.Errorf("%s = %+v, want splitter %s, stemmer %s, terms %s", tc.code, l, tc.splitter, tc.stemmer, tc.terms)
		}
	}
	for code := range byCode {
		body := `{"text": "The council met on Monday. It agreed the budget.", "language": "` + code + `"}`
		if rec := do(t, h, request{path: "/summarize", contentType: "application/json", body: body}); rec.Code != http.StatusOK {
			t.Errorf("language %s listed but POST /summarize answers %d: %s", code, rec.Code, rec.Body)
		}
	}
}
