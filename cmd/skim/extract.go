package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/skimhq/skim/summarize/extract"
)

// runExtract prints the article extracted from a web page: a local HTML
// file, standard input, or an http(s) URL, which is fetched with the
// Fetcher's guards except the private-address rule (the command runs on
// the user's own behalf, so intranet pages are fair game). It is the
// extraction alone, so that it can be inspected and measured.
func runExtract(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := newFlagSet("extract", "[flags] [FILE.html|URL]",
		"Prints the article of a web page, without menus, banners, footers and related links:\n"+
			"FILE (HTML detected by content or extension), an http(s) URL, or stdin without FILE\n"+
			"or with -. JSON output is {url, title, byline, published, site, language, text}.", stderr)
	var fetch fetchFlags
	if err := fetch.register(fs, getenv); err != nil {
		return err
	}
	var (
		format   = fs.String("format", "json", "output: json or text (the article text alone)")
		maxBytes = fs.Int64("max-bytes", extract.DefaultMaxBytes, "largest page read or fetched, in bytes")
	)
	operands, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(operands) > 1:
		return usageError(fs, "one FILE or URL at a time, got %d", len(operands))
	case *format != "json" && *format != "text":
		return usageError(fs, "--format must be json or text, got %q", *format)
	case *maxBytes <= 0:
		return usageError(fs, "--max-bytes must be positive, got %d", *maxBytes)
	}
	src := ""
	if len(operands) == 1 {
		src = operands[0]
	}
	art, err := extractSource(ctx, src, stdin, *maxBytes, fetch.timeout)
	if err != nil {
		return err
	}
	if *format == "text" {
		_, err := fmt.Fprintln(stdout, terminalSafe(art.Text))
		return err
	}
	return writeJSON(stdout, art)
}

// extractSource reads or fetches src ("" or "-": stdin) and extracts its
// article.
func extractSource(ctx context.Context, src string, stdin io.Reader, maxBytes int64, timeout time.Duration) (*extract.Article, error) {
	if isURL(src) {
		page, err := fetchPage(ctx, src, maxBytes, timeout)
		if err != nil {
			return nil, err
		}
		return pageArticle(ctx, page)
	}
	name, data, tooLarge, err := readInput(src, stdin, maxBytes)
	switch {
	case err != nil:
		return nil, err
	case tooLarge:
		return nil, fmt.Errorf("read %s: %w: over %d bytes (see --max-bytes)", name, extract.ErrTooLarge, maxBytes)
	case !isHTMLInput(src, data):
		return nil, fmt.Errorf("%s does not look like an HTML page", name)
	}
	art, err := extract.FromHTML(ctx, data, "", extract.Options{})
	if errors.Is(err, extract.ErrNoArticle) {
		return nil, fmt.Errorf("%s: %w", name, extract.ErrNoArticle)
	}
	return art, err
}
