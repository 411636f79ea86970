package api

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// emptyDocuments generates {"documents":[{},{},…,{}]} of size bytes
// without holding it in memory, so that a test measures the server's
// allocations, not its own.
type emptyDocuments struct {
	size, off int64
}

// newEmptyDocuments returns the largest such body of at most size bytes.
func newEmptyDocuments(size int64) *emptyDocuments {
	fixed := int64(len(emptyDocsHead) + len(emptyDocsTail))
	return &emptyDocuments{size: fixed + (size-fixed)/3*3}
}

const (
	emptyDocsHead = `{"documents":[`
	emptyDocsTail = `{}]}`
)

func (e *emptyDocuments) Read(p []byte) (int, error) {
	if e.off >= e.size {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && e.off < e.size {
		var c byte
		switch tail := e.size - e.off; {
		case e.off < int64(len(emptyDocsHead)):
			c = emptyDocsHead[e.off]
		case tail <= int64(len(emptyDocsTail)):
			c = emptyDocsTail[int64(len(emptyDocsTail))-tail]
		default:
			c = "{},"[(e.off-int64(len(emptyDocsHead)))%3]
		}
		p[n] = c
		n++
		e.off++
	}
	return n, nil
}

// TestBatchDocumentCapBoundsMemory sends six concurrent 10 MiB bodies of
// empty documents: each gets 413 too_many_documents, and the server
// allocates far less than one body for all six, because it stops decoding
// at the cap instead of decoding millions of documents first. Not
// parallel: it measures the process's allocations.
func TestBatchDocumentCapBoundsMemory(t *testing.T) {
	h := newTestEngine(t, nil)
	const clients = 6
	size := newEmptyDocuments(DefaultBatchMaxBody).size
	// The generator must produce valid JSON of the announced size.
	if b, _ := io.ReadAll(newEmptyDocuments(50)); !json.Valid(b) || int64(len(b)) != newEmptyDocuments(50).size {
		t.Fatalf("generator: %q", b)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	began := time.Now()
	var wg sync.WaitGroup
	recs := make([]*httptest.ResponseRecorder, clients)
	for i := range recs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := httptest.NewRequest(http.MethodPost, "/summarize/batch", newEmptyDocuments(size))
			req.ContentLength = size
			req.Header.Set("Content-Type", "application/json")
			recs[i] = httptest.NewRecorder()
			h.ServeHTTP(recs[i], req)
		}()
	}
	wg.Wait()
	took := time.Since(began)
	runtime.ReadMemStats(&after)
	for i, rec := range recs {
		if rec.Code != http.StatusRequestEntityTooLarge {
			t.Fatalf("client %d: status %d, want 413; body %.200s", i, rec.Code, rec.Body)
		}
		if e := decodeError(t, rec); e.Code != CodeTooManyDocuments {
			t.Errorf("client %d: code %q, want %q", i, e.Code, CodeTooManyDocuments)
		}
	}
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d × %.1f MiB batches of empty documents: %.1f MiB allocated in all, %v", clients, float64(size)/(1<<20), float64(allocated)/(1<<20), took)
	if limit := uint64(size); allocated > limit {
		t.Errorf("the server allocated %.1f MiB for %d rejected batches, want under %.1f MiB (one body)",
			float64(allocated)/(1<<20), clients, float64(limit)/(1<<20))
	}
}

