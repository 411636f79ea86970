package summarize

import (
	"context"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// Helpers shared by the tests of this package.

// articlesDir holds the articles written for these tests (made-up news
// stories); goldenDir holds their expected summaries.
const (
	articlesDir = "../testdata/articles"
	goldenDir   = "../testdata/golden"
)

// summarizers caches one Summarizer per language: a language's first
// document loads its models (punkt for English), and the tests only read
// from a Summarizer (which is also what makes it safe to share).
var summarizers sync.Map

func summarizerFor(tb testing.TB, lang string) *langSummarizer {
	tb.Helper()
	if s, ok := summarizers.Load(lang); ok {
		return s.(*langSummarizer)
	}
	s, err := New(Config{})
	require.NoError(tb, err)
	actual, _ := summarizers.LoadOrStore(lang, inLanguage(s, lang))
	return actual.(*langSummarizer)
}

func enSummarizer(tb testing.TB) *langSummarizer { return summarizerFor(tb, "en") }

// langSummarizer runs a Summarizer in one named language with a background
// context, the way most tests want it.
type langSummarizer struct {
	*Summarizer
	lang string
}

// newIn builds a Summarizer from cfg that runs in lang.
func newIn(lang string, cfg Config) (*langSummarizer, error) {
	s, err := New(cfg)
	if err != nil {
		return nil, err
	}
	return inLanguage(s, lang), nil
}

func inLanguage(s *Summarizer, lang string) *langSummarizer { return &langSummarizer{s, lang} }

func (l *langSummarizer) opts(opts Options) Options {
	if opts.Language == "" {
		opts.Language = l.lang
	}
	return opts
}

func (l *langSummarizer) Summarize(doc Document, opts Options) (*Summary, error) {
	return l.Summarizer.Summarize(context.Background(), doc, l.opts(opts))
}

func (l *langSummarizer) Rank(doc Document, opts Options) ([]Sentence, error) {
	return l.Summarizer.Rank(context.Background(), doc, l.opts(opts))
}

func (l *langSummarizer) Terms(text string) []string {
	terms, err := l.Summarizer.Terms(l.lang, text)
	if err != nil {
		panic(err)
	}
	return terms
}

// an returns the loaded analyzer of the language, for tests of one stage.
func (l *langSummarizer) an() *analyzer {
	a, err := l.analyzer(l.lang)
	if err != nil {
		panic(err)
	}
	return a
}

func (l *langSummarizer) Language() string {
	code, err := CanonicalLanguage(l.lang)
	if err != nil {
		panic(err)
	}
	return code
}

func (l *langSummarizer) Stemmer() string {
	name, err := l.Summarizer.Stemmer(l.lang)
	if err != nil {
		panic(err)
	}
	return name
}

// article is one test article of testdata/articles.
type article struct {
	name  string
	title string // from <name>.title, empty when there is none
	text  string
}

func loadArticles(tb testing.TB) []article {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(articlesDir, "*.txt"))
	require.NoError(tb, err)
	require.GreaterOrEqual(tb, len(paths), 3, "test articles missing in %s", articlesDir)
	sort.Strings(paths)
	var out []article
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(tb, err)
		a := article{name: strings.TrimSuffix(filepath.Base(p), ".txt"), text: string(b)}
		if t, err := os.ReadFile(strings.TrimSuffix(p, ".txt") + ".title"); err == nil {
			a.title = strings.TrimSpace(string(t))
		}
		out = append(out, a)
	}
	return out
}

func loadArticle(tb testing.TB, name string) article {
	tb.Helper()
	for _, a := range loadArticles(tb) {
		if a.name == name {
			return a
		}
	}
	tb.Fatalf("no test article %q", name)
	return article{}
}

// bodyParagraphs returns the paragraphs of the test articles that are body
// text (they end a sentence), without titles and chrome lines.
func bodyParagraphs(tb testing.TB) []string {
	tb.Helper()
	var paras []string
	for _, a := range loadArticles(tb) {
		for _, p := range strings.Split(a.text, "\n\n") {
			p = strings.TrimSpace(p)
			if endsSentence(p) && !strings.Contains(p, "|") && countWords(p) >= minTerminatedWords {
				paras = append(paras, p)
			}
		}
	}
	require.NotEmpty(tb, paras)
	return paras
}

