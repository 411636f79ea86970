package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/skimhq/skim/api"
	"github.com/skimhq/skim/summarize/corpus"
	"github.com/skimhq/skim/summarize/extract"
)

// isURL reports whether a command's operand is a web address to fetch
// rather than a file.
func isURL(src string) bool {
	lower := strings.ToLower(src)
	return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
}

// fetchFlags are the flags of commands that fetch web pages.
type fetchFlags struct {
	timeout time.Duration
}

// register adds --fetch-timeout, whose default SKIM_FETCH_TIMEOUT may set
// (as it sets skim serve's).
func (f *fetchFlags) register(fs *flag.FlagSet, getenv func(string) string) error {
	f.timeout = extract.DefaultTimeout
	if v := getenv("SKIM_FETCH_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return usageFailure(fmt.Errorf("SKIM_FETCH_TIMEOUT=%q: want a positive duration such as 10s", v))
		}
		f.timeout = d
	}
	fs.DurationVar(&f.timeout, "fetch-timeout", f.timeout, "time limit for fetching a URL, redirects included (env SKIM_FETCH_TIMEOUT)")
	return nil
}

// fetchPage fetches a URL for a command. The fetcher keeps every guard but
// the private-address rule: the command acts for the user, whose intranet
// pages are fair game. A page that could not be fetched (network, upstream
// status, timeout) is an input error, exit status 3: a retry may succeed.
func fetchPage(ctx context.Context, rawURL string, maxBytes int64, timeout time.Duration) (*extract.Page, error) {
	f := &extract.Fetcher{
		AllowPrivate: true,
		Timeout:      timeout,
		MaxBytes:     maxBytes,
		UserAgent:    fmt.Sprintf("skim/%s (+https://github.com/skimhq/skim)", version),
	}
	page, err := f.Fetch(ctx, rawURL)
	if errors.Is(err, extract.ErrFetchFailed) || errors.Is(err, extract.ErrFetchTimeout) {
		return nil, ioFailure(err)
	}
	return page, err
}

// isHTMLInput reports whether the bytes read from name are a web page: by
// the file's extension (corpus.IsHTMLName, as skim batch decides), or by
// their content (extract.LooksLikeHTML).
func isHTMLInput(name string, data []byte) bool {
	return corpus.IsHTMLName(name) || extract.LooksLikeHTML(data)
}

// pageArticle returns the article of a fetched page: extracted from HTML,
// or the body itself for plain text, which has no chrome to remove.
func pageArticle(ctx context.Context, page *extract.Page) (*extract.Article, error) {
	if !page.IsHTML() {
		text, err := decodeArticle(page.URL, page.Body)
		if err != nil {
			return nil, err
		}
		return &extract.Article{URL: page.URL, Text: strings.TrimSpace(text)}, nil
	}
	return extract.FromHTML(ctx, page.Body, page.URL, extract.Options{ContentType: page.ContentType})
}

// readInput reads at most limit bytes of the file src, or of stdin for ""
// and "-", and returns the name to show in errors ("stdin" or src). More
// than limit bytes sets tooLarge, which the caller reports after the
// content's own problem (binary text) has been named.
func readInput(src string, stdin io.Reader, limit int64) (name string, data []byte, tooLarge bool, err error) {
	name, in := "stdin", stdin
	if src != "" && src != "-" {
		f, err := os.Open(src)
		if err != nil {
			return src, nil, false, ioFailure(err)
		}
		defer f.Close()
		name, in = src, f
	}
	data, err = io.ReadAll(io.LimitReader(in, limit+1))
	if err != nil {
		return name, nil, false, ioFailure(fmt.Errorf("read %s: %w", name, err))
	}
	return name, data, int64(len(data)) > limit, nil
}

// errTooLarge is the record_too_large error of an input over limit bytes.
func errTooLarge(name, flagName string, limit int64) error {
	return &api.Error{Code: api.CodeRecordTooLarge, Message: fmt.Sprintf("%s: over %s (%d)", name, flagName, limit)}
}
