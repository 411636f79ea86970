package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skimhq/skim/api"
)

const newsPagePath = "../../testdata/html/news-page.html"

// newsHeadline is the headline of the test page.
const newsHeadline = "Council approves riverside park after decade-long campaign"

func readNewsPage(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(newsPagePath)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// newsBodyText is the article body of the test page, paragraphs as in its
// source, for checking that summary sentences come from it alone.
func newsBodyText(t testing.TB, page string) string {
	t.Helper()
	body := page[strings.Index(page, "<article>"):strings.Index(page, "</article>")]
	return strings.ReplaceAll(body, "&#39;", "'")
}

// TestSummarizeCommandPage: skim summarize on a web page (a file, stdin,
// a URL) summarizes its article alone; JSON adds text and source.
func TestSummarizeCommandPage(t *testing.T) {
	t.Parallel()
	page := readNewsPage(t)
	noExt := filepath.Join(t.TempDir(), "page") // detected by content
	must(t, os.WriteFile(noExt, []byte(page), 0o644))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	}))
	t.Cleanup(srv.Close)
	body := newsBodyText(t, page)

	tests := []struct {
		name  string
		args  []string
		stdin string
	}{
		{"file", []string{"summarize", newsPagePath}, ""},
		{"file without extension", []string{"summarize", noExt}, ""},
		{"stdin", []string{"summarize", "-"}, page},
		{"URL", []string{"summarize", srv.URL + "/news/park"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, err := runSkim(t, tt.stdin, append(tt.args, "--sentences", "3")...)
			if err != nil {
				t.Fatalf("%v: %v\n%s", tt.args, err, stderr)
			}
			lines := strings.Split(strings.TrimSpace(stdout), "\n")
			if len(lines) != 3 {
				t.Fatalf("%d lines, want 3:\n%s", len(lines), stdout)
			}
			for _, l := range lines {
				if !strings.Contains(body, l) {
					t.Errorf("summary line is not article body: %q", l)
				}
			}
			stdout, stderr, err = runSkim(t, tt.stdin, append(tt.args, "--format", "json")...)
			if err != nil {
				t.Fatalf("--format json: %v\n%s", err, stderr)
			}
			var resp api.SummaryResponse
			if err := json.Unmarshal([]byte(stdout), &resp); err != nil {
				t.Fatalf("output: %v\n%s", err, stdout)
			}
			if resp.Title != newsHeadline || resp.Text == "" || resp.Source == nil || resp.Source.Site != "City News" || resp.Language != "en" {
				t.Fatalf("title %q, language %q, source %+v, text %d bytes", resp.Title, resp.Language, resp.Source, len(resp.Text))
			}
			for _, s := range resp.Sentences {
				if resp.Text[s.Start:s.End] != s.Text {
					t.Errorf("offsets [%d:%d] do not index %q in text", s.Start, s.End, s.Text)
				}
			}
		})
	}
	t.Run("no article", func(t *testing.T) {
		_, _, err := runSkim(t, "<html><body></body></html>", "summarize")
		if err == nil || !strings.Contains(err.Error(), "no article") || exitStatus(err) != exitFailed {
			t.Errorf("err = %v (status %d), want no article, status 1", err, exitStatus(err))
		}
	})
	t.Run("URL that fails", func(t *testing.T) {
		_, _, err := runSkim(t, "", "summarize", "http://127.0.0.1:1/")
		if err == nil || exitStatus(err) != exitIO {
			t.Errorf("err = %v (status %d), want status 3", err, exitStatus(err))
		}
	})
}

// TestExtractCommandPage: skim extract page.html --format json prints the
// article of the realistic test page without its chrome.
func TestExtractCommandPage(t *testing.T) {
	t.Parallel()
	stdout, stderr, err := runSkim(t, "", "extract", newsPagePath, "--format", "json")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var art map[string]string
	if err := json.Unmarshal([]byte(stdout), &art); err != nil {
		t.Fatal(err)
	}
	if art["title"] != newsHeadline || art["byline"] != "Jane Smith" || art["published"] != "2024-03-12" ||
		art["url"] != "https://citynews.example/local/riverside-park" || art["language"] != "en-GB" {
		t.Errorf("metadata %v", art)
	}
	for _, chrome := range []string{"cookies", "Subscribe", "Related stories", "Bus fares", "All rights reserved", "Advertisement"} {
		if strings.Contains(art["text"], chrome) {
			t.Errorf("text holds %q:\n%s", chrome, art["text"])
		}
	}
	if !strings.Contains(art["text"], "two thousand trees") {
		t.Errorf("text lacks the article body:\n%s", art["text"])
	}
}

