package summarize

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// unpunctuatedPaste is a lowercase paste without sentence punctuation, of
// 521 words on one line: clauses joined by commas and conjunctions.
func unpunctuatedPaste(t *testing.T) string {
	clauses := []string{
		"the council met on tuesday night to discuss the new bike lanes",
		"residents from both sides of the river packed into the public gallery",
		"several shop owners said they were worried about losing parking spaces",
		"while cycling groups argued the lanes would make the roads safer for children",
		"the council leader said the scheme would be built in three stages",
		"and the first section along harbour road would open next spring",
		"opponents asked for a public consultation before any work begins",
		"but the vote passed by thirty one votes to twelve after a long debate",
	}
	var words []string
	for i := 0; len(words) < 521; i++ {
		c := strings.Fields(clauses[i%len(clauses)])
		if i%3 == 2 {
			c[len(c)-1] += ","
		}
		words = append(words, c...)
	}
	text := strings.Join(words[:521], " ")
	require.Equal(t, 521, countWords(text))
	return text
}

// TestUnpunctuatedText: text without sentence punctuation is cut into
// sentences at line breaks and, on a long line, into clause-sized pieces,
// so that summaries shorten it and word budgets fit.
func TestUnpunctuatedText(t *testing.T) {
	t.Parallel()
	s := enSummarizer(t)
	paste := unpunctuatedPaste(t)

	ranked, err := s.Rank(Document{Text: paste}, Options{Ratio: 1})
	require.NoError(t, err)
	require.Greater(t, len(ranked), 521/maxClauseWords, "the paste came back in too few pieces")
	pieces := texts(ranked)
	for _, p := range pieces {
		assert.LessOrEqual(t, countWords(p), maxClauseWords, "piece %q", p)
		assert.GreaterOrEqual(t, countWords(p), minClauseWords, "piece %q", p)
	}
	assert.Equal(t, strings.Fields(paste), strings.Fields(strings.Join(pieces, " ")), "the pieces cover the paste in order")
	commas := 0
	for _, p := range pieces[:len(pieces)-1] {
		if strings.HasSuffix(p, ",") {
			commas++
		}
	}
	assert.Greater(t, commas, len(pieces)/2, "pieces end at commas where they can: %q", pieces)

	for _, opts := range []Options{{}, {MaxWords: 50}, {MaxChars: 300}} {
		sum, _ := summarizeAndRank(t, s, Document{Text: paste}, opts)
		assert.False(t, sum.OverLimit, "%+v", opts)
		require.NotEmpty(t, sum.Sentences, "%+v", opts)
		assert.Greater(t, sum.Stats.Reduction, 0.5, "%+v", opts)
	}

	// A transcript: one utterance per line, lower case, no punctuation.
	lines := []string{
		"so we started the meeting at about seven with the usual updates from each team",
		"the harbour team said the new crane is finally working after three weeks of repairs",
		"then we talked about the budget for next year and the cuts we might have to make",
		"everyone agreed we should not cut the apprentice scheme whatever else happens",
		"and the last item was the summer party which will be on the second friday in july",
	}
	ranked, err = s.Rank(Document{Text: strings.Join(lines, "\n")}, Options{Ratio: 1})
	require.NoError(t, err)
	assert.ElementsMatch(t, lines, texts(ranked), "the transcript is cut at its line breaks")
}

func TestCutLine(t *testing.T) {
	t.Parallel()
	word := func(n int) string { return strings.TrimSpace(strings.Repeat("word ", n)) }
	tests := []struct {
		name string
		line string
		want []int // words per piece
	}{
		{"short line whole", word(30), []int{30}},
		{"cut at the limit without marks", word(100), []int{40, 40, 20}},
		{"cut after the last comma", word(30) + ", " + word(30), []int{30, 30}},
		{"comma too early is ignored", word(3) + ", " + word(60), []int{40, 23}},
		{"cut before a conjunction", word(25) + " and " + word(30), []int{25, 31}},
		{"dash", word(20) + " - " + word(30), []int{21, 30}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			view := tc.line
			var got []int
			for _, p := range cutLine(view, span{0, len(view)}, nil) {
				got = append(got, len(strings.Fields(view[p.start:p.end])))
			}
			assert.Equal(t, tc.want, got)
		})
	}
}
