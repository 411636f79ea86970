package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/skimhq/skim/api"
	"github.com/skimhq/skim/summarize"
)

func TestSummarizeCommandText(t *testing.T) {
	t.Parallel()
	article, err := os.ReadFile("../../testdata/articles/harbour-bridge.txt")
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"summarize"}, bytes.NewReader(article), &stdout, &stderr, noEnv); err != nil {
		t.Fatalf("skim summarize: %v\n%s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("default summary has %d lines, want 3 sentences:\n%s", len(lines), stdout.String())
	}
	for _, line := range lines {
		if !strings.Contains(string(article), line) {
			t.Fatalf("summary line is not a sentence of the article: %q", line)
		}
	}
}

func TestSummarizeCommandJSON(t *testing.T) {
	t.Parallel()
	text := "Рабочие закончили ремонт моста в понедельник. The £600m harbour bridge reopened on Monday after months of repairs. " +
		"Engineers replaced every corroded cable on the span. Traffic returned to normal by noon, the council said."
	var stdout, stderr bytes.Buffer
	args := []string{"summarize", "--format", "json", "--sentences", "2", "--keywords", "3", "--title", "Bridge reopens"}
	if err := run(context.Background(), args, strings.NewReader(text), &stdout, &stderr, noEnv); err != nil {
		t.Fatalf("skim summarize: %v\n%s", err, stderr.String())
	}
	var resp api.SummaryResponse
	if err := json.Unmarshal(stdout.Bytes(), &resp); err != nil {
		t.Fatalf("output is not the API's JSON object: %v\n%s", err, stdout.String())
	}
	if len(resp.Sentences) != 2 || len(resp.Keywords) != 3 || resp.Title != "Bridge reopens" {
		t.Fatalf("response = %+v", resp)
	}
	units := utf16.Encode([]rune(text))
	for _, s := range resp.Sentences {
		if text[s.Start:s.End] != s.Text {
			t.Fatalf("byte offsets [%d:%d] do not index %q", s.Start, s.End, s.Text)
		}
		if got := string(utf16.Decode(units[s.StartUTF16:s.EndUTF16])); got != s.Text {
			t.Fatalf("UTF-16 offsets [%d:%d] give %q, want %q", s.StartUTF16, s.EndUTF16, got, s.Text)
		}
	}
}

func TestSummarizeCommandErrors(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		args  []string
		stdin string
		want  string
	}{
		"empty text":      {[]string{"summarize"}, "   \n", "empty"},
		"bad language":    {[]string{"summarize", "--language", "xx"}, "Some text here.", "unsupported language"},
		"bad order":       {[]string{"summarize", "--order", "random"}, "Some text here.", "--order"},
		"negative words":  {[]string{"summarize", "--max-words", "-1"}, "Some text here.", "--max-words must not be negative"},
		"two files":       {[]string{"summarize", "a.txt", "b.txt"}, "", "one FILE at a time"},
		"bad ratio":       {[]string{"summarize", "--ratio", "2"}, "Some text here.", "--ratio"},
		"bad format":      {[]string{"summarize", "--format", "xml"}, "Some text here.", "--format"},
		"missing file":    {[]string{"summarize", "testdata/no-such-file.txt"}, "", "no-such-file"},
		"missing idf":     {[]string{"summarize", "--idf", "testdata/no-such-idf.json"}, "Some text here.", "load idf"},
		"all page chrome": {[]string{"summarize"}, "No time to read?\nGet a summary\nPrevious Article\n", "no candidate sentences"},
	} {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tc.args, strings.NewReader(tc.stdin), &stdout, &stderr, noEnv)
			if err == nil || !strings.Contains(err.Error()+stderr.String(), tc.want) {
				t.Fatalf("err = %v, stderr %q; want them to mention %q", err, stderr.String(), tc.want)
			}
			if stdout.Len() != 0 {
				t.Fatalf("stdout = %q, want nothing", stdout.String())
			}
		})
	}
}

// TestSummarizeFlagsAfterFile: flags after the file count, as with the Go
// tools; 0 means the default, as in the API.
func TestSummarizeFlagsAfterFile(t *testing.T) {
	t.Parallel()
	const file = "../../testdata/articles/harbour-bridge.txt"
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"summarize", file, "--sentences", "1"}, 1},
		{[]string{"summarize", "--sentences", "2", file}, 2},
		{[]string{"summarize", "--sentences", "4", file, "--avoid-exclamations"}, 4},
		{[]string{"summarize", file, "--sentences", "0"}, summarize.DefaultSentences},
		{[]string{"summarize", "--sentences", "1", "--", file}, 1},
	} {
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), tc.args, nil, &stdout, &stderr, noEnv); err != nil {
			t.Fatalf("skim %v: %v\n%s", tc.args, err, stderr.String())
		}
		if got := len(strings.Split(strings.TrimSpace(stdout.String()), "\n")); got != tc.want {
			t.Errorf("skim %v: %d sentences, want %d", tc.args, got, tc.want)
		}
	}
}
