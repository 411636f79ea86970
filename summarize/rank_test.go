package summarize

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOpensAnaphoric(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, sentence string
		want           bool
	}{
		{"definite article", "The firm said it would appeal.", true},
		{"pronoun", "It works by looking for markers in the blood.", true},
		{"pronoun with clitic", "It's described as the Google-esque HQ of Australia.", true},
		{"connective with comma", "However, the council said it had no choice.", true},
		{"honorific", "Mr Charney, who founded the company, was ousted last year.", true},
		{"upper case", "THEY SAID NO.", true},
		{"after an opening quote", `"It was a mistake," she said.`, true},
		{"name sharing a prefix", "Theresa May said the vote would go ahead.", false},
		{"indefinite article", "A man has died in a road accident.", false},
		{"proper name", "Harlow Foods said its profit rose 38%.", false},
		{"number", "205 people died on the roads in May.", false},
		{"no word", "…", false},
		{"empty", "", false},
		{"french pronoun", "Il a été mis en examen vendredi.", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, opensAnaphoric(tc.sentence))
		})
	}
}

// Stories for the lead-trust tests: one body, told after different kinds
// of opening, long enough (13 sentences) for the trust to move fully.
const (
	trustBody = "Councillors in Brackley voted by 31 votes to 14 to double the subsidy paid to hill farmers. " +
		"The subsidy for hill farmers will rise to 400 crowns a hectare from next spring, the council said. " +
		"Hill farmers in Brackley had asked the council for a higher subsidy for three years. " +
		"The farmers' union said the higher subsidy would keep young farmers on the hills. " +
		"Opponents on the council said the subsidy would cost the town more than it could afford. " +
		"The council will review the farm subsidy again in two years. " +
		"Hill farmers said the old subsidy no longer covered the cost of keeping sheep on the hills. " +
		"The council said the higher subsidy for hill farmers would be paid from the town's farm budget. " +
		"Young farmers had left the hills because the subsidy was too low, the farmers' union said. " +
		"Brackley has about 200 hill farmers, most of them keeping sheep. " +
		"The mayor said the council vote showed the town stood by its hill farmers. " +
		"The first payments of the higher subsidy are due in April."
	// trustLede states the story; its words come back in the body.
	trustLede = "Brackley council voted on Tuesday to double the subsidy it pays to hill farmers, after three years of requests from the farmers' union. "
	// trustScene sets a scene whose words the story never uses again.
	trustScene = "Rain drummed on a tin roof while sheep huddled beside an old stone wall at dawn. "
)

// leadTrustOf runs the pipeline on text up to the ranking and returns the
// trust in its first sentence.
func leadTrustOf(t *testing.T, text string) float64 {
	t.Helper()
	s := enSummarizer(t)
	a, err := s.analyzer("en")
	require.NoError(t, err)
	w := newWorkspace()
	an, err := a.analyze(context.Background(), w, Document{Text: text})
	require.NoError(t, err)
	_, err = w.rank.rank(context.Background(), an.cands, an.words, an.vecs, &a.weights, Options{Sentences: 1}, 1)
	require.NoError(t, err)
	best, lead := 0.0, 0.0
	for _, c := range w.rank.centr {
		best = max(best, c)
	}
	if best > 0 {
		lead = w.rank.centr[0] / best
	}
	return a.weights.leadTrust(an.cands, an.vecs, lead)
}

func TestLeadTrust(t *testing.T) {
	t.Parallel()
	lede := leadTrustOf(t, trustLede+trustBody)
	scene := leadTrustOf(t, trustScene+trustBody)
	anaphoricScene := leadTrustOf(t, "Then "+strings.ToLower(trustScene[:1])+trustScene[1:]+trustBody)
	assert.InDelta(t, defaultWeights.maxTrust, lede, 1e-9, "a lede whose words recur is trusted")
	assert.Less(t, scene, 0.5, "a scene whose words never recur is not")
	assert.Less(t, anaphoricScene, scene+1e-9, "an anaphoric opening lowers the trust")
	// A short text says little against its lead: the scene keeps more
	// trust before two sentences than before twelve, and all of it alone.
	short := leadTrustOf(t, trustScene+"Brackley council voted to double the subsidy for hill farmers. The subsidy rises in April.")
	assert.Greater(t, short, scene)
	assert.Equal(t, defaultWeights.maxTrust, leadTrustOf(t, trustScene))
}

