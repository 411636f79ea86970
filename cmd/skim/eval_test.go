package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skimhq/skim/summarize/rouge"
)

func TestParseEvalLength(t *testing.T) {
	tests := []struct {
		in      string
		want    evalLength
		wantErr bool
	}{
		{"reference", evalLength{mode: "reference"}, false},
		{"sentences:3", evalLength{mode: "sentences", n: 3}, false},
		{"ratio:0.25", evalLength{mode: "ratio", ratio: 0.25}, false},
		{"sentences:0", evalLength{}, true},
		{"ratio:1.5", evalLength{}, true},
		{"words:10", evalLength{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseEvalLength(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("parseEvalLength(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			}
			if !tt.wantErr && got != tt.want {
				t.Fatalf("parseEvalLength(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			if !tt.wantErr && got.String() != tt.in {
				t.Fatalf("String() = %q, want %q", got.String(), tt.in)
			}
		})
	}
}

// evalJSON runs skim eval with --format json and decodes its one object.
func evalJSON(t *testing.T, args ...string) (evalReport, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	args = append([]string{"eval", "--format", "json", "--speed=false"}, args...)
	if err := run(context.Background(), args, nil, &stdout, &stderr); err != nil {
		t.Fatalf("skim %v: %v\nstderr: %s", args, err, stderr.String())
	}
	dec := json.NewDecoder(&stdout)
	var report evalReport
	if err := dec.Decode(&report); err != nil {
		t.Fatalf("decode report: %v", err)
	}
	if dec.More() {
		t.Fatal("stdout holds more than one JSON object")
	}
	return report, stderr.String()
}

func TestEvalJSONReport(t *testing.T) {
	report, _ := evalJSON(t, "--data", "testdata/eval-mini.jsonl", "--length", "sentences:1")
	if report.Articles != 3 || report.Length != "sentences:1" || report.Language != "en" {
		t.Fatalf("report header = %+v", report)
	}
	names := map[string]systemResult{}
	for _, s := range report.Systems {
		names[s.Name] = s
		for _, sc := range []rouge.Score{s.Rouge1, s.Rouge2, s.RougeL, s.RougeLsum} {
			if sc.F1 < 0 || sc.F1 > 1 || sc.Precision < 0 || sc.Precision > 1 || sc.Recall < 0 || sc.Recall > 1 {
				t.Fatalf("%s: score out of [0,1]: %+v", s.Name, sc)
			}
		}
	}
	if len(names) != 3 {
		t.Fatalf("systems = %v, want skim, lead, random", report.Systems)
	}
	// Each reference is the article's first sentence: lead-1 is perfect.
	if got := names["lead"].Rouge1.F1; got < 0.999 {
		t.Fatalf("lead ROUGE-1 F1 = %v, want 1", got)
	}
	// A one-sentence teaser of a short news story is its lead.
	if got := names["skim"].Rouge1.F1; got < 0.999 {
		t.Fatalf("skim ROUGE-1 F1 = %v, want 1 (the lead)", got)
	}
	if names["skim"].VsLead == nil {
		t.Fatal("skim row lacks its bootstrap interval against lead")
	}
}

func TestEvalRankingsOut(t *testing.T) {
	out := filepath.Join(t.TempDir(), "rankings.json")
	evalJSON(t, "--data", "testdata/eval-mini.jsonl", "--systems", "skim", "--rankings-out", out)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Systems []struct {
			Name     string                      `json:"name"`
			Rankings map[string][]rankedSentence `json:"rankings"`
		} `json:"systems"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Systems) != 1 || doc.Systems[0].Name != "skim" || len(doc.Systems[0].Rankings) != 3 {
		t.Fatalf("rankings file = %s", b)
	}
	for id, ranking := range doc.Systems[0].Rankings {
		seen := map[int]bool{}
		for _, r := range ranking {
			if seen[r.Pos] || r.Pos < 0 || r.Pos >= len(ranking) || strings.TrimSpace(r.Text) == "" {
				t.Fatalf("%s: ranking is not a permutation of the sentences: %+v", id, ranking)
			}
			seen[r.Pos] = true
		}
	}
}

func TestEvalQualityGate(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"eval", "--data", "testdata/eval-mini.jsonl", "--speed=false",
		"--format", "json", "--min-rouge2", "101"}, nil, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "quality gate") {
		t.Fatalf("gate with an impossible floor: err = %v", err)
	}
	stdout.Reset()
	err = run(context.Background(), []string{"eval", "--data", "testdata/eval-mini.jsonl", "--speed=false",
		"--format", "json", "--length", "sentences:1", "--min-rouge2", "50", "--min-lead"}, nil, &stdout, &stderr)
	if err != nil {
		t.Fatalf("gate that skim passes: %v", err)
	}
}

func TestEvalRejectsBadFlags(t *testing.T) {
	for name, args := range map[string][]string{
		"no data":        {"eval"},
		"bad system":     {"eval", "--data", "testdata/eval-mini.jsonl", "--systems", "skim,oracle"},
		"bad length":     {"eval", "--data", "testdata/eval-mini.jsonl", "--length", "words:3"},
		"bad format":     {"eval", "--data", "testdata/eval-mini.jsonl", "--format", "xml"},
		"bad language":   {"eval", "--data", "testdata/eval-mini.jsonl", "--language", "xx"},
		"missing corpus": {"eval", "--data", "testdata/does-not-exist.jsonl"},
	} {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if err := run(context.Background(), args, nil, &stdout, &stderr); err == nil {
				t.Fatalf("skim %v succeeded", args)
			}
			if stdout.Len() != 0 {
				t.Fatalf("stdout = %q, want nothing", stdout.String())
			}
		})
	}
}

func TestCutTokens(t *testing.T) {
	scorer, err := rouge.New("en")
	if err != nil {
		t.Fatal(err)
	}
	text := "Profits rose to $1.13bn in the year."
	// "$1.13bn" is two ROUGE tokens: 1 and 13bn.
	if got := cutTokens(text, 4, scorer); got != "Profits rose to $1.13bn" {
		t.Fatalf("cutTokens(4) = %q", got)
	}
	if got := cutTokens(text, 100, scorer); got != text {
		t.Fatalf("cutTokens(100) = %q", got)
	}
}

func TestBootstrapDiff(t *testing.T) {
	a := []float64{0.6, 0.7, 0.8, 0.9}
	b := []float64{0.5, 0.6, 0.7, 0.8}
	ci := bootstrapDiff(a, b, 500, 1)
	if ci.Mean < 0.0999 || ci.Mean > 0.1001 || ci.Low > ci.Mean || ci.High < ci.Mean {
		t.Fatalf("constant +0.1 difference: %+v", ci)
	}
}

// TestEvalSharedCorpus checks the quality targets on the shared dev data
// when it is present (CI has it beside the repository).
func TestEvalSharedCorpus(t *testing.T) {
	data := sharedData(t)
	report, _ := evalJSON(t, "--data", filepath.Join(data, "cnndm-dev.jsonl"), "--length", "sentences:3")
	var skim, lead systemResult
	for _, s := range report.Systems {
		switch s.Name {
		case "skim":
			skim = s
		case "lead":
			lead = s
		}
	}
	if skim.Rouge1.F1 < lead.Rouge1.F1-0.015 {
		t.Fatalf("CNN/DailyMail: skim R1 %.3f below Lead-3 %.3f − 1.5", skim.Rouge1.F1, lead.Rouge1.F1)
	}
}
