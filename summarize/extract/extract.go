// Package extract turns a web page into the article it carries: the main
// text, without navigation, banners, footers or comments, plus the title,
// byline, date, site name and language. The heavy lifting is done by
// go-trafilatura (a port of Python's trafilatura); this package adds charset
// decoding, a plain-text rendering that keeps paragraph breaks, HTML
// sniffing and a guarded URL fetcher (see Fetcher).
//
// The package is independent of the summarizer: it returns text, and the
// caller decides what to do with it.
//
// Cost: extraction parses the whole page into a DOM and copies it a few
// times: a 100 KB news page takes 8 to 25 ms on one core and allocates 6 to
// 9 MB (BenchmarkFromHTML). go-trafilatura's cost grows with the square of
// a page's paragraph text, so FromHTML considers only the first
// Options.MaxTextBytes of displayed text (256 KiB by default; a 5 MB page
// of paragraphs then takes about 0.1 s). FromHTML does not cap its input
// bytes; callers that take pages from untrusted sources must bound the
// size first (Fetcher does, with MaxBytes).
//
// Dates are found in go-htmldate's fast mode (HtmlDateMode Fast), which
// never calls a date parser, so go.mod replaces go-dateparser, whose
// package init built locale tables in every process that links this
// package, with a small stand-in (internal/dateparser).
package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// ErrNoArticle reports a page in which nothing article-like was found.
var ErrNoArticle = errors.New("no article found in the page")

// Article is the main content of a web page and what is known about it.
type Article struct {
	// URL is the page's address: the canonical URL the page declares, else
	// the address it was read from, else empty.
	URL string `json:"url"`
	// Title is the headline.
	Title string `json:"title"`
	// Byline names the authors, as the page gives them.
	Byline string `json:"byline"`
	// Published is the publication date as YYYY-MM-DD, or empty when
	// unknown.
	Published string `json:"published"`
	// Site is the site's name (og:site_name and the like), or empty.
	Site string `json:"site"`
	// Language is the page's declared language tag (from <html lang> or a
	// meta element), else the one detected from the text, or empty.
	Language string `json:"language"`
	// Text is the article body: one paragraph (or heading, list item, table
	// row) per block, blocks separated by a blank line, whitespace within
	// a block collapsed.
	Text string `json:"text"`
}

// Focus trades recall against precision.
type Focus int

// The extraction focuses.
const (
	// Balanced is trafilatura's default trade-off.
	Balanced Focus = iota
	// FavorPrecision keeps less text, dropping doubtful blocks.
	FavorPrecision
	// FavorRecall keeps more text, even when unsure.
	FavorRecall
)

// Options tunes extraction. The zero value is the recommended setting,
// chosen by measurement on trafilatura's evaluation set (see
// cmd/skim/internal/extracteval).
type Options struct {
	// ContentType is the page's HTTP Content-Type header, if known; its
	// charset parameter takes precedence over the page's own declaration.
	ContentType string
	// Focus trades recall against precision.
	Focus Focus
	// NoFallback disables the second opinion of the readability and DOM
	// distiller algorithms, which costs about a third more time and
	// recovers pages trafilatura's own rules miss.
	NoFallback bool
	// IncludeComments keeps reader comments, appended after the body.
	IncludeComments bool
	// ExcludeTables drops the content of tables.
	ExcludeTables bool
	// MaxTextBytes bounds the text considered: a page with more text (in
	// any element) is cut after its first MaxTextBytes bytes of text
	// before extraction, because go-trafilatura's cost grows with the
	// square of the page's paragraph text (it concatenates the text of
	// every <p> one at a time). Zero means DefaultMaxTextBytes; negative,
	// no limit.
	MaxTextBytes int
}

// DefaultMaxTextBytes is the default Options.MaxTextBytes: 256 KiB, about
// 40,000 words, four times a long-form article. A page of that much
// paragraph text takes about 80 ms and allocates about 160 MB (transient).
const DefaultMaxTextBytes = 256 << 10