// warcRecordBytes renders one WARC 1.1 record.
func warcRecordBytes(i int, typ, uri, contentType, block string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\n", typ, i)
	fmt.Fprintf(&b, "WARC-Date: 2024-03-12T09:30:00Z\r\nWARC-Target-URI: %s\r\n", uri)
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", contentType, len(block), block)
	return b.Bytes()
}

// writeCrawl writes a .warc.gz (one gzip member per record) of pages HTML
// pages, each after a request record and followed by an image response,
// and returns the record number (from 1) and URI of every page.
func writeCrawl(t *testing.T, path string, pages int, page string) map[string]string {
	t.Helper()
	var out bytes.Buffer
	want := map[string]string{} // key → URI
	n := 0
	add := func(typ, uri, ctype, block string) {
		n++
		zw := gzip.NewWriter(&out)
		zw.Write(warcRecordBytes(n, typ, uri, ctype, block))
		zw.Close()
	}
	add("warcinfo", "", "application/warc-fields", "software: test\r\n")
	for i := range pages {
		uri := fmt.Sprintf("https://citynews.example/story/%d", i)
		add("request", uri, "application/http; msgtype=request", "GET /story HTTP/1.1\r\nHost: citynews.example\r\n\r\n")
		body := strings.Replace(page, "Local shop owners", fmt.Sprintf("In story %d, local shop owners", i), 1)
		add("response", uri, "application/http; msgtype=response",
			fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s", len(body), body))
		want[fmt.Sprintf("%s:%d", filepath.Base(path), n)] = uri
		add("response", uri+"/logo.png", "application/http; msgtype=response",
			"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 4\r\n\r\n\x89PNG")
	}
	must(t, os.WriteFile(path, out.Bytes(), 0o644))
	return want
}

// TestBatchWebPages: skim batch over a folder of .html and .txt files and
// a WARC archive inside it writes one line per page and per text, with
// the article's text and source for pages, and counts the skipped WARC
// records on stderr.
func TestBatchWebPages(t *testing.T) {
	t.Parallel()
	page := readNewsPage(t)
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "a.html"), []byte(page), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "b.htm"), []byte(page), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "c.txt"), []byte(testArticle(1)), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "empty.html"), []byte("<html><body></body></html>"), 0o644))
	must(t, os.Mkdir(filepath.Join(dir, "crawl"), 0o755))
	warcKeys := writeCrawl(t, filepath.Join(dir, "crawl", "news.warc.gz"), 3, page)

	out := filepath.Join(t.TempDir(), "out.jsonl")
	_, stderr, err := runSkim(t, "", "batch", "--in", dir, "--out", out, "--workers", "2")
	if exitStatus(err) != exitFailed { // empty.html has no article
		t.Fatalf("err = %v, want status 1 for the page without article\n%s", err, stderr)
	}
	// The warcinfo record, 3 requests and 3 images.
	if !strings.Contains(stderr, "7 WARC records skipped") {
		t.Errorf("summary does not count the 7 skipped WARC records:\n%s", stderr)
	}
	data, _ := os.ReadFile(out)
	type pageLine struct {
		ID     string              `json:"id"`
		Source string              `json:"source"`
		Title  string              `json:"title"`
		Text   string              `json:"text"`
		Page   *api.SourceResponse `json:"page"`
		Error  *api.Error          `json:"error"`
	}
	var lines []pageLine
	for _, l := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		var line pageLine
		if err := json.Unmarshal(l, &line); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		lines = append(lines, line)
	}
	got := map[string]string{}
	for _, l := range lines {
		got[l.Source] = l.ID
		switch {
		case l.Source == "empty.html":
			if l.Error == nil || l.Error.Code != api.CodeNoArticle {
				t.Errorf("empty.html: error %+v, want no_article", l.Error)
			}
		case l.Source == "c.txt":
			if l.Error != nil || l.Text != "" || l.Page != nil {
				t.Errorf("c.txt: error %+v, text %q, page %+v", l.Error, l.Text, l.Page)
			}
		default:
			if l.Error != nil || l.Title != newsHeadline || !strings.Contains(l.Text, "two thousand trees") {
				t.Errorf("%s: error %+v, title %q, text %.80q", l.Source, l.Error, l.Title, l.Text)
			}
			if l.Page == nil || l.Page.Byline != "Jane Smith" || l.Page.URL != "https://citynews.example/local/riverside-park" {
				t.Errorf("%s: page %+v, want the page's metadata", l.Source, l.Page)
			}
		}
	}
	want := map[string]string{"a.html": "a.html", "b.htm": "b.htm", "c.txt": "c.txt", "empty.html": "empty.html"}
	for k, uri := range warcKeys {
		want["crawl/"+k] = uri
	}
	if len(got) != len(want) || len(lines) != len(want) {
		t.Errorf("lines %v, want one per record of %v", got, want)
	}
	for k, id := range want {
		if got[k] != id {
			t.Errorf("record %s: id %q, want %q", k, got[k], id)
		}
	}
}

