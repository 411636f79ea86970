package extract

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skimhq/skim/summarize/internal/shareddata"
)

// typicalNewsPage returns a synthetic news page of about 100 KB shaped
// like real ones: most bytes are scripts, styles, menus and teaser lists,
// and the article itself is about 8 KB of text in 16 paragraphs.
func typicalNewsPage() []byte {
	var body []string
	for i := range 16 {
		body = append(body, fmt.Sprintf("Paragraph %d of the report: the council's transport committee heard evidence from residents, "+
			"shop owners and cycling groups about the route, the cost of %d million pounds and the timetable for construction, "+
			"which officials said could begin in the autumn if the final vote goes ahead as planned.", i+1, i+3))
	}
	page := newsPage(`<meta charset="utf-8">`, body)
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
	for i := 0; teasers.Len() < 20_000; i++ {
		fmt.Fprintf(&teasers, "<div class=\"teaser\"><a href=\"/story/%d\"><img src=\"/img/%d.jpg\" alt=\"\"><h3>Story headline number %d about local events</h3></a><p class=\"teaser-meta\">2 hours ago</p></div>", i, i, i)
	}
	teasers.WriteString("</section>")
	page = strings.Replace(page, "<body>", "<body>"+pad.String(), 1)
	page = strings.Replace(page, "<footer", teasers.String()+"<footer", 1)
	return []byte(page)
}

func TestTypicalNewsPage(t *testing.T) {
	page := typicalNewsPage()
	if n := len(page); n < 90_000 || n > 130_000 {
		t.Fatalf("page is %d bytes, want about 100 KB", n)
	}
	a, err := FromHTML(context.Background(), page, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Paragraph 16 of the report") || strings.Contains(a.Text, "Section 12") {
		t.Errorf("extraction of the benchmark page is wrong:\n%s", a.Text)
	}
}

// sharedPage reads one page of trafilatura's evaluation set by its id.
func sharedPage(b *testing.B, id string) ([]byte, string) {
	dir := filepath.Join(shareddata.Dir(b), "html-extraction", "trafilatura-eval")
	f, err := os.Open(filepath.Join(dir, "ground-truth.jsonl"))
	if err != nil {
		b.Skipf("trafilatura-eval not found: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var p struct {
			ID       string `json:"id"`
			URL      string `json:"url"`
			HTMLPath string `json:"html_path"`
		}
		if json.Unmarshal(sc.Bytes(), &p) != nil || p.ID != id {
			continue
		}
		gf, err := os.Open(filepath.Join(dir, filepath.FromSlash(p.HTMLPath)))
		if err != nil {
			b.Fatal(err)
		}
		defer gf.Close()
		zr, err := gzip.NewReader(gf)
		if err != nil {
			b.Fatal(err)
		}
		page, err := io.ReadAll(zr)
		if err != nil {
			b.Fatal(err)
		}
		return page, p.URL
	}
	b.Skipf("page %s not in the evaluation set", id)
	return nil, ""
}

// BenchmarkFromHTML measures one extraction on one goroutine; MB/s is of
// HTML input.
func BenchmarkFromHTML(b *testing.B) {
	cases := []struct {
		name string
		page func(b *testing.B) ([]byte, string)
	}{
		{"synthetic-100KB", func(*testing.B) ([]byte, string) { return typicalNewsPage(), "https://news.example/story" }},
		{"cbsnews-120KB", func(b *testing.B) ([]byte, string) { return sharedPage(b, "cbsnews.com.carolina.html") }},
		{"sueddeutsche-120KB", func(b *testing.B) ([]byte, string) { return sharedPage(b, "sueddeutsche.de.flixtrain.html") }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			page, u := c.page(b)
			b.SetBytes(int64(len(page)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := FromHTML(context.Background(), page, u, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
