package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/skimhq/skim/summarize"
	"github.com/skimhq/skim/summarize/corpus/corpustest"
	"github.com/skimhq/skim/summarize/rouge"
)

const mini = "testdata/eval-mini.jsonl"

var (
	summarizerOnce sync.Once
	shared         *summarize.Summarizer
)

func testSummarizer(t *testing.T) *summarize.Summarizer {
	t.Helper()
	summarizerOnce.Do(func() {
		s, err := summarize.New(summarize.Config{})
		if err != nil {
			panic(err)
		}
		shared = s
	})
	return shared
}

func TestParseLength(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    Length
		wantErr bool
	}{
		{"reference", Length{mode: "reference"}, false},
		{"sentences:3", Length{mode: "sentences", n: 3}, false},
		{"ratio:0.25", Length{mode: "ratio", ratio: 0.25}, false},
		{"sentences:0", Length{}, true},
		{"ratio:1.5", Length{}, true},
		{"words:10", Length{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseLength(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseLength(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			}
			if !tt.wantErr && got != tt.want {
				t.Fatalf("ParseLength(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			if !tt.wantErr && got.String() != tt.in {
				t.Fatalf("String() = %q, want %q", got.String(), tt.in)
			}
		})
	}
}

// evaluate runs Evaluate and round-trips the report through its JSON form,
// the interface other tools read.
func evaluate(t *testing.T, cfg Config) Report {
	t.Helper()
	length, err := ParseLength("sentences:1")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Length == (Length{}) {
		cfg.Length = length
	}
	if cfg.Systems == nil {
		cfg.Systems = Systems
	}
	report, err := Evaluate(context.Background(), testSummarizer(t), cfg)
	if err != nil {
		t.Fatalf("Evaluate: %v", err)
	}
	var out bytes.Buffer
	if err := report.Write(&out, "json"); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(&out)
	var decoded Report
	if err := dec.Decode(&decoded); err != nil {
		t.Fatalf("decode report: %v", err)
	}
	if dec.More() {
		t.Fatal("the JSON form holds more than one object")
	}
	decoded.Rankings = report.Rankings
	return decoded
}

func TestEvaluateReport(t *testing.T) {
	t.Parallel()
	report := evaluate(t, Config{Data: mini, Seed: 1})
	if report.Articles != 3 || report.Length != "sentences:1" || report.Language != "en" {
		t.Fatalf("report header = %+v", report)
	}
	names := map[string]SystemResult{}
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
	for _, format := range []string{"table", "md"} {
		var out bytes.Buffer
		if err := report.Write(&out, format); err != nil || !strings.Contains(out.String(), "skim") {
			t.Errorf("Write(%s) = %v:\n%s", format, err, out.String())
		}
	}
	if err := report.Write(&bytes.Buffer{}, "xml"); err == nil {
		t.Error("Write accepted format xml")
	}
}

func TestEvaluateLanguageGiven(t *testing.T) {
	t.Parallel()
	if got := evaluate(t, Config{Data: mini, Language: "English", Systems: []string{"lead"}}).Language; got != "en" {
		t.Errorf("language %q, want en", got)
	}
	if _, err := Evaluate(context.Background(), testSummarizer(t), Config{Data: mini, Language: "xx", Systems: Systems}); err == nil {
		t.Error("Evaluate accepted language xx")
	}
	if _, err := Evaluate(context.Background(), testSummarizer(t), Config{Data: mini, Systems: []string{"oracle"}}); err == nil {
		t.Error("Evaluate accepted system oracle")
	}
}

func TestRankings(t *testing.T) {
	t.Parallel()
	report := evaluate(t, Config{Data: mini, Systems: []string{"skim"}, Rankings: true})
	var buf bytes.Buffer
	if err := report.WriteRankings(&buf); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Systems []struct {
			Name     string                      `json:"name"`
			Rankings map[string][]RankedSentence `json:"rankings"`
		} `json:"systems"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Systems) != 1 || doc.Systems[0].Name != "skim" || len(doc.Systems[0].Rankings) != 3 {
		t.Fatalf("rankings = %s", buf.Bytes())
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

func TestGate(t *testing.T) {
	t.Parallel()
	report := evaluate(t, Config{Data: mini})
	if err := report.Gate(101, false); err == nil || !strings.Contains(err.Error(), "quality gate") {
		t.Errorf("gate with an impossible floor: %v", err)
	}
	if err := report.Gate(50, true); err != nil {
		t.Errorf("gate that skim passes: %v", err)
	}
	noLead := evaluate(t, Config{Data: mini, Systems: []string{"skim"}})
	if err := noLead.Gate(0, true); err == nil {
		t.Error("--min-lead without the lead system passed")
	}
}

func TestCutTokens(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
	a := []float64{0.6, 0.7, 0.8, 0.9}
	b := []float64{0.5, 0.6, 0.7, 0.8}
	ci := bootstrapDiff(a, b, 500, 1)
	if ci.Mean < 0.0999 || ci.Mean > 0.1001 || ci.Low > ci.Mean || ci.High < ci.Mean {
		t.Fatalf("constant +0.1 difference: %+v", ci)
	}
}

// TestSharedCorpus checks the quality target on the shared CNN/DailyMail
// dev data when it is present (CI has it beside the repository).
func TestSharedCorpus(t *testing.T) {
	t.Parallel()
	data := corpustest.SharedData(t)
	length, _ := ParseLength("sentences:3")
	report := evaluate(t, Config{Data: filepath.Join(data, "cnndm-dev.jsonl"), Length: length, Systems: []string{"skim", "lead"}})
	var skim, lead SystemResult
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

func TestDetectedShares(t *testing.T) {
	tests := []struct {
		name string
		r    Report
		want string
	}{
		{"language given", Report{Articles: 3, Language: "fr"}, ""},
		{"one language", Report{Articles: 4, Detected: map[string]int{"fr": 4}}, " (detected: fr 4/4 = 100.0%)"},
		{"most first", Report{Articles: 4, Detected: map[string]int{"und": 1, "fr": 3}}, " (detected: fr 3/4 = 75.0%, und 1/4 = 25.0%)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := detectedShares(tc.r); got != tc.want {
				t.Errorf("detectedShares = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestEvaluateAutoCountsDetected: with auto, the report counts the
// articles detected in each language, and they add up to the articles.
func TestEvaluateAutoCountsDetected(t *testing.T) {
	s, err := summarize.New(summarize.Config{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Evaluate(context.Background(), s, Config{Data: mini, Length: Length{mode: "sentences", n: 1}, Systems: []string{"skim"}, Language: "auto"})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, n := range r.Detected {
		total += n
	}
	if total != r.Articles || r.Detected["en"] == 0 {
		t.Errorf("detected = %v for %d articles", r.Detected, r.Articles)
	}
}
