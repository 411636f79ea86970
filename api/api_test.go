package api

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/gin-gonic/gin"
	"github.com/skimhq/skim/summarize"
)

// article is a short English article with a headline, page chrome,
// multi-byte characters and a character outside the BMP.
const article = `Council Approves New Riverside Park Plan

Share
Read more

The city council approved a plan on Tuesday to turn the old riverside docks into a public park with gardens and a cycling path.
The project will cost about 40 million euros and take three years to complete, according to the council’s budget office.
Residents had campaigned for the park for more than a decade, arguing that the district lacked green space. 🌳
Construction companies will be invited to bid for the work in the spring, and the first section should open next summer.
Critics say the money would be better spent on housing, but the mayor insisted the park would raise the quality of life.
The council also voted to plant two thousand trees along the river banks by the end of the year.`

var (
	summarizerOnce   sync.Once
	sharedSummarizer *summarize.Summarizer
)

// testSummarizer returns one summarizer for all tests, English loaded:
// loading models is what the service does once per process.
func testSummarizer(t testing.TB) *summarize.Summarizer {
	t.Helper()
	summarizerOnce.Do(func() {
		s, err := summarize.New(summarize.Config{})
		if err == nil {
			err = s.Preload("en")
		}
		if err != nil {
			panic(err)
		}
		sharedSummarizer = s
	})
	return sharedSummarizer
}

// testLogger discards logs unless SKIM_TEST_LOG is set.
func testLogger() *slog.Logger {
	if os.Getenv("SKIM_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

func newTestEngine(t testing.TB, mutate func(*Config)) *gin.Engine {
	t.Helper()
	cfg := Config{Logger: testLogger()}
	cfg.Version = VersionInfo{Version: "v-test", Commit: "abc123", GoVersion: "go-test"}
	if mutate != nil {
		mutate(&cfg)
	}
	return newEngine(testSummarizer(t), cfg, newMetrics())
}

// request describes one test request.
type request struct {
	method      string
	path        string
	contentType string
	body        string
	header      map[string]string
	chunked     bool // send without Content-Length
}

func do(t testing.TB, h http.Handler, r request) *httptest.ResponseRecorder {
	t.Helper()
	if r.method == "" {
		r.method = http.MethodPost
	}
	var body io.Reader = strings.NewReader(r.body)
	if r.chunked {
		body = io.MultiReader(strings.NewReader(r.body)) // hides the length
	}
	req := httptest.NewRequest(r.method, r.path, body)
	if r.chunked {
		req.ContentLength = -1
	}
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}
	for k, v := range r.header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func jsonBody(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// decodeError checks that rec is a contract error and returns it.
func decodeError(t *testing.T, rec *httptest.ResponseRecorder) *Error {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("error Content-Type = %q, want application/json; body %s", ct, rec.Body)
	}
	var resp ErrorResponse
	dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&resp); err != nil || resp.Error == nil {
		t.Fatalf("error body %s does not decode: %v", rec.Body, err)
	}
	e := resp.Error
	if e.Code == "" || e.Message == "" {
		t.Errorf("error %s lacks code or message", rec.Body)
	}
	if e.RequestID == "" || e.RequestID != rec.Header().Get(RequestIDHeader) {
		t.Errorf("error request_id %q, header %q", e.RequestID, rec.Header().Get(RequestIDHeader))
	}
	return e
}

// checkSummary checks the contract properties of a summary of text.
func checkSummary(t *testing.T, text string, s *SummaryResponse) {
	t.Helper()
	units := utf16.Encode([]rune(text))
	if len(s.Sentences) == 0 {
		t.Fatalf("no sentences in %+v", s)
	}
	for _, sen := range s.Sentences {
		if sen.Start < 0 || sen.End > len(text) || sen.Start >= sen.End {
			t.Fatalf("sentence offsets [%d,%d) outside text of %d bytes", sen.Start, sen.End, len(text))
		}
		if got := text[sen.Start:sen.End]; got != sen.Text {
			t.Errorf("text[%d:%d] = %q, sentence text %q", sen.Start, sen.End, got, sen.Text)
		}
		if sen.StartUTF16 < 0 || sen.EndUTF16 > len(units) || sen.StartUTF16 > sen.EndUTF16 {
			t.Fatalf("utf16 offsets [%d,%d) outside %d units", sen.StartUTF16, sen.EndUTF16, len(units))
		}
		if got := string(utf16.Decode(units[sen.StartUTF16:sen.EndUTF16])); got != sen.Text {
			t.Errorf("utf16 span [%d,%d) = %q, sentence text %q", sen.StartUTF16, sen.EndUTF16, got, sen.Text)
		}
		if !strings.Contains(s.Summary, strings.Join(strings.Fields(sen.Text), " ")) {
			t.Errorf("summary %q lacks sentence %q", s.Summary, sen.Text)
		}
	}
	if s.Stats.SentencesOut != len(s.Sentences) || s.Stats.SentencesIn < s.Stats.SentencesOut {
		t.Errorf("stats %+v for %d sentences", s.Stats, len(s.Sentences))
	}
	if s.Keywords == nil {
		t.Errorf("keywords is null, want an array")
	}
}

func decodeSummary(t *testing.T, rec *httptest.ResponseRecorder) *SummaryResponse {
	t.Helper()
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d, body %s", rec.Code, rec.Body)
	}
	var s SummaryResponse
	dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		t.Fatalf("decode %s: %v", rec.Body, err)
	}
	return &s
}

func intp(v int) *int { return &v }

// waitReady waits for GET /readyz to answer 200: the server preloads its
// languages in the background.
func waitReady(t *testing.T, h http.Handler) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if do(t, h, request{method: http.MethodGet, path: "/readyz"}).Code == http.StatusOK {
			return
		}
	}
	t.Fatal("not ready after 10s")
}
