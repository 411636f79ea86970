package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/skimhq/skim/api"
	"github.com/skimhq/skim/summarize"
	"github.com/skimhq/skim/summarize/corpus"
	"github.com/skimhq/skim/summarize/extract"
)

// runSummarize summarizes one article read from a file, stdin or a URL.
func runSummarize(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := newFlagSet("summarize", "[flags] [FILE|URL]",
		"Summarizes one article: FILE, an http(s) URL, or stdin without FILE or with -.\n"+
			"A web page (HTML, detected by content) is summarized from its article alone: menus,\n"+
			"banners and footers are dropped, and --format json adds the article's text and source.\n"+
			"Flags may follow FILE. For many articles use skim batch.", stderr)
	var fetch fetchFlags
	if err := fetch.register(fs, getenv); err != nil {
		return err
	}
	var (
		opt    optionFlags
		idf    = fs.String("idf", "", "corpus IDF table built by 'skim idf' (default: in-document IDF)")
		title  = fs.String("title", "", "article title (default: the first line when it reads as a headline)")
		format = fs.String("format", "text", "output: text (one sentence per line) or json (the API's object)")
		limit  = fs.Int64("max-record-bytes", corpus.DefaultMaxRecordBytes, "largest article or page read or fetched, in bytes")
	)
	opt.register(fs)
	files, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(files) > 1 {
		return usageError(fs, "one FILE or URL at a time, got %d (use skim batch for many)", len(files))
	}
	if *format != "text" && *format != "json" {
		return usageError(fs, "--format must be text or json, got %q", *format)
	}
	if *limit <= 0 {
		return usageError(fs, "--max-record-bytes must be positive, got %d", *limit)
	}
	opts, err := opt.options()
	if err != nil {
		return usageFailure(err)
	}
	src := ""
	if len(files) == 1 {
		src = files[0]
	}
	text, art, err := readSource(ctx, src, stdin, *limit, fetch.timeout)
	if err != nil {
		return err
	}
	doc := summarize.Document{Title: *title, Text: text}
	if art != nil {
		doc = api.ArticleDocument(*title, art, &opts)
	}
	s, err := loadSummarizer(*idf, opt.language)
	if err == nil {
		err = preload(s, opts.Language)
	}
	if err != nil {
		return startupFailure(err)
	}
	began := time.Now()
	sum, err := s.Summarize(ctx, doc, opts)
	took := time.Since(began)
	if err != nil {
		return err
	}
	if *format == "json" {
		res := api.NewSummaryResponse(sum, doc.Text, took)
		if art != nil {
			res = res.WithArticle(art)
		}
		return writeJSON(stdout, res)
	}
	if sum.OverLimit {
		// The summary is not empty but breaks the limit asked for: say so
		// where a script reading stdout will not mistake it for the summary.
		fmt.Fprintln(stderr, "summarize: every sentence is longer than the limit; showing the best one")
	}
	for _, sentence := range sum.Sentences {
		if _, err := fmt.Fprintln(stdout, terminalSafe(sentence.Text)); err != nil {
			return err
		}
	}
	return nil
}

// readSource reads the article of src: a file, stdin ("" or "-") or an
// http(s) URL, up to limit bytes. A web page (by its content type, its
// content or its extension) gives its extracted article; anything else is
// text (see decodeArticle).
func readSource(ctx context.Context, src string, stdin io.Reader, limit int64, timeout time.Duration) (string, *extract.Article, error) {
	if isURL(src) {
		page, err := fetchPage(ctx, src, limit, timeout)
		if err != nil {
			return "", nil, err
		}
		art, err := pageArticle(ctx, page)
		return "", art, err
	}
	name, data, tooLarge, err := readInput(src, stdin, limit)
	if err != nil {
		return "", nil, err
	}
	if isHTMLInput(src, data) {
		if tooLarge {
			return "", nil, errTooLarge(name, "--max-record-bytes", limit)
		}
		art, err := extract.FromHTML(ctx, data, "", extract.Options{})
		if err != nil {
			return "", nil, fmt.Errorf("%s: %w", name, err)
		}
		return "", art, nil
	}
	// Binary content is named as such even when it is also too large: that
	// is the mistake to report.
	text, err := decodeArticle(name, data)
	if err == nil && tooLarge {
		err = errTooLarge(name, "--max-record-bytes", limit)
	}
	return text, nil, err
}

// decodeArticle returns the article in data as text: a UTF-16 file with a
// byte order mark is decoded, and binary content is an error with the
// not_text code.
func decodeArticle(name string, data []byte) (string, error) {
	data, err := corpus.DecodeText(data)
	if err != nil {
		return "", &api.Error{Code: api.CodeNotText, Message: fmt.Sprintf("%s: %v", name, err)}
	}
	return string(data), nil
}

// terminalSafe neutralizes what a terminal would act on in text printed to
// it: every C0 control but tab and line feed (ESC starts the sequences
// that retitle or clear a terminal), DEL, and the C1 controls (U+0080 to
// U+009F; U+009B is a one-character CSI). C0 controls and DEL become their
// visible Control Pictures (ESC is shown as U+241B), C1 controls U+FFFD.
func terminalSafe(s string) string {
	unsafe := func(r rune) bool {
		return r < 0x20 && r != '\t' && r != '\n' || r >= 0x7F && r <= 0x9F
	}
	if strings.IndexFunc(s, unsafe) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case !unsafe(r):
			return r
		case r < 0x20:
			return 0x2400 + r
		case r == 0x7F:
			return 0x2421
		}
		return utf8.RuneError
	}, s)
}

// writeJSON prints v as indented JSON that is safe to show in a terminal
// (see escapeC1), with <, > and & left as they are.
func writeJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escapeC1(b.Bytes()))
	return err
}

// escapeC1 writes DEL and the C1 controls in JSON text as \u escapes, which
// encoding/json leaves raw (it escapes only C0), so that JSON output shown
// in a terminal cannot drive it either. Outside strings JSON has only
// ASCII, so every such character is inside a string, where the escape
// means the same.
func escapeC1(b []byte) []byte {
	if bytes.IndexByte(b, 0x7F) < 0 && bytes.IndexByte(b, 0xC2) < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == 0x7F:
			out = append(out, `\u007f`...)
		case c == 0xC2 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9F:
			out = fmt.Appendf(out, `\u%04x`, b[i+1])
			i++
		default:
			out = append(out, c)
		}
	}
	return out
}
