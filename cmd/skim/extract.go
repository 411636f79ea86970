package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/skimhq/skim/summarize/extract"
)

// runExtract prints the article extracted from a web page: a local HTML
// file, standard input, or an http(s) URL, which is fetched with the
// Fetcher's guards except the private-address rule (the command runs on
// the user's own behalf, so intranet pages are fair game). It returns
// flag.ErrHelp for -h, the flag error for bad flags, and
// extract.ErrNoArticle (wrapped) when the page has no article.
func runExtract(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: skim extract [flags] FILE.html|URL   (reads stdin without FILE or with -)")
		fmt.Fprintln(stderr, "Prints the page's main text and metadata, without menus, banners and footers.")
		fs.PrintDefaults()
	}
	timeout := extract.DefaultTimeout
	if v := getenv("SKIM_FETCH_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return fmt.Errorf("SKIM_FETCH_TIMEOUT=%q: want a positive duration such as 10s", v)
		}
		timeout = d
	}
	var (
		format   = fs.String("format", "json", "output: json ({url,title,byline,published,site,language,text}) or text")
		maxBytes = fs.Int64("max-bytes", extract.DefaultMaxBytes, "largest page read or fetched, in bytes")
	)
	fs.DurationVar(&timeout, "timeout", timeout, "time limit for fetching a URL, redirects included (env SKIM_FETCH_TIMEOUT)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *format != "json" && *format != "text" {
		return fmt.Errorf("--format must be json or text, got %q", *format)
	}
	if fs.NArg() > 1 {
		return fmt.Errorf("extract takes one FILE or URL, got %d", fs.NArg())
	}
	if *maxBytes <= 0 {
		return fmt.Errorf("--max-bytes must be positive, got %d", *maxBytes)
	}
	src := fs.Arg(0)
	art, err := extractSource(ctx, src, stdin, *maxBytes, timeout)
	if err != nil {
		return err
	}
	if *format == "text" {
		_, err := fmt.Fprintln(stdout, neutralizeControls(art.Text))
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(art)
}

// extractSource reads or fetches src and extracts its article.
func extractSource(ctx context.Context, src string, stdin io.Reader, maxBytes int64, timeout time.Duration) (*extract.Article, error) {
	lower := strings.ToLower(src)
	if strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") {
		f := &extract.Fetcher{
			AllowPrivate: true,
			Timeout:      timeout,
			MaxBytes:     maxBytes,
			UserAgent:    fmt.Sprintf("skim/%s (+https://github.com/skimhq/skim)", version),
		}
		page, err := f.Fetch(ctx, src)
		if err != nil {
			return nil, err
		}
		if !page.IsHTML() {
			// Plain text has no chrome to remove: it is the article.
			return &extract.Article{URL: page.URL, Text: strings.TrimSpace(string(page.Body))}, nil
		}
		return extract.FromHTML(ctx, page.Body, page.URL, extract.Options{ContentType: page.ContentType})
	}
	in, name := stdin, "standard input"
	if src != "" && src != "-" {
		f, err := os.Open(src)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		in, name = f, src
	}
	data, err := io.ReadAll(io.LimitReader(in, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("read %s: %w: over %d bytes (see --max-bytes)", name, extract.ErrTooLarge, maxBytes)
	}
	ext := strings.ToLower(filepath.Ext(src))
	if !extract.LooksLikeHTML(data) && ext != ".html" && ext != ".htm" && ext != ".xhtml" {
		return nil, fmt.Errorf("%s does not look like an HTML page", name)
	}
	return extract.FromHTML(ctx, data, "", extract.Options{})
}

// neutralizeControls replaces control characters other than line feeds
// and tabs with U+FFFD, so that text from a page cannot move the cursor,
// retitle or clear the user's terminal.
func neutralizeControls(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return '\uFFFD'
		}
		return r
	}, s)
}
