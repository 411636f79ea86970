package api

import (
	"bytes"
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
	"github.com/skimhq/skim/summarize/extract"
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
	// fetcher fetches the pages of {"url": ...}; nil unless Config.Fetch.
	fetcher *extract.Fetcher
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
	if err := notText(doc.Text); err != nil {
		return nil, err
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

// handleSummarize serves POST /summarize for JSON, text/plain and
// text/html bodies. maxBody limits JSON and text bodies, maxHTMLBody
// text/html ones.
func handleSummarize(svc *summaryService, in *bodyReader, maxBody, maxHTMLBody int64, logger *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		res, err := summarizeRequest(c, svc, in, maxBody, maxHTMLBody)
		if err != nil {
			renderError(c, logger, err)
			return
		}
		writeJSON(c, http.StatusOK, res)
	}
}

// summarizeRequest reads, checks and answers one POST /summarize.
func summarizeRequest(c *gin.Context, svc *summaryService, in *bodyReader, maxBody, maxHTMLBody int64) (*SummaryResponse, error) {
	kind, err := mediaKind(c.GetHeader("Content-Type"))
	if err != nil {
		return nil, err
	}
	limit := maxBody
	if kind == kindHTML {
		limit = maxHTMLBody
	}
	body, release, err := in.read(c, limit)
	if err != nil {
		return nil, err
	}
	defer release()
	defer body.free()
	var (
		req         SummarizeRequest
		input       input
		page        []byte // the page of HTML input
		contentType = jsonHTMLType
	)
	switch kind {
	case kindJSON:
		err = decodeJSON(body.data, &req)
		page = []byte(req.HTML)
		body.free() // decoded: the buffer need not wait for the summarizer
	case kindText:
		req.Text = body.text()
		err = optionsFromQuery(c.Request.URL.Query(), &req, false)
		body.free()
	case kindHTML:
		page, contentType = body.data, c.GetHeader("Content-Type")
		if len(bytes.TrimSpace(page)) == 0 {
			return nil, apiError(CodeTextRequired, "the page (the text/html body) must not be empty")
		}
		input = inputHTML
		err = optionsFromQuery(c.Request.URL.Query(), &req, true)
	}
	if err == nil && kind != kindHTML {
		input, err = inputOf(req.Text, req.HTML, req.URL, "")
	}
	if err != nil {
		return nil, err
	}
	lang, err := language(req.Language)
	if err != nil {
		return nil, err
	}
	opts := req.library()
	if input == inputText {
		ctx, cancel := svc.budgeted(c.Request.Context())
		defer cancel()
		return svc.summarize(ctx, lang, summarize.Document{Title: req.Title, Text: req.Text}, opts)
	}
	if err := opts.Validate(); err != nil {
		return nil, err // before fetching or extracting anything
	}
	var art *extract.Article
	if input == inputURL {
		fetched, releasePage, err := svc.fetch(c.Request.Context(), in.budget, req.URL)
		if err != nil {
			return nil, err
		}
		defer releasePage()
		ctx, cancel := svc.budgeted(c.Request.Context())
		defer cancel()
		if art, err = svc.pageArticle(ctx, fetched); err != nil {
			return nil, err
		}
		return svc.summarizeArticle(ctx, lang, req.Title, art, opts)
	}
	ctx, cancel := svc.budgeted(c.Request.Context())
	defer cancel()
	art, err = svc.extract(ctx, page, req.URL, contentType)
	body.free()
	if err != nil {
		return nil, err
	}
	return svc.summarizeArticle(ctx, lang, req.Title, art, opts)
}

// queryParameters are the query parameters of a text/plain or text/html
// POST /summarize: the JSON fields other than text and html (url: text/html
// only, as the page's address).
var queryParameters = map[string]bool{
	"title": true, "language": true, "order": true, "sentences": true, "max_words": true, "max_chars": true,
	"keywords": true, "ratio": true, "avoid_quotes": true, "avoid_questions": true, "avoid_exclamations": true,
}

// optionsFromQuery reads the title and options of a text/plain or
// text/html request from its query parameters, named as the JSON fields;
// withURL accepts url, the address of a text/html page.
func optionsFromQuery(q url.Values, req *SummarizeRequest, withURL bool) error {
	for name := range q {
		if !queryParameters[name] && !(withURL && name == "url") {
			return apiError(CodeUnknownField, "unknown query parameter %.40q", name)
		}
	}
	req.URL = q.Get("url")
	req.Title = q.Get("title")
	req.Language = q.Get("language")
	req.Order = q.Get("order")
	var keywords int
	ints := []struct {
		name string
		dst  *int
	}{
		{"sentences", &req.Sentences},
		{"max_words", &req.MaxWords},
		{"max_chars", &req.MaxChars},
		{"keywords", &keywords},
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
	if q.Has("keywords") { // absent keeps the default, 0 asks for none
		req.Keywords = &keywords
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
			res, err := svc.summarizeDocument(ctx, lang, i, d, opts)
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

// handleHealthz answers while the process can serve HTTP, saying whether
// it fetches web pages (the demo page shows its address field only then).
func handleHealthz(fetch bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		writeJSON(c, http.StatusOK, HealthResponse{Status: "ok", Fetch: &fetch})
	}
}

// summarizeDocument summarizes the i-th document of a batch: its text, or
// the article of its html. A batch never fetches: a url is only the
// address of the document's html.
func (s *summaryService) summarizeDocument(ctx context.Context, lang string, i int, d BatchDocument, opts summarize.Options) (*SummaryResponse, error) {
	if d.HTML == "" && d.URL == "" {
		return s.summarize(ctx, lang, summarize.Document{Title: d.Title, Text: d.Text}, opts)
	}
	where := "documents[" + strconv.Itoa(i) + "]."
	input, err := inputOf(d.Text, d.HTML, d.URL, where)
	switch {
	case err != nil:
		return nil, err
	case input == inputURL:
		return nil, apiError(CodeInvalidField, "%q is the address of the page in %q: a batch does not fetch pages", where+"url", where+"html")
	case input == inputText:
		return s.summarize(ctx, lang, summarize.Document{Title: d.Title, Text: d.Text}, opts)
	}
	art, err := s.extract(ctx, []byte(d.HTML), d.URL, jsonHTMLType)
	if err != nil {
		return nil, err
	}
	return s.summarizeArticle(ctx, lang, d.Title, art, opts)
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
