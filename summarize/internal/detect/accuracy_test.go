package detect

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"testing"
)

// TestAccuracy measures detection on the shared dev sets and the samples;
// the French, Norwegian and Indonesian sets must be right on >= 99% of
// articles (issue 12). DETECT_PREFIX overrides the prefix length.
func TestAccuracy(t *testing.T) {
	docs := corpus(t)
	prefix := PrefixBytes
	if s := os.Getenv("DETECT_PREFIX"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("DETECT_PREFIX: %v", err)
		}
		prefix = n
	}
	type tally struct {
		right, unsure, n, fallbacks int
		wrong                       map[string]int
	}
	sets := map[string]*tally{}
	for _, d := range docs {
		s := sets[d.set]
		if s == nil {
			s = &tally{wrong: map[string]int{}}
			sets[d.set] = s
		}
		s.n++
		before := fallbacks.Load()
		code, _, ok := detect(d.text, prefix)
		s.fallbacks += int(fallbacks.Load() - before)
		switch {
		case !ok:
			s.unsure++
			s.wrong[d.lang+"→?"]++
		case code == d.lang:
			s.right++
		default:
			s.wrong[d.lang+"→"+code]++
		}
	}
	names := make([]string, 0, len(sets))
	for k := range sets {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		s := sets[k]
		t.Logf("prefix %d %-17s %4d/%4d = %.3f (unsure %d, whatlanggo %d) %v", prefix, k, s.right, s.n, float64(s.right)/float64(s.n), s.unsure, s.fallbacks, fmt.Sprint(s.wrong))
	}
	for _, k := range []string{"fr-orangesum", "no-norsumm", "id-indosum", "samples"} {
		s := sets[k]
		if s == nil || s.n == 0 {
			t.Fatalf("set %s missing", k)
		}
		if acc := float64(s.right) / float64(s.n); acc < 0.99 {
			t.Errorf("%s: %.3f of articles detected correctly, want >= 0.99 (%v)", k, acc, s.wrong)
		}
	}
}