// TestLeadTrustSignals checks each signal of leadTrust on hand-made term
// vectors: four lead terms, of which some also occur in another sentence.
func TestLeadTrustSignals(t *testing.T) {
	t.Parallel()
	trustForN := func(sentences, recurring int, anaphoric bool, leadCentrality float64) float64 {
		vecs := &termVectors{vecs: [][]termWeight{{{id: 0}, {id: 1}, {id: 2}, {id: 3}}, {{id: 4}}}, docFreq: []int32{1, 1, 1, 1, 1}}
		for id := range recurring {
			vecs.docFreq[id] = 2 // in the lead and another sentence
		}
		cands := make([]candidate, sentences)
		cands[0].anaphoric = anaphoric
		return defaultWeights.leadTrust(cands, vecs, leadCentrality)
	}
	long := int(defaultWeights.evidenceFull)
	trustFor := func(recurring int, anaphoric bool, leadCentrality float64) float64 {
		return trustForN(long, recurring, anaphoric, leadCentrality)
	}
	half := trustFor(2, false, 0)
	cases := []struct {
		name  string
		got   float64
		check func(t *testing.T, got float64)
	}{
		{"all terms recur", trustFor(4, false, 0), func(t *testing.T, got float64) { assert.Equal(t, defaultWeights.maxTrust, got) }},
		{"no term recurs", trustFor(0, false, 0), func(t *testing.T, got float64) { assert.Equal(t, 0.0, got) }},
		{"half recur", half, func(t *testing.T, got float64) { assert.True(t, got > 0 && got < 1, "%v", got) }},
		{"half recur, anaphoric", trustFor(2, true, 0), func(t *testing.T, got float64) {
			assert.True(t, got >= 0 && got < half, "%v not below %v", got, half)
		}},
		{"none recur, most central", trustFor(0, false, 1), func(t *testing.T, got float64) { assert.Equal(t, defaultWeights.maxTrust, got) }},
		{"anaphoric, most central", trustFor(0, true, 1), func(t *testing.T, got float64) { assert.Equal(t, defaultWeights.maxTrust, got) }},
		{"none recur, fairly central", trustFor(0, false, 0.85), func(t *testing.T, got float64) {
			assert.True(t, got > 0 && got < defaultWeights.maxTrust, "%v", got)
		}},
		{"none recur, not central", trustFor(0, false, 0.5), func(t *testing.T, got float64) { assert.Equal(t, 0.0, got) }},
		{"none recur, short text", trustForN(int(defaultWeights.evidenceFrom), 0, true, 0), func(t *testing.T, got float64) {
			assert.Equal(t, defaultWeights.maxTrust, got)
		}},
		{"none recur, between short and long", trustForN((int(defaultWeights.evidenceFrom)+long)/2, 0, true, 0), func(t *testing.T, got float64) {
			assert.True(t, got > 0 && got < defaultWeights.maxTrust, "%v", got)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.check(t, tc.got)
		})
	}
}

// TestRecurrenceUnknownWithoutStemmer: a language whose terms are unstemmed
// words judges its lead without recurrence, one with a stemmer or
// character bigrams with it.
func TestRecurrenceUnknownWithoutStemmer(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		lang string
		want bool
	}{{"en", false}, {"fr", false}, {"de", false}, {"zh", false}, {"id", true}, {"pl", true}} {
		t.Run(tc.lang, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, summarizerFor(t, tc.lang).an().weights.recurrenceUnknown)
		})
	}
	vecs := &termVectors{vecs: [][]termWeight{{{id: 0}, {id: 1}}, {{id: 2}}}, docFreq: []int32{1, 1, 1}}
	cands := make([]candidate, int(defaultWeights.evidenceFull))
	p := defaultWeights
	assert.Equal(t, 0.0, p.leadTrust(cands, vecs, 0), "no lead term recurs: no trust")
	p.recurrenceUnknown = true
	assert.Equal(t, p.maxTrust, p.leadTrust(cands, vecs, 0), "recurrence unknown: the lead keeps its trust")
}

