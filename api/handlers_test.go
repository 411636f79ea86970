package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/skimhq/skim/summarize"
)

func TestSummarizeJSON(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, nil)
	tests := []struct {
		name string
		req  SummarizeRequest
		max  int // most sentences expected
	}{
		{"defaults", SummarizeRequest{Text: article}, 3},
		{"two sentences", SummarizeRequest{Text: article, Options: Options{Sentences: 2}}, 2},
		{"ratio", SummarizeRequest{Text: article, Options: Options{Ratio: 0.5}}, 4},
		{"score order", SummarizeRequest{Text: article, Options: Options{Sentences: 4, Order: "score"}}, 4},
		{"several limits: tightest wins", SummarizeRequest{Text: article, Options: Options{Sentences: 5, Ratio: 1, MaxWords: 40, MaxChars: 1000}}, 5},
		{"with title and options", SummarizeRequest{Text: article, Title: "Council Approves New Riverside Park Plan",
			Options: Options{Keywords: intp(0), AvoidQuotes: true, AvoidQuestions: true, AvoidExclamations: true, Language: "EN"}}, 3},
		{"language alias", SummarizeRequest{Text: article, Options: Options{Language: "english"}}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, h, request{path: "/summarize", contentType: "application/json; charset=UTF-8", body: jsonBody(t, tt.req)})
			s := decodeSummary(t, rec)
			checkSummary(t, article, s)
			if len(s.Sentences) > tt.max {
				t.Errorf("%d sentences, want at most %d", len(s.Sentences), tt.max)
			}
			if tt.req.MaxWords > 0 && s.Stats.WordsOut > tt.req.MaxWords && len(s.Sentences) > 1 {
				t.Errorf("%d words out, max_words %d", s.Stats.WordsOut, tt.req.MaxWords)
			}
			if want := summarize.DefaultKeywords; tt.req.Keywords == nil && len(s.Keywords) != want {
				t.Errorf("%d keywords, want the default %d", len(s.Keywords), want)
			}
			if tt.req.Keywords != nil && len(s.Keywords) != *tt.req.Keywords {
				t.Errorf("%d keywords, want %d", len(s.Keywords), *tt.req.Keywords)
			}
			if tt.req.Order != "score" {
				for i := 1; i < len(s.Sentences); i++ {
					if s.Sentences[i].Start < s.Sentences[i-1].End {
						t.Errorf("text order: sentence %d starts before the previous one ends", i)
					}
				}
			} else {
				for i := 1; i < len(s.Sentences); i++ {
					if s.Sentences[i].Score > s.Sentences[i-1].Score {
						t.Errorf("score order: sentence %d scores above the previous one", i)
					}
				}
			}
			if rec.Header().Get(RequestIDHeader) == "" {
				t.Error("no X-Request-ID")
			}
			if s.Language != "en" || s.LanguageSupport != string(summarize.SupportFull) {
				t.Errorf("language %q (support %q), want en (full)", s.Language, s.LanguageSupport)
			}
		})
	}
}

// TestUTF16Offsets checks the UTF-16 spans on text full of multi-byte and
// astral characters, in both orders.
func TestUTF16Offsets(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, func(c *Config) { c.DisableCache = true })
	text := strings.Repeat("Émile 🎉 visited Zürich — the café was full of 日本語 speakers 🚀🚀. ", 1) +
		"The 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 museum opened a new wing on Tuesday with great fanfare. " +
		"Visitors 🙂 queued for hours to see the collection of rare manuscripts. " +
		"Officials said the wing cost “twelve million” francs to build. " +
		"Plain ASCII ends the article here, with one more sentence for luck."
	for _, order := range []string{"text", "score"} {
		rec := do(t, h, request{path: "/summarize", contentType: "application/json",
			body: jsonBody(t, SummarizeRequest{Text: text, Options: Options{Sentences: 5, Order: order}})})
		checkSummary(t, text, decodeSummary(t, rec))
	}
}