// buildArticle returns at least size bytes of the given paragraphs, joined
// by sep, in a shuffled order that changes every round; in round k every
// digit d reads (d+k) mod 10, so that the copies of a paragraph are not
// exact duplicates. The result is deterministic.
func buildArticle(paras []string, size int, sep string) string {
	var b strings.Builder
	b.Grow(size + 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	order := make([]int, len(paras))
	for i := range order {
		order[i] = i
	}
	for round := 0; b.Len() < size; round++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			if b.Len() > 0 {
				b.WriteString(sep)
			}
			b.WriteString(strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return '0' + (r-'0'+rune(round))%10
				}
				return r
			}, paras[i]))
			if b.Len() >= size {
				break
			}
		}
	}
	return b.String()
}

// isTrimmed reports whether s has no surrounding white space or control
// characters (which the normalized view reads as spaces).
func isTrimmed(s string) bool {
	trim := func(r rune) bool {
		return unicode.IsSpace(r) || r < 0x20 || r == 0x7f || r == '\u00a0' || r == '\ufeff'
	}
	return strings.TrimFunc(s, trim) == s
}

// checkSentences asserts the offset contract for sentences returned for
// text: Text == text[Start:End] of the input as given when it is valid
// UTF-8, and of ValidUTF8(text) (each invalid byte read as U+FFFD) when it
// is not; sentences are non-empty, trimmed, valid UTF-8 and their spans
// follow the order of their Index without overlapping.
func checkSentences(tb testing.TB, text string, sents []Sentence) {
	tb.Helper()
	valid := ValidUTF8(text)
	isValid := len(valid) == len(text) && utf8.ValidString(text)
	for _, s := range sents {
		require.True(tb, 0 <= s.Start && s.Start < s.End && s.End <= len(valid),
			"sentence %d: bad span [%d,%d) of %d bytes", s.Index, s.Start, s.End, len(valid))
		require.Equal(tb, valid[s.Start:s.End], s.Text, "sentence %d: Text != text[Start:End]", s.Index)
		if isValid {
			require.Equal(tb, text[s.Start:s.End], s.Text)
		}
		require.True(tb, utf8.ValidString(s.Text), "sentence %d is not valid UTF-8", s.Index)
		require.True(tb, isTrimmed(s.Text), "sentence %d not trimmed: %q", s.Index, s.Text)
		require.GreaterOrEqual(tb, s.Index, 0)
		require.False(tb, math.IsNaN(s.Score) || math.IsInf(s.Score, 0), "sentence %d score %v", s.Index, s.Score)
	}
	byIndex := slices.Clone(sents)
	slices.SortFunc(byIndex, func(a, b Sentence) int { return a.Index - b.Index })
	for i := 1; i < len(byIndex); i++ {
		a, b := byIndex[i-1], byIndex[i]
		require.Less(tb, a.Index, b.Index, "index %d returned twice", a.Index)
		require.LessOrEqual(tb, a.End, b.Start, "sentences %d and %d overlap or are out of order", a.Index, b.Index)
	}
}

// checkRanked asserts that ranked holds every candidate exactly once:
// its indexes are a permutation of 0..len-1.
func checkRanked(tb testing.TB, text string, ranked []Sentence) {
	tb.Helper()
	checkSentences(tb, text, ranked)
	seen := make([]bool, len(ranked))
	for _, s := range ranked {
		require.Less(tb, s.Index, len(ranked), "index out of range")
		require.False(tb, seen[s.Index], "index %d ranked twice", s.Index)
		seen[s.Index] = true
	}
}

// summaryWords counts the words of sentences as Stats counts them.
func summaryWords(sents []Sentence) int {
	n := 0
	for _, s := range sents {
		n += sentenceWords(normalizeView(s.Text))
	}
	return n
}

func summaryChars(sents []Sentence) int {
	n := 0
	for i, s := range sents {
		if i > 0 {
			n++ // the space that joins sentences
		}
		n += len(s.Text)
	}
	return n
}

