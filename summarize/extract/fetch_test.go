package extract

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const testPage = "<!doctype html><html><head><title>T</title></head><body><p>Hello.</p></body></html>"

// server starts a loopback server and counts its requests.
func server(t *testing.T, h http.HandlerFunc) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func htmlHandler(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, testPage)
}

// onlyAddr returns an address check that allows the one server at rawURL
// and refuses everything else, standing in for "a public server" in tests
// that must never leave the loopback interface.
func onlyAddr(t *testing.T, rawURL string) func(netip.AddrPort) error {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	allowed := netip.MustParseAddrPort(u.Host)
	return func(ap netip.AddrPort) error {
		if ap == allowed {
			return nil
		}
		return fmt.Errorf("%w: %s is not the allowed test server", ErrFetchRefused, ap)
	}
}

func TestFetchPrivateAddress(t *testing.T) {
	srv, hits := server(t, htmlHandler)
	t.Run("refused by default", func(t *testing.T) {
		_, err := (&Fetcher{}).Fetch(context.Background(), srv.URL)
		if !errors.Is(err, ErrFetchRefused) {
			t.Fatalf("err = %v, want ErrFetchRefused", err)
		}
		if !strings.Contains(err.Error(), "loopback") {
			t.Errorf("err = %v, want the reason (loopback)", err)
		}
		if hits.Load() != 0 {
			t.Errorf("the server was contacted %d times", hits.Load())
		}
	})
	t.Run("refused by name too", func(t *testing.T) {
		u := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
		_, err := (&Fetcher{}).Fetch(context.Background(), u)
		if !errors.Is(err, ErrFetchRefused) {
			t.Fatalf("err = %v, want ErrFetchRefused", err)
		}
	})
	t.Run("allowed with AllowPrivate", func(t *testing.T) {
		var ua string
		srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
			ua = r.UserAgent()
			htmlHandler(w, r)
		})
		f := &Fetcher{AllowPrivate: true, UserAgent: "skim/test (+https://github.com/skimhq/skim)"}
		p, err := f.Fetch(context.Background(), srv.URL+"/a")
		if err != nil {
			t.Fatal(err)
		}
		if string(p.Body) != testPage || p.URL != srv.URL+"/a" || !p.IsHTML() {
			t.Errorf("page = %+v", p)
		}
		if ua != f.UserAgent {
			t.Errorf("User-Agent = %q, want %q", ua, f.UserAgent)
		}
	})
}

func TestFetchRedirects(t *testing.T) {
	private, privateHits := server(t, htmlHandler)
	tests := []struct {
		name     string
		location string
		allowAll bool
		want     error
	}{
		{"to a private address", private.URL + "/secret", false, ErrFetchRefused},
		{"to a private address by name", strings.Replace(private.URL, "127.0.0.1", "localhost", 1), false, ErrFetchRefused},
		{"to another scheme", "file:///etc/passwd", true, ErrFetchRefused},
		{"allowed", private.URL + "/ok", true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			privateHits.Store(0)
			public, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, tt.location, http.StatusFound)
			})
			f := &Fetcher{}
			if tt.allowAll {
				f.AllowPrivate = true
			} else {
				f.checkAddr = onlyAddr(t, public.URL)
			}
			p, err := f.Fetch(context.Background(), public.URL)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if tt.want == nil {
				if p.URL != tt.location {
					t.Errorf("final URL = %q, want %q", p.URL, tt.location)
				}
				return
			}
			if privateHits.Load() != 0 {
				t.Errorf("the refused server was contacted %d times", privateHits.Load())
			}
		})
	}
}

func TestFetchTooManyRedirects(t *testing.T) {
	tests := []struct {
		name         string
		maxRedirects int
		chain        int // redirects before the page
		wantErr      bool
	}{
		{"default limit reached", 0, DefaultMaxRedirects, false},
		{"default limit exceeded", 0, DefaultMaxRedirects + 1, true},
		{"custom limit", 2, 3, true},
		{"none allowed", -1, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, hits := server(t, func(w http.ResponseWriter, r *http.Request) {
				var n int
				fmt.Sscanf(r.URL.Path, "/%d", &n)
				if n < tt.chain {
					http.Redirect(w, r, fmt.Sprintf("/%d", n+1), http.StatusMovedPermanently)
					return
				}
				htmlHandler(w, r)
			})
			f := &Fetcher{AllowPrivate: true, MaxRedirects: tt.maxRedirects}
			_, err := f.Fetch(context.Background(), srv.URL+"/0")
			if tt.wantErr != (err != nil) {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				if !errors.Is(err, ErrFetchFailed) || !strings.Contains(err.Error(), "redirects") {
					t.Errorf("err = %v, want ErrFetchFailed naming the redirects", err)
				}
				limit := max(tt.maxRedirects, 0)
				if tt.maxRedirects == 0 {
					limit = DefaultMaxRedirects
				}
				// The original request and the redirects allowed, no more.
				if got := hits.Load(); got != int64(limit+1) {
					t.Errorf("%d requests, want %d", got, limit+1)
				}
			}
		})
	}
}

