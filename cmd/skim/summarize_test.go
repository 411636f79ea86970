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
)

func TestSummarizeCommandText(t *testing.T) {
	article, err := os.ReadFile("../../testdata/articles/harbour-bridge.txt")
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"summarize"}, bytes.NewReader(article), &stdout, &stderr); err != nil {
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
	text := "Рабочие закончили ремонт моста в понедельник. The £600m harbour bridge reopened on Monday after months of repairs. " +
		"Engineers replaced every corroded cable on the span. Traffic returned to normal by noon, the council said."
	var stdout, stderr bytes.Buffer
	args := []string{"summarize", "--format", "json", "--sentences", "2", "--keywords", "3", "--title", "Bridge reopens"}
	if err := run(context.Background(), args, strings.NewReader(text), &stdout, &stderr); err != nil {
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
	for name, tc := range map[string]struct {
		args  []string
		stdin string
		want  string
	}{
		"empty text":      {[]string{"summarize"}, "   \n", "empty"},
		"bad language":    {[]string{"summarize", "--language", "xx"}, "Some text here.", "unsupported language"},
		"bad order":       {[]string{"summarize", "--order", "random"}, "Some text here.", "--order"},
		"bad ratio":       {[]string{"summarize", "--ratio", "2"}, "Some text here.", "--ratio"},
		"bad format":      {[]string{"summarize", "--format", "xml"}, "Some text here.", "--format"},
		"missing file":    {[]string{"summarize", "testdata/no-such-file.txt"}, "", "no-such-file"},
		"missing idf":     {[]string{"summarize", "--idf", "testdata/no-such-idf.json"}, "Some text here.", "load idf"},
		"all page chrome": {[]string{"summarize"}, "No time to read?\nGet a summary\nPrevious Article\n", "no candidate sentences"},
	} {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tc.args, strings.NewReader(tc.stdin), &stdout, &stderr)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.want)
			}
			if stdout.Len() != 0 {
				t.Fatalf("stdout = %q, want nothing", stdout.String())
			}
		})
	}
}
