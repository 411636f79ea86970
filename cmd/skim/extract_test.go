package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skimhq/skim/summarize/extract"
)

const extractTestPage = `<!DOCTYPE html><html lang="en"><head><title>Council approves cycle lanes | City News</title>
<meta property="og:site_name" content="City News"><meta name="author" content="Jane Smith">
<meta property="article:published_time" content="2024-03-12T09:30:00Z"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>Council approves cycle lanes</h1>
<p>The city council voted on Tuesday to build twelve kilometres of protected cycle lanes across the centre, after a year of consultation.</p>
<p>Supporters said the lanes would cut traffic and make streets safer for children walking to school. The plan passed by thirty votes to nine.</p>
<p>Opponents warned that shops on the high street could lose trade during two years of construction work in the centre.</p>
</article><footer><p>© 2024 City News Ltd. All rights reserved.</p></footer></body></html>`

func TestRunExtract(t *testing.T) {
	dir := t.TempDir()
	htmlFile := filepath.Join(dir, "page.html")
	noExt := filepath.Join(dir, "page") // HTML detected by content
	textFile := filepath.Join(dir, "notes.txt")
	for name, content := range map[string]string{htmlFile: extractTestPage, noExt: extractTestPage, textFile: "Just some notes."} {
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/page":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, extractTestPage)
		case "/pdf":
			w.Header().Set("Content-Type", "application/pdf")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	tests := []struct {
		name    string
		args    []string
		stdin   string
		wantErr error  // errors.Is target, when an error is expected
		errText string // or a substring of the error (or of stderr, for usage errors)
		status  int    // the exit status
		check   func(t *testing.T, out string)
	}{
		{"file as JSON", []string{htmlFile}, "", nil, "", 0, checkJSON("")},
		{"file without extension", []string{noExt}, "", nil, "", 0, checkJSON("")},
		{"stdin", []string{"-"}, extractTestPage, nil, "", 0, checkJSON("")},
		{"flags after the file", []string{htmlFile, "--format", "json"}, "", nil, "", 0, checkJSON("")},
		{"URL on a private address", []string{srv.URL + "/page"}, "", nil, "", 0, checkJSON(srv.URL + "/page")},
		{"text", []string{"--format", "text", htmlFile}, "", nil, "", 0, func(t *testing.T, out string) {
			paras := strings.Split(strings.TrimSpace(out), "\n\n")
			if len(paras) < 3 || !strings.HasPrefix(paras[len(paras)-1], "Opponents warned") {
				t.Errorf("text output = %q, want the paragraphs separated by blank lines", out)
			}
			if strings.HasPrefix(out, "{") || strings.Contains(out, "All rights reserved") {
				t.Errorf("text output = %q", out)
			}
		}},
		{"help", []string{"-h"}, "", errHelp, "", 0, nil},
		{"bad format", []string{"--format", "xml", htmlFile}, "", nil, "--format", 2, nil},
		{"bad flag", []string{"--nope", htmlFile}, "", nil, "nope", 2, nil},
		{"two inputs", []string{htmlFile, htmlFile}, "", nil, "one FILE", 2, nil},
		{"not HTML", []string{textFile}, "", nil, "does not look like an HTML page", 1, nil},
		{"too large", []string{"--max-bytes", "100", htmlFile}, "", extract.ErrTooLarge, "", 1, nil},
		{"no article", []string{"-"}, "<html><body></body></html>", extract.ErrNoArticle, "", 1, nil},
		{"missing file", []string{filepath.Join(dir, "nope.html")}, "", os.ErrNotExist, "", 3, nil},
		{"upstream 404", []string{srv.URL + "/gone"}, "", extract.ErrFetchFailed, "", 3, nil},
		{"unsupported content", []string{srv.URL + "/pdf"}, "", extract.ErrUnsupportedContent, "", 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := runExtract(context.Background(), tt.args, strings.NewReader(tt.stdin), &stdout, &stderr, noEnv)
			if got := exitStatus(err); got != tt.status && !errors.Is(err, errHelp) {
				t.Errorf("exit status %d (err %v), want %d", got, err, tt.status)
			}
			switch {
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
			case tt.errText != "":
				if err == nil || !strings.Contains(err.Error()+stderr.String(), tt.errText) {
					t.Fatalf("err = %v (stderr %q), want one mentioning %q", err, stderr.String(), tt.errText)
				}
			case err != nil:
				t.Fatalf("err = %v (stderr %s)", err, stderr.String())
			}
			if tt.check != nil {
				tt.check(t, stdout.String())
			}
		})
	}
}

// checkJSON checks the JSON output for the test page; url is the expected
// url field.
func checkJSON(url string) func(t *testing.T, out string) {
	return func(t *testing.T, out string) {
		t.Helper()
		var got map[string]string
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("output is not a JSON object of strings: %v\n%s", err, out)
		}
		want := map[string]string{
			"url": url, "title": "Council approves cycle lanes", "byline": "Jane Smith",
			"published": "2024-03-12", "site": "City News", "language": "en",
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s = %q, want %q", k, got[k], v)
			}
		}
		if len(got) != 7 {
			t.Errorf("fields = %v, want url, title, byline, published, site, language, text", got)
		}
		if !strings.Contains(got["text"], "twelve kilometres") || strings.Contains(got["text"], "All rights reserved") {
			t.Errorf("text = %q", got["text"])
		}
	}
}

func TestRunExtractTimeoutEnv(t *testing.T) {
	env := func(k string) string {
		if k == "SKIM_FETCH_TIMEOUT" {
			return "soon"
		}
		return ""
	}
	err := runExtract(context.Background(), []string{"http://127.0.0.1:1/"}, nil, &bytes.Buffer{}, &bytes.Buffer{}, env)
	if err == nil || !strings.Contains(err.Error(), "SKIM_FETCH_TIMEOUT") || exitStatus(err) != exitUsage {
		t.Fatalf("err = %v, want the bad SKIM_FETCH_TIMEOUT named", err)
	}
}
