package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/skimhq/skim/summarize"
)

// TestMain shares one summarizer (without IDF) across the many runs of skim
// the tests make, as loading models is the slow part of a short run, and
// gives buildSkim a folder for the binary.
func TestMain(m *testing.M) {
	var (
		mu     sync.Mutex
		shared *summarize.Summarizer
	)
	newSummarizer = func(cfg summarize.Config) (*summarize.Summarizer, error) {
		if cfg.IDF != nil || cfg.Chrome != nil || cfg.StemCacheSize != 0 {
			return summarize.New(cfg)
		}
		mu.Lock()
		defer mu.Unlock()
		if shared == nil {
			s, err := summarize.New(cfg)
			if err != nil {
				return nil, err
			}
			shared = s
		}
		return shared, nil
	}
	dir, err := os.MkdirTemp("", "skim-test-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestHelpExitsZero: -h and --help print the command's synopsis and exit 0,
// for skim itself and every command.
func TestHelpExitsZero(t *testing.T) {
	t.Parallel()
	for name := range commands() {
		for _, flag := range []string{"-h", "--help"} {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), []string{name, flag}, nil, &stdout, &stderr, noEnv)
			if err != nil {
				t.Errorf("skim %s %s: %v, want exit 0", name, flag, err)
			}
			if !strings.HasPrefix(stderr.String(), "usage: skim "+name+" ") {
				t.Errorf("skim %s %s printed %q, want a synopsis line first", name, flag, firstLine(stderr.String()))
			}
		}
	}
	for _, flag := range []string{"-h", "--help", "help"} {
		var stdout bytes.Buffer
		if err := run(context.Background(), []string{flag}, nil, &stdout, &bytes.Buffer{}, noEnv); err != nil ||
			!strings.HasPrefix(stdout.String(), "usage: skim ") {
			t.Errorf("skim %s: %v, %q", flag, err, firstLine(stdout.String()))
		}
	}
}

// TestUsageErrors: bad usage exits 2 and says what is wrong.
func TestUsageErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"batch", "--in", "x.jsonl"}, "--out is required"},
		{[]string{"batch", "--out", "-"}, "--in is required"},
		{[]string{"idf", "--in", "x.jsonl"}, "--out is required"},
		{[]string{"eval"}, "--data is required"},
		{[]string{"batch", "--in", "-", "--out", "-", "extra"}, `unexpected argument "extra"`},
		{[]string{"summarize", "--nope"}, "flag provided but not defined: -nope"},
		{[]string{"version", "extra"}, `unexpected argument "extra"`},
	} {
		var stderr bytes.Buffer
		err := run(context.Background(), tc.args, strings.NewReader(""), &bytes.Buffer{}, &stderr, noEnv)
		var exit exitError
		if !errors.As(err, &exit) || exit.code != 2 {
			t.Errorf("skim %v: %v, want exit status 2", tc.args, err)
		}
		if !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("skim %v: stderr %q lacks %q", tc.args, firstLine(stderr.String()), tc.want)
		}
	}
	if err := run(context.Background(), nil, nil, &bytes.Buffer{}, &bytes.Buffer{}, noEnv); !errors.Is(err, exitError{2}) {
		t.Errorf("skim without a command: %v, want exit status 2", err)
	}
	if err := run(context.Background(), []string{"frobnicate"}, nil, &bytes.Buffer{}, &bytes.Buffer{}, noEnv); err == nil {
		t.Error("an unknown command succeeded")
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
