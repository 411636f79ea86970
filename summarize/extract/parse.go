package extract

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/unicode/norm"
)

// metaScanBytes bounds the search for a <meta charset> declaration; pages
// put it in the head, and scanning further would only find strings that
// are not declarations.
const metaScanBytes = 64 << 10

// metaCharset finds the charset of <meta charset="..."> and of <meta
// http-equiv="Content-Type" content="text/html; charset=...">.
var metaCharset = regexp.MustCompile(`(?i)<meta\s[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.+-]+)`)

// parse decodes page to UTF-8 and parses it into a DOM.
func parse(page []byte, contentType string) (*html.Node, error) {
	text := decode(page, contentType)
	// Some pages (often from macOS tools) store decomposed accents; the
	// extracted text should compare equal to what users type.
	text = norm.NFC.Bytes(text)
	doc, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		return nil, err
	}
	removeElements(doc, "rt", "rp")
	return doc, nil
}

// hiddenText are the elements whose text is not displayed (scripts,
// styles, JSON data): it does not count against the text budget.
var hiddenText = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true,
	"svg": true, "math": true, "head": true, "title": true, "textarea": true,
}

// truncateText cuts the document after its first max bytes of text (in
// document order), dropping everything that follows, and reports whether
// it cut. Whitespace-only text and text that is not displayed do not
// count.
func truncateText(doc *html.Node, max int) bool {
	total := 0
	var cut *html.Node
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.TextNode {
			if strings.TrimSpace(n.Data) != "" {
				total += len(n.Data)
			}
			if total > max {
				cut = n
				return true
			}
			return false
		}
		if n.Type == html.ElementNode && hiddenText[n.Data] {
			return false
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	if !walk(doc) {
		return false
	}
	for n := cut; n.Parent != nil; n = n.Parent {
		for n.NextSibling != nil {
			n.Parent.RemoveChild(n.NextSibling)
		}
	}
	return true
}

// removeElements deletes the elements named (with their content) from the
// tree. Ruby annotations (<rt>, <rp>) are pronunciation guides printed
// above the text: kept, they would be spliced into every word they gloss.
func removeElements(n *html.Node, names ...string) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && slices.Contains(names, c.Data) {
			n.RemoveChild(c)
		} else {
			removeElements(c, names...)
		}
		c = next
	}
}

// decode returns page as UTF-8, choosing the charset as a browser would:
// a byte order mark, then the HTTP header's charset, then the page's meta
// declaration; an undeclared page is UTF-8 when it is valid UTF-8, and is
// otherwise detected statistically. Undecodable bytes become U+FFFD.
func decode(page []byte, contentType string) []byte {
	enc := chooseEncoding(page, contentType)
	if enc == nil {
		return bytes.ToValidUTF8(page, []byte("\uFFFD"))
	}
	out, err := enc.NewDecoder().Bytes(page)
	if err != nil {
		return bytes.ToValidUTF8(page, []byte("\uFFFD"))
	}
	return out
}

// chooseEncoding returns the page's encoding, or nil for UTF-8.
func chooseEncoding(page []byte, contentType string) encoding.Encoding {
	if _, name, certain := charset.DetermineEncoding(page, contentType); certain {
		return lookup(name)
	}
	head := page
	if len(head) > metaScanBytes {
		head = head[:metaScanBytes]
	}
	if m := metaCharset.FindSubmatch(head); m != nil {
		if e, name := charset.Lookup(string(m[1])); e != nil {
			// A page cannot declare itself UTF-16 in ASCII: the HTML
			// standard reads such a declaration as UTF-8.
			if strings.HasPrefix(name, "utf-16") {
				return nil
			}
			return lookup(name)
		}
	}
	if utf8.Valid(page) {
		return nil
	}
	if res, err := chardet.NewHtmlDetector().DetectBest(page); err == nil {
		if e, name := charset.Lookup(res.Charset); e != nil {
			return lookup(name)
		}
	}
	return lookup("windows-1252")
}

func lookup(name string) encoding.Encoding {
	if name == "utf-8" {
		return nil
	}
	e, _ := charset.Lookup(name)
	return e
}

// sniffBytes is how far into the input LooksLikeHTML looks for markup.
const sniffBytes = 1024

// htmlStarts are the tags that, at the start of a document (after
// whitespace and comments), mark it as HTML. The list follows the HTML
// tags of the WHATWG MIME sniffing standard, plus common body elements
// for fragments.
var htmlStarts = []string{
	"<!doctype html", "<html", "<head", "<body", "<script", "<iframe",
	"<h1", "<h2", "<h3", "<div", "<font", "<table", "<a", "<style",
	"<title", "<b", "<br", "<p", "<meta", "<link", "<article",
	"<section", "<main", "<header", "<nav", "<span", "<ul", "<ol",
	"<!--", "<?xml",
}

// LooksLikeHTML reports whether b is an HTML document or fragment, judging
// by its content: after a byte order mark and whitespace, it must start
// with a doctype, an HTML comment or XML declaration followed by markup,
// or a common HTML tag such as <html>, <head>, <body>, <div> or <p>. Text
// that merely mentions a tag later on is not HTML.
func LooksLikeHTML(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	if len(b) > sniffBytes {
		b = b[:sniffBytes]
	}
	for range 16 { // skip leading comments and declarations, but not forever
		b = bytes.TrimLeft(b, " \t\r\n\f")
		switch {
		case hasPrefixFold(b, "<!--"):
			end := bytes.Index(b, []byte("-->"))
			if end < 0 {
				return false
			}
			b = b[end+3:]
			continue
		case hasPrefixFold(b, "<?xml"):
			end := bytes.Index(b, []byte("?>"))
			if end < 0 {
				return false
			}
			b = b[end+2:]
			continue
		}
		break
	}
	for _, tag := range htmlStarts {
		if tag == "<!--" || tag == "<?xml" {
			continue
		}
		if !hasPrefixFold(b, tag) {
			continue
		}
		rest := b[len(tag):]
		if tag == "<!doctype html" {
			return true
		}
		// The tag name must end here: "<p>" or "<p class" but not "<pre"
		// for "<p", nor "<apple" for "<a".
		if len(rest) > 0 && (rest[0] == '>' || rest[0] == ' ' || rest[0] == '\t' ||
			rest[0] == '\n' || rest[0] == '\r' || rest[0] == '/') {
			return true
		}
	}
	return false
}
