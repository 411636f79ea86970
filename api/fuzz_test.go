package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf16"
)

// FuzzSummarizeJSON sends arbitrary bodies to the JSON handler: no body may
// cause a 5xx, every answer is JSON, and every summary's offsets are valid.
func FuzzSummarizeJSON(f *testing.F) {
	for _, seed := range []string{
		`{"text":` + string(mustJSON(article)) + `}`,
		`{"text":"One sentence here. Another one there. A third one to finish.","sentences":2,"order":"score"}`,
		`{"text":"Hello","ratio":0.5,"max_words":3,"max_chars":10,"keywords":2,"language":"fr"}`,
		`{"text":"Share\nRead more"}`,
		`{"text":"\u0000\u0001\r\n\r\n.","title":"\ud800"}`,
		`{"text":"a\"b. c\\d. 😀 e.","avoid_quotes":true,"avoid_questions":true}`,
		`{"text":1}`, `[]`, `null`, `{`, ``, `{"text":"x"} trailing`,
		`{"text":"x","sentences":1e309}`, `{"text":"x","ratio":-0}`, `{"text":"x","language":"en-GB"}`,
		`{"html":"<p>The council met on Tuesday. It approved the park.</p>","url":"https://example.com/p"}`,
		`{"html":"<p>x</p>","text":"y"}`, `{"url":"http://127.0.0.1/"}`,
	} {
		f.Add([]byte(seed))
	}
	h := newTestEngine(f, func(c *Config) { c.CacheSize = 16 })
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/summarize", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("status %d for body %q: %s", rec.Code, body, rec.Body)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("response is not JSON: %q", rec.Body)
		}
		if rec.Code != http.StatusOK {
			return
		}
		var in SummarizeRequest
		if err := json.Unmarshal(body, &in); err != nil {
			t.Fatalf("200 for a body that does not decode: %v", err)
		}
		var out SummaryResponse
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatal(err)
		}
		if in.HTML != "" { // the offsets index the extracted article
			in.Text = out.Text
		}
		units := utf16.Encode([]rune(in.Text))
		for _, s := range out.Sentences {
			if s.Start < 0 || s.End > len(in.Text) || s.Start > s.End || in.Text[s.Start:s.End] != s.Text {
				t.Fatalf("sentence %+v does not index the text %q", s, in.Text)
			}
			if s.StartUTF16 < 0 || s.EndUTF16 > len(units) || s.StartUTF16 > s.EndUTF16 ||
				string(utf16.Decode(units[s.StartUTF16:s.EndUTF16])) != s.Text {
				t.Fatalf("sentence %+v: bad UTF-16 span of %q", s, in.Text)
			}
		}
	})
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// FuzzBatchJSON sends arbitrary bodies to the batch handler, whose decoder
// streams: no body may cause a 5xx, every answer is JSON, a 200 has one
// result per document of a body encoding/json also accepts, and ids come
// back as sent.
func FuzzBatchJSON(f *testing.F) {
	for _, seed := range []string{
		`{"documents":[{"id":"a","text":` + string(mustJSON(article)) + `},{"id":7,"text":"x"}],"sentences":1}`,
		"\uFEFF" + `{"documents":[{"text":"One. Two. Three."}]}`,
		`{"documents":[42,{"text":1},{"id":true},{"tilte":"x"},null]}`,
		`{"sentences":2,"documents":[{"text":"a"}],"extra":1}`,
		`{"documents":[{},{},{},{},{}]}`, `{"documents":null}`, `null`, `[]`, `{`, ``, `{"documents":[}`,
		`{"documents":[{"text":"a"}]} trailing`, `{"documents":[],"documents":[]}`,
	} {
		f.Add([]byte(seed))
	}
	h := newTestEngine(f, func(c *Config) { c.BatchMaxDocs = 4; c.DisableCache = true })
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/summarize/batch", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("status %d for body %q: %s", rec.Code, body, rec.Body)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("response is not JSON: %q", rec.Body)
		}
		if rec.Code != http.StatusOK {
			return
		}
		var in struct {
			Documents []json.RawMessage `json:"documents"`
		}
		if err := json.Unmarshal(bytes.TrimPrefix(body, utf8BOM), &in); err != nil {
			t.Fatalf("200 for a body encoding/json refuses (%v): %q", err, body)
		}
		var out struct {
			Results []struct {
				ID json.RawMessage `json:"id"`
			} `json:"results"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || len(out.Results) != len(in.Documents) {
			t.Fatalf("%d results for %d documents (%v): %s", len(out.Results), len(in.Documents), err, rec.Body)
		}
		for i, d := range in.Documents {
			var doc struct {
				ID json.RawMessage `json:"id"`
			}
			if json.Unmarshal(d, &doc) != nil || len(doc.ID) == 0 || doc.ID[0] == '{' || doc.ID[0] == '[' || doc.ID[0] == 't' || doc.ID[0] == 'f' || doc.ID[0] == 'n' {
				continue // no id, or one that is not a string or a number
			}
			var want, got any
			_ = json.Unmarshal(doc.ID, &want)
			_ = json.Unmarshal(out.Results[i].ID, &got)
			if fmt.Sprint(want) != fmt.Sprint(got) {
				t.Fatalf("document %d: id %s came back as %s", i, doc.ID, out.Results[i].ID)
			}
		}
	})
}

// FuzzSummarizeHTML sends arbitrary text/html bodies: no page may cause a
// 5xx, every answer is JSON, and a summary's offsets index its "text".
func FuzzSummarizeHTML(f *testing.F) {
	f.Add([]byte(newsPage(f)))
	for _, seed := range []string{
		"", "<", "<html><body></body></html>", "<p>One sentence here. Another one there.</p>",
		"<!doctype html><meta charset=\"utf-16\"><p>Text</p>", "\x00\x01<p>binary</p>",
		"<html><body><p>" + strings.Repeat("word ", 3000) + "</p><script>x</script></body></html>",
		"<table><tr><td><p>Cell text that is long enough to be an article, maybe.</p></td></tr></table>",
	} {
		f.Add([]byte(seed))
	}
	h := newTestEngine(f, func(c *Config) { c.CacheSize = 16 })
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/summarize?sentences=2", bytes.NewReader(body))
		req.Header.Set("Content-Type", "text/html")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("status %d for page %q: %s", rec.Code, body, rec.Body)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("response is not JSON: %q", rec.Body)
		}
		if rec.Code != http.StatusOK {
			return
		}
		var out SummaryResponse
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatal(err)
		}
		if out.Source == nil {
			t.Fatalf("a page's summary without source: %s", rec.Body)
		}
		for _, s := range out.Sentences {
			if s.Start < 0 || s.End > len(out.Text) || s.Start > s.End || out.Text[s.Start:s.End] != s.Text {
				t.Fatalf("sentence %+v does not index the text %q", s, out.Text)
			}
		}
	})
}