func TestAddUTF16OffsetsUnsorted(t *testing.T) {
	t.Parallel()
	text := "a😀b ccc 😀😀 dd"
	sentences := []SentenceResponse{{Start: 11, End: 22}, {Start: 0, End: 6}, {Start: 7, End: 10}, {Start: 15, End: 19}}
	addUTF16Offsets(sentences, text)
	units := utf16.Encode([]rune(text))
	for _, s := range sentences {
		if got, want := string(utf16.Decode(units[s.StartUTF16:s.EndUTF16])), text[s.Start:s.End]; got != want {
			t.Errorf("[%d,%d) → utf16 [%d,%d) = %q, want %q", s.Start, s.End, s.StartUTF16, s.EndUTF16, got, want)
		}
	}
}

// TestSummarizeTextPlain: the body is the text, options come from the
// query, and invalid UTF-8 is replaced (one U+FFFD per byte) before the
// offsets are computed.
func TestSummarizeTextPlain(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, nil)
	invalid := strings.Replace(article, "campaigned", "camp\xffaig\xc3ned", 1)
	tests := []struct {
		name, query, contentType, body string
		max                            int
	}{
		{"defaults", "", "text/plain", article, 3},
		{"charset param", "?sentences=2", "text/plain; charset=utf-8", article, 2},
		{"us-ascii charset", "?sentences=2", "text/plain; charset=US-ASCII", article, 2},
		{"all query options", "?sentences=4&ratio=0.9&max_words=200&max_chars=2000&keywords=2&language=en&order=score&avoid_quotes&avoid_questions=true&avoid_exclamations=0&title=Council+Approves", "text/plain", article, 4},
		{"invalid UTF-8", "?sentences=6", "text/plain", invalid, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, h, request{path: "/summarize" + tt.query, contentType: tt.contentType, body: tt.body})
			s := decodeSummary(t, rec)
			checkSummary(t, summarize.ValidUTF8(tt.body), s)
			if len(s.Sentences) > tt.max {
				t.Errorf("%d sentences, want at most %d", len(s.Sentences), tt.max)
			}
			for _, sen := range s.Sentences {
				if !utf8.ValidString(sen.Text) {
					t.Errorf("sentence %q is not valid UTF-8", sen.Text)
				}
			}
		})
	}
}

func TestSanitizeUTF8(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":                 "",
		"plain":            "plain",
		"caf\xc3\xa9":      "café",
		"a\xffb":           "a\uFFFDb",
		"a\xc3":            "a\uFFFD",
		"\xe2\x82 x":       "\uFFFD\uFFFD x", // one replacement per byte, as encoding/json
		"\xed\xa0\x80 sur": "\uFFFD\uFFFD\uFFFD sur",
	} {
		if got := summarize.ValidUTF8(in); got != want {
			t.Errorf("summarize.ValidUTF8(%q) = %q, want %q", in, got, want)
		}
		// The same text through JSON must give the same string.
		var viaJSON string
		if err := json.Unmarshal([]byte(`"`+in+`"`), &viaJSON); err != nil {
			t.Fatal(err)
		}
		if viaJSON != want {
			t.Errorf("encoding/json gives %q for %q, ValidUTF8 %q", viaJSON, in, want)
		}
	}
}