// checkLimits asserts that every length limit of opts holds for sents, each
// limit on its own (the tightest wins, so each must hold).
func checkLimits(tb testing.TB, opts Options, sents []Sentence, candidates int) {
	tb.Helper()
	if opts.Sentences > 0 {
		require.LessOrEqual(tb, len(sents), opts.Sentences, "more sentences than asked for")
	}
	if opts.Ratio > 0 {
		// Ratio keeps at least one sentence, else the nearest count.
		require.LessOrEqual(tb, len(sents), max(1, int(opts.Ratio*float64(candidates)+0.5)), "more sentences than the ratio allows")
	}
	if opts.Sentences == 0 && opts.Ratio == 0 && opts.MaxWords == 0 && opts.MaxChars == 0 {
		require.LessOrEqual(tb, len(sents), DefaultSentences, "more than the default length")
	}
	if opts.MaxWords > 0 {
		require.LessOrEqual(tb, summaryWords(sents), opts.MaxWords, "MaxWords exceeded")
	}
	if opts.MaxChars > 0 {
		require.LessOrEqual(tb, summaryChars(sents), opts.MaxChars, "MaxChars exceeded")
	}
}

// checkSummary asserts the contract between a summary, the ranking for the
// same options and the options themselves.
func checkSummary(tb testing.TB, text string, opts Options, sum *Summary, ranked []Sentence) {
	tb.Helper()
	checkSentences(tb, text, sum.Sentences)
	checkRanked(tb, text, ranked)
	if sum.OverLimit {
		// Every sentence is over a word or character limit: the summary is
		// the best one alone, and it is indeed over.
		require.Len(tb, sum.Sentences, 1, "an over-limit summary holds one sentence")
		require.NotEmpty(tb, ranked)
		require.Equal(tb, ranked[0], sum.Sentences[0], "an over-limit summary holds the best sentence")
		over := opts.MaxWords > 0 && summaryWords(sum.Sentences) > opts.MaxWords ||
			opts.MaxChars > 0 && summaryChars(sum.Sentences) > opts.MaxChars
		require.True(tb, over, "OverLimit set on a summary within the limits")
	} else {
		checkLimits(tb, opts, sum.Sentences, len(ranked))
		if len(ranked) > 0 {
			require.NotEmpty(tb, sum.Sentences, "an empty summary of a text with sentences")
		}
	}

	// Picks are a subset of the ranking, taken in its order.
	rankPos := make(map[int]int, len(ranked))
	for i, r := range ranked {
		rankPos[r.Index] = i
	}
	last := -1
	for i, s := range sum.Sentences {
		pos, ok := rankPos[s.Index]
		require.True(tb, ok, "picked sentence %d is not a candidate", s.Index)
		require.Equal(tb, ranked[pos], s, "picked sentence differs from the ranked one")
		if opts.Order == OrderScore {
			require.Greater(tb, pos, last, "pick %d out of rank order", i)
			last = pos
		}
	}
	if opts.Order != OrderScore {
		require.True(tb, slices.IsSortedFunc(sum.Sentences, func(a, b Sentence) int { return a.Index - b.Index }),
			"OrderText summary not in article order")
	}

	require.Equal(tb, joinSentences(sum.Sentences), sum.Text)
	require.Equal(tb, len(ranked), sum.Stats.SentencesIn)
	require.Equal(tb, len(sum.Sentences), sum.Stats.SentencesOut)
	require.Equal(tb, summaryWords(sum.Sentences), sum.Stats.WordsOut)
	require.GreaterOrEqual(tb, sum.Stats.WordsIn, sum.Stats.WordsOut)
	require.True(tb, sum.Stats.Reduction >= 0 && sum.Stats.Reduction <= 1, "reduction %v", sum.Stats.Reduction)
}

// summarizeAndRank runs both entry points with the same options and checks
// their contract.
func summarizeAndRank(tb testing.TB, s *langSummarizer, doc Document, opts Options) (*Summary, []Sentence) {
	tb.Helper()
	sum, err := s.Summarize(doc, opts)
	require.NoError(tb, err)
	ranked, err := s.Rank(doc, opts)
	require.NoError(tb, err)
	checkSummary(tb, doc.Text, opts, sum, ranked)
	return sum, ranked
}

// texts returns the texts of sents in article order.
func texts(sents []Sentence) []string {
	byIndex := slices.Clone(sents)
	slices.SortFunc(byIndex, func(a, b Sentence) int { return a.Index - b.Index })
	out := make([]string, len(byIndex))
	for i, s := range byIndex {
		out[i] = s.Text
	}
	return out
}

// candidates returns the candidate sentences of doc in article order.
func candidates(tb testing.TB, s *langSummarizer, doc Document) []string {
	tb.Helper()
	ranked, err := s.Rank(doc, Options{})
	require.NoError(tb, err)
	checkRanked(tb, doc.Text, ranked)
	return texts(ranked)
}