func TestFetchLimits(t *testing.T) {
	big := strings.Repeat("<p>word</p>", 200) // 2,200 bytes
	gz := func() []byte {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte("<html><body>" + strings.Repeat(" ", 1<<20)))
		zw.Close()
		return b.Bytes()
	}()
	tests := []struct {
		name    string
		handler http.HandlerFunc
		want    error
	}{
		{"announced length over the cap", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, big)
		}, ErrTooLarge},
		{"chunked body over the cap", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			for range 20 {
				fmt.Fprint(w, big[:200])
				w.(http.Flusher).Flush()
			}
		}, ErrTooLarge},
		{"gzip bomb", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gz)
		}, ErrTooLarge},
		{"PDF", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, "%PDF-1.4")
		}, ErrUnsupportedContent},
		{"image", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "image/png")
		}, ErrUnsupportedContent},
		{"no type, not HTML", func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Content-Type"] = nil
			w.Write([]byte{0, 1, 2, 3})
		}, ErrUnsupportedContent},
		{"no type, HTML", func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Content-Type"] = nil
			fmt.Fprint(w, testPage)
		}, nil},
		{"XHTML", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/xhtml+xml")
			fmt.Fprint(w, testPage)
		}, nil},
		{"plain text", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			fmt.Fprint(w, "Just text.")
		}, nil},
		{"upstream 404", func(w http.ResponseWriter, r *http.Request) {
			http.NotFound(w, r)
		}, ErrFetchFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := server(t, tt.handler)
			f := &Fetcher{AllowPrivate: true, MaxBytes: 1000}
			p, err := f.Fetch(context.Background(), srv.URL)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if err == nil && int64(len(p.Body)) > f.MaxBytes {
				t.Errorf("body of %d bytes, over the cap", len(p.Body))
			}
			if errors.Is(tt.want, ErrFetchFailed) && !strings.Contains(err.Error(), "404") {
				t.Errorf("err = %v, want the upstream status", err)
			}
		})
	}
}

func TestFetchTimeout(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"slow headers", func(w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done()
		}},
		{"slow body", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<html>")
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := server(t, tt.handler)
			f := &Fetcher{AllowPrivate: true, Timeout: 100 * time.Millisecond}
			start := time.Now()
			_, err := f.Fetch(context.Background(), srv.URL)
			if !errors.Is(err, ErrFetchTimeout) {
				t.Fatalf("err = %v, want ErrFetchTimeout", err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v, want about the timeout", d)
			}
		})
	}
	t.Run("caller cancels", func(t *testing.T) {
		srv, _ := server(t, tests[0].handler)
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		_, err := (&Fetcher{AllowPrivate: true}).Fetch(ctx, srv.URL)
		if !errors.Is(err, context.Canceled) || errors.Is(err, ErrFetchTimeout) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	})
}

func TestFetchScheme(t *testing.T) {
	for _, u := range []string{"file:///etc/passwd", "ftp://example.com/", "gopher://example.com/", "javascript:alert(1)", "/relative", "http://"} {
		t.Run(u, func(t *testing.T) {
			_, err := (&Fetcher{AllowPrivate: true}).Fetch(context.Background(), u)
			if !errors.Is(err, ErrFetchRefused) {
				t.Fatalf("err = %v, want ErrFetchRefused", err)
			}
		})
	}
}

func TestSpecialAddr(t *testing.T) {
	tests := []struct {
		addr    string
		special bool
	}{
		{"127.0.0.1", true}, {"127.8.9.10", true}, {"::1", true},
		{"10.1.2.3", true}, {"172.16.0.1", true}, {"172.31.255.255", true}, {"192.168.1.1", true},
		{"fc00::1", true}, {"fd12:3456::1", true},
		{"169.254.169.254", true}, {"fe80::1", true},
		{"100.64.0.1", true}, {"100.127.255.254", true},
		{"224.0.0.1", true}, {"239.255.255.250", true}, {"ff02::1", true},
		{"0.0.0.0", true}, {"::", true}, {"0.1.2.3", true},
		{"255.255.255.255", true}, {"240.0.0.1", true},
		{"192.0.2.1", true}, {"198.18.0.1", true}, {"203.0.113.5", true}, {"2001:db8::1", true},
		{"::ffff:127.0.0.1", true}, {"::ffff:10.0.0.1", true}, {"64:ff9b::a00:1", true}, {"2002:a00:1::", true},
		{"::127.0.0.1", true},
		{"8.8.8.8", false}, {"1.1.1.1", false}, {"100.63.255.255", false}, {"100.128.0.0", false},
		{"172.32.0.1", false}, {"2606:4700:4700::1111", false}, {"::ffff:8.8.8.8", false},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			why := specialAddr(netip.MustParseAddr(tt.addr))
			if (why != "") != tt.special {
				t.Errorf("specialAddr(%s) = %q, want special %v", tt.addr, why, tt.special)
			}
		})
	}
}
