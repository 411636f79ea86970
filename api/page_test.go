package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"
)

// newsPage reads the realistic test page: a cookie banner, navigation, a
// headline, a byline, a share bar, seven paragraphs of article body with
// an advertisement between them, related links and a footer.
func newsPage(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("../testdata/html/news-page.html")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// newsBody are the article-body paragraphs of newsPage, from its source:
// every summary sentence must come from one of them.
func newsBody(t testing.TB) []string {
	t.Helper()
	page := newsPage(t)
	article := page[strings.Index(page, "<article>"):strings.Index(page, "</article>")]
	var paras []string
	for _, chunk := range strings.Split(article, "<p>")[1:] {
		p, _, _ := strings.Cut(chunk, "</p>")
		paras = append(paras, strings.ReplaceAll(p, "&#39;", "'"))
	}
	if len(paras) != 7 {
		t.Fatalf("test page has %d body paragraphs, want 7", len(paras))
	}
	return paras
}

// checkPageSummary checks a summary of newsPage: sentences of the article
// body only, offsets into the returned text, the headline as title and
// the page's metadata as source.
func checkPageSummary(t *testing.T, s *SummaryResponse, wantURL, wantTitle string) {
	t.Helper()
	if s.Text == "" {
		t.Fatal("no text in the response")
	}
	checkSummary(t, s.Text, s)
	body := newsBody(t)
	for _, sen := range s.Sentences {
		found := false
		for _, p := range body {
			found = found || strings.Contains(p, sen.Text)
		}
		if !found {
			t.Errorf("sentence %q is not article body", sen.Text)
		}
	}
	for _, chrome := range []string{"cookies", "Subscribe", "Related stories", "All rights reserved", "Bus fares", "Advertisement", "Local Affairs Reporter"} {
		if strings.Contains(s.Text, chrome) {
			t.Errorf("text holds page chrome %q:\n%s", chrome, s.Text)
		}
	}
	if s.Title != wantTitle {
		t.Errorf("title = %q, want %q", s.Title, wantTitle)
	}
	want := SourceResponse{
		URL: wantURL, Title: "Council approves riverside park after decade-long campaign", Byline: "Jane Smith",
		Published: "2024-03-12", Site: "City News", Language: "en-GB",
	}
	if s.Source == nil || *s.Source != want {
		t.Errorf("source = %+v, want %+v", s.Source, want)
	}
	if s.Language != "en" {
		t.Errorf("language = %q, want en (the page's declared en-GB)", s.Language)
	}
}

// TestSummarizeHTML: a page sent as text/html or in JSON is summarized
// from its article body alone.
func TestSummarizeHTML(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, nil)
	page := newsPage(t)
	headline := "Council approves riverside park after decade-long campaign"
	canonical := "https://citynews.example/local/riverside-park"
	tests := []struct {
		name      string
		req       request
		wantTitle string
	}{
		{"text/html", request{path: "/summarize", contentType: "text/html; charset=utf-8", body: page}, headline},
		{"text/html with options in the query", request{
			path:        "/summarize?sentences=2&title=" + url.QueryEscape("My title") + "&url=" + url.QueryEscape("https://elsewhere.example/p"),
			contentType: "text/html", body: page}, "My title"},
		{"JSON html", request{path: "/summarize", contentType: "application/json",
			body: jsonBody(t, map[string]any{"html": page, "url": "https://citynews.example/x", "sentences": 3})}, headline},
		{"xhtml", request{path: "/summarize", contentType: "application/xhtml+xml", body: page}, headline},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := decodeSummary(t, do(t, h, tt.req))
			checkPageSummary(t, s, canonical, tt.wantTitle)
		})
	}
	t.Run("a latin-1 page by its header", func(t *testing.T) {
		latin1 := strings.Replace(page, "£1", "\xa31", 1)
		latin1 = strings.Replace(latin1, `<meta charset="utf-8">`, "", 1)
		latin1 = strings.Replace(latin1, "Critics on the council", "Caf\xe9 owners and critics on the council", 1)
		s := decodeSummary(t, do(t, h, request{path: "/summarize?sentences=7", contentType: "text/html; charset=iso-8859-1", body: latin1}))
		if !strings.Contains(s.Text, "Café owners") {
			t.Errorf("text does not decode the latin-1 page: %q", s.Text)
		}
	})
}