func TestBatch(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, nil)
	req := BatchRequest{
		Documents: []BatchDocument{
			{ID: "a1", Text: article, Title: "Council Approves New Riverside Park Plan"},
			{ID: "a2", Text: "   "},
			{ID: "a3", Text: "Share\nRead more\nAdvertisement\nSubscribe"},
			{ID: "a4", Text: article},
		},
		Options: Options{Sentences: 2, Keywords: intp(3)},
	}
	rec := do(t, h, request{path: "/summarize/batch", contentType: "application/json", body: jsonBody(t, req)})
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d, body %s", rec.Code, rec.Body)
	}
	var resp BatchResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	if len(resp.Results) != len(req.Documents) {
		t.Fatalf("%d results for %d documents", len(resp.Results), len(req.Documents))
	}
	wantErr := map[string]Code{"a2": CodeTextRequired, "a3": CodeNoSentences}
	for i, r := range resp.Results {
		if r.ID != req.Documents[i].ID {
			t.Errorf("result %d has id %q, want %q", i, r.ID, req.Documents[i].ID)
		}
		if code, bad := wantErr[r.ID.(string)]; bad {
			if r.Error == nil || r.Error.Code != code || r.SummaryResponse != nil {
				t.Errorf("result %s = %+v, want only error %s", r.ID, r, code)
			}
			continue
		}
		if r.Error != nil || r.SummaryResponse == nil {
			t.Fatalf("result %s has error %+v", r.ID, r.Error)
		}
		checkSummary(t, req.Documents[i].Text, r.SummaryResponse)
		if len(r.Sentences) > 2 || len(r.Keywords) != 3 {
			t.Errorf("result %s: %d sentences, %d keywords; want ≤2 and 3", r.ID, len(r.Sentences), len(r.Keywords))
		}
	}
	// Items are flat: summary fields or error next to the id.
	var raw struct {
		Results []map[string]json.RawMessage `json:"results"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	if _, ok := raw.Results[0]["summary"]; !ok {
		t.Errorf("result a1 lacks a top-level summary field: %v", raw.Results[0])
	}
	if _, ok := raw.Results[1]["summary"]; ok {
		t.Errorf("error result a2 has a summary field: %v", raw.Results[1])
	}
}

func TestCache(t *testing.T) {
	t.Parallel()
	body := jsonBody(t, SummarizeRequest{Text: article, Options: Options{Sentences: 2}})
	t.Run("enabled", func(t *testing.T) {
		h := newTestEngine(t, func(c *Config) { c.CacheSize = 8 })
		first := decodeSummary(t, do(t, h, request{path: "/summarize", contentType: "application/json", body: body}))
		second := decodeSummary(t, do(t, h, request{path: "/summarize", contentType: "application/json", body: body}))
		if first.Cached || !second.Cached {
			t.Fatalf("cached = %v then %v, want false then true", first.Cached, second.Cached)
		}
		a, b := *first, *second
		a.Cached, b.Cached, a.Stats.TookMS, b.Stats.TookMS = false, false, 0, 0
		if ja, jb := jsonBody(t, a), jsonBody(t, b); ja != jb {
			t.Errorf("cached result differs:\n%s\n%s", ja, jb)
		}
		// The same text with other options, or as text/plain with the same
		// options, is another key or the same key respectively.
		other := decodeSummary(t, do(t, h, request{path: "/summarize?sentences=3", contentType: "text/plain", body: article}))
		same := decodeSummary(t, do(t, h, request{path: "/summarize?sentences=2", contentType: "text/plain", body: article}))
		if other.Cached || !same.Cached {
			t.Errorf("cached = %v (other options), %v (same options as text/plain)", other.Cached, same.Cached)
		}
		metrics := do(t, h, request{method: http.MethodGet, path: "/metrics"}).Body.String()
		for _, want := range []string{"skim_cache_hits_total 2", "skim_cache_misses_total 2"} {
			if !strings.Contains(metrics, want) {
				t.Errorf("metrics lack %q:\n%s", want, grepLines(metrics, "skim_cache"))
			}
		}
	})
	t.Run("disabled", func(t *testing.T) {
		h := newTestEngine(t, func(c *Config) { c.DisableCache = true })
		for i := 0; i < 2; i++ {
			if s := decodeSummary(t, do(t, h, request{path: "/summarize", contentType: "application/json", body: body})); s.Cached {
				t.Fatal("cached result with the cache disabled")
			}
		}
	})
}

func TestResultKeyDistinguishesInputs(t *testing.T) {
	t.Parallel()
	base := func() (string, Options, string, string) { return "en", Options{}, "title", "text" }
	lang, o, title, text := base()
	opts := o.library()
	k := resultKey(lang, opts, title, text)
	if resultKey(lang, opts, title, text) != k {
		t.Fatal("key is not deterministic")
	}
	variants := map[string]cacheKey{
		"language":  resultKey("fr", opts, title, text),
		"title":     resultKey(lang, opts, "titl", "etext"),
		"text":      resultKey(lang, opts, title, "text "),
		"sentences": func() cacheKey { o := opts; o.Sentences = 2; return resultKey(lang, o, title, text) }(),
		"ratio":     func() cacheKey { o := opts; o.Ratio = 0.5; return resultKey(lang, o, title, text) }(),
		"order":     func() cacheKey { o := opts; o.Order = "score"; return resultKey(lang, o, title, text) }(),
		"quotes":    func() cacheKey { o := opts; o.AvoidQuotes = true; return resultKey(lang, o, title, text) }(),
		"keywords":  func() cacheKey { o := opts; o.Keywords = 0; return resultKey(lang, o, title, text) }(),
	}
	for name, v := range variants {
		if v == k {
			t.Errorf("changing the %s keeps the key", name)
		}
	}
}

func TestHealthReadyVersion(t *testing.T) {
	t.Parallel()
	draining := false
	h := newTestEngine(t, func(c *Config) { c.Draining = func() bool { return draining } })
	get := func(path string) (int, map[string]any) {
		rec := do(t, h, request{method: http.MethodGet, path: path})
		var m map[string]any
		if rec.Code == http.StatusOK {
			if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
				t.Fatalf("%s: %s: %v", path, rec.Body, err)
			}
		} else {
			decodeError(t, rec)
		}
		return rec.Code, m
	}
	if code, m := get("/healthz"); code != 200 || m["status"] != "ok" {
		t.Errorf("healthz = %d %v", code, m)
	}
	waitReady(t, h)
	if code, m := get("/readyz"); code != 200 || m["status"] != "ready" {
		t.Errorf("readyz = %d %v", code, m)
	}
	if code, m := get("/version"); code != 200 || m["version"] != "v-test" || m["commit"] != "abc123" || m["go"] != "go-test" {
		t.Errorf("version = %d %v", code, m)
	}
	draining = true
	if code, _ := get("/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("readyz while draining = %d, want 503", code)
	}
	if code, _ := get("/healthz"); code != http.StatusOK {
		t.Errorf("healthz while draining = %d, want 200", code)
	}

	broken := newEngine(testSummarizer(t), Config{Logger: testLogger(), Preload: []string{"xx"}}, newMetrics())
	rec := do(t, broken, request{method: http.MethodGet, path: "/readyz"})
	if rec.Code != http.StatusServiceUnavailable || decodeError(t, rec).Code != CodeNotReady {
		t.Errorf("readyz with a preload that cannot load = %d %s", rec.Code, rec.Body)
	}
}

func TestRequestID(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, nil)
	rec := do(t, h, request{method: http.MethodGet, path: "/healthz", header: map[string]string{RequestIDHeader: "client-id-42"}})
	if got := rec.Header().Get(RequestIDHeader); got != "client-id-42" {
		t.Errorf("echoed id %q", got)
	}
	seen := map[string]bool{}
	for _, id := range []string{"", "has space", strings.Repeat("x", 200), "tab\tid"} {
		rec := do(t, h, request{method: http.MethodGet, path: "/healthz", header: map[string]string{RequestIDHeader: id}})
		got := rec.Header().Get(RequestIDHeader)
		if got == "" || got == id || seen[got] {
			t.Errorf("for client id %q got %q, want a fresh generated id", id, got)
		}
		seen[got] = true
	}
}

func TestCORS(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, func(c *Config) { c.CORSOrigins = []string{"https://skim.example", "http://localhost:5173/"} })
	preflight := func(origin, path string) *http.Header {
		rec := do(t, h, request{method: http.MethodOptions, path: path, header: map[string]string{
			"Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type",
		}})
		hdr := rec.Header()
		if hdr.Get("Access-Control-Allow-Origin") != "" && rec.Code != http.StatusNoContent {
			t.Errorf("preflight from %s: status %d", origin, rec.Code)
		}
		return &hdr
	}
	for _, origin := range []string{"https://skim.example", "http://localhost:5173"} {
		hdr := preflight(origin, "/summarize")
		if hdr.Get("Access-Control-Allow-Origin") != origin || !strings.Contains(hdr.Get("Access-Control-Allow-Methods"), "POST") ||
			!strings.Contains(strings.ToLower(hdr.Get("Access-Control-Allow-Headers")), "content-type") {
			t.Errorf("preflight from %s: headers %v", origin, *hdr)
		}
	}
	if hdr := preflight("https://evil.example", "/summarize"); hdr.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from a foreign origin allowed: %v", *hdr)
	}
	rec := do(t, h, request{path: "/summarize", contentType: "text/plain", body: article, header: map[string]string{"Origin": "https://skim.example"}})
	if rec.Code != 200 || rec.Header().Get("Access-Control-Allow-Origin") != "https://skim.example" ||
		!strings.Contains(rec.Header().Get("Access-Control-Expose-Headers"), "X-Request-ID") {
		t.Errorf("simple request: %d %v", rec.Code, rec.Header())
	}
	rec = do(t, h, request{path: "/summarize", contentType: "text/plain", body: article, header: map[string]string{"Origin": "https://evil.example"}})
	if rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("foreign origin got CORS headers")
	}

	anyOrigin := newTestEngine(t, func(c *Config) { c.CORSOrigins = []string{"*"} })
	rec = do(t, anyOrigin, request{method: http.MethodGet, path: "/healthz", header: map[string]string{"Origin": "https://anything.example"}})
	if rec.Header().Get("Access-Control-Allow-Origin") != "https://anything.example" {
		t.Errorf("* did not allow an origin: %v", rec.Header())
	}
	none := newTestEngine(t, nil)
	rec = do(t, none, request{method: http.MethodGet, path: "/healthz", header: map[string]string{"Origin": "https://skim.example"}})
	if rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("CORS headers without configured origins")
	}
}

func TestIndexAndOpenAPIServed(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, nil)
	rec := do(t, h, request{method: http.MethodGet, path: "/"})
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") || rec.Body.Len() == 0 {
		t.Errorf("GET / = %d %q, %d bytes", rec.Code, rec.Header().Get("Content-Type"), rec.Body.Len())
	}
	rec = do(t, h, request{method: http.MethodGet, path: "/openapi.json"})
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") || !bytes.Equal(rec.Body.Bytes(), openAPIDocument) {
		t.Errorf("GET /openapi.json = %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
}

func TestMetrics(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, nil)
	do(t, h, request{path: "/summarize", contentType: "text/plain", body: article})
	do(t, h, request{path: "/summarize", contentType: "text/plain", body: ""})
	do(t, h, request{method: http.MethodGet, path: "/no/such/route/1"})
	do(t, h, request{method: http.MethodGet, path: "/no/such/route/2"})
	do(t, h, request{method: "BREW", path: "/summarize"})
	rec := do(t, h, request{method: http.MethodGet, path: "/metrics"})
	if rec.Code != 200 {
		t.Fatalf("metrics: %d", rec.Code)
	}
	body := rec.Body.String()
	for _, want := range []string{
		`skim_http_requests_total{code="200",method="POST",route="/summarize"} 1`,
		`skim_http_requests_total{code="422",method="POST",route="/summarize"} 1`,
		`skim_http_requests_total{code="404",method="GET",route="unmatched"} 2`,
		`skim_http_requests_total{code="405",method="other",route="unmatched"} 1`,
		`skim_http_request_duration_seconds_bucket{code="200",method="POST",route="/summarize",le="+Inf"} 1`,
		`skim_http_requests_in_flight 1`, // this request
		`skim_summarize_duration_seconds_count{language="en"} 1`,
		`skim_summarize_duration_seconds_count{language="auto"} 1`, // the failed one: the language asked for
		`skim_input_bytes_count{route="/summarize"} 2`,
		`skim_cache_hits_total 0`,
		`skim_cache_misses_total 2`,
		`skim_inflight_bytes 0`,
		`skim_overload_rejections_total 0`,
		`go_goroutines`,
		`process_resident_memory_bytes`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(body, "/no/such/route") {
		t.Error("raw paths leak into metric labels")
	}
}

// TestOverLimit: a length limit tighter than every sentence answers with
// the best sentence and "over_limit": true, never an empty 200; a limit
// that fits leaves the field out.
func TestOverLimit(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, nil)
	tests := []struct {
		name, query string
		over        bool
	}{
		{"max_words below every sentence", "?max_words=3", true},
		{"max_chars below every sentence", "?max_chars=20", true},
		{"limit that fits", "?max_words=200", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, h, request{path: "/summarize" + tt.query, contentType: "text/plain", body: article})
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
			}
			if got := strings.Contains(rec.Body.String(), `"over_limit":true`); got != tt.over {
				t.Errorf("over_limit in %s: %v, want %v", rec.Body.String(), got, tt.over)
			}
			s := decodeSummary(t, rec)
			if len(s.Sentences) == 0 || s.Summary == "" {
				t.Errorf("empty summary: %s", rec.Body.String())
			}
			if tt.over && len(s.Sentences) != 1 {
				t.Errorf("over the limit: %d sentences, want the best one alone", len(s.Sentences))
			}
		})
	}
}
