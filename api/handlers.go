package api

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/skimhq/skim/summarize"
	"golang.org/x/sync/semaphore"
)

// summaryService turns documents into responses: it consults the cache
// and times the summarizer.
type summaryService struct {
	s     *summarize.Summarizer
	cache *resultCache // nil when disabled
	m     *metrics
	// heavy bounds the documents of heavyDocument bytes or more being
	// summarized at once. Their working memory is several times their size
	// and running more of them than there are CPUs finishes none sooner.
	heavy *semaphore.Weighted
	// maxCompute is the compute budget of one request (Config.MaxCompute).
	maxCompute time.Duration
}

// heavyDocument is the size from which a document takes a heavy slot;
// typical articles (a few KiB) never wait for one.
const heavyDocument = 64 << 10

func newSummaryService(s *summarize.Summarizer, cache *resultCache, m *metrics, maxCompute time.Duration) *summaryService {
	return &summaryService{s: s, cache: cache, m: m, maxCompute: maxCompute,
		heavy: semaphore.NewWeighted(int64(max(runtime.GOMAXPROCS(0), 1)))}
}

// budgeted returns the context a request's summaries run under: the
// request's own, which ends when the client goes away, with the compute
// budget as its deadline. A batch shares one budget among its documents.
func (s *summaryService) budgeted(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, s.maxCompute)
}

// readiness reports whether the preloaded languages are loaded.
type readiness struct {
	ready atomic.Bool
	err   atomic.Pointer[error]
}

// preload loads languages in the background and returns the readiness it
// sets once they are loaded. A failure is logged and keeps the server
// unready.
func preload(s *summarize.Summarizer, languages []string, logger *slog.Logger) *readiness {
	r := &readiness{}
	go func() {
		began := time.Now()
		if err := s.Preload(languages...); err != nil {
			err = fmt.Errorf("preload %v: %w", languages, err)
			r.err.Store(&err)
			logger.Error("models failed to load", slog.String("error", err.Error()))
			return
		}
		r.ready.Store(true)
		logger.Info("models loaded", slog.Any("languages", languages), slog.Duration("took", time.Since(began)))
	}()
	return r
}

// language checks the language of a request up front, so that an unknown
// one is refused before any document is read, and returns its canonical
// form ("auto" or a code) for the cache key.
func language(lang string) (string, error) {
	canonical, err := summarize.CanonicalLanguage(lang)
	if err != nil {
		return "", apiError(CodeUnsupportedLanguage, "language %.40q is not supported (supported: %s)",
			lang, strings.Join(summarize.Languages(), ", "))
	}
	return canonical, nil
}

// summarize summarizes doc, from the cache when it can; lang is the
// canonical language of opts. ctx carries the compute budget (budgeted):
// when it ends the error wraps context.DeadlineExceeded (over_budget) or,
// when the client left, context.Canceled (client_closed).
func (s *summaryService) summarize(ctx context.Context, lang string, doc summarize.Document, opts summarize.Options) (*SummaryResponse, error) {
	if looksBinary(doc.Text) {
		return nil, errNotText
	}
	began := time.Now()
	var key cacheKey
	if s.cache != nil {
		key = resultKey(lang, opts, doc.Title, doc.Text)
		if hit, ok := s.cache.get(key); ok {
			r := *hit // the cached value is shared and never modified
			r.Cached = true
			r.Stats.TookMS = tookMS(time.Since(began))
			return &r, nil
		}
	}
	if len(doc.Text) >= heavyDocument {
		if err := s.heavy.Acquire(ctx, 1); err != nil {
			return nil, fmt.Errorf("wait to summarize: %w", context.Cause(ctx))
		}
		defer s.heavy.Release(1)
		began = time.Now()
	}
	sum, err := s.s.Summarize(ctx, doc, opts)
	took := time.Since(began)
	if err != nil && ctx.Err() != nil {
		err = fmt.Errorf("summarize: %w", context.Cause(ctx)) // whatever the summarizer made of it
	}
	if err != nil {
		s.m.summarizeDuration.WithLabelValues(lang).Observe(took.Seconds())
		return nil, err
	}
	s.m.summarizeDuration.WithLabelValues(sum.Language).Observe(took.Seconds())
	r := NewSummaryResponse(sum, doc.Text, took)
	s.cache.add(key, r)
	return r, nil
}

