package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// newsHeadline is the headline of the test page, the first line of its
// extracted text.
const newsHeadline = "Council approves riverside park after decade-long campaign"

// benchNewsPage returns a news page of about 100 KB shaped like real ones:
// the test page's cookie banner, menus, byline and footer, an article of
// 16 paragraphs (about 5 KB of text), and the bulk of the bytes in
// scripts, a mega-menu and teaser lists, as on news sites.
func benchNewsPage(tb testing.TB) string {
	page := newsPage(tb)
	var paras strings.Builder
	for i := range 9 {
		fmt.Fprintf(&paras, "<p>At a public meeting on the %d%s of March, residents asked how the %d new benches, the lighting along the "+
			"towpath and the flood defences would be paid for, and the deputy mayor promised a detailed budget before the summer recess.</p>\n",
			i+3, "th", 20+i*5)
	}
	page = strings.Replace(page, "</article>", paras.String()+"</article>", 1)
	var pad strings.Builder
	pad.WriteString("<script>")
	for i := 0; pad.Len() < 45_000; i++ {
		fmt.Fprintf(&pad, "window.__cfg%d = {\"slot\": \"ad-%d\", \"sizes\": [[300, 250], [728, 90]], \"targeting\": {\"section\": \"news\"}};\n", i, i)
	}
	pad.WriteString("</script><nav class=\"mega-menu\"><ul>")
	for i := 0; pad.Len() < 80_000; i++ {
		fmt.Fprintf(&pad, "<li class=\"menu-item\"><a href=\"/section/%d\" class=\"menu-link\" data-track=\"nav-%d\">Section %d</a></li>", i, i, i)
	}
	pad.WriteString("</ul></nav>")
	var teasers strings.Builder
	teasers.WriteString("<section class=\"more-stories\"><h2>More stories</h2>")
	for i := 0; teasers.Len() < 15_000; i++ {
		fmt.Fprintf(&teasers, "<div class=\"teaser\"><a href=\"/story/%d\"><img src=\"/img/%d.jpg\" alt=\"\"><h3>Story headline number %d about local events</h3></a><p class=\"teaser-meta\">2 hours ago</p></div>", i, i, i)
	}
	teasers.WriteString("</section>")
	page = strings.Replace(page, "<main>", pad.String()+"<main>", 1)
	page = strings.Replace(page, "<footer>", teasers.String()+"<footer>", 1)
	return page
}

// BenchmarkSummarizeHTMLPage measures POST /summarize end to end (cache
// off) for a typical 100 KB news page sent as text/html — extraction and
// summary — and, for comparison, its extracted article sent as text/plain.
// go test -run XXX -bench SummarizeHTMLPage -benchmem -cpu 1 ./api
func BenchmarkSummarizeHTMLPage(b *testing.B) {
	h := newTestEngine(b, func(c *Config) { c.DisableCache = true })
	page := benchNewsPage(b)
	rec := do(b, h, request{path: "/summarize", contentType: "text/html", body: page})
	if rec.Code != http.StatusOK {
		b.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var first SummaryResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &first); err != nil || !strings.HasPrefix(first.Text, newsHeadline) {
		b.Fatalf("extracted text %.200q (%v)", first.Text, err)
	}
	text := first.Text
	for _, bc := range []struct {
		name, contentType, body string
	}{
		{"html-100KB", "text/html", page},
		{"text-of-the-article", "text/plain", text},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.body)))
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "/summarize", strings.NewReader(bc.body))
				req.Header.Set("Content-Type", bc.contentType)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("status %d", w.Code)
				}
				n++
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
