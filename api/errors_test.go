package api

import (
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/skimhq/skim/summarize"
)

// TestErrorContract covers every row of the error table: status, code and
// the JSON error shape with the request id.
func TestErrorContract(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, func(c *Config) { c.BatchMaxDocs = 3; c.BatchMaxBody = 64 << 10 })
	const js = "application/json"
	okText := jsonBody(t, article)
	overLimit := `{"text":` + okText + `}` + strings.Repeat(" ", DefaultMaxBody) // valid JSON, trailing space past the limit
	tests := []struct {
		name   string
		req    request
		status int
		code   Code
	}{
		// 400: malformed JSON, wrong types, options out of range.
		{"malformed JSON", request{path: "/summarize", contentType: js, body: `{"text": "a`}, 400, CodeInvalidJSON},
		{"empty JSON body", request{path: "/summarize", contentType: js, body: ``}, 400, CodeInvalidJSON},
		{"not an object", request{path: "/summarize", contentType: js, body: `["text"]`}, 400, CodeInvalidJSON},
		{"trailing garbage under the limit", request{path: "/summarize", contentType: js, body: `{"text":` + okText + `} {"x":1}`}, 400, CodeInvalidJSON},
		{"text of wrong type", request{path: "/summarize", contentType: js, body: `{"text": 42}`}, 400, CodeInvalidField},
		{"sentences of wrong type", request{path: "/summarize", contentType: js, body: `{"text":` + okText + `,"sentences":"3"}`}, 400, CodeInvalidField},
		{"sentences fractional", request{path: "/summarize", contentType: js, body: `{"text":` + okText + `,"sentences":2.5}`}, 400, CodeInvalidField},
		{"avoid_quotes of wrong type", request{path: "/summarize", contentType: js, body: `{"text":` + okText + `,"avoid_quotes":"yes"}`}, 400, CodeInvalidField},
		{"sentences negative", request{path: "/summarize", contentType: js, body: `{"text":` + okText + `,"sentences":-1}`}, 400, CodeInvalidOption},
		{"sentences 1001", request{path: "/summarize", contentType: js, body: `{"text":` + okText + `,"sentences":1001}`}, 400, CodeInvalidOption},
		{"ratio above 1", request{path: "/summarize", contentType: js, body: `{"text":` + okText + `,"ratio":1.01}`}, 400, CodeInvalidOption},
		{"ratio negative", request{path: "/summarize", contentType: js, body: `{"text":` + okText + `,"ratio":-0.5}`}, 400, CodeInvalidOption},
		{"negative max_words", request{path: "/summarize", contentType: js, body: `{"text":` + okText + `,"max_words":-1}`}, 400, CodeInvalidOption},
		{"negative max_chars", request{path: "/summarize", contentType: js, body: `{"text":` + okText + `,"max_chars":-1}`}, 400, CodeInvalidOption},
		{"negative keywords", request{path: "/summarize", contentType: js, body: `{"text":` + okText + `,"keywords":-1}`}, 400, CodeInvalidOption},
		{"unknown order", request{path: "/summarize", contentType: js, body: `{"text":` + okText + `,"order":"random"}`}, 400, CodeInvalidOption},
		{"text/plain sentences not a number", request{path: "/summarize?sentences=three", contentType: "text/plain", body: article}, 400, CodeInvalidField},
		{"text/plain ratio not a number", request{path: "/summarize?ratio=half", contentType: "text/plain", body: article}, 400, CodeInvalidField},
		{"text/plain ratio NaN", request{path: "/summarize?ratio=NaN", contentType: "text/plain", body: article}, 400, CodeInvalidOption},
		{"text/plain bad boolean", request{path: "/summarize?avoid_quotes=maybe", contentType: "text/plain", body: article}, 400, CodeInvalidField},
		{"text/plain keywords not a number", request{path: "/summarize?keywords=many", contentType: "text/plain", body: article}, 400, CodeInvalidField},
		{"text/plain keywords over the cap", request{path: "/summarize?keywords=100000", contentType: "text/plain", body: article}, 400, CodeInvalidOption},
		{"text/plain unknown order", request{path: "/summarize?order=length", contentType: "text/plain", body: article}, 400, CodeInvalidOption},

		// 422 text_required: missing, empty, blank text.
		{"missing text", request{path: "/summarize", contentType: js, body: `{"title":"t"}`}, 422, CodeTextRequired},
		{"null text", request{path: "/summarize", contentType: js, body: `{"text":null}`}, 422, CodeTextRequired},
		{"null body", request{path: "/summarize", contentType: js, body: `null`}, 422, CodeTextRequired},
		{"empty text", request{path: "/summarize", contentType: js, body: `{"text":""}`}, 422, CodeTextRequired},
		{"whitespace text", request{path: "/summarize", contentType: js, body: `{"text":" \n\t\u00a0 \r\n"}`}, 422, CodeTextRequired},
		{"text/plain empty body", request{path: "/summarize", contentType: "text/plain", body: ""}, 422, CodeTextRequired},
		{"text/plain blank body", request{path: "/summarize", contentType: "text/plain", body: "  \n\n "}, 422, CodeTextRequired},

		// 422 no_sentences: only page chrome.
		{"only page chrome", request{path: "/summarize", contentType: js, body: `{"text":"Share\nRead more\nAdvertisement\nSubscribe"}`}, 422, CodeNoSentences},
		{"text/plain only page chrome", request{path: "/summarize", contentType: "text/plain", body: "Share\nRead more\nAdvertisement\nSubscribe"}, 422, CodeNoSentences},

		// 413: over the body limit, trailing bytes included.
		{"body over the limit", request{path: "/summarize", contentType: "text/plain", body: strings.Repeat("a", DefaultMaxBody+1)}, 413, CodeBodyTooLarge},
		{"chunked body over the limit", request{path: "/summarize", contentType: "text/plain", body: strings.Repeat("a", DefaultMaxBody+1), chunked: true}, 413, CodeBodyTooLarge},
		{"trailing bytes over the limit", request{path: "/summarize", contentType: js, body: overLimit}, 413, CodeBodyTooLarge},
		{"chunked trailing bytes over the limit", request{path: "/summarize", contentType: js, body: overLimit, chunked: true}, 413, CodeBodyTooLarge},

		// 415: other content types.
		{"form content type", request{path: "/summarize", contentType: "application/x-www-form-urlencoded", body: "text=hello"}, 415, CodeUnsupportedMedia},
		{"no content type", request{path: "/summarize", body: `{"text":` + okText + `}`}, 415, CodeUnsupportedMedia},
		{"application/pdf", request{path: "/summarize", contentType: "application/pdf", body: article}, 415, CodeUnsupportedMedia},
		{"latin-1 charset", request{path: "/summarize", contentType: "text/plain; charset=iso-8859-1", body: article}, 415, CodeUnsupportedMedia},
		{"malformed content type", request{path: "/summarize", contentType: "application/json; charset", body: `{"text":` + okText + `}`}, 415, CodeUnsupportedMedia},

		// 422 unsupported_language.
		{"unsupported language", request{path: "/summarize", contentType: js, body: `{"text":` + okText + `,"language":"xx"}`}, 422, CodeUnsupportedLanguage},
		{"text/plain unsupported language", request{path: "/summarize?language=klingon", contentType: "text/plain", body: article}, 422, CodeUnsupportedLanguage},
		{"absurd language", request{path: "/summarize", contentType: js, body: `{"text":` + okText + `,"language":"` + strings.Repeat("x", 500) + `"}`}, 422, CodeUnsupportedLanguage},

		// 405 and 404, JSON too.
		{"wrong method", request{method: http.MethodGet, path: "/summarize"}, 405, CodeMethodNotAllowed},
		{"wrong method on batch", request{method: http.MethodPut, path: "/summarize/batch"}, 405, CodeMethodNotAllowed},
		{"wrong method on healthz", request{method: http.MethodPost, path: "/healthz"}, 405, CodeMethodNotAllowed},
		{"unknown route", request{method: http.MethodGet, path: "/nope"}, 404, CodeNotFound},
		{"trailing slash", request{path: "/summarize/", contentType: js, body: `{"text":` + okText + `}`}, 404, CodeNotFound},

		// The batch endpoint's own request-level errors.
		{"batch malformed", request{path: "/summarize/batch", contentType: js, body: `{"documents":[`}, 400, CodeInvalidJSON},
		{"batch documents of wrong type", request{path: "/summarize/batch", contentType: js, body: `{"documents":{"text":"x"}}`}, 400, CodeInvalidField},
		{"batch bad option", request{path: "/summarize/batch", contentType: js, body: `{"documents":[{"text":"x"}],"sentences":-3}`}, 400, CodeInvalidOption},
		{"batch no documents", request{path: "/summarize/batch", contentType: js, body: `{"documents":[]}`}, 422, CodeDocumentsRequired},
		{"batch missing documents", request{path: "/summarize/batch", contentType: js, body: `{}`}, 422, CodeDocumentsRequired},
		{"batch unsupported language", request{path: "/summarize/batch", contentType: js, body: `{"documents":[{"text":"x"}],"language":"xx"}`}, 422, CodeUnsupportedLanguage},
		{"batch too many documents", request{path: "/summarize/batch", contentType: js, body: `{"documents":[{"text":"a"},{"text":"b"},{"text":"c"},{"text":"d"}]}`}, 413, CodeTooManyDocuments},
		{"batch over its body limit", request{path: "/summarize/batch", contentType: js, body: `{"documents":[{"text":"` + strings.Repeat("a", 64<<10) + `"}]}`}, 413, CodeBodyTooLarge},
		{"batch as text/plain", request{path: "/summarize/batch", contentType: "text/plain", body: article}, 415, CodeUnsupportedMedia},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, h, tt.req)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d; body %.300s", rec.Code, tt.status, rec.Body)
			}
			e := decodeError(t, rec)
			if e.Code != tt.code {
				t.Errorf("code %q, want %q (message %q)", e.Code, tt.code, e.Message)
			}
			if got := tt.code.Status(); got != tt.status {
				t.Errorf("%s.Status() = %d, the route answered %d", tt.code, got, tt.status)
			}
			if tt.status == 405 && rec.Header().Get("Allow") == "" {
				t.Errorf("405 without Allow header")
			}
			if tt.status == 413 && rec.Header().Get("Connection") != "close" {
				t.Errorf("413 without Connection: close")
			}
		})
	}
}

