package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/skimhq/skim/api"
	"github.com/skimhq/skim/summarize"
	"github.com/skimhq/skim/summarize/extract"
)

// serveConfig is the configuration of skim serve. Every field is a flag;
// a flag not given on the command line is read from SKIM_<FLAG> (upper
// case, dashes as underscores), then falls back to its default.
type serveConfig struct {
	addr              string
	maxBody           byteSize
	maxHTMLBody       byteSize
	fetch             bool
	fetchAllowPrivate bool
	fetchTimeout      time.Duration
	fetchMaxBytes     byteSize
	batchMaxBody      byteSize
	batchMaxDocs      int
	cacheSize         int
	inflightBytes     byteSize
	inflightWait      time.Duration
	maxCompute        time.Duration
	metricsAddr       string
	corsOrigins       string
	logFormat         string
	logLevel          string
	readHeaderTimeout time.Duration
	readTimeout       time.Duration
	writeTimeout      time.Duration
	idleTimeout       time.Duration
	shutdownTimeout   time.Duration
	preload           string
	idf               string
}

func (c *serveConfig) register(fs *flag.FlagSet) {
	c.maxBody = api.DefaultMaxBody
	c.maxHTMLBody = api.DefaultMaxHTMLBody
	c.fetchMaxBytes = extract.DefaultMaxBytes
	c.batchMaxBody = api.DefaultBatchMaxBody
	c.inflightBytes = api.DefaultInflightBytes
	fs.StringVar(&c.addr, "addr", ":8080", "listen address")
	fs.Var(&c.maxBody, "max-body", "body limit of POST /summarize (bytes; KiB, MiB, GiB suffixes)")
	fs.Var(&c.maxHTMLBody, "max-html-body", "body limit of POST /summarize with Content-Type text/html (JSON bodies, html included, stay under --max-body)")
	fs.Var(&c.batchMaxBody, "batch-max-body", "body limit of POST /summarize/batch")
	fs.BoolVar(&c.fetch, "fetch", false, "let POST /summarize fetch {\"url\": ...} pages (off: a server that fetches client-chosen URLs is an SSRF risk)")
	fs.BoolVar(&c.fetchAllowPrivate, "fetch-allow-private", false, "let fetches reach loopback, private, link-local and other special addresses (intranets, tests)")
	fs.DurationVar(&c.fetchTimeout, "fetch-timeout", extract.DefaultTimeout, "time limit of one fetch, redirects included")
	fs.Var(&c.fetchMaxBytes, "fetch-max-bytes", "largest page fetched")
	fs.IntVar(&c.batchMaxDocs, "batch-max-docs", api.DefaultBatchMaxDocs, "maximum documents in one batch")
	fs.IntVar(&c.cacheSize, "cache-size", api.DefaultCacheSize, "results kept in the LRU cache (0 turns it off)")
	fs.Var(&c.inflightBytes, "inflight-bytes", "budget of request bytes being worked on at once")
	fs.DurationVar(&c.inflightWait, "inflight-wait", api.DefaultInflightWait, "longest wait for in-flight budget before answering 503")
	fs.DurationVar(&c.maxCompute, "max-compute", api.DefaultMaxCompute, "compute budget of one request; past it the answer is 503 over_budget")
	fs.StringVar(&c.metricsAddr, "metrics-addr", "", "serve GET /metrics on this address instead of --addr (e.g. 127.0.0.1:9090; empty: on --addr)")
	fs.StringVar(&c.corsOrigins, "cors-origins", "", "comma-separated origins allowed by CORS, e.g. for the widget (* allows any: development only; empty: no CORS)")
	fs.StringVar(&c.logFormat, "log-format", "json", "log format: json or text")
	fs.StringVar(&c.logLevel, "log-level", "info", "log level: debug, info (access log), warn or error")
	fs.DurationVar(&c.readHeaderTimeout, "read-header-timeout", 5*time.Second, "http.Server ReadHeaderTimeout")
	fs.DurationVar(&c.readTimeout, "read-timeout", 30*time.Second, "http.Server ReadTimeout (whole request, body included)")
	fs.DurationVar(&c.writeTimeout, "write-timeout", 60*time.Second, "http.Server WriteTimeout (from the end of the request headers)")
	fs.DurationVar(&c.idleTimeout, "idle-timeout", 120*time.Second, "http.Server IdleTimeout (keep-alive connections)")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 20*time.Second, "longest wait for in-flight requests on shutdown")
	fs.StringVar(&c.preload, "preload", api.DefaultPreload, "languages loaded before /readyz answers 200 (comma-separated; others load on first use)")
	fs.StringVar(&c.idf, "idf", "", "corpus IDF table built by 'skim idf', used for documents in its language")
}

