package summarize

import (
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// update rewrites the golden files: go test ./summarize -run Golden -update
var update = flag.Bool("update", false, "rewrite testdata/golden/*.json from the current Summarize output")

// goldenOptions are the options the golden summaries are made with.
var goldenOptions = Options{Sentences: 3, Keywords: 5}

// TestGolden compares the summary of each article in testdata/articles
// (its title, if any, in <name>.title) with testdata/golden/<name>.json.
// The scoring is being tuned: when a change of the selection is intended,
// regenerate the files with -update and review the diff.
func TestGolden(t *testing.T) {
	t.Parallel()
	s := enSummarizer(t)
	articles := loadArticles(t)
	for _, a := range articles {
		t.Run(a.name, func(t *testing.T) {
			doc := Document{Title: a.title, Text: a.text}
			sum, _ := summarizeAndRank(t, s, doc, goldenOptions)
			got := sum
			path := filepath.Join(goldenDir, a.name+".json")
			if *update {
				b, err := json.MarshalIndent(toGolden(got), "", "  ")
				require.NoError(t, err)
				require.NoError(t, os.MkdirAll(goldenDir, 0o755))
				require.NoError(t, os.WriteFile(path, append(b, '\n'), 0o644))
				return
			}
			b, err := os.ReadFile(path)
			require.NoError(t, err, "no golden file: run go test ./summarize -run Golden -update")
			var want goldenSummary
			require.NoError(t, json.Unmarshal(b, &want))
			assert.Equal(t, roundScores(want.summary()), roundScores(toGolden(got).summary()),
				"summary of %s changed; if intended, run go test ./summarize -run Golden -update and review the diff", a.name)
		})
	}
	if *update {
		return
	}
	// Every golden file has its article.
	files, err := filepath.Glob(filepath.Join(goldenDir, "*.json"))
	require.NoError(t, err)
	assert.Len(t, files, len(articles), "stale golden files in %s", goldenDir)
}

// goldenSummary is the file format of the golden summaries: the fields of
// Summary that the selection decides, under the names the API uses (the
// library's types carry no JSON tags).
type goldenSummary struct {
	Summary   string           `json:"summary"`
	Title     string           `json:"title"`
	Sentences []goldenSentence `json:"sentences"`
	Keywords  []goldenKeyword  `json:"keywords"`
	Stats     goldenStats      `json:"stats"`
}

type goldenSentence struct {
	Index int     `json:"index"`
	Start int     `json:"start"`
	End   int     `json:"end"`
	Text  string  `json:"text"`
	Score float64 `json:"score"`
}

type goldenKeyword struct {
	Term  string  `json:"term"`
	Score float64 `json:"score"`
}

type goldenStats struct {
	SentencesIn  int     `json:"sentences_in"`
	SentencesOut int     `json:"sentences_out"`
	WordsIn      int     `json:"words_in"`
	WordsOut     int     `json:"words_out"`
	Reduction    float64 `json:"reduction"`
}

func toGolden(sum *Summary) goldenSummary {
	g := goldenSummary{Summary: sum.Text, Title: sum.Title, Stats: goldenStats(sum.Stats)}
	for _, s := range sum.Sentences {
		g.Sentences = append(g.Sentences, goldenSentence(s))
	}
	for _, k := range sum.Keywords {
		g.Keywords = append(g.Keywords, goldenKeyword(k))
	}
	return g
}

func (g goldenSummary) summary() *Summary {
	sum := &Summary{Text: g.Summary, Title: g.Title, Stats: Stats(g.Stats)}
	for _, s := range g.Sentences {
		sum.Sentences = append(sum.Sentences, Sentence(s))
	}
	for _, k := range g.Keywords {
		sum.Keywords = append(sum.Keywords, Keyword(k))
	}
	return sum
}

// roundScores rounds the scores to 9 significant digits, so that the
// comparison does not depend on the last bits of floating-point sums.
func roundScores(sum *Summary) *Summary {
	c := *sum
	c.Sentences = append([]Sentence(nil), sum.Sentences...)
	for i := range c.Sentences {
		c.Sentences[i].Score = round9(c.Sentences[i].Score)
	}
	c.Keywords = append([]Keyword(nil), sum.Keywords...)
	for i := range c.Keywords {
		c.Keywords[i].Score = round9(c.Keywords[i].Score)
	}
	c.Stats.Reduction = round9(c.Stats.Reduction)
	return &c
}

func round9(x float64) float64 {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	scale := math.Pow(10, 9-math.Ceil(math.Log10(math.Abs(x))))
	return math.Round(x*scale) / scale
}

// TestGoldenFilesAreClean checks what the golden summaries must hold
// whatever the tuning: three sentences, five keywords, no chrome.
func TestGoldenFilesAreClean(t *testing.T) {
	t.Parallel()
	if *update {
		t.Skip("-update")
	}
	for _, a := range loadArticles(t) {
		t.Run(a.name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(goldenDir, a.name+".json"))
			require.NoError(t, err)
			var golden goldenSummary
			require.NoError(t, json.Unmarshal(b, &golden))
			sum := golden.summary()
			assert.Len(t, sum.Sentences, 3)
			assert.Len(t, sum.Keywords, 5)
			checkSentences(t, a.text, sum.Sentences)
			for _, s := range sum.Sentences {
				assert.True(t, endsSentence(s.Text), "golden sentence without terminal punctuation: %q", s.Text)
				assert.False(t, strings.Contains(s.Text, "|"), "section labels in %q", s.Text)
			}
		})
	}
}