// TestOverloaded fills the in-flight budget with a request whose body is
// still arriving: the next request waits the bounded time, then gets 503
// with Retry-After; once the budget frees, requests succeed again.
func TestOverloaded(t *testing.T) {
	t.Parallel()
	const wait = 20 * time.Millisecond
	h := newTestEngine(t, func(c *Config) {
		c.InflightBytes = 4 << 10
		c.InflightWait = wait
	})
	pr, pw := io.Pipe()
	slow := httptest.NewRequest(http.MethodPost, "/summarize", pr)
	slow.Header.Set("Content-Type", "text/plain")
	slow.ContentLength = -1 // unknown length: charged the whole limit, clamped to the budget
	slowRec := httptest.NewRecorder()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		h.ServeHTTP(slowRec, slow)
	}()
	if _, err := pw.Write([]byte(article[:100])); err != nil { // the handler is reading: budget held
		t.Fatal(err)
	}

	began := time.Now()
	rec := do(t, h, request{path: "/summarize", contentType: "application/json", body: jsonBody(t, map[string]string{"text": article})})
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503; body %s", rec.Code, rec.Body)
	}
	if e := decodeError(t, rec); e.Code != CodeOverloaded {
		t.Errorf("code %q, want %q", e.Code, CodeOverloaded)
	}
	if rec.Header().Get("Retry-After") == "" {
		t.Error("503 without Retry-After")
	}
	if waited := time.Since(began); waited < wait || waited > wait+2*time.Second {
		t.Errorf("waited %v for budget, want about %v", waited, wait)
	}

	if _, err := pw.Write([]byte(article[100:])); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	wg.Wait()
	if slowRec.Code != http.StatusOK {
		t.Fatalf("slow request: status %d, body %s", slowRec.Code, slowRec.Body)
	}
	rec = do(t, h, request{path: "/summarize", contentType: "text/plain", body: article})
	if rec.Code != http.StatusOK {
		t.Fatalf("after the budget freed: status %d, body %s", rec.Code, rec.Body)
	}
	metrics := do(t, h, request{method: http.MethodGet, path: "/metrics"}).Body.String()
	if !strings.Contains(metrics, "skim_overload_rejections_total 1") || !strings.Contains(metrics, "skim_inflight_bytes 0") {
		t.Errorf("metrics do not show one rejection and an empty budget:\n%s", grepLines(metrics, "skim_"))
	}
}

