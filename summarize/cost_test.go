package summarize

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// costShape builds an adversarial document of about size bytes. The shapes
// are those of the hardening audit (issue 10): each once drove a stage, or
// could drive one, to super-linear time or memory.
type costShape struct {
	name  string
	build func(size int) Document
}

// repeatTo repeats unit until the text holds at least size bytes.
func repeatTo(unit string, size int) string {
	return strings.Repeat(unit, (size+len(unit)-1)/len(unit))
}

// pseudoWord returns a distinct lower-case word for each i.
func pseudoWord(i, letters int) string {
	b := make([]byte, 0, letters)
	x := uint64(i)*0x9e3779b97f4a7c15 + 1
	for range letters {
		b = append(b, byte('a'+x%26))
		x = x*6364136223846793005 + 1442695040888963407
	}
	return string(b)
}

// wordsTo writes sentences of 12 distinct pseudo-words until size bytes.
func wordsTo(size, letters int) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		w := pseudoWord(i, letters)
		if i%12 == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		b.WriteString(w)
		if i%12 == 11 {
			b.WriteString(". ")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

var costShapes = []costShape{
	{"hard-wrapped", func(n int) Document {
		return Document{Text: repeatTo("Abcd efgh ijkl mnop qrst uvwx yzab cdef ghij\n", n)}
	}},
	{"one-sentence", func(n int) Document {
		return Document{Text: repeatTo("the harbour bridge will carry trams and bicycles and buses ", n)}
	}},
	{"mr", func(n int) Document { return Document{Text: repeatTo("Mr. ", n)} }},
	{"initials", func(n int) Document { return Document{Text: repeatTo("A.", n)} }},
	{"initials-spaced", func(n int) Document { return Document{Text: repeatTo("A. ", n)} }},
	{"periods", func(n int) Document { return Document{Text: "It ended" + repeatTo(".", n) + " Then it began again."} }},
	{"distinct-words", func(n int) Document { return Document{Text: wordsTo(n, 8)} }},
	{"long-words", func(n int) Document { return Document{Text: wordsTo(n, 2000)} }},
	{"repeated-sentence", func(n int) Document {
		return Document{Text: repeatTo("The mayor opened the new central library on Monday morning. ", n)}
	}},
	{"title-repeated", func(n int) Document {
		title := "Rail strike halts trains across the northern region"
		return Document{Title: title, Text: repeatTo(title+"\n", n)}
	}},
}

var costSizes = []struct {
	name  string
	bytes int
}{{"10KB", 10 << 10}, {"100KB", 100 << 10}, {"1MB", 1 << 20}}

// BenchmarkCost runs Summarize on every adversarial shape at 10 KB, 100 KB
// and 1 MB; time and bytes allocated per operation must grow linearly
// (the README's "Cost on adversarial input" records the table):
//
//	go test -run XXX -bench Cost -benchmem ./summarize
func BenchmarkCost(b *testing.B) {
	s, err := newIn("en", Config{})
	if err != nil {
		b.Fatal(err)
	}
	opts := Options{Sentences: 3, Keywords: 5}
	for _, shape := range costShapes {
		for _, size := range costSizes {
			doc := shape.build(size.bytes)
			b.Run(shape.name+"/"+size.name, func(b *testing.B) {
				// Warm the stem cache, as a server's is: a cold cache costs
				// one stemming per distinct word, once.
				if _, err := s.Summarize(doc, opts); err != nil && !isDocumentError(err) {
					b.Fatal(err)
				}
				b.SetBytes(int64(len(doc.Text)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := s.Summarize(doc, opts); err != nil && !isDocumentError(err) {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func isDocumentError(err error) bool {
	return err == ErrNoSentences || err == ErrEmptyText
}

// allocatedBy returns the fewest bytes one call of fn allocated over a few
// runs, with the garbage collector off so that it cannot empty the
// workspace pool mid-measurement.
func allocatedBy(fn func()) uint64 {
	fn() // warm the pool and the stem cache
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	best := ^uint64(0)
	for range 3 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		fn()
		runtime.ReadMemStats(&after)
		best = min(best, after.TotalAlloc-before.TotalAlloc)
	}
	return best
}

// TestCostIsLinear checks, for every adversarial shape, that ten times the
// input allocates at most ~15× the bytes (~10× measured; retrying punkt
// with doubled windows on one huge sentence costs up to 13×): a quadratic stage (as joining
// hard-wrapped lines was) allocates ~100× more. Bytes allocated are stable
// from run to run where timings are not; the timings are in BenchmarkCost.
// Not parallel: it reads process-wide allocation counters.
func TestCostIsLinear(t *testing.T) {
	if raceEnabled {
		// The race runtime allocates far more, and not in proportion
		// (×20 for "Mr. " repeated), and the test is sequential anyway.
		t.Skip("allocation counts are not representative under -race: run go test -run TestCostIsLinear ./summarize")
	}
	small, large := 100<<10, 1<<20
	if testing.Short() {
		small, large = 10<<10, 100<<10
	}
	opts := Options{Sentences: 3, Keywords: 5}
	for _, shape := range costShapes {
		t.Run(shape.name, func(t *testing.T) {
			measure := func(size int) uint64 {
				// A Summarizer of its own, whose pool holds only the
				// workspace this measurement warmed.
				s, err := newIn("en", Config{})
				if err != nil {
					t.Fatal(err)
				}
				doc := shape.build(size)
				return allocatedBy(func() {
					if _, err := s.Summarize(doc, opts); err != nil && !isDocumentError(err) {
						t.Fatal(err)
					}
				})
			}
			a, b := measure(small), measure(large)
			ratio := float64(b) / float64(max(a, 1))
			t.Logf("%s: %d B at %d KB, %d B at %d KB: ×%.1f", shape.name, a, small>>10, b, large>>10, ratio)
			if ratio > 15 {
				t.Errorf("%s: 10× the input allocates ×%.1f the bytes (%d → %d): super-linear", shape.name, ratio, a, b)
			}
		})
	}
}
