// Package api is skim's HTTP service: a gin router that summarizes articles
// sent as JSON or plain text, or web pages (HTML sent, or fetched from a URL
// when Config.Fetch is set; see page.go), with health, readiness, version, metrics and
// OpenAPI endpoints, one error contract, body and in-flight limits, a result
// cache and an embedded demo page.
//
// NewServer builds the whole service as an http.Handler, and New the same
// with the metrics handler apart, which cmd/skim serve wraps in its
// http.Servers. Every route is listed in routes.go.
package api

import (
	"io"
	"log/slog"
	"time"

	"github.com/gin-gonic/gin"
)

func init() {
	// Release mode: no debug output, no route dump. gin keeps the mode in a
	// package variable, so it is set once here rather than per server.
	gin.SetMode(gin.ReleaseMode)
}

// Defaults of Config, applied by NewServer to zero fields.
const (
	// DefaultMaxBody is the body limit of POST /summarize (1 MiB).
	DefaultMaxBody = 1 << 20
	// DefaultMaxHTMLBody is the body limit of POST /summarize with
	// Content-Type text/html (5 MiB): web pages, scripts and styles
	// included, are often over 1 MiB.
	DefaultMaxHTMLBody = 5 << 20
	// DefaultBatchMaxBody is the body limit of POST /summarize/batch (10 MiB).
	DefaultBatchMaxBody = 10 << 20
	// DefaultBatchMaxDocs is the maximum number of documents in one batch.
	DefaultBatchMaxDocs = 100
	// DefaultCacheSize is the number of results the LRU cache keeps.
	DefaultCacheSize = 1024
	// DefaultInflightBytes is the budget of request bytes being worked on at
	// once (64 MiB).
	DefaultInflightBytes = 64 << 20
	// DefaultInflightWait is how long a request waits for budget before it
	// is answered 503.
	DefaultInflightWait = 500 * time.Millisecond
	// DefaultMaxCompute is the compute budget of one request: the longest
	// it may spend waiting for and running the summarizer before it is
	// answered 503 over_budget.
	DefaultMaxCompute = 5 * time.Second
)

// DefaultPreload is the language loaded before GET /readyz answers 200
// when Config.Preload is empty.
const DefaultPreload = "en"

// Config holds the settings of the service. The zero value of every field
// means its default.
type Config struct {
	// MaxBody is the body limit of POST /summarize in bytes
	// (DefaultMaxBody when <= 0).
	MaxBody int64
	// MaxHTMLBody is the body limit of POST /summarize with Content-Type
	// text/html (DefaultMaxHTMLBody when <= 0). A JSON body, html field
	// included, stays under MaxBody.
	MaxHTMLBody int64
	// Fetch lets POST /summarize fetch the page of {"url": ...}. It is off
	// by default: a server that fetches addresses its clients choose can
	// be turned against the network it runs in (SSRF).
	Fetch bool
	// FetchAllowPrivate lets the fetcher contact loopback, private,
	// link-local and other special addresses (intranets, tests).
	FetchAllowPrivate bool
	// FetchTimeout bounds one fetch, redirects included
	// (extract.DefaultTimeout when <= 0).
	FetchTimeout time.Duration
	// FetchMaxBytes caps a fetched page (extract.DefaultMaxBytes when
	// <= 0).
	FetchMaxBytes int64
	// BatchMaxBody is the body limit of POST /summarize/batch in bytes
	// (DefaultBatchMaxBody when <= 0).
	BatchMaxBody int64
	// BatchMaxDocs caps the documents of one batch (DefaultBatchMaxDocs when <= 0).
	BatchMaxDocs int
	// CacheSize is the number of results kept in the LRU cache
	// (DefaultCacheSize when <= 0).
	CacheSize int
	// DisableCache turns the result cache off.
	DisableCache bool
	// InflightBytes is the budget of request body bytes being worked on at
	// once (DefaultInflightBytes when <= 0).
	InflightBytes int64
	// InflightWait is the longest a request waits for budget before it is
	// answered 503 with Retry-After (DefaultInflightWait when <= 0).
	InflightWait time.Duration
	// MaxCompute is the compute budget of one request: its summaries run
	// under a context with this deadline, and a request that runs out is
	// answered 503 over_budget (a batch: over_budget for each document not
	// done). DefaultMaxCompute when <= 0.
	MaxCompute time.Duration
	// MetricsElsewhere leaves GET /metrics off the router, for deployments
	// that serve MetricsHandler on a listener of its own.
	MetricsElsewhere bool
	// CORSOrigins lists the origins allowed to call the API from a browser
	// ("*" allows any); empty disables CORS headers.
	CORSOrigins []string
	// Preload lists the languages whose models are loaded in the background
	// before GET /readyz answers 200 (DefaultPreload when empty); other
	// languages load on their first request.
	Preload []string
	// Logger receives the access log and errors (discarded when nil).
	Logger *slog.Logger
	// Version is served at GET /version.
	Version VersionInfo
	// Draining, when set and returning true, makes GET /readyz answer 503 so
	// that load balancers stop sending traffic during shutdown.
	Draining func() bool
}

// withDefaults fills the zero fields of cfg.
func (cfg Config) withDefaults() Config {
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.MaxHTMLBody <= 0 {
		cfg.MaxHTMLBody = DefaultMaxHTMLBody
	}
	if cfg.BatchMaxBody <= 0 {
		cfg.BatchMaxBody = DefaultBatchMaxBody
	}
	if cfg.BatchMaxDocs <= 0 {
		cfg.BatchMaxDocs = DefaultBatchMaxDocs
	}
	if cfg.CacheSize <= 0 {
		cfg.CacheSize = DefaultCacheSize
	}
	if cfg.InflightBytes <= 0 {
		cfg.InflightBytes = DefaultInflightBytes
	}
	if cfg.InflightWait <= 0 {
		cfg.InflightWait = DefaultInflightWait
	}
	if cfg.MaxCompute <= 0 {
		cfg.MaxCompute = DefaultMaxCompute
	}
	if len(cfg.Preload) == 0 {
		cfg.Preload = []string{DefaultPreload}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.Draining == nil {
		cfg.Draining = func() bool { return false }
	}
	return cfg
}

// VersionInfo describes the running build; GET /version and skim version
// print it.
type VersionInfo struct {
	// Version is the release version ("dev" for untagged builds).
	Version string `json:"version"`
	// Commit is the VCS revision the binary was built from ("unknown" when
	// the build did not record it).
	Commit string `json:"commit"`
	// GoVersion is the Go toolchain that built the binary.
	GoVersion string `json:"go"`
}
