package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe for the server's logger and the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// TestServeGracefulShutdown starts skim serve on a free port, begins a
// request, cancels the context mid-request, and checks that the request
// still completes, that serve returns nil, and that the port is closed.
func TestServeGracefulShutdown(t *testing.T) {
	t.Parallel()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logs lockedBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr, "--log-format", "text", "--shutdown-timeout", "10s"},
			strings.NewReader(""), io.Discard, &logs, noEnv)
	}()

	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped early: %v\n%s", err, logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("server not ready in 10s:\n%s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}

	// An in-flight request: headers and half the body sent.
	body := "The council approved the plan on Tuesday after a long debate. " +
		"Residents had asked for a park for years. Work starts in spring and ends next year."
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /summarize?sentences=1 HTTP/1.1\r\nHost: %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s",
		addr, len(body), body[:20])
	time.Sleep(100 * time.Millisecond)

	cancel() // SIGINT/SIGTERM
	time.Sleep(200 * time.Millisecond)
	select {
	case err := <-done:
		t.Fatalf("serve returned with a request in flight: %v", err)
	default:
	}
	if _, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		t.Error("the listener still accepts connections while draining")
	}

	if _, err := io.WriteString(conn, body[20:]); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("in-flight request lost: %v", err)
	}
	defer resp.Body.Close()
	var out struct {
		Sentences []struct{ Text string } `json:"sentences"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK || len(out.Sentences) != 1 {
		t.Fatalf("in-flight request: status %d, %d sentences, %v", resp.StatusCode, len(out.Sentences), err)
	}

	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v\n%s", err, logs.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not return after shutdown")
	}
	for _, want := range []string{"msg=listening", "msg=\"shutting down", "msg=stopped", "route=/summarize", "status=200"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, logs.String())
		}
	}
}

func TestServeFailsFast(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	badIDF := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(badIDF, []byte(`{"format":"nope"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--idf", filepath.Join(dir, "missing.json")},
		{"--idf", badIDF},
		{"--preload", "en,xx"},
		{"--log-format", "xml"},
		{"--max-body", "lots"},
		{"--cache-size", "-1"},
		{"extra-argument"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := runServe(ctx, append([]string{"--addr", "127.0.0.1:0"}, args...), nil, io.Discard, io.Discard, noEnv)
		cancel()
		if err == nil || errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("serve %v: %v, want an immediate error", args, err)
		}
	}
}