// TestBatchWARCResumeAfterKill: skim batch over a .warc.gz, killed with
// SIGKILL and resumed, writes every HTML record exactly once, keyed by its
// position in the archive and with its target URI as id.
func TestBatchWARCResumeAfterKill(t *testing.T) {
	t.Parallel()
	bin := buildSkim(t)
	const n = 600
	dir := t.TempDir()
	want := writeCrawl(t, filepath.Join(dir, "crawl.warc.gz"), n, readNewsPage(t))
	out := filepath.Join(t.TempDir(), "out.jsonl")

	cmd, stderr := startBatch(t, bin, dir, out, 1, "--in", "crawl.warc.gz", "--workers", "1")
	before := killMidRun(t, cmd, stderr, out, n, `{"id":"https://citynews.example/story/1","summary":"The coun`)

	res := exec.Command(bin, "batch", "--in", filepath.Join(dir, "crawl.warc.gz"), "--out", out, "--workers", "2", "--resume")
	res.Dir = t.TempDir()
	msg, err := res.CombinedOutput()
	if err != nil {
		t.Fatalf("resume: %v\n%s", err, msg)
	}
	if !strings.Contains(string(msg), fmt.Sprintf("%d already done", before)) || !strings.Contains(string(msg), "WARC records skipped") {
		t.Errorf("resume summary:\n%s", msg)
	}
	data, _ := os.ReadFile(out)
	seen := map[string]int{}
	for _, l := range readOut(t, data) {
		seen[l.Source]++
		if want[l.Source] != l.ID || l.Error != nil {
			t.Errorf("line %s: id %q (want %q), error %+v", l.Source, l.ID, want[l.Source], l.Error)
		}
	}
	for k := range want {
		if seen[k] != 1 {
			t.Fatalf("record %s is in the output %d times, want once", k, seen[k])
		}
	}
	if len(seen) != n {
		t.Fatalf("%d records in the output, want %d", len(seen), n)
	}
	t.Logf("killed after %d of %d pages; resume did the other %d", before, n, n-before)
}

// TestIDFWebPages: skim idf counts the terms of web pages' articles, not
// of their markup or chrome, and skips a page without article.
func TestIDFWebPages(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	page := readNewsPage(t)
	must(t, os.WriteFile(filepath.Join(dir, "a.html"), []byte(page), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "b.htm"), []byte(page), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "c.html"), []byte("<html><body></body></html>"), 0o644))
	out := filepath.Join(t.TempDir(), "idf.json")
	if _, stderr, err := runSkim(t, "", "idf", "--in", dir, "--out", out, "--min-df", "1", "--language", "en"); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	data, err := os.ReadFile(out)
	must(t, err)
	var table struct {
		Documents int            `json:"documents"`
		DF        map[string]int `json:"df"`
	}
	must(t, json.Unmarshal(data, &table))
	if table.Documents != 2 || table.DF["park"] != 2 {
		t.Errorf("documents %d, df[park] %d; want 2 and 2", table.Documents, table.DF["park"])
	}
	for _, chrome := range []string{"href", "cooki", "subscrib", "bus", "privaci"} {
		if table.DF[chrome] > 0 {
			t.Errorf("term %q of the markup or chrome is counted", chrome)
		}
	}
}
