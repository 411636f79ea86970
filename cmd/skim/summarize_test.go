package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
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
		"two files":       {[]string{"summarize", "a.txt", "b.txt"}, "", "one FILE or URL at a time"},
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

// TestSummarizeNotText: binary input (an executable) and UTF-16 without a
// byte order mark are refused with not_text and a non-zero exit, printing
// nothing; UTF-16 with a byte order mark is decoded and summarized.
func TestSummarizeNotText(t *testing.T) {
	t.Parallel()
	article, err := os.ReadFile("../../testdata/articles/harbour-bridge.txt")
	if err != nil {
		t.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	utf16le := func(s string, bom bool) []byte {
		var b []byte
		if bom {
			b = append(b, 0xFF, 0xFE)
		}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return b
	}
	dir := t.TempDir()
	withBOM := filepath.Join(dir, "bom.txt")
	if err := os.WriteFile(withBOM, utf16le(string(article), true), 0o644); err != nil {
		t.Fatal(err)
	}
	noBOM := filepath.Join(dir, "nobom.txt")
	if err := os.WriteFile(noBOM, utf16le(string(article), false), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{exe, noBOM} {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), []string{"summarize", file}, nil, &stdout, &stderr, noEnv)
		if err == nil || !strings.Contains(err.Error(), "not_text") || exitStatus(err) == 0 {
			t.Errorf("skim summarize %s: %v, want a not_text error", file, err)
		}
		if stdout.Len() != 0 {
			t.Errorf("skim summarize %s printed %d bytes", file, stdout.Len())
		}
	}
	var fromBOM, fromUTF8, stderr bytes.Buffer
	if err := run(context.Background(), []string{"summarize", withBOM}, nil, &fromBOM, &stderr, noEnv); err != nil {
		t.Fatalf("UTF-16 with a byte order mark: %v\n%s", err, stderr.String())
	}
	if err := run(context.Background(), []string{"summarize"}, bytes.NewReader(article), &fromUTF8, &stderr, noEnv); err != nil {
		t.Fatal(err)
	}
	if fromBOM.String() != fromUTF8.String() {
		t.Errorf("UTF-16 summary:\n%s\nUTF-8 summary:\n%s", fromBOM.String(), fromUTF8.String())
	}
}

// TestSummarizeTerminalSafe: escape sequences and other controls in the
// article cannot reach the terminal through the text output (no ESC, BEL,
// CR, DEL or C1 control), and the JSON output escapes them.
func TestSummarizeTerminalSafe(t *testing.T) {
	t.Parallel()
	text := "The council \x1b]0;pwned\x07met on Monday to approve the budget. " +
		"Residents \x1b[2J\x1b[Hcheered the decision\r loudly. " +
		"Officials \u009b31mpromised a \x7fnew bridge by next year. " +
		"Engineers said the old span had corroded badly over decades."
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"summarize", "--sentences", "4"}, strings.NewReader(text), &stdout, &stderr, noEnv); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	for _, r := range stdout.String() {
		if r < 0x20 && r != '\n' && r != '\t' || r >= 0x7F && r <= 0x9F {
			t.Errorf("text output holds control %U:\n%q", r, stdout.String())
		}
	}
	if !strings.Contains(stdout.String(), "␛]0;pwned␇met") {
		t.Errorf("controls should show as control pictures:\n%s", stdout.String())
	}
	stdout.Reset()
	if err := run(context.Background(), []string{"summarize", "--sentences", "4", "--format", "json"}, strings.NewReader(text), &stdout, &stderr, noEnv); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if strings.ContainsAny(stdout.String(), "\x1b\x07\r\x7f\u009b") || !strings.Contains(stdout.String(), `\u001b]0;pwned`) {
		t.Errorf("JSON output holds raw controls or lacks \\u001b:\n%s", stdout.String())
	}
	var resp api.SummaryResponse
	if err := json.Unmarshal(stdout.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	for _, s := range resp.Sentences {
		if text[s.Start:s.End] != s.Text {
			t.Errorf("escaped JSON decodes to %q, the text holds %q", s.Text, text[s.Start:s.End])
		}
	}
}

// TestSummarizeOverLimit: a length limit tighter than every sentence
// prints the best sentence anyway, never empty output with exit status 0;
// text output says so on stderr and JSON output carries over_limit.
func TestSummarizeOverLimit(t *testing.T) {
	t.Parallel()
	const file = "../../testdata/articles/harbour-bridge.txt"
	const note = "every sentence is longer than the limit"
	tests := map[string]struct {
		args []string
		json bool
	}{
		"max words":      {args: []string{"--max-words", "1"}},
		"max chars":      {args: []string{"--max-chars", "5"}},
		"max words json": {args: []string{"--max-words", "1", "--format", "json"}, json: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			args := append([]string{"summarize", file}, tc.args...)
			if err := run(context.Background(), args, nil, &stdout, &stderr, noEnv); err != nil {
				t.Fatalf("skim %v: %v", args, err)
			}
			if !tc.json {
				if lines := strings.Split(strings.TrimSpace(stdout.String()), "\n"); len(lines) != 1 || lines[0] == "" {
					t.Errorf("skim %v printed %q, want the best sentence alone", args, stdout.String())
				}
				if !strings.Contains(stderr.String(), note) {
					t.Errorf("skim %v wrote %q to stderr, want a note that %s", args, stderr.String(), note)
				}
				return
			}
			var resp api.SummaryResponse
			if err := json.Unmarshal(stdout.Bytes(), &resp); err != nil {
				t.Fatal(err)
			}
			if !resp.OverLimit || len(resp.Sentences) != 1 {
				t.Errorf("skim %v: over_limit %v with %d sentence(s), want true with 1", args, resp.OverLimit, len(resp.Sentences))
			}
			if stderr.Len() != 0 {
				t.Errorf("skim %v wrote %q to stderr, want nothing (JSON carries over_limit)", args, stderr.String())
			}
		})
	}
}
