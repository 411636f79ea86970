package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// defaultHealthAddr is where `skim serve` listens when neither --addr nor
// SKIM_ADDR says otherwise.
const defaultHealthAddr = ":8080"

// runHealthcheck GETs /healthz of a running server and fails unless it
// answers 200 within the timeout. It exists for container health checks:
// distroless images have no curl, so the Dockerfile's HEALTHCHECK runs
// `/skim healthcheck`. The server is found from SKIM_ADDR (the same variable
// `skim serve` reads), unless --url names the endpoint outright.
func runHealthcheck(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := newFlagSet("healthcheck", "[--url URL] [--timeout D]", "Exits 0 when the server answers 200, 1 otherwise.", stderr)
	var (
		url     = fs.String("url", "", "health endpoint to GET (default: /healthz on 127.0.0.1 at the port of $SKIM_ADDR, else :8080)")
		timeout = fs.Duration("timeout", 2*time.Second, "give up after this long")
	)
	operands, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(operands) > 0 {
		return usageError(fs, "unexpected argument %q", operands[0])
	}
	target := *url
	if target == "" {
		target = healthURL(getenv("SKIM_ADDR"))
	}
	if err := checkHealth(ctx, target, *timeout); err != nil {
		fmt.Fprintln(stderr, "unhealthy:", err)
		return exitError{exitFailed}
	}
	fmt.Fprintln(stdout, "healthy:", target)
	return nil
}

// healthURL turns a listen address such as ":8080", "0.0.0.0:9000",
// "[::]:8080" or "10.0.0.5:8080" into the /healthz URL to probe from the same
// host: wildcard or missing hosts become 127.0.0.1.
func healthURL(addr string) string {
	if addr == "" {
		addr = defaultHealthAddr
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil { // a bare port, "8080"
		host, port = "", addr
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/healthz"
}

// checkHealth GETs url and reports an error unless it answers 200 in time.
func checkHealth(ctx context.Context, url string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	client := &http.Client{
		// A health endpoint answers itself; a redirect means something else is listening.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport:     &http.Transport{Proxy: nil, DisableKeepAlives: true},
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return nil
}
