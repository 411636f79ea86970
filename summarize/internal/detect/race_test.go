//go:build race

package detect

// raceEnabled trims the accuracy test under the race detector, which makes
// the HTML stripping of the trafilatura pages ~10x slower.
const raceEnabled = true
