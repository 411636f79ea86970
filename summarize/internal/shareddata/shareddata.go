// Package shareddata finds the shared evaluation data for tests: the BBC
// News Summary folder, the JSONL dev sets and the seed pages, which live
// beside the repository (../shared/data) and are never copied into it.
// It is the one finder: the packages under summarize/ use it directly
// (the core's tests may not import summarize/corpus), corpustest opens it
// to cmd/skim, and summarize/rouge keeps its own copy, as it imports
// nothing of skim.
package shareddata

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// EnvVar names the environment variable that points at the shared data
// folder when it is not in a parent folder of the working directory.
const EnvVar = "SKIM_CORPUS"

// Dir returns the shared data folder: $SKIM_CORPUS, else the first
// shared/data found walking up from the working directory. It skips the
// test, saying why, when there is none, so that a fresh clone passes.
func Dir(tb testing.TB) string {
	tb.Helper()
	dir, why := find()
	if dir == "" {
		tb.Skip(why)
	}
	return dir
}

// Find returns the shared data folder as Dir does, or "" when there is
// none: for tests and benchmarks that use the data when it is there and
// run on their own inputs otherwise.
func Find() string {
	dir, _ := find()
	return dir
}

// find returns the shared data folder, or "" and why there is none.
func find() (dir, why string) {
	if dir := os.Getenv(EnvVar); dir != "" {
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			return dir, ""
		}
		return "", fmt.Sprintf("%s=%s is not a folder; skipping the test on the shared data", EnvVar, dir)
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Sprintf("shared data: %v", err)
	}
	for {
		candidate := filepath.Join(dir, "shared", "data")
		if fi, err := os.Stat(candidate); err == nil && fi.IsDir() {
			return candidate, ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Sprintf("shared data not found: set %s to the shared data folder or put shared/data beside the repository", EnvVar)
		}
		dir = parent
	}
}
