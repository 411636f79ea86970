package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
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
