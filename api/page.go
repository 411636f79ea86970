package api

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/skimhq/skim/summarize"
	"github.com/skimhq/skim/summarize/extract"
)

// input is what a request or batch document asks to summarize.
type input int

const (
	inputText input = iota // plain text (also when nothing was given: text_required)
	inputHTML              // a web page sent by the client
	inputURL               // a web page for the server to fetch
)

// inputOf returns which of text, html and url a request carries, or the
// 400 naming the conflict: exactly one may be given, except that url may
// come with html as the page's address. where prefixes the field names of
// a batch document ("documents[3].").
func inputOf(text, html, url, where string) (input, error) {
	switch {
	case text != "" && (html != "" || url != ""):
		var given []string
		for _, f := range []struct{ name, value string }{{"text", text}, {"html", html}, {"url", url}} {
			if f.value != "" {
				given = append(given, strconv.Quote(where+f.name))
			}
		}
		return 0, apiError(CodeInvalidField,
			"give exactly one of %q, %q and %q (url may come with html as the page's address); got %s",
			where+"text", where+"html", where+"url", strings.Join(given, " and "))
	case html != "":
		return inputHTML, nil
	case url != "":
		return inputURL, nil
	}
	return inputText, nil
}

// errFetchDisabled answers {"url": ...} on a server started without --fetch.
var errFetchDisabled = &Error{Code: CodeFetchDisabled,
	Message: "this server does not fetch web pages (start it with --fetch); send the page as html or its text as text"}

// userAgent is the User-Agent of the server's fetches.
func userAgent(v VersionInfo) string {
	version := v.Version
	if version == "" {
		version = "dev"
	}
	return fmt.Sprintf("skim/%s (+https://github.com/skimhq/skim)", version)
}

// fetch downloads the page at rawURL with the fetcher's guards and charges
// its bytes to the in-flight budget; the caller calls release once the
// page is no longer needed. The fetch runs under the request's context,
// not the compute budget: waiting for a slow site costs no CPU, and its
// limit is the fetch timeout.
func (s *summaryService) fetch(ctx context.Context, b *budget, rawURL string) (page *extract.Page, release func(), err error) {
	if s.fetcher == nil {
		return nil, nil, errFetchDisabled
	}
	page, err = s.fetcher.Fetch(ctx, rawURL)
	s.m.fetches.WithLabelValues(outcome(err)).Inc()
	if err != nil {
		return nil, nil, err
	}
	n, err := b.acquire(ctx, int64(len(page.Body)))
	if err != nil {
		return nil, nil, err
	}
	return page, func() { b.release(n) }, nil
}

// pageArticle returns the article of a fetched page: extracted from HTML,
// or the body itself when the page is plain text, which has no chrome to
// remove.
func (s *summaryService) pageArticle(ctx context.Context, page *extract.Page) (*extract.Article, error) {
	if page.IsHTML() {
		return s.extract(ctx, page.Body, page.URL, page.ContentType)
	}
	if err := notText(page.Body); err != nil {
		return nil, err
	}
	return &extract.Article{URL: page.URL, Text: strings.TrimSpace(summarize.ValidUTF8(string(page.Body)))}, nil
}

// extract extracts the article of an HTML page under ctx (the compute
// budget). contentType is the page's media type, whose charset decodes it.
// Extracting a large page is as heavy as summarizing a large text, so it
// takes a heavy slot too (released before the summary takes its own).
func (s *summaryService) extract(ctx context.Context, page []byte, pageURL, contentType string) (*extract.Article, error) {
	if len(page) >= heavyDocument {
		if err := s.heavy.Acquire(ctx, 1); err != nil {
			return nil, fmt.Errorf("wait to extract: %w", context.Cause(ctx))
		}
		defer s.heavy.Release(1)
	}
	began := time.Now()
	art, err := extract.FromHTML(ctx, page, pageURL, extract.Options{ContentType: contentType})
	if err != nil && ctx.Err() != nil {
		err = fmt.Errorf("extract: %w", context.Cause(ctx))
	}
	s.m.extractDuration.WithLabelValues(outcome(err)).Observe(time.Since(began).Seconds())
	return art, err
}

// outcome is the metrics label of a result: "ok", or the error's code.
func outcome(err error) string {
	if err == nil {
		return "ok"
	}
	return string(Classify(err))
}

// summarizeArticle summarizes an extracted article (see ArticleDocument)
// and adds the article to the response (see WithArticle).
func (s *summaryService) summarizeArticle(ctx context.Context, lang, title string, art *extract.Article, opts summarize.Options) (*SummaryResponse, error) {
	asked := opts.Language
	doc := ArticleDocument(title, art, &opts)
	if opts.Language != asked {
		lang = opts.Language // the page's, canonical
	}
	res, err := s.summarize(ctx, lang, doc, opts)
	if err != nil {
		return nil, err
	}
	return res.WithArticle(art), nil
}

// ArticleDocument returns the document to summarize for an article
// extracted from a web page: title, when the request gave one, else the
// page's headline, and the article text. When opts asks for no language
// ("" or "auto") and the page declares one that skim supports, opts is set
// to it (canonical code): the page knows its language better than a
// guess from its words.
func ArticleDocument(title string, art *extract.Article, opts *summarize.Options) summarize.Document {
	if title == "" {
		title = art.Title
	}
	if (opts.Language == "" || opts.Language == "auto") && art.Language != "" {
		if code, err := summarize.CanonicalLanguage(art.Language); err == nil && code != "auto" {
			opts.Language = code
		}
	}
	return summarize.Document{Title: title, Text: art.Text}
}

// WithArticle returns a copy of r (which may be a cached, shared value)
// with the article's text, which the sentence offsets index, and what is
// known of its page.
func (r *SummaryResponse) WithArticle(art *extract.Article) *SummaryResponse {
	out := *r
	out.Text = art.Text
	out.Source = &SourceResponse{
		URL: art.URL, Title: art.Title, Byline: art.Byline,
		Published: art.Published, Site: art.Site, Language: art.Language,
	}
	return &out
}

// jsonHTMLType is the media type of a page sent in a JSON string: the JSON
// decoder has made it UTF-8 whatever charset the page itself declares.
const jsonHTMLType = "text/html; charset=utf-8"
