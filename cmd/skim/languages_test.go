package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/skimhq/skim/api"
	"github.com/skimhq/skim/summarize"
)

func TestLanguagesCommand(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		check func(t *testing.T, out string)
	}{
		{"table", []string{"languages"}, func(t *testing.T, out string) {
			lines := strings.Split(strings.TrimSpace(out), "\n")
			// header, one line per language, the closing note
			if got, want := len(lines), len(summarize.Languages())+2; got != want {
				t.Errorf("%d lines, want %d:\n%s", got, want, out)
			}
			if !strings.Contains(out, "German (Deutsch)") || !strings.Contains(out, "bigrams") {
				t.Errorf("table lacks German or the bigram languages:\n%s", out)
			}
		}},
		{"json", []string{"languages", "--format", "json"}, func(t *testing.T, out string) {
			var list api.LanguagesResponse
			if err := json.Unmarshal([]byte(out), &list); err != nil {
				t.Fatal(err)
			}
			if len(list.Languages) != len(summarize.Languages()) || len(list.Languages) < 25 {
				t.Errorf("%d languages, want %d (at least 25)", len(list.Languages), len(summarize.Languages()))
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if err := run(context.Background(), tc.args, nil, &stdout, &stderr, noEnv); err != nil {
				t.Fatalf("%v: %s", err, stderr.String())
			}
			tc.check(t, stdout.String())
		})
	}
	var stderr bytes.Buffer
	if err := run(context.Background(), []string{"languages", "--format", "xml"}, nil, &bytes.Buffer{}, &stderr, noEnv); exitStatus(err) != exitUsage {
		t.Errorf("--format xml: err %v (status %d), want usage error", err, exitStatus(err))
	}
}
