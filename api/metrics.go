package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the service's Prometheus collectors, in a registry of their
// own so that several servers (tests) can live in one process.
type metrics struct {
	registry          *prometheus.Registry
	requests          *prometheus.CounterVec
	requestDuration   *prometheus.HistogramVec
	inFlight          prometheus.Gauge
	summarizeDuration *prometheus.HistogramVec
	extractDuration   *prometheus.HistogramVec
	fetches           *prometheus.CounterVec
	inputBytes        *prometheus.HistogramVec
	cacheHits         prometheus.Counter
	cacheMisses       prometheus.Counter
	inflightBytes     prometheus.Gauge
	rejected          prometheus.Counter
}

// latencyBuckets span a cached lookup to a 10 MiB batch.
var latencyBuckets = []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "skim_http_requests_total",
			Help: "HTTP requests answered, by route pattern, method and status code.",
		}, []string{"route", "method", "code"}),
		requestDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "skim_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route pattern, method and status code.",
			Buckets: latencyBuckets,
		}, []string{"route", "method", "code"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "skim_http_requests_in_flight",
			Help: "HTTP requests being answered.",
		}),
		summarizeDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "skim_summarize_duration_seconds",
			Help:    "Time the summarizer spent on one document (cache misses only), by language.",
			Buckets: latencyBuckets,
		}, []string{"language"}),
		extractDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "skim_extract_duration_seconds",
			Help:    "Time spent extracting the article of one web page, by outcome (ok or the error code).",
			Buckets: latencyBuckets,
		}, []string{"outcome"}),
		fetches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "skim_fetches_total",
			Help: "Web pages fetched for {\"url\": ...} requests, by outcome (ok or the error code, such as fetch_refused).",
		}, []string{"outcome"}),
		inputBytes: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "skim_input_bytes",
			Help:    "Size of request bodies read by the summarize endpoints, by route pattern.",
			Buckets: prometheus.ExponentialBuckets(256, 4, 9), // 256 B .. 16 MiB
		}, []string{"route"}),
		cacheHits: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "skim_cache_hits_total",
			Help: "Summaries served from the result cache.",
		}),
		cacheMisses: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "skim_cache_misses_total",
			Help: "Summaries computed because the result cache did not hold them (counted only when the cache is enabled).",
		}),
		inflightBytes: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "skim_inflight_bytes",
			Help: "Request bytes holding the in-flight budget.",
		}),
		rejected: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "skim_overload_rejections_total",
			Help: "Requests answered 503 because the in-flight budget stayed full for the whole wait.",
		}),
	}
	m.registry.MustRegister(m.requests, m.requestDuration, m.inFlight, m.summarizeDuration, m.extractDuration, m.fetches,
		m.inputBytes, m.cacheHits, m.cacheMisses, m.inflightBytes, m.rejected,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// statusText caches the label values of common status codes.
var statusText = func() map[int]string {
	m := make(map[int]string)
	for code := 100; code < 600; code++ {
		m[code] = strconv.Itoa(code)
	}
	return m
}()

func (m *metrics) observeRequest(route, method string, status int, elapsed time.Duration) {
	code, ok := statusText[status]
	if !ok {
		code = strconv.Itoa(status)
	}
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions:
	default:
		method = "other" // arbitrary method strings must not mint label values
	}
	m.requests.WithLabelValues(route, method, code).Inc()
	m.requestDuration.WithLabelValues(route, method, code).Observe(elapsed.Seconds())
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}