// TestBudgetWaitHonoursClientContext: a client that leaves while waiting for budget
// is not counted as a rejection.
func TestBudgetWaitHonoursClientContext(t *testing.T) {
	t.Parallel()
	m := newMetrics()
	b := newBudget(10, time.Hour, m)
	if _, err := b.acquire(context.Background(), 10); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := b.acquire(ctx, 1); err == nil || err == errOverloaded {
		t.Fatalf("acquire with a cancelled client: %v, want the context error", err)
	}
	b.release(10)
	if n, err := b.acquire(context.Background(), 1<<40); err != nil || n != 10 {
		t.Fatalf("oversized acquire = %d, %v; want it clamped to the capacity", n, err)
	}
}

// TestPanicRecovery: a panic becomes a 500 JSON error with the request id
// and nothing of the panic's value; the server keeps serving.
func TestPanicRecovery(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, nil)
	h.POST("/panic", func(*gin.Context) { panic("boom: secret internals") })
	for i := 0; i < 2; i++ {
		rec := do(t, h, request{path: "/panic", contentType: "text/plain", body: article,
			header: map[string]string{RequestIDHeader: fmt.Sprintf("panic-%d", i)}})
		if rec.Code != http.StatusInternalServerError {
			t.Fatalf("status %d, want 500; body %s", rec.Code, rec.Body)
		}
		e := decodeError(t, rec)
		if e.Code != CodeInternal || e.RequestID != fmt.Sprintf("panic-%d", i) {
			t.Errorf("error %+v, want internal with the request id", e)
		}
		if strings.Contains(rec.Body.String(), "boom") || strings.Contains(rec.Body.String(), "secret") {
			t.Errorf("500 leaks the panic: %s", rec.Body)
		}
	}
	if rec := do(t, h, request{method: http.MethodGet, path: "/healthz"}); rec.Code != http.StatusOK {
		t.Errorf("healthz after panics: %d", rec.Code)
	}
}