// FromHTML extracts the article from page, the raw bytes of an HTML
// document in any charset (decoded using opts.ContentType, a byte order
// mark, the page's meta declaration, or detection, in that order). pageURL
// is the address the page was read from, or empty; it resolves relative
// links and is the fallback for Article.URL. It returns ErrNoArticle when
// the page holds no article text.
//
// The context is checked between stages; a single extraction is not
// interrupted.
func FromHTML(ctx context.Context, page []byte, pageURL string, opts Options) (*Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	doc, err := parse(page, opts.ContentType)
	if err != nil {
		return nil, fmt.Errorf("extract: parse HTML: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	lang := declaredLanguage(doc)
	maxText := opts.MaxTextBytes
	if maxText == 0 {
		maxText = DefaultMaxTextBytes
	}
	if maxText > 0 {
		truncateText(doc, maxText)
	}

	topts := trafilatura.Options{
		EnableFallback:  !opts.NoFallback,
		ExcludeComments: !opts.IncludeComments,
		ExcludeTables:   opts.ExcludeTables,
		// The date is metadata for display; a full-text date scan with
		// the multilingual date parser costs more than the extraction.
		HtmlDateMode: trafilatura.Fast,
		// Links are kept in the tree only so that renderText can drop
		// paragraphs made of nothing but links (teasers, related
		// articles); the text carries no link targets.
		IncludeLinks: true,
	}
	switch opts.Focus {
	case FavorPrecision:
		topts.Focus = trafilatura.FavorPrecision
	case FavorRecall:
		topts.Focus = trafilatura.FavorRecall
	}
	if pageURL != "" {
		if u, err := url.Parse(pageURL); err == nil && u.IsAbs() {
			topts.OriginalURL = u
		}
	}
	res, err := trafilatura.ExtractDocument(doc, topts)
	if err != nil || res == nil || res.ContentNode == nil {
		// trafilatura reports "nothing found" with ad-hoc errors only.
		return nil, fmt.Errorf("extract: %w", ErrNoArticle)
	}
	text := renderText(res.ContentNode)
	if opts.IncludeComments && res.CommentsNode != nil {
		if c := renderText(res.CommentsNode); c != "" {
			text = strings.TrimSpace(text + "\n\n" + c)
		}
	}
	if text == "" {
		return nil, fmt.Errorf("extract: %w", ErrNoArticle)
	}
	md := res.Metadata
	a := &Article{
		URL:      md.URL,
		Title:    collapse(md.Title),
		Byline:   collapse(md.Author),
		Site:     collapse(md.Sitename),
		Language: lang,
		Text:     text,
	}
	if a.URL == "" {
		a.URL = pageURL
	}
	if a.Language == "" {
		a.Language = md.Language
	}
	if !md.Date.IsZero() {
		a.Published = md.Date.Format(time.DateOnly)
	}
	return a, nil
}

// declaredLanguage returns the language tag the page declares: <html
// lang>, else <meta http-equiv="content-language">, else og:locale, with
// underscores turned into hyphens ("de_DE" → "de-DE"); or "".
func declaredLanguage(doc *html.Node) string {
	var htmlLang, metaLang, ogLocale string
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html":
				htmlLang = attr(n, "lang")
				if htmlLang == "" {
					htmlLang = attr(n, "xml:lang")
				}
			case "meta":
				switch {
				case strings.EqualFold(attr(n, "http-equiv"), "content-language"):
					metaLang = attr(n, "content")
				case strings.EqualFold(attr(n, "property"), "og:locale"):
					ogLocale = attr(n, "content")
				}
			case "body":
				return // the declarations live in <html> and <head>
			}
		}
		if depth > 3 {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	for _, l := range []string{htmlLang, metaLang, ogLocale} {
		if l = cleanLangTag(l); l != "" {
			return l
		}
	}
	return ""
}

// cleanLangTag returns the first tag of a declaration ("de-DE, en" →
// "de-DE"), or "" when it does not look like a BCP 47 tag.
func cleanLangTag(s string) string {
	s, _, _ = strings.Cut(s, ",")
	s = strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
	if len(s) < 2 || len(s) > 35 {
		return ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return ""
		}
	}
	return s
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

// collapse trims s and turns each run of whitespace into one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// hasPrefixFold reports whether b starts with the ASCII prefix, ignoring
// case.
func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}
