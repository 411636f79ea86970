package extract

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

// newsPage builds a news page with the chrome real pages carry around the
// article: a cookie banner, navigation, a related-articles list, comments
// and a footer. body holds the article's paragraphs.
func newsPage(head string, body []string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en-GB"><head>` + head + `
<title>Council approves new cycle lanes | City News</title>
<meta property="og:site_name" content="City News">
<meta name="author" content="Jane Smith">
<meta property="article:published_time" content="2024-03-12T09:30:00Z">
<meta property="og:title" content="Council approves new cycle lanes">
<script>window.dataLayer = [{"page": "article"}];</script>
<style>body { font-family: sans-serif; }</style>
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.</p><button>Accept all cookies</button></div>
<header><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>Council approves new cycle lanes</h1>
<p class="byline">By Jane Smith, Local Affairs Reporter</p>
`)
	for _, p := range body {
		b.WriteString("<p>" + p + "</p>\n")
	}
	b.WriteString(`</article>
<aside class="related"><h2>Related articles</h2><ul>
<li><a href="/a">Bus fares to rise in April</a></li>
<li><a href="/b">New bridge opens to traffic</a></li></ul></aside>
</main>
<footer class="site-footer"><p>© 2024 City News Ltd. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>`)
	return b.String()
}

var newsBody = []string{
	"The city council voted on Tuesday to build twelve kilometres of protected cycle lanes across the centre, after a year of consultation with residents and businesses.",
	"Supporters said the lanes would cut traffic and make streets safer for children walking to school. The plan passed by thirty votes to nine.",
	"Opponents warned that shops on the high street could lose trade during two years of construction, and asked for compensation to be considered.",
	"Work on the first section, between the station and the university, is due to begin in the autumn and will cost an estimated four million pounds.",
}

func TestFromHTML(t *testing.T) {
	page := newsPage(`<meta charset="utf-8">`, newsBody)
	a, err := FromHTML(context.Background(), []byte(page), "https://news.example/2024/03/cycle-lanes", Options{})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ field, got, want string }{
		{"title", a.Title, "Council approves new cycle lanes"},
		{"byline", a.Byline, "Jane Smith"},
		{"published", a.Published, "2024-03-12"},
		{"site", a.Site, "City News"},
		{"language", a.Language, "en-GB"},
		{"url", a.URL, "https://news.example/2024/03/cycle-lanes"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	// Each paragraph comes back whole, as its own block.
	paras := strings.Split(a.Text, "\n\n")
	for _, p := range newsBody {
		found := false
		for _, q := range paras {
			found = found || q == p
		}
		if !found {
			t.Errorf("paragraph missing or merged: %q\ntext:\n%s", p, a.Text)
		}
	}
	for _, chrome := range []string{"cookies", "Home", "Sport", "Bus fares", "All rights reserved", "Privacy policy"} {
		if strings.Contains(a.Text, chrome) {
			t.Errorf("text keeps chrome %q:\n%s", chrome, a.Text)
		}
	}
}

func TestFromHTMLCharset(t *testing.T) {
	const phrase = "Les élèves ont présenté leur café crème à Zürich, déjà célèbre."
	body := append([]string{phrase}, newsBody...)
	utf8Page := newsPage("", body)
	latin1, err := charmap.Windows1252.NewEncoder().String(newsPage(`<meta charset="windows-1252">`, body))
	if err != nil {
		t.Fatal(err)
	}
	latin1HTTP, err := charmap.ISO8859_1.NewEncoder().String(newsPage("", body))
	if err != nil {
		t.Fatal(err)
	}
	latin1Lying, err := charmap.ISO8859_1.NewEncoder().String(newsPage(`<meta charset="utf-8">`, body))
	if err != nil {
		t.Fatal(err)
	}
	const jaPhrase = "市議会は火曜日、中心部に自転車専用レーンを整備する計画を承認した。"
	jaPage := newsPage(`<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">`, append([]string{jaPhrase}, newsBody...))
	sjis, err := japanese.ShiftJIS.NewEncoder().String(strings.ReplaceAll(jaPage, "©", "(c)")) // Shift_JIS has no ©
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		page        string
		contentType string
		want        string
	}{
		{"undeclared UTF-8", utf8Page, "", phrase},
		{"UTF-8 with BOM", "\uFEFF" + utf8Page, "", phrase},
		{"meta windows-1252", latin1, "", phrase},
		{"HTTP header ISO-8859-1", latin1HTTP, "text/html; charset=ISO-8859-1", phrase},
		{"HTTP header beats meta", latin1Lying, "text/html; charset=latin1", phrase},
		{"meta http-equiv Shift_JIS", sjis, "", jaPhrase},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := FromHTML(context.Background(), []byte(tt.page), "", Options{ContentType: tt.contentType})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(a.Text, tt.want) {
				t.Errorf("text does not hold %q:\n%s", tt.want, a.Text)
			}
		})
	}
}

