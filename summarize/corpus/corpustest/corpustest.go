// Package corpustest helps tests find the shared evaluation data: the BBC
// News Summary folder, the JSONL dev sets and the seed page, which live
// beside the repository (../shared/data) and are never copied into it.
// It opens summarize/internal/shareddata, the one finder, to the packages
// outside summarize/ (cmd/skim's tests).
package corpustest

import (
	"testing"

	"github.com/skimhq/skim/summarize/internal/shareddata"
)

// SharedData returns the shared data folder: $SKIM_CORPUS, else the first
// shared/data found walking up from the working directory. It skips the
// test, saying why, when there is none, so that a fresh clone passes.
func SharedData(tb testing.TB) string {
	tb.Helper()
	return shareddata.Dir(tb)
}