func TestDistrustedLeadLetsCentralityChoose(t *testing.T) {
	t.Parallel()
	s := enSummarizer(t)
	cases := []struct {
		name, text string
		wantFirst  bool
	}{
		{"lede", trustLede + trustBody, true},
		{"anaphoric but central lede", "The council of Brackley voted on Tuesday to double the subsidy it pays to hill farmers. " + trustBody, true},
		{"scene", trustScene + trustBody, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sum, err := s.Summarize(Document{Text: tc.text}, Options{Sentences: 1})
			require.NoError(t, err)
			require.Len(t, sum.Sentences, 1)
			assert.Equal(t, tc.wantFirst, sum.Sentences[0].Index == 0, "picked %q", sum.Sentences[0].Text)
		})
	}
}

func TestLongSentencesScaledDown(t *testing.T) {
	t.Parallel()
	// A caption block run together into one "sentence" repeats the story's
	// words, so centrality alone would rank it high.
	runOn := "Hill farmers subsidy Brackley council vote farmers union subsidy hill farmers " +
		"pictured at the council meeting in Brackley where councillors voted to double the subsidy " +
		"for hill farmers and the farmers union welcomed the subsidy for hill farmers in Brackley " +
		"while opponents on the council said the subsidy for hill farmers would cost the town too much " +
		"and the council said it would review the subsidy for hill farmers in two years time."
	require.Greater(t, countWords(runOn), int(defaultWeights.longSentenceWords))
	text := trustLede + trustBody + " " + runOn
	s := enSummarizer(t)
	ranked, err := s.Rank(Document{Text: text}, Options{Sentences: 3})
	require.NoError(t, err)
	for _, r := range ranked[:3] {
		assert.NotEqual(t, runOn, r.Text, "the run-on sentence is among the top three")
	}
}

func TestOneSentenceSummaryAvoidsQuestions(t *testing.T) {
	t.Parallel()
	text := "Who will win the battle over pensions in parliament? " +
		"Members of parliament begin debating the pension reform on Monday, after a week of clashes in committee. " +
		"The government wants the reform passed before the summer, while the opposition has tabled thousands of amendments. " +
		"Unions have called a national strike against the pension reform for Thursday."
	s := enSummarizer(t)
	doc := Document{Text: text}
	one, err := s.Summarize(doc, Options{Sentences: 1})
	require.NoError(t, err)
	require.Len(t, one.Sentences, 1)
	assert.False(t, strings.HasSuffix(one.Sentences[0].Text, "?"), "one-sentence summary is the question %q", one.Sentences[0].Text)
	// Two sentences and more leave the question to the options: there the
	// opening question may be answered by the sentence after it.
	questionScore := func(opts Options) float64 {
		ranked, err := s.Rank(doc, opts)
		require.NoError(t, err)
		for _, r := range ranked {
			if r.Index == 0 {
				return r.Score
			}
		}
		t.Fatal("the question is not ranked")
		return 0
	}
	assert.Less(t, questionScore(Options{Sentences: 2, AvoidQuestions: true}), questionScore(Options{Sentences: 2}),
		"a two-sentence summary penalizes questions only when asked")
	assert.InDelta(t, questionScore(Options{Sentences: 1}), questionScore(Options{Sentences: 1, AvoidQuestions: true}), 1e-12,
		"a one-sentence summary penalizes questions by default")
}

// TestKeywordsSkipStopWords checks that stop words, however heavy, are
// never keywords and do not count towards n, now that they are filtered
// only while the best terms are taken.
func TestKeywordsSkipStopWords(t *testing.T) {
	t.Parallel()
	vecs := &termVectors{
		surface:  []string{"the", "harbour", "bridge", "and", "council", "ferry", "of"},
		termFreq: []int32{9, 5, 4, 8, 3, 2, 7},
		docFreq:  []int32{1, 1, 1, 1, 1, 1, 1},
	}
	isStop := func(w string) bool { return w == "the" || w == "and" || w == "of" }
	tests := []struct {
		name string
		n    int
		want []string
	}{
		{"fewer than the terms", 3, []string{"harbour", "bridge", "council"}},
		{"all terms", 10, []string{"harbour", "bridge", "council", "ferry"}},
		{"one", 1, []string{"harbour"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, k := range keywords(vecs, 2, tc.n, isStop) {
				got = append(got, k.Term)
			}
			assert.Equal(t, tc.want, got)
			assert.Equal(t, 1.0, keywords(vecs, 2, tc.n, isStop)[0].Score, "scores are relative to the best keyword kept")
		})
	}
}
