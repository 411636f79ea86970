package api

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/skimhq/skim/summarize"
	"golang.org/x/sync/semaphore"
)

// summaryService turns documents into responses: it resolves the language,
// consults the cache and times the summarizer.
type summaryService struct {
	models      Summarizers
	cache       *resultCache
	m           *metrics
	defaultLang string
	// heavy bounds the documents of heavyDocument bytes or more being
	// summarized at once. Their working memory is several times their size
	// and running more of them than there are CPUs finishes none sooner.
	heavy *semaphore.Weighted
}

// heavyDocument is the size from which a document takes a heavy slot;
// typical articles (a few KiB) never wait for one.
const heavyDocument = 64 << 10

func newSummaryService(models Summarizers, cache *resultCache, m *metrics, defaultLang string) *summaryService {
	return &summaryService{models: models, cache: cache, m: m, defaultLang: defaultLang,
		heavy: semaphore.NewWeighted(int64(max(runtime.GOMAXPROCS(0), 1)))}
}

// summarizer returns the summarizer of lang (the default when empty).
func (s *summaryService) summarizer(lang string) (*summarize.Summarizer, error) {
	if lang == "" {
		lang = s.defaultLang
	}
	sm, err := s.models.Summarizer(lang)
	if errors.Is(err, summarize.ErrUnsupportedLanguage) {
		return nil, unsupportedLanguage(lang)
	}
	if err != nil {
		return nil, err
	}
	return sm, nil
}

// summarize summarizes doc, from the cache when it can.
func (s *summaryService) summarize(ctx context.Context, sm *summarize.Summarizer, doc summarize.Document, opts summarize.Options) (*SummaryResponse, error) {
	began := time.Now()
	var key cacheKey
	if s.cache != nil {
		key = resultKey(sm.Language(), opts, doc.Title, doc.Text)
		if hit, ok := s.cache.get(key); ok {
			r := *hit // the cached value is shared and never modified
			r.Cached = true
			r.Stats.TookMS = float64(time.Since(began).Microseconds()) / 1000
			return &r, nil
		}
	}
	if len(doc.Text) >= heavyDocument {
		if err := s.heavy.Acquire(ctx, 1); err != nil {
			return nil, fmt.Errorf("wait to summarize: %w", err)
		}
		defer s.heavy.Release(1)
		began = time.Now()
	}
	sum, err := sm.Summarize(doc, opts)
	s.m.summarizeDuration.WithLabelValues(sm.Language()).Observe(time.Since(began).Seconds())
	if err != nil {
		return nil, err
	}
	r := NewSummaryResponse(sum, doc.Text)
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
			req.Text = summarize.ValidUTF8(body.text())
			err = optionsFromQuery(c.Request.URL.Query(), &req)
		}
		body.free() // the text is decoded: the buffer need not wait for the summarizer
		if err != nil {
			renderError(c, logger, err)
			return
		}
		opts, err := req.library()
		if err != nil {
			renderError(c, logger, err)
			return
		}
		sm, err := svc.summarizer(req.Language)
		if err != nil {
			renderError(c, logger, err)
			return
		}
		res, err := svc.summarize(c.Request.Context(), sm, summarize.Document{Title: req.Title, Text: req.Text}, opts)
		if err != nil {
			renderError(c, logger, err)
			return
		}
		writeJSON(c, http.StatusOK, res)
	}
}