// TestSummarizeInputErrors: text, html and url conflict; empty or
// article-less pages are refused with their codes.
func TestSummarizeInputErrors(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, nil)
	page := newsPage(t)
	tests := []struct {
		name   string
		req    request
		status int
		code   Code
		says   string
	}{
		{"text and html", request{path: "/summarize", contentType: "application/json",
			body: jsonBody(t, map[string]any{"text": article, "html": page})}, 400, CodeInvalidField, `"text" and "html"`},
		{"text and url", request{path: "/summarize", contentType: "application/json",
			body: jsonBody(t, map[string]any{"text": article, "url": "https://example.com/"})}, 400, CodeInvalidField, `"text" and "url"`},
		{"url on text/plain", request{path: "/summarize?url=https://example.com/", contentType: "text/plain", body: article},
			400, CodeUnknownField, "url"},
		{"unknown query parameter on text/html", request{path: "/summarize?html=1", contentType: "text/html", body: page},
			400, CodeUnknownField, "html"},
		{"empty text/html body", request{path: "/summarize", contentType: "text/html", body: "  \n"}, 422, CodeTextRequired, "page"},
		{"page without article", request{path: "/summarize", contentType: "text/html",
			body: "<html><body></body></html>"}, 422, CodeNoArticle, "no article"},
		{"bad option before extraction", request{path: "/summarize?sentences=-1", contentType: "text/html", body: page}, 400, CodeInvalidOption, "sentences"},
		{"url without --fetch", request{path: "/summarize", contentType: "application/json",
			body: `{"url": "https://example.com/"}`}, 422, CodeFetchDisabled, "--fetch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, h, tt.req)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d; body %.300s", rec.Code, tt.status, rec.Body)
			}
			if e := decodeError(t, rec); e.Code != tt.code || !strings.Contains(e.Message, tt.says) {
				t.Errorf("error %+v, want %s saying %q", e, tt.code, tt.says)
			}
		})
	}
}

// TestSummarizeHTMLBodyLimit: text/html bodies have their own limit,
// larger than the JSON one.
func TestSummarizeHTMLBodyLimit(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, func(c *Config) { c.MaxBody = 4 << 10; c.MaxHTMLBody = 64 << 10 })
	page := newsPage(t) // about 4.5 KB
	padded := strings.Replace(page, "</head>", "<script>"+strings.Repeat("x", 8<<10)+"</script></head>", 1)
	if rec := do(t, h, request{path: "/summarize", contentType: "text/html", body: padded}); rec.Code != http.StatusOK {
		t.Errorf("text/html under MaxHTMLBody: status %d, body %.300s", rec.Code, rec.Body)
	}
	if rec := do(t, h, request{path: "/summarize", contentType: "application/json", body: jsonBody(t, map[string]string{"html": padded})}); rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("JSON over MaxBody: status %d, want 413", rec.Code)
	}
	huge := strings.Replace(page, "</head>", "<script>"+strings.Repeat("x", 64<<10)+"</script></head>", 1)
	if rec := do(t, h, request{path: "/summarize", contentType: "text/html", body: huge}); rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("text/html over MaxHTMLBody: status %d, want 413", rec.Code)
	}
}

// TestSummarizeURL: {"url": ...} fetches the page from local servers, with
// every failure mapped to its code. The fetcher's guards themselves are
// tested in summarize/extract.
func TestSummarizeURL(t *testing.T) {
	t.Parallel()
	page := newsPage(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/page", http.StatusFound)
	})
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, article)
	})
	mux.HandleFunc("/pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, "%PDF-1.7")
	})
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body><div id='app'></div><script>render()</script></body></html>")
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, strings.Repeat("<p>padding</p>", 10<<10))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	fetching := newTestEngine(t, func(c *Config) {
		c.Fetch, c.FetchAllowPrivate = true, true
		c.FetchTimeout, c.FetchMaxBytes = 300*time.Millisecond, 64<<10
	})
	guarded := newTestEngine(t, func(c *Config) { c.Fetch = true })
	disabled := newTestEngine(t, nil)
	urlBody := func(path string) string { return jsonBody(t, map[string]string{"url": srv.URL + path}) }

	t.Run("page", func(t *testing.T) {
		s := decodeSummary(t, do(t, fetching, request{path: "/summarize", contentType: "application/json", body: urlBody("/redirect")}))
		checkPageSummary(t, s, "https://citynews.example/local/riverside-park", "Council approves riverside park after decade-long campaign")
	})
	t.Run("plain text page", func(t *testing.T) {
		s := decodeSummary(t, do(t, fetching, request{path: "/summarize", contentType: "application/json", body: urlBody("/plain")}))
		checkSummary(t, s.Text, s)
		if s.Source == nil || s.Source.URL != srv.URL+"/plain" || s.Title != "Council Approves New Riverside Park Plan" {
			t.Errorf("source %+v, title %q", s.Source, s.Title)
		}
	})
	tests := []struct {
		name   string
		h      http.Handler
		path   string
		status int
		code   Code
	}{
		{"disabled", disabled, "/page", 422, CodeFetchDisabled},
		{"private address refused", guarded, "/page", 422, CodeFetchRefused},
		{"timeout", fetching, "/slow", 504, CodeFetchTimeout},
		{"upstream 404", fetching, "/missing", 502, CodeFetchFailed},
		{"not HTML", fetching, "/pdf", 422, CodeUnsupportedContent},
		{"too large", fetching, "/big", 422, CodePageTooLarge},
		{"no article", fetching, "/empty", 422, CodeNoArticle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, tt.h, request{path: "/summarize", contentType: "application/json", body: urlBody(tt.path)})
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d; body %.300s", rec.Code, tt.status, rec.Body)
			}
			if e := decodeError(t, rec); e.Code != tt.code {
				t.Errorf("error %+v, want %s", e, tt.code)
			}
		})
	}
	t.Run("refused scheme", func(t *testing.T) {
		rec := do(t, fetching, request{path: "/summarize", contentType: "application/json", body: `{"url": "file:///etc/passwd"}`})
		if e := decodeError(t, rec); rec.Code != 422 || e.Code != CodeFetchRefused {
			t.Errorf("status %d, error %+v, want 422 fetch_refused", rec.Code, e)
		}
	})
}