// TestIdleConnectionsDoNotHoldTheBudget opens ten real connections that
// announce large bodies (six 10 MiB batches, four 1 MiB articles), send a
// few bytes and stall; a normal POST /summarize must still be answered 200
// without waiting for budget.
func TestIdleConnectionsDoNotHoldTheBudget(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, func(c *Config) { c.InflightWait = 2 * time.Second })
	srv := httptest.NewServer(h)
	defer srv.Close()
	addr := srv.Listener.Addr().String()

	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	open := func(path string, length int) {
		c, err := net.DialTimeout("tcp", addr, 2*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", path, length)
		if _, err := io.WriteString(c, head+`{"documents":[`+strings.Repeat(`{"text":"stall"},`, 90)); err != nil {
			t.Fatal(err)
		}
	}
	for range 6 {
		open("/summarize/batch", DefaultBatchMaxBody)
	}
	for range 4 {
		open("/summarize", DefaultMaxBody)
	}
	// Wait until the server is reading all ten bodies.
	metric := func(name string) float64 {
		rec := do(t, h, request{method: http.MethodGet, path: "/metrics"})
		sc := bufio.NewScanner(rec.Body)
		for sc.Scan() {
			var v float64
			if _, err := fmt.Sscanf(sc.Text(), name+" %g", &v); err == nil {
				return v
			}
		}
		return -1
	}
	for deadline := time.Now().Add(5 * time.Second); metric("skim_http_requests_in_flight") < 10; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the server never read the ten stalled requests")
		}
	}
	time.Sleep(50 * time.Millisecond) // let each charge what it charges

	began := time.Now()
	resp, err := http.Post(srv.URL+"/summarize", "text/plain", strings.NewReader(article))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(began)
	t.Logf("POST /summarize beside 10 stalled uploads: %d in %v; budget held by them: %.0f KiB",
		resp.StatusCode, took, metric("skim_inflight_bytes")/1024)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200: %s", resp.StatusCode, body)
	}
	if n := metric("skim_overload_rejections_total"); n != 0 {
		t.Errorf("%g overload rejections, want 0", n)
	}
}

// syncBuffer is a log destination for tests that run handlers concurrently.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// accessLog returns the access log lines of a server logging to buf.
func accessLog(t *testing.T, buf *syncBuffer) []map[string]any {
	t.Helper()
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err == nil && m["msg"] == "request" {
			lines = append(lines, m)
		}
	}
	return lines
}

// longArticle is about size bytes of distinct sentences: long enough that
// summarizing it takes well over a millisecond.
func longArticle(size int) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "Report %d says the council spent %d euros on the river park in district %d last year. ", i, i*37, i%17)
		if i%6 == 5 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// TestComputeBudget: a request that runs past Config.MaxCompute is
// answered 503 over_budget with Retry-After, and the documents of a batch
// that the budget does not cover get over_budget errors of their own.
func TestComputeBudget(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	h := newTestEngine(t, func(c *Config) {
		c.MaxCompute = time.Millisecond
		c.Logger = slog.New(slog.NewJSONHandler(&logs, nil))
	})
	text := longArticle(200 << 10)
	rec := do(t, h, request{path: "/summarize", contentType: "text/plain", body: text})
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503; body %.300s", rec.Code, rec.Body)
	}
	if e := decodeError(t, rec); e.Code != CodeOverBudget {
		t.Errorf("code %q, want %q", e.Code, CodeOverBudget)
	}
	if rec.Header().Get("Retry-After") == "" {
		t.Error("over_budget without Retry-After")
	}

	body := jsonBody(t, BatchRequest{Documents: []BatchDocument{{ID: "big", Text: text}, {ID: "next", Text: article}}})
	rec = do(t, h, request{path: "/summarize/batch", contentType: "application/json", body: body})
	var resp BatchResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || rec.Code != http.StatusOK || len(resp.Results) != 2 {
		t.Fatalf("batch: status %d, body %.300s", rec.Code, rec.Body)
	}
	for _, r := range resp.Results {
		if r.Error == nil || r.Error.Code != CodeOverBudget {
			t.Errorf("document %v: error %+v, want over_budget", r.ID, r.Error)
		}
	}

	// The same server with the default budget summarizes the text.
	h = newTestEngine(t, nil)
	if rec := do(t, h, request{path: "/summarize", contentType: "text/plain", body: text}); rec.Code != http.StatusOK {
		t.Fatalf("default budget: status %d, body %.300s", rec.Code, rec.Body)
	}
}

// TestClientClosedIsLogged: a request whose client went away is logged
// and counted as 499 client_closed at info level, not as a 503 overloaded
// warning, and no summary is computed for it.
func TestClientClosedIsLogged(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	h := newTestEngine(t, func(c *Config) { c.Logger = slog.New(slog.NewJSONHandler(&logs, nil)) })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodPost, "/summarize", strings.NewReader(longArticle(100<<10))).WithContext(ctx)
	req.Header.Set("Content-Type", "text/plain")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != StatusClientClosed {
		t.Fatalf("status %d, want %d", rec.Code, StatusClientClosed)
	}
	lines := accessLog(t, &logs)
	if len(lines) != 1 {
		t.Fatalf("access log %q, want one line", logs.String())
	}
	if l := lines[0]; l["status"] != float64(StatusClientClosed) || l["level"] != "INFO" {
		t.Errorf("access log line %v, want status 499 at INFO", l)
	}
	metrics := do(t, h, request{method: http.MethodGet, path: "/metrics"}).Body.String()
	if !strings.Contains(metrics, `skim_http_requests_total{code="499",method="POST",route="/summarize"} 1`) {
		t.Errorf("metrics do not count the request as 499:\n%s", grepLines(metrics, "skim_http_requests_total"))
	}
	if !strings.Contains(metrics, "skim_overload_rejections_total 0") || strings.Contains(metrics, "skim_summarize_duration_seconds_count") {
		t.Errorf("a closed client counted as a rejection or summarized:\n%s", grepLines(metrics, "skim_"))
	}
}

