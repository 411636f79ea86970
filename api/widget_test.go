package api

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// maxWidgetBytes is the size budget of web/widget.js, uncompressed: it is
// loaded on every article page of the sites that embed it.
const maxWidgetBytes = 15000

func TestWidgetScript(t *testing.T) {
	h := newTestEngine(t, nil)
	rec := do(t, h, request{method: http.MethodGet, path: "/widget.js"})
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /widget.js: %d %s", rec.Code, rec.Body.String())
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
		t.Errorf("Content-Type %q, want text/javascript", ct)
	}
	if n := rec.Body.Len(); n == 0 || n > maxWidgetBytes {
		t.Errorf("widget.js is %d bytes, want 1..%d", n, maxWidgetBytes)
	}
	if got := rec.Header().Get("Cross-Origin-Resource-Policy"); got != "cross-origin" {
		t.Errorf("Cross-Origin-Resource-Policy %q: pages that require CORP could not load the widget", got)
	}
	body := rec.Body.String()
	for _, banned := range []string{"eval(", "new Function", "innerHTML", "setAttribute(\"style\"", ".style."} {
		if strings.Contains(body, banned) {
			t.Errorf("widget.js uses %s, which a strict CSP or a hostile page text could break", banned)
		}
	}

	etag := rec.Header().Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	again := do(t, h, request{method: http.MethodGet, path: "/widget.js", header: map[string]string{"If-None-Match": etag}})
	if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
		t.Errorf("revalidation with the ETag: %d, %d bytes; want 304 and no body", again.Code, again.Body.Len())
	}
}

func TestDemoArticle(t *testing.T) {
	rec := do(t, newTestEngine(t, nil), request{method: http.MethodGet, path: "/demo/article"})
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /demo/article: %d", rec.Code)
	}
	page := rec.Body.String()
	checks := []struct {
		name string
		re   string
	}{
		{"loads the widget from skim", `<script src="/widget.js" defer[^>]*></script>`},
		{"marks the article", `<article data-skim-article>`},
		{"has a headline", `<h1>[^<]{20,}</h1>`},
		{"has a byline", `class="byline">By `},
		{"has Previous/Next Article chrome", `Previous Article[\s\S]*Next Article`},
		{"has related headlines", `class="related"`},
	}
	for _, c := range checks {
		if !regexp.MustCompile(c.re).MatchString(page) {
			t.Errorf("demo page: %s: no match for %s", c.name, c.re)
		}
	}
	if n := len(regexp.MustCompile(`<p>`).FindAllString(page, -1)); n < 4 {
		t.Errorf("demo page has %d paragraphs, want a real article (4+)", n)
	}
	if regexp.MustCompile(`<script(\s[^>]*)?>[^<]`).MatchString(page) {
		t.Error("demo page has an inline script; its CSP would block it")
	}

	csp := rec.Header().Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self'", "connect-src 'self'", "default-src 'none'", "'sha256-"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %s", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe") {
		t.Errorf("CSP %q is not strict", csp)
	}
}

func TestDemoArticleCSPHashesEachStyle(t *testing.T) {
	cases := []struct {
		name   string
		page   string
		hashes int
	}{
		{"no style", `<p>x</p>`, 0},
		{"one style", `<style>p{color:red}</style>`, 1},
		{"two styles", "<style>p{}</style><p>x</p><style>\nh1{}\n</style>", 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			csp := demoArticleCSP([]byte(c.page))
			if got := strings.Count(csp, "'sha256-"); got != c.hashes {
				t.Errorf("%d hashes in %q, want %d", got, csp, c.hashes)
			}
		})
	}
	if demoArticleCSP([]byte(`<style>a{}</style>`)) == demoArticleCSP([]byte(`<style>b{}</style>`)) {
		t.Error("different styles give the same policy")
	}
}