// TestServeSettingsPrecedence: a flag beats SKIM_*, which beats the default.
func TestServeSettingsPrecedence(t *testing.T) {
	t.Parallel()
	env := map[string]string{
		"SKIM_ADDR":          ":9999",
		"SKIM_MAX_BODY":      "2MiB",
		"SKIM_CACHE_SIZE":    "0",
		"SKIM_CORS_ORIGINS":  "https://a.example, https://b.example",
		"SKIM_PRELOAD":       "fr,en",
		"SKIM_LOG_FORMAT":    "text",
		"SKIM_INFLIGHT_WAIT": "250ms",
		"SKIM_MAX_COMPUTE":   "2s",
		"SKIM_METRICS_ADDR":  "127.0.0.1:9090",
		"SKIM_FETCH":         "true",
		"SKIM_FETCH_TIMEOUT": "3s",
	}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var cfg serveConfig
	cfg.register(fs)
	if err := fs.Parse([]string{"--addr", ":7000", "--cache-size", "5"}); err != nil {
		t.Fatal(err)
	}
	if err := applyEnv(fs, func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	if cfg.addr != ":7000" || cfg.cacheSize != 5 {
		t.Errorf("flags lost to the environment: addr %q, cache %d", cfg.addr, cfg.cacheSize)
	}
	if cfg.maxBody != 2<<20 || cfg.preload != "fr,en" || cfg.logFormat != "text" || cfg.inflightWait != 250*time.Millisecond ||
		cfg.maxCompute != 2*time.Second || cfg.metricsAddr != "127.0.0.1:9090" {
		t.Errorf("environment not applied: %+v", cfg)
	}
	if got := splitList(cfg.corsOrigins); len(got) != 2 || got[1] != "https://b.example" {
		t.Errorf("origins %q", got)
	}
	if cfg.batchMaxBody != 10<<20 || cfg.batchMaxDocs != 100 || cfg.inflightBytes != 64<<20 {
		t.Errorf("defaults lost: %+v", cfg)
	}
	if !cfg.fetch || cfg.fetchTimeout != 3*time.Second || cfg.fetchAllowPrivate || cfg.fetchMaxBytes != 5<<20 || cfg.maxHTMLBody != 5<<20 {
		t.Errorf("fetch settings: fetch %v, timeout %v, allow private %v, max bytes %d, max html body %d",
			cfg.fetch, cfg.fetchTimeout, cfg.fetchAllowPrivate, cfg.fetchMaxBytes, cfg.maxHTMLBody)
	}

	fs = flag.NewFlagSet("serve", flag.ContinueOnError)
	cfg.register(fs)
	_ = fs.Parse(nil)
	if err := applyEnv(fs, func(k string) string { return map[string]string{"SKIM_BATCH_MAX_DOCS": "many"}[k] }); err == nil ||
		!strings.Contains(err.Error(), "SKIM_BATCH_MAX_DOCS") {
		t.Errorf("bad environment value: %v", err)
	}
}

func TestByteSize(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]int64{
		"1048576": 1 << 20, "1MiB": 1 << 20, "1M": 1 << 20, "1mb": 1 << 20, "512KiB": 512 << 10,
		"10 MiB": 10 << 20, "2GiB": 2 << 30, "100B": 100, "0": 0,
	} {
		var b byteSize
		if err := b.Set(in); err != nil || int64(b) != want {
			t.Errorf("Set(%q) = %d, %v; want %d", in, b, err, want)
		}
	}
	for _, in := range []string{"", "lots", "-1", "1.5MiB", "1TiB", "99999999999GiB"} {
		var b byteSize
		if err := b.Set(in); err == nil {
			t.Errorf("Set(%q) accepted: %d", in, b)
		}
	}
	for v, want := range map[byteSize]string{1 << 20: "1MiB", 10 << 20: "10MiB", 1000: "1000", 3 << 10: "3KiB", 0: "0"} {
		if got := v.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int64(v), got, want)
		}
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if err := runVersion(context.Background(), nil, nil, &out, io.Discard, noEnv); err != nil {
		t.Fatal(err)
	}
	var v map[string]string
	if err := json.Unmarshal(out.Bytes(), &v); err != nil {
		t.Fatalf("version output %q: %v", out.String(), err)
	}
	if v["version"] != version || v["commit"] == "" || !strings.HasPrefix(v["go"], "go") {
		t.Errorf("version = %v", v)
	}
	out.Reset()
	if err := runVersion(context.Background(), []string{"--short"}, nil, &out, io.Discard, noEnv); err != nil || out.String() != version+"\n" {
		t.Errorf("version --short = %q, %v", out.String(), err)
	}
}

// TestServeMetricsAddr: with --metrics-addr the metrics move to their own
// listener and the API's address answers 404 for /metrics.
func TestServeMetricsAddr(t *testing.T) {
	t.Parallel()
	addr, metricsAddr := freeAddr(t), freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	var logs lockedBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr, "--metrics-addr", metricsAddr, "--log-format", "text"},
			strings.NewReader(""), io.Discard, &logs, noEnv)
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v\n%s", err, logs.String())
		}
	}()
	get := func(url string) (int, string) {
		resp, err := http.Get(url)
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if code, _ := get("http://" + addr + "/healthz"); code == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("server not up in 10s:\n%s", logs.String())
		}
	}
	if code, _ := get("http://" + addr + "/metrics"); code != http.StatusNotFound {
		t.Errorf("GET /metrics on --addr: %d, want 404", code)
	}
	code, body := get("http://" + metricsAddr + "/metrics")
	if code != http.StatusOK || !strings.Contains(body, `skim_http_requests_total{code="200",method="GET",route="/healthz"}`) {
		t.Errorf("GET /metrics on --metrics-addr: %d, body lacks the API's requests:\n%.500s", code, body)
	}
}
