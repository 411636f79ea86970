package api

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
)

// RequestIDHeader carries the request id in both directions.
const RequestIDHeader = "X-Request-ID"

// requestIDKey is the gin context key of the request id.
const requestIDKey = "skim.request_id"

// requestIDs generates request ids: a random per-process prefix and a
// counter, unique without a syscall per request.
type requestIDs struct {
	prefix string
	n      atomic.Uint64
}

func newRequestIDs() *requestIDs {
	var b [6]byte
	_, _ = rand.Read(b[:]) // never fails on supported platforms
	return &requestIDs{prefix: hex.EncodeToString(b[:]) + "-"}
}

func (g *requestIDs) next() string {
	var buf [32]byte
	out := append(buf[:0], g.prefix...)
	return string(strconv.AppendUint(out, g.n.Add(1), 36))
}

// validRequestID accepts client ids of up to 128 visible ASCII characters,
// so that a client id can be logged and echoed safely.
func validRequestID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] <= ' ' || id[i] > '~' {
			return false
		}
	}
	return true
}

// withRequestID takes the request id from X-Request-ID, or generates one,
// and echoes it in the response.
func withRequestID(ids *requestIDs) gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader(RequestIDHeader)
		if !validRequestID(id) {
			id = ids.next()
		}
		c.Set(requestIDKey, id)
		c.Header(RequestIDHeader, id)
		c.Next()
	}
}

// requestID returns the id withRequestID assigned.
func requestID(c *gin.Context) string {
	if v, ok := c.Get(requestIDKey); ok {
		if id, ok := v.(string); ok {
			return id
		}
	}
	return ""
}

// routeLabel is the route pattern of the request, never its raw path, to
// keep metric and log cardinality bounded.
func routeLabel(c *gin.Context) string {
	if r := c.FullPath(); r != "" {
		return r
	}
	return "unmatched"
}

// withObservability writes the access log line and the request metrics.
// A response that could not be written is logged and counted as 499 with
// its write_error, like a client that left before its answer, and never as
// the status it would have had.
func withObservability(logger *slog.Logger, m *metrics) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		m.inFlight.Inc()
		defer m.inFlight.Dec()
		c.Next()
		elapsed := time.Since(start)
		route := routeLabel(c)
		status := c.Writer.Status()
		var writeErr error
		if v, ok := c.Get(writeErrorKey); ok {
			writeErr, _ = v.(error)
		}
		if writeErr != nil {
			status = StatusClientClosed
		}
		m.observeRequest(route, c.Request.Method, status, elapsed)
		ctx := c.Request.Context()
		level := slog.LevelInfo
		if status >= 500 || writeErr != nil {
			level = slog.LevelWarn
		}
		if !logger.Enabled(ctx, level) {
			return
		}
		attrs := []slog.Attr{
			slog.String("request_id", requestID(c)),
			slog.String("method", c.Request.Method),
			slog.String("route", route),
			slog.String("path", c.Request.URL.Path),
			slog.Int("status", status),
			slog.Int64("bytes_in", c.Request.ContentLength),
			slog.Int("bytes_out", c.Writer.Size()),
			slog.Float64("duration_ms", float64(elapsed.Microseconds())/1000),
			slog.String("remote", c.Request.RemoteAddr),
		}
		if writeErr != nil {
			attrs = append(attrs, slog.Int("status_unsent", c.Writer.Status()), slog.String("write_error", writeErr.Error()))
		}
		logger.LogAttrs(ctx, level, "request", attrs...)
	}
}

// apiCSP is the Content-Security-Policy of every response but the pages
// that set their own: JSON and scripts load nothing and are framed by
// nobody.
const apiCSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// withSecurityHeaders sets the headers that keep browsers from sniffing
// content types, framing skim's pages (clickjacking) or running anything
// a response was not meant to run. Pages replace the policy with their
// own (handleIndex, handleDemoArticle).
func withSecurityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", apiCSP)
		h.Set("Referrer-Policy", "no-referrer")
		c.Next()
	}
}

// withRecovery turns a panic into a 500 JSON error carrying the request id;
// the stack goes to the log, never to the client, and the process keeps
// serving.
func withRecovery(logger *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if p == http.ErrAbortHandler {
				panic(p) // the server's own signal to drop the connection
			}
			logger.LogAttrs(c.Request.Context(), slog.LevelError, "panic",
				slog.String("request_id", requestID(c)),
				slog.String("panic", fmt.Sprint(p)),
				slog.String("stack", string(debug.Stack())))
			if c.Writer.Written() {
				c.Abort() // too late for a clean error: the status is out
				return
			}
			renderError(c, logger, apiError(CodeInternal, "internal error"))
		}()
		c.Next()
	}
}

// withCORS adds CORS headers for the allowed origins and answers preflight
// requests. Requests from other origins get no CORS headers, so browsers
// refuse them.
func withCORS(origins []string) gin.HandlerFunc {
	anyOrigin := false
	allowed := make(map[string]bool, len(origins))
	for _, o := range origins {
		o = strings.TrimRight(strings.TrimSpace(o), "/")
		if o == "*" {
			anyOrigin = true
		} else if o != "" {
			allowed[strings.ToLower(o)] = true
		}
	}
	if !anyOrigin && len(allowed) == 0 {
		return func(c *gin.Context) { c.Next() }
	}
	return func(c *gin.Context) {
		origin := c.GetHeader("Origin")
		if origin == "" {
			c.Next()
			return
		}
		h := c.Writer.Header()
		h.Add("Vary", "Origin")
		if !anyOrigin && !allowed[strings.ToLower(origin)] {
			c.Next()
			return
		}
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Expose-Headers", "X-Request-ID, Retry-After")
		if c.Request.Method == http.MethodOptions && c.GetHeader("Access-Control-Request-Method") != "" {
			h.Add("Vary", "Access-Control-Request-Method")
			h.Add("Vary", "Access-Control-Request-Headers")
			h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Content-Type, X-Request-ID")
			h.Set("Access-Control-Max-Age", "600")
			c.AbortWithStatus(http.StatusNoContent)
			return
		}
		c.Next()
	}
}