// envName is the environment variable of a flag: max-body → SKIM_MAX_BODY.
func envName(flagName string) string {
	return "SKIM_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// applyEnv sets every flag not given on the command line from its
// environment variable, so that a flag beats the environment, which beats
// the default.
func applyEnv(fs *flag.FlagSet, getenv func(string) string) error {
	given := make(map[string]bool)
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var errs []error
	fs.VisitAll(func(f *flag.Flag) {
		if given[f.Name] {
			return
		}
		name := envName(f.Name)
		if v := getenv(name); v != "" {
			if err := fs.Set(f.Name, v); err != nil {
				errs = append(errs, fmt.Errorf("%s=%q: %w", name, v, err))
			}
		}
	})
	return errors.Join(errs...)
}

// validate checks the values flag parsing cannot.
func (c *serveConfig) validate() error {
	switch {
	case c.maxBody <= 0 || c.maxHTMLBody <= 0 || c.batchMaxBody <= 0 || c.inflightBytes <= 0 || c.fetchMaxBytes <= 0:
		return errors.New("--max-body, --max-html-body, --batch-max-body, --inflight-bytes and --fetch-max-bytes must be positive")
	case c.fetchTimeout <= 0:
		return errors.New("--fetch-timeout must be positive")
	case c.batchMaxDocs <= 0:
		return errors.New("--batch-max-docs must be positive")
	case c.cacheSize < 0:
		return errors.New("--cache-size must not be negative")
	case c.inflightWait <= 0:
		return errors.New("--inflight-wait must be positive")
	case c.maxCompute <= 0:
		return errors.New("--max-compute must be positive")
	case c.logFormat != "json" && c.logFormat != "text":
		return fmt.Errorf("--log-format must be json or text, got %q", c.logFormat)
	}
	if _, err := parseLevel(c.logLevel); err != nil {
		return err
	}
	for _, lang := range splitList(c.preload) {
		if _, err := summarize.CanonicalLanguage(lang); err != nil {
			return fmt.Errorf("--preload: %w", err)
		}
	}
	return nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("--log-level must be debug, info, warn or error, got %q", s)
	}
	return l, nil
}

func (c *serveConfig) logger(w io.Writer) *slog.Logger {
	level, _ := parseLevel(c.logLevel) // validated
	opts := &slog.HandlerOptions{Level: level}
	if c.logFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

// splitList splits a comma-separated flag value, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, o := range strings.Split(s, ",") {
		if o = strings.TrimSpace(o); o != "" {
			out = append(out, o)
		}
	}
	return out
}

