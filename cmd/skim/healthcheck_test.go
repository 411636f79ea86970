package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestHealthURL(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ addr, want string }{
		{"", "http://127.0.0.1:8080/healthz"},
		{":8080", "http://127.0.0.1:8080/healthz"},
		{":9000", "http://127.0.0.1:9000/healthz"},
		{"9000", "http://127.0.0.1:9000/healthz"},
		{"0.0.0.0:9000", "http://127.0.0.1:9000/healthz"},
		{"[::]:8081", "http://127.0.0.1:8081/healthz"},
		{"127.0.0.2:8080", "http://127.0.0.2:8080/healthz"},
		{"[::1]:8080", "http://[::1]:8080/healthz"},
		{"localhost:8080", "http://localhost:8080/healthz"},
	} {
		if got := healthURL(tc.addr); got != tc.want {
			t.Errorf("healthURL(%q) = %q, want %q", tc.addr, got, tc.want)
		}
	}
}

// healthcheck runs `skim healthcheck args...` and returns its exit code.
func healthcheck(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return healthcheckEnv(t, noEnv, args...)
}

func healthcheckEnv(t *testing.T, getenv func(string) string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), append([]string{"healthcheck"}, args...), strings.NewReader(""), &out, &errOut, getenv)
	var exit exitError
	switch {
	case err == nil:
		code = 0
	case errors.As(err, &exit):
		code = exit.code
	default:
		t.Fatalf("healthcheck %v: unexpected error %v", args, err)
	}
	return code, out.String(), errOut.String()
}

func TestHealthcheckUp(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" || r.Method != http.MethodGet {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(`{"status":"ok"}`))
	}))
	defer srv.Close()

	if code, out, errOut := healthcheck(t, "--url", srv.URL+"/healthz"); code != 0 {
		t.Fatalf("up server: exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	// With no --url, SKIM_ADDR (as `skim serve` reads it) finds the server.
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	env := func(k string) string { return map[string]string{"SKIM_ADDR": ":" + port}[k] }
	if code, _, errOut := healthcheckEnv(t, env); code != 0 {
		t.Fatalf("SKIM_ADDR=:%s: exit %d, stderr %q", port, code, errOut)
	}
}

func TestHealthcheckNotOK(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusServiceUnavailable, http.StatusInternalServerError, http.StatusNotFound, http.StatusFound} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if status == http.StatusFound {
				http.Redirect(w, r, "/elsewhere", status)
				return
			}
			w.WriteHeader(status)
		}))
		code, _, errOut := healthcheck(t, "--url", srv.URL+"/healthz")
		srv.Close()
		if code != 1 || !strings.Contains(errOut, "unhealthy") {
			t.Errorf("status %d: exit %d, stderr %q; want exit 1 and 'unhealthy'", status, code, errOut)
		}
	}
}

func TestHealthcheckDown(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL + "/healthz"
	srv.Close() // nothing listens there now
	if code, _, errOut := healthcheck(t, "--url", url); code != 1 {
		t.Fatalf("down server: exit %d, stderr %q; want 1", code, errOut)
	}
}

func TestHealthcheckTimeout(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	began := time.Now()
	code, _, errOut := healthcheck(t, "--url", srv.URL+"/healthz", "--timeout", "100ms")
	if code != 1 {
		t.Fatalf("hanging server: exit %d, stderr %q; want 1", code, errOut)
	}
	if took := time.Since(began); took > 2*time.Second {
		t.Fatalf("hanging server: took %v, want about the 100ms timeout", took)
	}
}

func TestHealthcheckBadUsage(t *testing.T) {
	t.Parallel()
	if code, _, _ := healthcheck(t, "--nope"); code != 2 {
		t.Fatalf("unknown flag: exit %d, want 2", code)
	}
	if code, _, _ := healthcheck(t, "extra"); code != 2 {
		t.Fatalf("extra argument: exit %d, want 2", code)
	}
}
