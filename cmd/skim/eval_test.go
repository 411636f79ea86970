package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const evalMini = "internal/eval/testdata/eval-mini.jsonl"

func TestEvalCommand(t *testing.T) {
	t.Parallel()
	rankings := filepath.Join(t.TempDir(), "rankings.json")
	var stdout, stderr bytes.Buffer
	args := []string{"eval", "--data", evalMini, "--speed=false", "--format", "json", "--length", "sentences:1",
		"--rankings-out", rankings, "--min-rouge2", "50", "--min-lead"}
	if err := run(context.Background(), args, nil, &stdout, &stderr, noEnv); err != nil {
		t.Fatalf("skim %v: %v\n%s", args, err, stderr.String())
	}
	var report struct {
		Articles int `json:"articles"`
		Systems  []struct {
			Name string `json:"name"`
		} `json:"systems"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil || report.Articles != 3 || len(report.Systems) != 3 {
		t.Fatalf("report %s: %v", stdout.String(), err)
	}
	if err := run(context.Background(), []string{"eval", "--data", evalMini, "--speed=false", "--min-rouge2", "101"},
		nil, &bytes.Buffer{}, &bytes.Buffer{}, noEnv); err == nil {
		t.Error("an impossible quality gate passed")
	}
}

func TestEvalRejectsBadFlags(t *testing.T) {
	t.Parallel()
	for name, args := range map[string][]string{
		"no data":        {"eval"},
		"operand":        {"eval", "--data", evalMini, "extra"},
		"bad system":     {"eval", "--data", evalMini, "--systems", "skim,oracle"},
		"bad length":     {"eval", "--data", evalMini, "--length", "words:3"},
		"bad format":     {"eval", "--data", evalMini, "--format", "xml"},
		"bad language":   {"eval", "--data", evalMini, "--language", "xx"},
		"missing corpus": {"eval", "--data", "testdata/does-not-exist.jsonl"},
	} {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if err := run(context.Background(), args, nil, &stdout, &stderr, noEnv); err == nil {
				t.Fatalf("skim %v succeeded", args)
			}
			if stdout.Len() != 0 {
				t.Fatalf("stdout = %q, want nothing", stdout.String())
			}
		})
	}
}

// TestEvalExtractTask: skim eval --task extract scores extraction on a set
// in trafilatura's layout and prints the report with the published
// figures.
func TestEvalExtractTask(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	must(t, os.Mkdir(filepath.Join(dir, "html"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "html", "news.html"), []byte(readNewsPage(t)), 0o644))
	line := `{"id":"news","url":"https://citynews.example/p","html_path":"html/news.html",` +
		`"with":["two thousand trees along the river banks","derelict riverside docks"],` +
		`"without":["We use cookies","Bus fares to rise","All rights reserved"]}` + "\n"
	must(t, os.WriteFile(filepath.Join(dir, "ground-truth.jsonl"), []byte(line), 0o644))

	stdout, stderr, err := runSkim(t, "", "eval", "--task", "extract", "--data", dir, "--format", "json")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var rep struct {
		Pages             int `json:"pages"`
		TP, FN, FP, TN    int
		Precision, Recall float64
		F1                float64 `json:"f1"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Pages != 1 || rep.F1 != 1 {
		t.Errorf("report %s: want 1 page scored F1 1", stdout)
	}
	stdout, _, err = runSkim(t, "", "eval", "--task", "extract", "--data", dir)
	if err != nil || !strings.Contains(stdout, "trafilatura 2.2.0 (published)") || !strings.Contains(stdout, "pages/s") {
		t.Errorf("table output (err %v):\n%s", err, stdout)
	}
	if _, _, err := runSkim(t, "", "eval", "--task", "nope", "--data", dir); exitStatus(err) != exitUsage {
		t.Errorf("bad task: err %v, want exit status 2", err)
	}
}