// optionsFromQuery reads the title and options of a text/plain request
// from its query parameters, named as the JSON fields.
func optionsFromQuery(q url.Values, req *SummarizeRequest) error {
	req.Title = q.Get("title")
	req.Language = q.Get("language")
	req.Order = q.Get("order")
	ints := []struct {
		name string
		dst  **int
		val  *int
	}{
		{"sentences", &req.Sentences, nil},
		{"keywords", &req.Keywords, nil},
		{"max_words", nil, &req.MaxWords},
		{"max_chars", nil, &req.MaxChars},
	}
	for _, f := range ints {
		if !q.Has(f.name) {
			continue
		}
		v, err := strconv.Atoi(q.Get(f.name))
		if err != nil {
			return apiError(http.StatusBadRequest, CodeInvalidField,
				"query parameter %q must be an integer, got %.40q", f.name, q.Get(f.name))
		}
		if f.dst != nil {
			*f.dst = &v
		} else {
			*f.val = v
		}
	}
	if q.Has("ratio") {
		v, err := strconv.ParseFloat(q.Get("ratio"), 64)
		if err != nil {
			return apiError(http.StatusBadRequest, CodeInvalidField,
				"query parameter \"ratio\" must be a number, got %.40q", q.Get("ratio"))
		}
		req.Ratio = &v
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
			return apiError(http.StatusBadRequest, CodeInvalidField,
				"query parameter %q must be true or false, got %.40q", f.name, s)
		}
		*f.dst = v
	}
	return nil
}

// handleBatch serves POST /summarize/batch: one result per document, in
// order; a bad document gets an error entry and does not fail the others.
func handleBatch(svc *summaryService, in *bodyReader, maxBody int64, maxDocs int, logger *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		kind, err := mediaKind(c.GetHeader("Content-Type"))
		if err == nil && kind != kindJSON {
			err = apiError(http.StatusUnsupportedMediaType, CodeUnsupportedMedia,
				"Content-Type must be application/json for a batch")
		}
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
		var req BatchRequest
		err = decodeJSON(body.data, &req)
		body.free()
		if err != nil {
			renderError(c, logger, err)
			return
		}
		switch {
		case len(req.Documents) == 0:
			renderError(c, logger, apiError(http.StatusUnprocessableEntity, CodeDocumentsRequired,
				"documents must hold at least one document"))
			return
		case len(req.Documents) > maxDocs:
			renderError(c, logger, apiError(http.StatusRequestEntityTooLarge, CodeTooManyDocuments,
				"a batch holds at most %d documents, got %d", maxDocs, len(req.Documents)))
			return
		}
		opts, err := req.library()
		if err != nil {
			renderError(c, logger, err)
			return
		}
		sm, err := svc.summarizer(req.Language)
		if err != nil {
			renderError(c, logger, err)
			return
		}
		out := BatchResponse{Results: make([]BatchResult, len(req.Documents))}
		for i, d := range req.Documents {
			out.Results[i].ID = d.ID
			res, err := svc.summarize(c.Request.Context(), sm, summarize.Document{Title: d.Title, Text: d.Text}, opts)
			if err != nil {
				e := toError(err)
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

// handleReadyz answers 200 once the default language's models are loaded,
// and 503 before that or while the server drains.
func handleReadyz(models Summarizers, draining func() bool, logger *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		switch {
		case draining():
			renderError(c, logger, apiError(http.StatusServiceUnavailable, CodeNotReady, "the server is shutting down"))
		case !models.Ready():
			renderError(c, logger, apiError(http.StatusServiceUnavailable, CodeNotReady, "models are loading"))
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

// handleIndex serves the demo page embedded from web/index.html.
func handleIndex(web fs.FS, logger *slog.Logger) gin.HandlerFunc {
	page, err := fs.ReadFile(web, "web/index.html")
	if err != nil {
		return func(c *gin.Context) {
			renderError(c, logger, apiError(http.StatusNotFound, CodeNotFound, "no demo page in this build"))
		}
	}
	return handleStatic("text/html; charset=utf-8", page)
}

// handleNotFound renders unknown routes as JSON errors.
func handleNotFound(logger *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		renderError(c, logger, apiError(http.StatusNotFound, CodeNotFound, "no route for %s %.200s", c.Request.Method, c.Request.URL.Path))
	}
}

// handleMethodNotAllowed renders a known route with a wrong method as a
// JSON error; gin has set the Allow header.
func handleMethodNotAllowed(logger *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		renderError(c, logger, apiError(http.StatusMethodNotAllowed, CodeMethodNotAllowed,
			"method %s is not allowed on %.200s (allowed: %s)", c.Request.Method, c.Request.URL.Path, c.Writer.Header().Get("Allow")))
	}
}