// handleSummarize serves POST /summarize for JSON and text/plain bodies.
func handleSummarize(svc *summaryService, in *bodyReader, maxBody int64, logger *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		kind, err := mediaKind(c.GetHeader("Content-Type"))
		if err != nil {
			renderError(c, logger, err)
			return
		}
		body, release, err := in.read(c, maxBody)
		if err != nil {
			renderError(c, logger, err)
			return
		}
		defer release()
		var req SummarizeRequest
		if kind == kindJSON {
			err = decodeJSON(body.data, &req)
		} else {
			req.Text = body.text()
			err = optionsFromQuery(c.Request.URL.Query(), &req)
		}
		body.free() // the text is decoded: the buffer need not wait for the summarizer
		if err != nil {
			renderError(c, logger, err)
			return
		}
		lang, err := language(req.Language)
		if err != nil {
			renderError(c, logger, err)
			return
		}
		ctx, cancel := svc.budgeted(c.Request.Context())
		defer cancel()
		res, err := svc.summarize(ctx, lang, summarize.Document{Title: req.Title, Text: req.Text}, req.library())
		if err != nil {
			renderError(c, logger, err)
			return
		}
		writeJSON(c, http.StatusOK, res)
	}
}

// queryParameters are the query parameters of a text/plain POST
// /summarize: the JSON fields other than text.
var queryParameters = map[string]bool{
	"title": true, "language": true, "order": true, "sentences": true, "max_words": true, "max_chars": true,
	"keywords": true, "ratio": true, "avoid_quotes": true, "avoid_questions": true, "avoid_exclamations": true,
}

// optionsFromQuery reads the title and options of a text/plain request
// from its query parameters, named as the JSON fields.
func optionsFromQuery(q url.Values, req *SummarizeRequest) error {
	for name := range q {
		if !queryParameters[name] {
			return apiError(CodeUnknownField, "unknown query parameter %.40q", name)
		}
	}
	req.Title = q.Get("title")
	req.Language = q.Get("language")
	req.Order = q.Get("order")
	ints := []struct {
		name string
		dst  *int
	}{
		{"sentences", &req.Sentences},
		{"max_words", &req.MaxWords},
		{"max_chars", &req.MaxChars},
	}
	for _, f := range ints {
		if !q.Has(f.name) {
			continue
		}
		v, err := strconv.Atoi(q.Get(f.name))
		if err != nil {
			return apiError(CodeInvalidField, "query parameter %q must be an integer, got %.40q", f.name, q.Get(f.name))
		}
		*f.dst = v
	}
	if q.Has("keywords") {
		v, err := strconv.Atoi(q.Get("keywords"))
		if err != nil {
			return apiError(CodeInvalidField, "query parameter \"keywords\" must be an integer, got %.40q", q.Get("keywords"))
		}
		req.Keywords = &v
	}
	if q.Has("ratio") {
		v, err := strconv.ParseFloat(q.Get("ratio"), 64)
		if err != nil {
			return apiError(CodeInvalidField,
				"query parameter \"ratio\" must be a number, got %.40q", q.Get("ratio"))
		}
		req.Ratio = v
	}
	bools := []struct {
		name string
		dst  *bool
	}{
		{"avoid_quotes", &req.AvoidQuotes},
		{"avoid_questions", &req.AvoidQuestions},
		{"avoid_exclamations", &req.AvoidExclamations},
	}
	for _, f := range bools {
		if !q.Has(f.name) {
			continue
		}
		s := q.Get(f.name)
		if s == "" { // ?avoid_quotes alone means true
			*f.dst = true
			continue
		}
		v, err := strconv.ParseBool(s)
		if err != nil {
			return apiError(CodeInvalidField,
				"query parameter %q must be true or false, got %.40q", f.name, s)
		}
		*f.dst = v
	}
	return nil
}