func TestFromHTMLNoArticle(t *testing.T) {
	tests := []struct{ name, page string }{
		{"empty", ""},
		{"empty body", "<html><body></body></html>"},
		{"only script", "<html><head><script>var a = 1;</script></head><body><script>alert(1)</script></body></html>"},
		{"whitespace", "<html><body>   \n\t  </body></html>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := FromHTML(context.Background(), []byte(tt.page), "", Options{})
			if !errors.Is(err, ErrNoArticle) {
				t.Fatalf("FromHTML = %+v, %v; want ErrNoArticle", a, err)
			}
		})
	}
}

func TestFromHTMLCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := FromHTML(ctx, []byte(newsPage("", newsBody)), "", Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestRenderText(t *testing.T) {
	tests := []struct{ name, html, want string }{
		{"paragraphs", "<p>One  two.</p><p>\n Three. </p>", "One two.\n\nThree."},
		{"line break", "<p>Line one<br>line two</p>", "Line one\nline two"},
		{"list items", "<ul><li>First item text</li><li>Second item</li></ul>", "First item text\n\nSecond item"},
		{"table row", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a | b\n\nc"},
		{"ruby annotations", "<p><ruby>漢<rt>かん</rt>字<rt>じ</rt></ruby>です</p>", "漢字です"},
		{"soft hyphens", "<p>Wein\u00adwirt\u00adschaft</p>", "Weinwirtschaft"},
		{"control characters", "<p>Bold\x1b[2J \x1b]0;title\x07move\u009b</p>", "Bold[2J ]0;titlemove"},
		{"link-only paragraph", "<p>Body text here.</p><p><a href=x>Read more: other story</a></p>", "Body text here."},
		{"linked heading kept", "<h2><a href=x>Headline</a></h2><p>Body with <a href=y>a link</a>.</p>", "Headline\n\nBody with a link."},
		{"trailing headings dropped", "<h1>Title</h1><p>Body.</p><h2>More stories</h2><ul><li><a href=x>Other story</a></li></ul><h3>Newsletter</h3>", "Title\n\nBody."},
		{"script", "<div>Text<script>var x;</script></div>", "Text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parse([]byte("<html><body>"+tt.html+"</body></html>"), "")
			if err != nil {
				t.Fatal(err)
			}
			if got := renderText(doc); got != tt.want {
				t.Errorf("renderText = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDeclaredLanguage(t *testing.T) {
	tests := []struct{ name, head, want string }{
		{"html lang", `<html lang="de-DE">`, "de-DE"},
		{"underscore", `<html lang="pt_BR">`, "pt-BR"},
		{"meta", `<html><head><meta http-equiv="content-language" content="fr, en">`, "fr"},
		{"og:locale", `<html><head><meta property="og:locale" content="es_ES">`, "es-ES"},
		{"html lang wins", `<html lang="it"><head><meta property="og:locale" content="en_US">`, "it"},
		{"junk", `<html lang="<script>">`, ""},
		{"none", `<html>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parse([]byte(tt.head+"<body><p>x</p></body></html>"), "")
			if err != nil {
				t.Fatal(err)
			}
			if got := declaredLanguage(doc); got != tt.want {
				t.Errorf("declaredLanguage = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLooksLikeHTML(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"doctype", "<!DOCTYPE html><html>", true},
		{"doctype lower, BOM, blank lines", "\uFEFF\n\n  <!doctype html>", true},
		{"html", "<html lang=en>", true},
		{"head", "<head><title>x", true},
		{"body", "<BODY>", true},
		{"paragraph", "<p>Hello", true},
		{"div with attributes", "<div class=\"a\">", true},
		{"comment first", "<!-- saved from url -->\n<html>", true},
		{"xml declaration", "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", true},
		{"plain text", "The council voted on Tuesday.", false},
		{"text mentioning a tag", "Use the <p> tag for paragraphs.", false},
		{"pre is not p", "<pre>code</pre>", false},
		{"apple is not a", "<apple>", false},
		{"unterminated comment", "<!-- never ends", false},
		{"empty", "", false},
		{"JSON", `{"text": "<p>x</p>"}`, false},
		{"markdown", "# Title\n\nText", false},
		{"xml", "<?xml version=\"1.0\"?><rss>", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LooksLikeHTML([]byte(tt.in)); got != tt.want {
				t.Errorf("LooksLikeHTML(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzLooksLikeHTML(f *testing.F) {
	for _, s := range []string{"<!doctype html>", "\uFEFF<p>", "<!--x--><html>", "<?xml?><div>", "text", "<!--", "<?xml"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got := LooksLikeHTML(b)
		// Only the start decides: text appended after the sniffed window
		// cannot change the answer.
		long := append(append([]byte{}, b...), make([]byte, sniffBytes)...)
		if len(b) >= sniffBytes && LooksLikeHTML(long) != got {
			t.Errorf("answer changed by bytes after the sniffed window")
		}
		if got && !strings.Contains(strings.ToLower(string(b[:min(len(b), sniffBytes)])), "<") {
			t.Errorf("HTML without a tag: %q", b)
		}
	})
}

func FuzzFromHTML(f *testing.F) {
	f.Add([]byte(newsPage("", newsBody)), "")
	f.Add([]byte("<html><body><p>x</p></body></html>"), "text/html; charset=shift_jis")
	f.Add([]byte("<meta charset=utf-16><p>\xff\xfe</p>"), "")
	f.Add([]byte("<table><tr><td><ruby>a<rt>b</rt></ruby></td></tr></table>"), "text/html; charset=bogus")
	f.Fuzz(func(t *testing.T, page []byte, contentType string) {
		a, err := FromHTML(context.Background(), page, "https://example.com/", Options{ContentType: contentType})
		if err != nil {
			if !errors.Is(err, ErrNoArticle) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if strings.TrimSpace(a.Text) == "" {
			t.Errorf("article with empty text: %+v", a)
		}
		if i := strings.IndexFunc(a.Text, func(r rune) bool { return r != '\n' && (r < 0x20 || r == 0x7f) }); i >= 0 {
			t.Errorf("control character in text at %d: %q", i, a.Text)
		}
		if strings.Contains(a.Text, "\n\n\n") {
			t.Errorf("more than one blank line between paragraphs: %q", a.Text)
		}
	})
}

func TestRenderTextTrimmedEdges(t *testing.T) {
	tests := []struct{ name, html, want string }{
		// go-trafilatura trims the text around inline elements; these
		// trees are what it outputs for "ein <a>Baumkataster</a> eine".
		{"after a link", "<p>ein <a href=x>Baumkataster</a>eine Investition</p>", "ein Baumkataster eine Investition"},
		{"before a link", "<p>entitled<a href=x>Beautiful Code</a>, OReilly.</p>", "entitled Beautiful Code, OReilly."},
		{"punctuation stays glued", "<p><b>Note</b>: see <i>this</i>.</p>", "Note: see this."},
		{"drop cap", "<p><span>T</span>he council met.</p>", "The council met."},
		{"Japanese", "<p>法律<b>ができる</b>ように</p>", "法律ができるように"},
		{"paragraph cut by the extractor", "<p>Meine letzte ernste </p><a href=x>Beziehung</a>ging vor drei Jahren.", "Meine letzte ernste Beziehung ging vor drei Jahren."},
		{"finished paragraph", "<p>Done.</p>Next part", "Done.\n\nNext part"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parse([]byte("<html><body>"+tt.html+"</body></html>"), "")
			if err != nil {
				t.Fatal(err)
			}
			if got := renderText(doc); got != tt.want {
				t.Errorf("renderText = %q, want %q", got, tt.want)
			}
		})
	}
}

// densePage returns a page of n paragraphs of article text.
func densePage(n int) []byte {
	var b strings.Builder
	b.WriteString("<html><body><article>")
	for i := range n {
		fmt.Fprintf(&b, "<p>Paragraph %d: the committee heard evidence from residents, shop owners and cycling groups about the route, "+
			"the cost and the timetable for construction, which officials said could begin in the autumn.</p>", i)
	}
	b.WriteString("</article></body></html>")
	return []byte(b.String())
}

// TestFromHTMLCostBounded guards against go-trafilatura's quadratic cost
// in the paragraph text: past the text budget, a four times larger page
// must not cost four times more (without the budget it cost 3.5 times
// more per doubling).
func TestFromHTMLCostBounded(t *testing.T) {
	allocated := func(page []byte) uint64 {
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		if _, err := FromHTML(context.Background(), page, "", Options{}); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&m1)
		return m1.TotalAlloc - m0.TotalAlloc
	}
	small, large := allocated(densePage(4000)), allocated(densePage(16000)) // 1 MB, 4 MB
	if ratio := float64(large) / float64(small); ratio > 2 {
		t.Errorf("a 4 MB page allocates %.1f times what a 1 MB page does (%d vs %d MB)", ratio, large>>20, small>>20)
	}
}

func TestTruncateText(t *testing.T) {
	doc, err := parse([]byte("<html><body><div><p>aaaa</p><p>bbbb <b>cccc</b> dddd</p><p>eeee</p></div><footer>ffff</footer></body></html>"), "")
	if err != nil {
		t.Fatal(err)
	}
	if truncateText(doc, 100) {
		t.Error("cut a document under the budget")
	}
	scripted, err := parse([]byte("<html><head><script>"+strings.Repeat("var x = 1;", 100)+"</script></head><body><p>short</p></body></html>"), "")
	if err != nil {
		t.Fatal(err)
	}
	if truncateText(scripted, 100) {
		t.Error("script text counted against the budget")
	}
	if !truncateText(doc, 10) {
		t.Fatal("did not cut a document over the budget")
	}
	if got := renderText(doc); got != "aaaa\n\nbbbb cccc" {
		t.Errorf("after the cut: %q, want the text up to the node that crossed the budget", got)
	}
}
