package summarize

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buildTestIDF counts the test articles, one document each.
func buildTestIDF(t *testing.T, s *langSummarizer) *IDF {
	t.Helper()
	b := NewIDFBuilder()
	for _, a := range loadArticles(t) {
		b.Add(s.Terms(a.text))
	}
	return b.Build(s.Language(), s.Stemmer(), 1)
}

func TestIDFRoundTrip(t *testing.T) {
	t.Parallel()
	s := enSummarizer(t)
	table := buildTestIDF(t, s)
	require.Equal(t, len(loadArticles(t)), table.Documents)
	require.NotEmpty(t, table.DF)

	var buf bytes.Buffer
	n, err := table.WriteTo(&buf)
	require.NoError(t, err)
	assert.Equal(t, int64(buf.Len()), n, "WriteTo reports the bytes written")

	read, err := ReadIDF(&buf)
	require.NoError(t, err)
	assert.Equal(t, table, read)
	assert.Equal(t, IDFFormat, read.Format)
	assert.Equal(t, "en", read.Language)
	assert.Equal(t, "english", read.Stemmer)
}

func TestIDFWeight(t *testing.T) {
	t.Parallel()
	table := &IDF{Format: IDFFormat, Language: "en", Stemmer: "english", Documents: 100,
		DF: map[string]int{"common": 100, "rare": 1, "mid": 10}}
	unseen := table.Weight("unseen")
	assert.InDelta(t, math.Log(101)+1, unseen, 1e-12)
	assert.InDelta(t, 1.0, table.Weight("common"), 1e-12, "a term in every document weighs 1, never 0")
	assert.Greater(t, unseen, table.Weight("rare"))
	assert.Greater(t, table.Weight("rare"), table.Weight("mid"))
	assert.Greater(t, table.Weight("mid"), table.Weight("common"))
}

func TestIDFBuilder(t *testing.T) {
	t.Parallel()
	one := NewIDFBuilder()
	one.Add([]string{"bridg", "harbour", "bridg", "bridg"}) // counted once per document
	one.Add([]string{"harbour", "ferri"})
	other := NewIDFBuilder()
	other.Add([]string{"ferri"})
	other.Add(nil)

	table := one.Build("en", "english", 1)
	assert.Equal(t, 2, table.Documents)
	assert.Equal(t, map[string]int{"bridg": 1, "harbour": 2, "ferri": 1}, table.DF)

	one.Merge(other)
	merged := one.Build("en", "english", 1)
	assert.Equal(t, 4, merged.Documents)
	assert.Equal(t, map[string]int{"bridg": 1, "harbour": 2, "ferri": 2}, merged.DF)

	pruned := one.Build("en", "english", 2)
	assert.Equal(t, map[string]int{"harbour": 2, "ferri": 2}, pruned.DF, "terms under minDF are dropped")
	assert.Equal(t, 4, pruned.Documents)
}

func TestReadIDFErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, data string
	}{
		{"empty input", ""},
		{"not JSON", "this is not an idf table"},
		{"truncated", `{"format":"skim-idf/1","language":"en","stemmer":"english","documents":3,"df":{"bridg":`},
		{"wrong type", `{"format":"skim-idf/1","language":"en","stemmer":"english","documents":"three","df":{"bridg":1}}`},
		{"wrong format", `{"format":"skim-idf/2","language":"en","stemmer":"english","documents":3,"df":{"bridg":1}}`},
		{"no format", `{"language":"en","stemmer":"english","documents":3,"df":{"bridg":1}}`},
		{"another file's JSON", `{"id":"1","title":"x","text":"y","summary":"z"}`},
		{"no documents", `{"format":"skim-idf/1","language":"en","stemmer":"english","documents":0,"df":{"bridg":0}}`},
		{"negative documents", `{"format":"skim-idf/1","language":"en","stemmer":"english","documents":-1,"df":{"bridg":1}}`},
		{"no terms", `{"format":"skim-idf/1","language":"en","stemmer":"english","documents":3,"df":{}}`},
		{"df above documents", `{"format":"skim-idf/1","language":"en","stemmer":"english","documents":3,"df":{"bridg":1,"harbour":4}}`},
		{"negative df", `{"format":"skim-idf/1","language":"en","stemmer":"english","documents":3,"df":{"bridg":-1}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			table, err := ReadIDF(strings.NewReader(tc.data))
			require.ErrorIs(t, err, ErrBadIDF)
			assert.Nil(t, table)
		})
	}
}

func TestNewWithIDF(t *testing.T) {
	t.Parallel()
	s := enSummarizer(t)
	table := buildTestIDF(t, s)

	withIDF, err := newIn("en", Config{IDF: table})
	require.NoError(t, err)
	a := loadArticle(t, "harbour-bridge")
	doc := Document{Text: a.text}
	sum, ranked := summarizeAndRank(t, withIDF, doc, Options{Sentences: 3})
	assert.Len(t, sum.Sentences, 3)

	// The corpus table changes the term weights, hence the scores.
	plain, err := s.Rank(doc, Options{Sentences: 3})
	require.NoError(t, err)
	require.Len(t, plain, len(ranked))
	differ := false
	for i := range plain {
		differ = differ || plain[i].Score != ranked[i].Score || plain[i].Index != ranked[i].Index
	}
	assert.True(t, differ, "the IDF table had no effect")

	// A table applies to its own language only.
	fr, err := newIn("fr", Config{IDF: table})
	require.NoError(t, err)
	frDoc := Document{Text: "Le pont du port a rouvert lundi. Les travaux ont duré deux ans. La ville a payé la facture."}
	withTable, err := fr.Rank(frDoc, Options{})
	require.NoError(t, err)
	without, err := inLanguage(s.Summarizer, "fr").Rank(frDoc, Options{})
	require.NoError(t, err)
	assert.Equal(t, without, withTable, "an English table changed a French ranking")

	tests := []struct {
		name  string
		table *IDF
	}{
		{"table with another stemmer", &IDF{Format: IDFFormat, Language: "en", Stemmer: "porter", Documents: 1, DF: map[string]int{"x": 1}}},
		{"table of an unsupported language", &IDF{Format: IDFFormat, Language: "xx", Stemmer: "xx", Documents: 1, DF: map[string]int{"x": 1}}},
		{"table naming a language by alias", &IDF{Format: IDFFormat, Language: "english", Stemmer: "english", Documents: 1, DF: map[string]int{"x": 1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := New(Config{IDF: tc.table})
			require.ErrorIs(t, err, ErrBadIDF)
			assert.Nil(t, s)
			assert.False(t, errors.Is(err, ErrUnsupportedLanguage))
		})
	}
}