// TestUnwritableResponseIsNotLoggedAs200: when the response cannot be
// written (here the server's write timeout has passed), the access log
// says so, with the write error, instead of status 200.
func TestUnwritableResponseIsNotLoggedAs200(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	h := newTestEngine(t, func(c *Config) { c.Logger = slog.New(slog.NewJSONHandler(&logs, nil)) })
	srv := httptest.NewUnstartedServer(h)
	srv.Config.WriteTimeout = time.Nanosecond
	srv.Start()
	defer srv.Close()
	if resp, err := http.Post(srv.URL+"/summarize", "text/plain", strings.NewReader(article)); err == nil {
		resp.Body.Close()
		t.Logf("the client got status %d", resp.StatusCode)
	}
	var line map[string]any
	for deadline := time.Now().Add(5 * time.Second); line == nil && time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if lines := accessLog(t, &logs); len(lines) > 0 {
			line = lines[0]
		}
	}
	if line == nil {
		t.Fatal("no access log line")
	}
	if line["status"] == float64(http.StatusOK) || line["write_error"] == nil || line["status_unsent"] != float64(http.StatusOK) {
		t.Errorf("access log line %v, want status 499 with write_error and status_unsent 200", line)
	}
}

// TestContractQuirks: a BOM before JSON, HEAD on the probes, numeric ids,
// one document of the wrong type, and unknown fields and query parameters.
func TestContractQuirks(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, nil)
	waitReady(t, h)
	const js = "application/json"
	text := string(mustJSON(article))

	t.Run("BOM before JSON", func(t *testing.T) {
		decodeSummary(t, do(t, h, request{path: "/summarize", contentType: js, body: "\uFEFF" + `{"text":` + text + `}`}))
		rec := do(t, h, request{path: "/summarize/batch", contentType: js, body: "\uFEFF" + `{"documents":[{"text":` + text + `}]}`})
		if rec.Code != http.StatusOK {
			t.Fatalf("batch with BOM: status %d, body %.300s", rec.Code, rec.Body)
		}
	})
	t.Run("HEAD on the probes", func(t *testing.T) {
		for _, path := range []string{"/healthz", "/readyz"} {
			if rec := do(t, h, request{method: http.MethodHead, path: path}); rec.Code != http.StatusOK {
				t.Errorf("HEAD %s: status %d, want 200", path, rec.Code)
			}
		}
	})
	t.Run("ids echoed as given, one bad document fails alone", func(t *testing.T) {
		body := `{"documents":[{"id":7,"text":` + text + `},{"id":"7","text":` + text + `},` +
			`{"id":12345678901234567890.50,"text":` + text + `},42,{"id":"t","text":1},{"id":"u","text":` + text + `,"tilte":"x"},` +
			`{"id":true,"text":` + text + `},{"text":` + text + `}],"sentences":1}`
		rec := do(t, h, request{path: "/summarize/batch", contentType: js, body: body})
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d, body %.300s", rec.Code, rec.Body)
		}
		var raw struct {
			Results []struct {
				ID    json.RawMessage `json:"id"`
				Error *Error          `json:"error"`
			} `json:"results"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &raw); err != nil || len(raw.Results) != 8 {
			t.Fatalf("%v: %.500s", err, rec.Body)
		}
		want := []struct {
			id   string
			code Code
		}{
			{`7`, ""}, {`"7"`, ""}, {`12345678901234567890.50`, ""}, {`""`, CodeInvalidField},
			{`"t"`, CodeInvalidField}, {`"u"`, CodeUnknownField}, {`""`, CodeInvalidField}, {`""`, ""},
		}
		for i, w := range want {
			r := raw.Results[i]
			if string(r.ID) != w.id {
				t.Errorf("result %d: id %s, want %s", i, r.ID, w.id)
			}
			switch {
			case w.code == "" && r.Error != nil:
				t.Errorf("result %d: error %+v, want a summary", i, r.Error)
			case w.code != "" && (r.Error == nil || r.Error.Code != w.code):
				t.Errorf("result %d: error %+v, want %s", i, r.Error, w.code)
			}
		}
		if msg := raw.Results[5].Error.Message; !strings.Contains(msg, "tilte") {
			t.Errorf("unknown field message %q does not name the field", msg)
		}
	})
	t.Run("unknown fields and query parameters", func(t *testing.T) {
		for _, tt := range []struct {
			name, field string
			req         request
		}{
			{"JSON field", "sentence", request{path: "/summarize", contentType: js, body: `{"text":` + text + `,"sentence":1}`}},
			{"batch option", "sentence", request{path: "/summarize/batch", contentType: js, body: `{"documents":[{"text":` + text + `}],"sentence":1}`}},
			{"batch option before documents", "lang", request{path: "/summarize/batch", contentType: js, body: `{"lang":"en","documents":[{"text":` + text + `}]}`}},
			{"query parameter", "sentence", request{path: "/summarize?sentence=1", contentType: "text/plain", body: article}},
		} {
			rec := do(t, h, tt.req)
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("%s: status %d, want 400; body %.300s", tt.name, rec.Code, rec.Body)
			}
			if e := decodeError(t, rec); e.Code != CodeUnknownField || !strings.Contains(e.Message, tt.field) {
				t.Errorf("%s: error %+v, want unknown_field naming %q", tt.name, e, tt.field)
			}
		}
	})
}

// TestNotTextRule classifies text and non-text by the one rule the API
// shares with the corpus readers.
func TestNotTextRule(t *testing.T) {
	t.Parallel()
	utf16le := func(s string) string {
		var b strings.Builder
		b.WriteString("\xFF\xFE")
		for _, r := range s {
			b.WriteByte(byte(r))
			b.WriteByte(0)
		}
		return b.String()
	}
	latin1 := strings.ReplaceAll(article, "’", "\xE9") // a few invalid bytes
	controls := strings.Repeat("\x01\x02\x03 abc ", 400)
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
		want bool
	}{
		{"article", article, false},
		{"blank", "  \n\t\r\f\v", false},
		{"latin-1 with a few invalid bytes", latin1, false},
		{"one escape sequence", "\x1b[2J" + article, false},
		{"NUL byte", "Hello\x00 world.", true},
		{"UTF-16 LE with BOM", utf16le("Hello world."), true},
		{"UTF-16 BE BOM", "\xFE\xFF\x00H", true},
		{"mostly control characters", controls, true},
		{"random bytes without NUL", string(random), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := notText(tt.text) != nil; got != tt.want {
				t.Errorf("notText = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestNotText: binary bodies and documents are refused with not_text.
func TestNotText(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, nil)
	binary := "\x7fELF\x02\x01\x01\x00\x00\x00" + strings.Repeat("\x00\x01\x02binary", 200) + ". Text. More."
	for _, req := range []request{
		{path: "/summarize", contentType: "text/plain", body: binary},
		{path: "/summarize", contentType: "application/json", body: `{"text":` + string(mustJSON(binary)) + `}`},
	} {
		rec := do(t, h, req)
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("%s: status %d, want 422; body %.300s", req.contentType, rec.Code, rec.Body)
		}
		if e := decodeError(t, rec); e.Code != CodeNotText {
			t.Errorf("%s: code %q, want not_text", req.contentType, e.Code)
		}
	}
	body := jsonBody(t, BatchRequest{Documents: []BatchDocument{{ID: "bin", Text: binary}, {ID: "ok", Text: article}}})
	var resp BatchResponse
	rec := do(t, h, request{path: "/summarize/batch", contentType: "application/json", body: body})
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || len(resp.Results) != 2 {
		t.Fatalf("batch: %d %.300s", rec.Code, rec.Body)
	}
	if e := resp.Results[0].Error; e == nil || e.Code != CodeNotText || resp.Results[1].Error != nil {
		t.Errorf("batch results %+v %+v: want not_text, then a summary", resp.Results[0].Error, resp.Results[1].Error)
	}
}

// TestContentEncoding: gzip and deflate bodies are decompressed with the
// body limit applied to the decompressed bytes (a gzip bomb is a 413),
// other encodings are a 415 and a corrupt stream a 400.
func TestContentEncoding(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, func(c *Config) { c.MaxBody = 64 << 10 })
	compress := func(encoding, s string) string {
		var b bytes.Buffer
		var w io.WriteCloser
		if encoding == "gzip" {
			w = gzip.NewWriter(&b)
		} else {
			w = zlib.NewWriter(&b)
		}
		_, _ = io.WriteString(w, s)
		_ = w.Close()
		return b.String()
	}
	bomb := compress("gzip", strings.Repeat("a", 10<<20)) // 10 MiB in about 10 KiB
	if len(bomb) > 64<<10 {
		t.Fatalf("the bomb is %d bytes compressed: it would not test the decompressed limit", len(bomb))
	}
	tests := []struct {
		name, encoding, body string
		status               int
		code                 Code
	}{
		{"gzip", "gzip", compress("gzip", article), 200, ""},
		{"deflate", "deflate", compress("deflate", article), 200, ""},
		{"gzip bomb", "gzip", bomb, 413, CodeBodyTooLarge},
		{"corrupt gzip", "gzip", "not gzip at all", 400, CodeInvalidBody},
		{"truncated gzip", "gzip", compress("gzip", article)[:100], 400, CodeInvalidBody},
		{"brotli", "br", article, 415, CodeUnsupportedMedia},
		{"identity", "identity", article, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, h, request{path: "/summarize", contentType: "text/plain", body: tt.body,
				header: map[string]string{"Content-Encoding": tt.encoding}})
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d; body %.300s", rec.Code, tt.status, rec.Body)
			}
			if tt.status == 200 {
				checkSummary(t, article, decodeSummary(t, rec))
			} else if e := decodeError(t, rec); e.Code != tt.code {
				t.Errorf("code %q, want %q", e.Code, tt.code)
			}
		})
	}
}

// TestSecurityHeaders: every response forbids sniffing and framing; the
// page at / runs under a strict policy that allows exactly its own inline
// script and style; the widget stays loadable from other origins and the
// demo article keeps its own policy.
func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, func(c *Config) { c.CORSOrigins = []string{"https://news.example"} })
	for _, req := range []request{
		{method: http.MethodGet, path: "/"},
		{method: http.MethodGet, path: "/healthz"},
		{method: http.MethodGet, path: "/widget.js"},
		{method: http.MethodGet, path: "/demo/article"},
		{method: http.MethodGet, path: "/openapi.json"},
		{method: http.MethodGet, path: "/nope"},
		{path: "/summarize", contentType: "text/plain", body: article},
	} {
		rec := do(t, h, req)
		hd := rec.Header()
		if hd.Get("X-Content-Type-Options") != "nosniff" || hd.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s %s: X-Content-Type-Options %q, X-Frame-Options %q", req.method, req.path,
				hd.Get("X-Content-Type-Options"), hd.Get("X-Frame-Options"))
		}
		if csp := hd.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s %s: CSP %q lacks frame-ancestors 'none'", req.method, req.path, csp)
		}
	}

	rec := do(t, h, request{method: http.MethodGet, path: "/"})
	page := rec.Body.Bytes()
	csp := rec.Header().Get("Content-Security-Policy")
	directives := map[string]string{}
	for _, d := range strings.Split(csp, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		directives[name] = value
	}
	if directives["default-src"] != "'none'" || strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("the page's CSP is not strict: %q", csp)
	}
	for element, directive := range map[string]string{"script": "script-src", "style": "style-src"} {
		matches := regexp.MustCompile(`(?s)<`+element+`>(.*?)</`+element+`>`).FindAllSubmatch(page, -1)
		if len(matches) == 0 {
			t.Errorf("the page has no inline %s: the check proves nothing", element)
		}
		for _, m := range matches {
			sum := sha256.Sum256(m[1])
			if hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(directives[directive], hash) {
				t.Errorf("%s %q does not allow the page's inline %s (%s)", directive, directives[directive], element, hash)
			}
		}
	}
	if !strings.Contains(directives["connect-src"], "'self'") {
		t.Errorf("connect-src %q: the page could not call the API", directives["connect-src"])
	}

	widget := do(t, h, request{method: http.MethodGet, path: "/widget.js", header: map[string]string{"Origin": "https://news.example"}})
	if widget.Code != http.StatusOK || widget.Header().Get("Cross-Origin-Resource-Policy") != "cross-origin" {
		t.Errorf("widget.js: status %d, CORP %q", widget.Code, widget.Header().Get("Cross-Origin-Resource-Policy"))
	}
	if !strings.Contains(do(t, h, request{method: http.MethodGet, path: "/demo/article"}).Header().Get("Content-Security-Policy"), "script-src 'self'") {
		t.Error("the demo article lost its own policy")
	}
	cors := do(t, h, request{path: "/summarize", contentType: "text/plain", body: article, header: map[string]string{"Origin": "https://news.example"}})
	if cors.Header().Get("Access-Control-Allow-Origin") != "https://news.example" {
		t.Error("CORS for the widget's origin is gone")
	}
}

// TestMetricsElsewhere: with MetricsElsewhere the router no longer serves
// /metrics, and the Metrics handler serves the API's metrics.
func TestMetricsElsewhere(t *testing.T) {
	t.Parallel()
	hs := New(testSummarizer(t), Config{Logger: testLogger(), MetricsElsewhere: true})
	if rec := do(t, hs.API, request{method: http.MethodGet, path: "/metrics"}); rec.Code != http.StatusNotFound {
		t.Errorf("GET /metrics on the API: status %d, want 404", rec.Code)
	}
	do(t, hs.API, request{path: "/summarize", contentType: "text/plain", body: article})
	rec := do(t, hs.Metrics, request{method: http.MethodGet, path: "/metrics"})
	if !strings.Contains(rec.Body.String(), `skim_http_requests_total{code="200",method="POST",route="/summarize"} 1`) {
		t.Errorf("the metrics handler does not count the API's request:\n%s", grepLines(rec.Body.String(), "skim_http_requests_total"))
	}
}

// TestLanguageTagsShareOneModel: spellings of English all summarize as
// "en", and 300 distinct en-xxx tags load nothing new: the heap does not
// grow with them.
func TestLanguageTagsShareOneModel(t *testing.T) {
	h := newTestEngine(t, func(c *Config) { c.DisableCache = true })
	waitReady(t, h)
	text := string(mustJSON(article))
	for _, tag := range []string{"en", "en-GB", "EN", "english", "English", "en_US"} {
		s := decodeSummary(t, do(t, h, request{path: "/summarize", contentType: "application/json",
			body: `{"text":` + text + `,"language":"` + tag + `"}`}))
		if s.Language != "en" || s.LanguageDetected {
			t.Errorf("language %q summarized as %q (detected %v), want en", tag, s.Language, s.LanguageDetected)
		}
	}
	heap := func() uint64 {
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	before := heap()
	for i := range 300 {
		rec := do(t, h, request{path: "/summarize", contentType: "application/json",
			body: `{"text":` + text + `,"language":"en-x` + strconv.Itoa(i) + `"}`})
		if rec.Code != http.StatusOK {
			t.Fatalf("en-x%d: status %d, body %.200s", i, rec.Code, rec.Body)
		}
	}
	grown := int64(heap()) - int64(before)
	t.Logf("heap after 300 distinct en-xxx tags: %+.1f MiB", float64(grown)/(1<<20))
	if grown > 4<<20 { // one model per tag was about 0.3 MiB each: 300 tags grew RSS by 80 MB
		t.Errorf("the heap grew %.1f MiB over 300 language tags", float64(grown)/(1<<20))
	}
}

// TestClientGoneMidBody: a client that closes its connection before the
// end of the body it announced is logged as 499, not as a 400 or 503.
func TestClientGoneMidBody(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	h := newTestEngine(t, func(c *Config) { c.Logger = slog.New(slog.NewJSONHandler(&logs, nil)) })
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, path := range []string{"/summarize", "/summarize/batch"} {
		c, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(c, "POST %s HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"documents\":[{\"text\":\"half", path)
		time.Sleep(20 * time.Millisecond)
		c.Close()
	}
	var lines []map[string]any
	for deadline := time.Now().Add(5 * time.Second); len(lines) < 2 && time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		lines = accessLog(t, &logs)
	}
	if len(lines) != 2 {
		t.Fatalf("access log %q, want two lines", logs.String())
	}
	for _, l := range lines {
		if l["status"] != float64(StatusClientClosed) || l["level"] != "INFO" {
			t.Errorf("access log line %v, want status 499 at INFO", l)
		}
	}
}
