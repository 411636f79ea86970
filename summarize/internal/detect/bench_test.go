package detect

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skimhq/skim/summarize/internal/shareddata"
)

// bbcArticle returns a BBC-sized English article: a shared BBC one when the
// shared data is there, else the English samples repeated to ~2 KB.
func bbcArticle(b *testing.B) string {
	if d := shareddata.Find(); d != "" {
		data, err := os.ReadFile(filepath.Join(d, "bbc-news-summary", "News Articles", "business", "001.txt"))
		if err == nil {
			return string(data)
		}
	}
	data, err := os.ReadFile("testdata/samples/en.txt")
	if err != nil {
		b.Fatal(err)
	}
	return strings.Repeat(string(data)+"\n\n", 1+PrefixBytes/len(data))
}

// BenchmarkDetect measures Detect on one article per language of the
// samples (~2 KB each, the prefix Detect reads) and on a BBC article.
func BenchmarkDetect(b *testing.B) {
	index() // built once per process; not part of the per-call cost
	b.Run("harbour-bridge", func(b *testing.B) {
		// The ~2 KB article of the core's BenchmarkSummarize/2KB.
		data, err := os.ReadFile("../../../testdata/articles/harbour-bridge.txt")
		if err != nil {
			b.Fatal(err)
		}
		text := string(data)
		b.SetBytes(int64(len(Prefix(text, PrefixBytes))))
		b.ReportAllocs()
		for b.Loop() {
			Detect(text)
		}
	})
	b.Run("bbc", func(b *testing.B) {
		text := bbcArticle(b)
		b.SetBytes(int64(len(Prefix(text, PrefixBytes))))
		b.ReportAllocs()
		for b.Loop() {
			Detect(text)
		}
	})
	paths, _ := filepath.Glob("testdata/samples/*.txt")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		text := strings.Repeat(string(data)+"\n\n", 1+PrefixBytes/len(data))
		b.Run(strings.TrimSuffix(filepath.Base(p), ".txt"), func(b *testing.B) {
			b.SetBytes(int64(len(Prefix(text, PrefixBytes))))
			b.ReportAllocs()
			for b.Loop() {
				Detect(text)
			}
		})
	}
}