// TestBatchHTML: batch documents may carry html instead of text; a url
// alone is refused, since a batch does not fetch.
func TestBatchHTML(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, nil)
	body := jsonBody(t, map[string]any{"documents": []map[string]any{
		{"id": "page", "html": newsPage(t), "url": "https://citynews.example/x"},
		{"id": "text", "text": article},
		{"id": "url", "url": "https://citynews.example/x"},
		{"id": "both", "text": article, "html": "<p>x</p>"},
	}})
	rec := do(t, h, request{path: "/summarize/batch", contentType: "application/json", body: body})
	var resp BatchResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || len(resp.Results) != 4 {
		t.Fatalf("batch: %d %.300s", rec.Code, rec.Body)
	}
	if r := resp.Results[0]; r.Error != nil || r.SummaryResponse == nil {
		t.Fatalf("html document: %+v", r.Error)
	}
	checkPageSummary(t, resp.Results[0].SummaryResponse, "https://citynews.example/local/riverside-park",
		"Council approves riverside park after decade-long campaign")
	if r := resp.Results[1]; r.Error != nil || r.Text != "" || r.Source != nil {
		t.Errorf("text document: error %+v, text %q, source %+v (want neither for text input)", r.Error, r.Text, r.Source)
	}
	for _, i := range []int{2, 3} {
		if e := resp.Results[i].Error; e == nil || e.Code != CodeInvalidField || !strings.Contains(e.Message, fmt.Sprintf("documents[%d]", i)) {
			t.Errorf("document %d: error %+v, want invalid_field naming it", i, e)
		}
	}
}

// TestHealthzFetch: GET /healthz says whether the server fetches pages.
func TestHealthzFetch(t *testing.T) {
	t.Parallel()
	for _, fetch := range []bool{false, true} {
		h := newTestEngine(t, func(c *Config) { c.Fetch = fetch })
		var got map[string]any
		rec := do(t, h, request{method: http.MethodGet, path: "/healthz"})
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || got["fetch"] != fetch {
			t.Errorf("fetch %v: healthz %s", fetch, rec.Body)
		}
	}
}

// TestSummarizeHTMLComputeBudget: extraction runs under the request's
// compute budget, like the summary.
func TestSummarizeHTMLComputeBudget(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, func(c *Config) { c.MaxCompute = time.Nanosecond })
	rec := do(t, h, request{path: "/summarize", contentType: "text/html", body: newsPage(t)})
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503; body %.300s", rec.Code, rec.Body)
	}
	if e := decodeError(t, rec); e.Code != CodeOverBudget {
		t.Errorf("error %+v, want over_budget", e)
	}
}

// TestPageMetrics: extractions and fetches are counted by outcome.
func TestPageMetrics(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, func(c *Config) { c.Fetch = true })
	do(t, h, request{path: "/summarize", contentType: "text/html", body: newsPage(t)})
	do(t, h, request{path: "/summarize", contentType: "text/html", body: "<html><body></body></html>"})
	do(t, h, request{path: "/summarize", contentType: "application/json", body: `{"url":"http://127.0.0.1:1/"}`})
	rec := do(t, h, request{method: http.MethodGet, path: "/metrics"})
	for _, want := range []string{
		`skim_extract_duration_seconds_count{outcome="ok"} 1`,
		`skim_extract_duration_seconds_count{outcome="no_article"} 1`,
		`skim_fetches_total{outcome="fetch_refused"} 1`,
	} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}
