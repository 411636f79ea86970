package summarize

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// fuzzSeeds are the edge cases of the table tests, the test articles and
// pages, and the language texts.
func fuzzSeeds(f *testing.F) []string {
	seeds := []string{
		"",
		" \n\t\r\n ",
		"The council approved the budget on Monday.",
		"just some words typed without any punctuation at all",
		"storm hits the coast\nthousands of homes lose power\nrepair crews expect to restore supplies",
		strings.Repeat("The mayor opened the new central library on Monday morning. ", 4),
		strings.Repeat("It is what it is. ", 4),
		"Mr. Smith of the U.S. Treasury said profits hit $1.13bn, e.g. in banking. J. R. R. Tolkien wrote it at 5 p.m.",
		"Revenue climbed to $10.9bn.For the full-year, sales will grow by 5%. Costs were £3.2m. Profit rose.",
		`He said: "We will win." The market fell. "It is over." he said. "Is it?" she asked.`,
		"Prices rose \xff\xfe sharply in March. The central bank held its rates.\xc3",
		"Bridge vote due today\r\n\r\nThe council votes today on the new bridge.\r\nMost members back the plan.\r\n",
		"\x00The council\x01 met on Monday.\x07\tIt agreed the budget.\x1b\x7f",
		"Москва является столицей России. Здесь живут миллионы людей.",
		"东京是日本的首都。这里有很多人，交通非常方便。城市非常大！你去过吗？",
		"No time to read?\nGet a summary\nPrevious Article\nNext Article\n",
		"Glassworks to close | Business | The last glassworks will close in September. Staff will be offered terms.",
		"Le maire l'a confirmé. « C'est une bonne nouvelle. » Il a souri. Selon M. Dupont, oui.",
		"It was a fine win.\"Next season will be harder,\" he said. The firm (founded in 1962.) is big.",
		"A.B.C.D.E. ... !!! ??? … «»„“ — – - | | :",
		"Title\n\n\n\nBody.\n\n\n",
	}
	for _, a := range languageArticles {
		raw, err := os.ReadFile(filepath.Join("..", "testdata", "languages", a.code+".txt"))
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, string(raw))
	}
	seeds = append(seeds, "שלום עולם. זה טקסט בעברית! האם זה עובד? כן.", "ক্রিকেট খেলা। দল জিতেছে।", "３．５％上昇した。次は「来年」だ！")
	for _, a := range loadArticles(f) {
		seeds = append(seeds, a.text)
	}
	for _, lt := range languageTexts {
		seeds = append(seeds, lt.text)
	}
	pages, _ := filepath.Glob(filepath.Join(pagesDir, "*.txt"))
	for _, p := range pages {
		if b, err := os.ReadFile(p); err == nil {
			seeds = append(seeds, string(b))
		}
	}
	return append(seeds,
		"Share this withEmailFacebookMessengerTwitterLinkedinCopy\nthis linkResearchers found a way.",
		"Boston (CNN)Guilty across the board. LONDON (Reuters) - Rates held.",
		"By Jane Smith, Reporter · 12 March 2024\n© 2024 City News Ltd. All rights reserved.",
		"(( (CNN) (A) ( — -- Share this with",
	)
}

// FuzzChrome checks the page-chrome rules and the clause cutter on any
// line: no panic; the chrome glued to the start of a line is a prefix of
// it; the pieces a run is cut into lie in order inside it, hold at most
// maxClauseWords words each and together every word of the run.
//
//	go test -run XXX -fuzz FuzzChrome -fuzztime 60s ./summarize
func FuzzChrome(f *testing.F) {
	for _, text := range fuzzSeeds(f) {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		text = ValidUTF8(text)
		n := leadChrome(text)
		require.True(t, n >= 0 && n <= len(text), "lead chrome %d of %d bytes", n, len(text))
		chromeRule(text)
		bylineStart(text)

		view := normalizeView(text)
		s, e := trimSpan(view, 0, len(view))
		if s == e {
			return
		}
		pieces := cutRun(view, span{s, e}, nil)
		last := s
		var words []string
		for _, p := range pieces {
			require.True(t, p.start >= last && p.start < p.end && p.end <= e, "piece %v out of order or outside [%d, %d)", p, s, e)
			last = p.end
			require.LessOrEqual(t, countWords(view[p.start:p.end]), maxClauseWords)
			words = append(words, strings.Fields(view[p.start:p.end])...)
		}
		if len(pieces) < maxCandidates {
			require.Equal(t, strings.Fields(view[s:e]), words, "the pieces lose or add words")
		}
	})
}

// FuzzSummarize checks the invariants of Summarize and Rank on any input:
// no panic; only the documented errors; offsets valid with Text ==
// text[Start:End] (of ValidUTF8(text) when the input is not valid UTF-8);
// the summary is a subset of Rank's candidates in Rank's order (OrderScore)
// or article order (OrderText); the length options hold; and two calls
// give the same result.
//
//	go test -run XXX -fuzz FuzzSummarize -fuzztime 60s ./summarize
func FuzzSummarize(f *testing.F) {
	titles := []string{"", "Glassworks to close", "The council"}
	for i, text := range fuzzSeeds(f) {
		f.Add(text, titles[i%len(titles)], i%6, (i*37)%120-10, i%2 == 0, uint8(i))
	}
	langs := append(Languages(), "auto")
	f.Fuzz(func(t *testing.T, text, title string, sentences, maxWords int, byScore bool, lang uint8) {
		s := summarizerFor(t, langs[int(lang)%len(langs)])
		opts := Options{Sentences: sentences % 20, MaxWords: maxWords % 500, Keywords: 3}
		if byScore {
			opts.Order = OrderScore
		}
		doc := Document{Title: title, Text: text}
		// A hang is a failure too: fail loudly, with the input, rather than
		// stall the fuzzer.
		watchdog := time.AfterFunc(20*time.Second, func() {
			panic(fmt.Sprintf("Summarize/Rank hung: lang %s, title %q, opts %+v, text %q", s.Language(), title, opts, text))
		})
		defer watchdog.Stop()
		sum, err := s.Summarize(doc, opts)
		ranked, rankErr := s.Rank(doc, opts)
		if opts.Validate() != nil {
			require.ErrorIs(t, err, ErrInvalidOptions)
			require.ErrorIs(t, rankErr, ErrInvalidOptions)
			return
		}
		if strings.TrimSpace(ValidUTF8(text)) == "" {
			require.ErrorIs(t, err, ErrEmptyText)
		}
		if err != nil {
			require.True(t, errors.Is(err, ErrEmptyText) || errors.Is(err, ErrNoSentences), "unexpected error %v", err)
			require.ErrorIs(t, rankErr, err, "Rank and Summarize disagree")
			require.Nil(t, sum)
			return
		}
		require.NoError(t, rankErr)
		require.NotEmpty(t, ranked)
		checkSummary(t, text, opts, sum, ranked)
		require.LessOrEqual(t, len(sum.Keywords), 3)

		again, err := s.Summarize(doc, opts)
		require.NoError(t, err)
		require.Equal(t, sum, again, "Summarize is not deterministic")
		rankedAgain, err := s.Rank(doc, opts)
		require.NoError(t, err)
		require.Equal(t, ranked, rankedAgain, "Rank is not deterministic")
	})
}