// runServe runs the HTTP API until ctx is cancelled (SIGINT, SIGTERM), then
// stops accepting connections and lets in-flight requests finish.
func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := newFlagSet("serve", "[flags]",
		"Runs the HTTP API and the demo page. Every flag can also be set in the environment\n"+
			"as SKIM_<FLAG> (upper case, dashes as underscores: --max-body is SKIM_MAX_BODY);\n"+
			"a flag wins.", stderr)
	var cfg serveConfig
	cfg.register(fs)
	operands, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(operands) > 0 {
		return usageError(fs, "serve takes no arguments, got %q", operands)
	}
	if err := applyEnv(fs, getenv); err != nil {
		return fmt.Errorf("serve: environment: %w", err)
	}
	if err := cfg.validate(); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	logger := cfg.logger(stderr)
	s, err := loadSummarizer(cfg.idf, "auto")
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}

	defer tuneGC(int64(cfg.inflightBytes), getenv, logger)()

	var draining atomic.Bool
	info := versionInfo()
	handlers := api.New(s, api.Config{
		MaxBody:           int64(cfg.maxBody),
		MaxHTMLBody:       int64(cfg.maxHTMLBody),
		Fetch:             cfg.fetch,
		FetchAllowPrivate: cfg.fetchAllowPrivate,
		FetchTimeout:      cfg.fetchTimeout,
		FetchMaxBytes:     int64(cfg.fetchMaxBytes),
		BatchMaxBody:      int64(cfg.batchMaxBody),
		BatchMaxDocs:      cfg.batchMaxDocs,
		CacheSize:         cfg.cacheSize,
		DisableCache:      cfg.cacheSize == 0,
		InflightBytes:     int64(cfg.inflightBytes),
		InflightWait:      cfg.inflightWait,
		MaxCompute:        cfg.maxCompute,
		MetricsElsewhere:  cfg.metricsAddr != "",
		CORSOrigins:       splitList(cfg.corsOrigins),
		Preload:           splitList(cfg.preload),
		Logger:            logger,
		Version:           info,
		Draining:          draining.Load,
	})
	// The API and the metrics listener share their timeouts and limits.
	newServer := func(h http.Handler) *http.Server {
		return &http.Server{
			Handler:           h,
			ReadHeaderTimeout: cfg.readHeaderTimeout,
			ReadTimeout:       cfg.readTimeout,
			WriteTimeout:      cfg.writeTimeout,
			IdleTimeout:       cfg.idleTimeout,
			MaxHeaderBytes:    64 << 10,
			ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		}
	}
	srv := newServer(handlers.API)
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	var metricsSrv *http.Server
	var metricsLn net.Listener
	if cfg.metricsAddr != "" {
		metricsLn, err = net.Listen("tcp", cfg.metricsAddr)
		if err != nil {
			ln.Close()
			return fmt.Errorf("serve: --metrics-addr: %w", err)
		}
		metricsSrv = newServer(handlers.Metrics)
	}
	logger.Info("listening", slog.String("addr", ln.Addr().String()),
		slog.String("version", info.Version), slog.String("commit", info.Commit))

	serveErr := make(chan error, 2)
	go func() { serveErr <- srv.Serve(ln) }()
	if metricsSrv != nil {
		logger.Info("metrics listening", slog.String("addr", metricsLn.Addr().String()))
		go func() {
			if err := metricsSrv.Serve(metricsLn); !errors.Is(err, http.ErrServerClosed) {
				serveErr <- fmt.Errorf("metrics: %w", err)
			}
		}()
		defer metricsSrv.Close() // scrapes are short: no draining
	}
	select {
	case err := <-serveErr:
		_ = srv.Close()
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}

	draining.Store(true)
	logger.Info("shutting down: finishing in-flight requests", slog.Duration("timeout", cfg.shutdownTimeout))
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-serveErr; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	logger.Info("stopped")
	return nil
}

// gcPercent is the GOGC skim serve runs with unless GOGC is set. The live
// heap of a busy server is small (a few MiB), so at the default of 100 the
// collector would run every few MiB of allocation, which costs about a
// tenth of the CPU and most of the tail latency of small requests.
const gcPercent = 400

// tuneGC sets the collector for serving unless the Go environment already
// does: GOGC=400, and a soft memory limit of twice the in-flight budget
// plus 32 MiB (what the admitted work can hold), which keeps the peak RSS
// of large bodies where GOGC=100 would have it. It returns a function that
// restores the previous settings.
func tuneGC(inflightBytes int64, getenv func(string) string, logger *slog.Logger) (restore func()) {
	var restores []func()
	var attrs []slog.Attr
	if getenv("GOGC") == "" {
		prev := debug.SetGCPercent(gcPercent)
		restores = append(restores, func() { debug.SetGCPercent(prev) })
		attrs = append(attrs, slog.Int("gogc", gcPercent))
	}
	if getenv("GOMEMLIMIT") == "" {
		limit := 2*inflightBytes + 32<<20
		prev := debug.SetMemoryLimit(limit)
		restores = append(restores, func() { debug.SetMemoryLimit(prev) })
		attrs = append(attrs, slog.Int64("memory_limit", limit))
	}
	if len(attrs) > 0 {
		logger.LogAttrs(context.Background(), slog.LevelInfo, "garbage collector tuned (GOGC and GOMEMLIMIT override)", attrs...)
	}
	return func() {
		for _, r := range restores {
			r()
		}
	}
}

// byteSize is a flag value in bytes that accepts binary-unit suffixes:
// 1048576, 1MiB, 1M, 512KiB, 64MB (K, M and G are powers of 1024).
type byteSize int64

// String implements flag.Value.
func (b *byteSize) String() string {
	v := int64(*b)
	switch {
	case v != 0 && v%(1<<30) == 0:
		return strconv.FormatInt(v>>30, 10) + "GiB"
	case v != 0 && v%(1<<20) == 0:
		return strconv.FormatInt(v>>20, 10) + "MiB"
	case v != 0 && v%(1<<10) == 0:
		return strconv.FormatInt(v>>10, 10) + "KiB"
	}
	return strconv.FormatInt(v, 10)
}

// Set implements flag.Value.
func (b *byteSize) Set(s string) error {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{
		{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10},
		{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10},
		{"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1},
	} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/mult {
		return fmt.Errorf("invalid size %q (want bytes, or a number with KiB, MiB or GiB)", s)
	}
	*b = byteSize(n * mult)
	return nil
}
