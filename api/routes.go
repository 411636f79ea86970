package api

import (
	"embed"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/skimhq/skim/summarize"
	"github.com/skimhq/skim/summarize/extract"
)

// web holds the demo page (web/index.html), the widget (web/widget.js) and
// the widget's demo article (web/demo-article.html).
//
//go:embed web
var web embed.FS

// openAPIDocument is the OpenAPI 3 description of every route below;
// TestOpenAPIDocumentsEveryRoute keeps the two in sync.
//
//go:embed openapi.json
var openAPIDocument []byte

// NewServer returns the whole HTTP service around one summarizer. It loads
// the languages of cfg.Preload in the background; GET /readyz answers 200
// once they are loaded.
func NewServer(s *summarize.Summarizer, cfg Config) http.Handler {
	return New(s, cfg).API
}

// Handlers are the two faces of the service: the API and, for a listener
// of its own, its Prometheus metrics.
type Handlers struct {
	// API serves every route, GET /metrics too unless cfg.MetricsElsewhere.
	API http.Handler
	// Metrics serves the Prometheus metrics of API at any path.
	Metrics http.Handler
}

// New is NewServer with the metrics handler apart, for skim serve
// --metrics-addr.
func New(s *summarize.Summarizer, cfg Config) Handlers {
	m := newMetrics()
	return Handlers{API: newEngine(s, cfg, m), Metrics: m.handler()}
}

// newEngine builds the gin engine, recording into m: middleware, every
// route, and the JSON answers to unknown routes and wrong methods.
func newEngine(s *summarize.Summarizer, cfg Config, m *metrics) *gin.Engine {
	cfg = cfg.withDefaults()
	logger := cfg.Logger
	var cache *resultCache
	if !cfg.DisableCache {
		cache = newResultCache(cfg.CacheSize, m)
	}
	svc := newSummaryService(s, cache, m, cfg.MaxCompute)
	if cfg.Fetch {
		svc.fetcher = &extract.Fetcher{
			AllowPrivate: cfg.FetchAllowPrivate,
			Timeout:      cfg.FetchTimeout,
			MaxBytes:     cfg.FetchMaxBytes,
			UserAgent:    userAgent(cfg.Version),
		}
	}
	ready := preload(s, cfg.Preload, logger)
	in := &bodyReader{budget: newBudget(cfg.InflightBytes, cfg.InflightWait, m), m: m}

	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.RedirectTrailingSlash = false
	r.RedirectFixedPath = false
	_ = r.SetTrustedProxies(nil) // never fails for nil; client addresses come from the connection

	r.Use(
		withRequestID(newRequestIDs()),
		withObservability(logger, m),
		withSecurityHeaders(),
		withCORS(cfg.CORSOrigins),
		withRecovery(logger),
	)
	r.NoRoute(handleNotFound(logger))
	r.NoMethod(handleMethodNotAllowed(logger))

	r.GET("/", handleIndex(web, logger))
	r.GET("/widget.js", handleWidgetScript(web, logger))
	r.GET("/demo/article", handleDemoArticle(web, logger))
	r.POST("/summarize", handleSummarize(svc, in, cfg.MaxBody, cfg.MaxHTMLBody, logger))
	r.POST("/summarize/batch", handleBatch(svc, in, cfg.BatchMaxBody, cfg.BatchMaxDocs, logger))
	r.GET("/healthz", handleHealthz(cfg.Fetch))
	r.HEAD("/healthz", handleHealthz(cfg.Fetch))
	r.GET("/readyz", handleReadyz(ready, cfg.Draining, logger))
	r.HEAD("/readyz", handleReadyz(ready, cfg.Draining, logger))
	r.GET("/version", handleVersion(cfg.Version))
	r.GET("/languages", handleLanguages())
	if !cfg.MetricsElsewhere {
		r.GET("/metrics", gin.WrapH(m.handler()))
	}
	r.GET("/openapi.json", handleStatic("application/json; charset=utf-8", openAPIDocument))
	return r
}