// handleBatch serves POST /summarize/batch: one result per document, in
// order; a bad document gets an error entry and does not fail the others.
// The body is decoded as it arrives (decodeBatch).
func handleBatch(svc *summaryService, in *bodyReader, maxBody int64, maxDocs int, logger *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		kind, err := mediaKind(c.GetHeader("Content-Type"))
		if err == nil && kind != kindJSON {
			err = apiError(CodeUnsupportedMedia,
				"Content-Type must be application/json for a batch")
		}
		if err != nil {
			renderError(c, logger, err)
			return
		}
		body, err := in.open(c, maxBody)
		if err != nil {
			renderError(c, logger, err)
			return
		}
		defer body.release()
		req, err := decodeBatch(body, maxDocs)
		if err != nil {
			renderError(c, logger, err)
			return
		}
		in.m.inputBytes.WithLabelValues(routeLabel(c)).Observe(float64(body.n))
		if len(req.documents) == 0 {
			renderError(c, logger, apiError(CodeDocumentsRequired,
				"documents must hold at least one document"))
			return
		}
		opts := req.options.library()
		if err := opts.Validate(); err != nil {
			renderError(c, logger, err) // once for the request, not once per document
			return
		}
		lang, err := language(req.options.Language)
		if err != nil {
			renderError(c, logger, err)
			return
		}
		ctx, cancel := svc.budgeted(c.Request.Context())
		defer cancel()
		out := BatchResponse{Results: make([]BatchResult, len(req.documents))}
		for i, d := range req.documents {
			out.Results[i].ID = d.ID
			if d.ID == nil {
				out.Results[i].ID = ""
			}
			if req.errs[i] != nil {
				out.Results[i].Error = req.errs[i]
				continue
			}
			res, err := svc.summarize(ctx, lang, summarize.Document{Title: d.Title, Text: d.Text}, opts)
			if err != nil {
				if c.Request.Context().Err() != nil {
					renderError(c, logger, err) // the client left: nobody reads the rest
					return
				}
				e := ToError(err)
				if e.Code == CodeInternal {
					logger.LogAttrs(c.Request.Context(), slog.LevelError, "batch document failed",
						slog.String("request_id", requestID(c)), slog.Int("document", i), slog.String("error", err.Error()))
				}
				out.Results[i].Error = e
				continue
			}
			out.Results[i].SummaryResponse = res
		}
		writeJSON(c, http.StatusOK, out)
	}
}

// handleHealthz answers while the process can serve HTTP.
func handleHealthz() gin.HandlerFunc {
	return func(c *gin.Context) {
		writeJSON(c, http.StatusOK, HealthResponse{Status: "ok"})
	}
}

// handleReadyz answers 200 once the preloaded languages are loaded,
// and 503 before that or while the server drains.
func handleReadyz(ready *readiness, draining func() bool, logger *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		switch {
		case draining():
			renderError(c, logger, apiError(CodeNotReady, "the server is shutting down"))
		case ready.err.Load() != nil:
			renderError(c, logger, apiError(CodeNotReady, "models failed to load: %v", *ready.err.Load()))
		case !ready.ready.Load():
			renderError(c, logger, apiError(CodeNotReady, "models are loading"))
		default:
			writeJSON(c, http.StatusOK, HealthResponse{Status: "ready"})
		}
	}
}

// handleVersion serves the build information.
func handleVersion(v VersionInfo) gin.HandlerFunc {
	return func(c *gin.Context) {
		writeJSON(c, http.StatusOK, v)
	}
}

// handleStatic serves one embedded file.
func handleStatic(contentType string, data []byte) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Header("Cache-Control", "no-cache")
		c.Data(http.StatusOK, contentType, data)
	}
}

// handleIndex serves the demo page embedded from web/index.html under
// indexCSP.
func handleIndex(web fs.FS, logger *slog.Logger) gin.HandlerFunc {
	page, err := fs.ReadFile(web, "web/index.html")
	if err != nil {
		return func(c *gin.Context) {
			renderError(c, logger, apiError(CodeNotFound, "no demo page in this build"))
		}
	}
	csp := indexCSP(page)
	static := handleStatic("text/html; charset=utf-8", page)
	return func(c *gin.Context) {
		c.Header("Content-Security-Policy", csp)
		static(c)
	}
}

// handleNotFound renders unknown routes as JSON errors.
func handleNotFound(logger *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		renderError(c, logger, apiError(CodeNotFound, "no route for %s %.200s", c.Request.Method, c.Request.URL.Path))
	}
}

// handleMethodNotAllowed renders a known route with a wrong method as a
// JSON error; gin has set the Allow header.
func handleMethodNotAllowed(logger *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		renderError(c, logger, apiError(CodeMethodNotAllowed,
			"method %s is not allowed on %.200s (allowed: %s)", c.Request.Method, c.Request.URL.Path, c.Writer.Header().Get("Allow")))
	}
}