// TestZeroOptionsMeanDefault: 0 is "not set" for every option, the same
// rule as the library's and the CLI's.
func TestZeroOptionsMeanDefault(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, nil)
	for _, body := range []string{
		`{"text":` + jsonBody(t, article) + `,"sentences":0,"ratio":0,"max_words":0,"max_chars":0}`,
	} {
		s := decodeSummary(t, do(t, h, request{path: "/summarize", contentType: "application/json", body: body}))
		if len(s.Sentences) != summarize.DefaultSentences {
			t.Errorf("%d sentences, want the default %d", len(s.Sentences), summarize.DefaultSentences)
		}
	}
	s := decodeSummary(t, do(t, h, request{path: "/summarize?sentences=0&ratio=0", contentType: "text/plain", body: article}))
	if len(s.Sentences) != summarize.DefaultSentences {
		t.Errorf("text/plain: %d sentences, want the default %d", len(s.Sentences), summarize.DefaultSentences)
	}
}

// TestErrorMessagesNameWireFields: a client reads the JSON field's name,
// never the Go struct's.
func TestErrorMessagesNameWireFields(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, nil)
	for body, field := range map[string]string{
		`{"text":"x","sentences":"3"}`:             `"sentences"`,
		`{"text":"x","max_words":-1}`:              "max_words",
		`{"documents":[{"text":"x"}],"ratio":"a"}`: `"ratio"`,
	} {
		path := "/summarize"
		if strings.Contains(body, "documents") {
			path = "/summarize/batch"
		}
		e := decodeError(t, do(t, h, request{path: path, contentType: "application/json", body: body}))
		if !strings.Contains(e.Message, field) || strings.Contains(e.Message, "Options") {
			t.Errorf("%s: message %q, want it to name %s and no Go type", body, e.Message, field)
		}
	}
	// A document's own error names the document.
	rec := do(t, h, request{path: "/summarize/batch", contentType: "application/json", body: `{"documents":[{"text":1}]}`})
	var resp BatchResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || len(resp.Results) != 1 || resp.Results[0].Error == nil {
		t.Fatalf("status %d, body %s: want one result with an error", rec.Code, rec.Body)
	}
	if msg := resp.Results[0].Error.Message; !strings.Contains(msg, `"documents[0].text"`) {
		t.Errorf("document error %q, want it to name \"documents[0].text\"", msg)
	}
}

