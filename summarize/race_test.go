//go:build race

package summarize

// raceEnabled reports a -race build, whose tests use smaller inputs.
const raceEnabled = true
