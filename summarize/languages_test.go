package summarize

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/skimhq/skim/summarize/internal/langdata"
)

// languageArticles are the news articles written for this test under
// testdata/languages/<code>.txt, with the number of sentences each holds.
// Each has what trips a splitter in its language: an abbreviation before a
// name ("Dr.", "sig.", "dott.", "Sra."), an ordinal date ("1. März"), a
// question mark of its script, or no spaces at all.
var languageArticles = []struct {
	code      string
	sentences int
}{
	{"ar", 7}, {"de", 8}, {"es", 7}, {"it", 7}, {"ja", 7}, {"nl", 7},
	{"pl", 7}, {"pt", 7}, {"ru", 7}, {"tr", 7}, {"zh", 7},
}

// languageGolden is the file format of testdata/golden/languages/<code>.json.
type languageGolden struct {
	Language  string   `json:"language"`
	Detected  bool     `json:"language_detected"`
	Support   Support  `json:"language_support"`
	Sentences []string `json:"sentences"` // every candidate, in text order
	Summary   []string `json:"summary"`
	Keywords  []string `json:"keywords"`
}

// TestLanguageGolden summarizes each article with the language left to
// detection and checks what must hold in every language: the language is
// detected, sentences are split where they end (never before a lower-case
// word, Chinese and Japanese at their full stops), offsets are exact, and no
// keyword is a stop word of any of the language's lists. The summaries and
// keywords are compared with golden files (regenerate with -update and
// review the diff).
func TestLanguageGolden(t *testing.T) {
	t.Parallel()
	s, err := New(Config{})
	require.NoError(t, err)
	for _, tc := range languageArticles {
		t.Run(tc.code, func(t *testing.T) {
			t.Parallel()
			raw, err := os.ReadFile(filepath.Join("..", "testdata", "languages", tc.code+".txt"))
			require.NoError(t, err)
			doc := Document{Text: string(raw)}
			opts := Options{Sentences: 3, Keywords: 5}
			sum, err := s.Summarize(context.Background(), doc, opts)
			require.NoError(t, err)
			ranked, err := s.Rank(context.Background(), doc, opts)
			require.NoError(t, err)

			assert.Equal(t, tc.code, sum.Language)
			assert.True(t, sum.LanguageDetected)
			assert.Equal(t, SupportFull, sum.LanguageSupport)

			all := make([]Sentence, len(ranked))
			for _, r := range ranked {
				all[r.Index] = r
			}
			got := make([]string, len(all))
			for i, c := range all {
				require.Equal(t, doc.Text[c.Start:c.End], c.Text, "offsets of sentence %d", i)
				got[i] = c.Text
				first, _ := utf8.DecodeRuneInString(c.Text)
				assert.False(t, unicode.IsLower(first), "sentence %d starts lower-case: %q", i, c.Text)
				last, _ := utf8.DecodeLastRuneInString(c.Text)
				assert.True(t, strings.ContainsRune(".!?。！？؟", last), "sentence %d does not end a sentence: %q", i, c.Text)
			}
			assert.Len(t, got, tc.sentences, "sentences: %q", got)

			lang, ok := langdata.Lookup(tc.code)
			require.True(t, ok)
			stops := lang.StopWords()
			require.NotEmpty(t, sum.Keywords)
			var keywords []string
			for _, k := range sum.Keywords {
				assert.False(t, stops.Has(k.Term), "keyword %q is a stop word", k.Term)
				keywords = append(keywords, k.Term)
			}

			var summary []string
			for _, p := range sum.Sentences {
				summary = append(summary, p.Text)
			}
			current := languageGolden{sum.Language, sum.LanguageDetected, sum.LanguageSupport, got, summary, keywords}
			path := filepath.Join(goldenDir, "languages", tc.code+".json")
			if *update {
				b, err := json.MarshalIndent(current, "", "  ")
				require.NoError(t, err)
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, append(b, '\n'), 0o644))
				return
			}
			b, err := os.ReadFile(path)
			require.NoError(t, err, "no golden file: run go test ./summarize -run LanguageGolden -update")
			var want languageGolden
			require.NoError(t, json.Unmarshal(b, &want))
			assert.Equal(t, want, current, "if intended, run go test ./summarize -run LanguageGolden -update and review the diff")
		})
	}
}