// TestErrorCodesDocumented: every Code constant of errors.go has an HTTP
// status, and the README and openapi.json list exactly those codes.
func TestErrorCodesDocumented(t *testing.T) {
	t.Parallel()
	codes := declaredCodes(t)
	for c := range codes {
		if _, ok := statuses[c]; !ok {
			t.Errorf("code %s has no HTTP status in statuses", c)
		}
	}
	for c := range statuses {
		if !codes[c] {
			t.Errorf("statuses holds %s, which is not a declared Code", c)
		}
	}

	var doc struct {
		Components struct {
			Schemas struct {
				Error struct {
					Properties struct {
						Code struct {
							Enum []Code `json:"enum"`
						} `json:"code"`
					} `json:"properties"`
				} `json:"Error"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatal(err)
	}
	sameCodes(t, "openapi.json Error.code enum", doc.Components.Schemas.Error.Properties.Code.Enum, codes)

	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	// The README's error table: rows of "| `code` | status | meaning |".
	var listed []Code
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z_]+)` \\| (\\d{3}) \\|").FindAllStringSubmatch(string(readme), -1) {
		listed = append(listed, Code(m[1]))
		if status := Code(m[1]).Status(); fmt.Sprint(status) != m[2] {
			t.Errorf("README gives %s status %s, the server answers %d", m[1], m[2], status)
		}
	}
	sameCodes(t, "README error table", listed, codes)
}

// declaredCodes parses errors.go for the constants of type Code, so that a
// code added there without a status or documentation fails the test.
func declaredCodes(t *testing.T) map[Code]bool {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "errors.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	codes := map[Code]bool{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Code" {
				continue
			}
			for _, v := range vs.Values {
				lit := v.(*ast.BasicLit)
				s, _ := strconv.Unquote(lit.Value)
				codes[Code(s)] = true
			}
		}
	}
	if len(codes) < 10 {
		t.Fatalf("found only %d Code constants in errors.go", len(codes))
	}
	return codes
}

func sameCodes(t *testing.T, where string, listed []Code, want map[Code]bool) {
	t.Helper()
	seen := map[Code]bool{}
	for _, c := range listed {
		if !want[c] {
			t.Errorf("%s lists %q, which is not a Code", where, c)
		}
		if seen[c] {
			t.Errorf("%s lists %q twice", where, c)
		}
		seen[c] = true
	}
	for c := range want {
		if !seen[c] {
			t.Errorf("%s does not list %q", where, c)
		}
	}
}

func grepLines(s, substr string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, substr) && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
