package summarize

import (
	"context"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSplitUnits(t *testing.T) {
	t.Parallel()
	wrapped1 := "The council voted on Tuesday to build a second bridge across"
	wrapped2 := "the harbour, ending ten years of argument over the traffic."
	tests := []struct {
		name       string
		text       string
		want       []string
		paragraphs []int
	}{
		{"empty", "", nil, nil},
		{"blank lines only", "\n \n\t\n", nil, nil},
		{"one line", "One sentence.", []string{"One sentence."}, []int{0}},
		{"blank line ends a paragraph", "First one.\n\nSecond one.", []string{"First one.", "Second one."}, []int{0, 1}},
		{"several blank lines are one break", "First one.\n\n\n \n\nSecond one.", []string{"First one.", "Second one."}, []int{0, 1}},
		{"line break ends a unit", "Headline here\nBody text here.", []string{"Headline here", "Body text here."}, []int{0, 0}},
		{"surrounding space trimmed", "  \t Indented line.  \n", []string{"Indented line."}, []int{0}},
		{"hard-wrapped paragraph joined", wrapped1 + "\n" + wrapped2, []string{wrapped1 + "\n" + wrapped2}, []int{0}},
		{
			"wrapped line continued in capitals",
			"The council met on Tuesday with the mayor and with\nPresident Ana Lind of the harbour board to agree a plan.",
			[]string{"The council met on Tuesday with the mayor and with\nPresident Ana Lind of the harbour board to agree a plan."},
			[]int{0},
		},
		{
			"headline is not wrapped into the lede",
			"Council approves new harbour bridge after decade of delays\nThe city council of Port Elwin voted on Tuesday to build a second bridge across the harbour, ending ten years of argument.",
			[]string{"Council approves new harbour bridge after decade of delays", "The city council of Port Elwin voted on Tuesday to build a second bridge across the harbour, ending ten years of argument."},
			[]int{0, 0},
		},
		{"short line is not wrapped", "Rail strike\nthe trains stopped on Monday.", []string{"Rail strike", "the trains stopped on Monday."}, []int{0, 0}},
		{
			"sentence end is not wrapped",
			"The council voted on Tuesday to build a second bridge.\nthe mayor was pleased with the result.",
			[]string{"The council voted on Tuesday to build a second bridge.", "the mayor was pleased with the result."},
			[]int{0, 0},
		},
		{"CRLF read through the view", "Title line\r\n\r\nBody one.\r\nBody two.\r\n", []string{"Title line", "Body one.", "Body two."}, []int{0, 1, 1}},
		{"no-break space and BOM trimmed", "\ufeffFirst.\u00a0\n\u00a0Second.", []string{"First.", "Second."}, []int{0, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			view := normalizeView(tc.text)
			units := splitUnits(view, nil)
			var got []string
			var paragraphs []int
			for _, u := range units {
				require.True(t, 0 <= u.start && u.start < u.end && u.end <= len(view))
				got = append(got, tc.text[u.start:u.end])
				paragraphs = append(paragraphs, u.paragraph)
			}
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.paragraphs, paragraphs)
		})
	}
}

func TestEndsSentence(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text string
		want bool
	}{
		{"", false},
		{"Headline", false},
		{"A sentence.", true},
		{"A question?", true},
		{"An exclamation!", true},
		{"Trailing off…", true},
		{`He said "yes."`, true},
		{"He said “yes.”", true},
		{"(An aside.)", true},
		{"'Quoted?'", true},
		{"**Bold.**", true},
		{"東京は大きい。", true},
		{"Ends with a colon:", false},
		{"Ends with a comma,", false},
		{`Quoted title "Yes"`, false},
		{"Price $1.13bn", false},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			assert.Equal(t, tc.want, endsSentence(tc.text))
		})
	}
}

// TestSegmentEnglish checks the sentences the English pipeline (punkt plus
// the rules around it) finds, through Rank, as users get them.
func TestSegmentEnglish(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"titles", "Mr. Smith met Mrs. Jones and Dr. Brown at St. Mary's hospital. They talked.",
			[]string{"Mr. Smith met Mrs. Jones and Dr. Brown at St. Mary's hospital.", "They talked."}},
		{"U.S. inside a sentence", "He met officials from the U.S. Treasury on Monday. They discussed taxes.",
			[]string{"He met officials from the U.S. Treasury on Monday.", "They discussed taxes."}},
		{"U.S. ending a sentence", "The firm moved its base to the U.S. The market fell sharply.",
			[]string{"The firm moved its base to the U.S.", "The market fell sharply."}},
		{"e.g. and i.e.", "Some firms, e.g. Apple, rose. Others, i.e. the banks, fell.",
			[]string{"Some firms, e.g. Apple, rose.", "Others, i.e. the banks, fell."}},
		{"e.g. before a capitalised title", "Tolkien wrote books, e.g. The Hobbit. Dr. Who met Mrs. Jones.",
			[]string{"Tolkien wrote books, e.g. The Hobbit.", "Dr. Who met Mrs. Jones."}},
		{"company suffixes", "Acme Inc. said it would sue. Harlow & Co. declined to comment.",
			[]string{"Acme Inc. said it would sue.", "Harlow & Co. declined to comment."}},
		{"times", "He left at 9 a.m. on Friday. The visit was short.",
			[]string{"He left at 9 a.m. on Friday.", "The visit was short."}},
		{"decimals and currency", "Profits rose to $1.13bn (£600m) in the quarter. Sales rose 3.5% to 1,200 units.",
			[]string{"Profits rose to $1.13bn (£600m) in the quarter.", "Sales rose 3.5% to 1,200 units."}},
		{"sentence ends with a figure", "Growth hit 3.5% in 2004. The bank kept rates on hold.",
			[]string{"Growth hit 3.5% in 2004.", "The bank kept rates on hold."}},
		{"sentence ends with a unit after a figure", "Revenue was $5.5m. Costs were £3.2m. Profit rose 10.5 per cent.",
			[]string{"Revenue was $5.5m.", "Costs were £3.2m.", "Profit rose 10.5 per cent."}},
		{"initials", "J. R. R. Tolkien wrote it in Oxford. George W. Bush read it.",
			[]string{"J. R. R. Tolkien wrote it in Oxford.", "George W. Bush read it."}},
		{"quote closing after the period", `He said: "We will win." The market fell sharply.`,
			[]string{`He said: "We will win."`, "The market fell sharply."}},
		{"curly quote closing after the period", "He said: “We will win.” Then he left.",
			[]string{"He said: “We will win.”", "Then he left."}},
		{"quote then lower-case attribution", `"It is over." he said. Nobody answered him.`,
			[]string{`"It is over." he said.`, "Nobody answered him."}},
		{"question quote then attribution", `"Is it over?" he asked. Nobody answered him.`,
			[]string{`"Is it over?" he asked.`, "Nobody answered him."}},
		{"comma quote then attribution", `"We will win," he said. The crowd cheered.`,
			[]string{`"We will win," he said.`, "The crowd cheered."}},
		{"exclamation inside a name", "Yahoo! shares rose on Monday. Google fell.",
			[]string{"Yahoo! shares rose on Monday.", "Google fell."}},
		{"bracket closing after the period", "The firm (founded in 1962.) is big. It grew.",
			[]string{"The firm (founded in 1962.) is big.", "It grew."}},
		{"glued after a figure", "Revenue climbed to $10.9bn.For the full-year, sales will grow by 5%.",
			[]string{"Revenue climbed to $10.9bn.", "For the full-year, sales will grow by 5%."}},
		{"glued after a word", "He scored in the 90th minute.Then the crowd went home. It was late.",
			[]string{"He scored in the 90th minute.", "Then the crowd went home.", "It was late."}},
		{"glued after a percentage", "Sales rose 5%.Profits fell 2%. Costs rose.",
			[]string{"Sales rose 5%.", "Profits fell 2%.", "Costs rose."}},
		{"glued before a quote", `It was a fine win."Next season will be harder," he said.`,
			[]string{`It was a fine win."`, `Next season will be harder," he said.`}},
		{"abbreviation glued to a name is not split", "Mr.Smith arrived late. The hall was full.",
			[]string{"Mr.Smith arrived late.", "The hall was full."}},
		{"domain names are not split", "Visit bbc.co.uk for details. The site is free.",
			[]string{"Visit bbc.co.uk for details.", "The site is free."}},
		{"question and exclamation", "Was it over?! Nobody knew. What a day!",
			[]string{"Was it over?!", "Nobody knew.", "What a day!"}},
		{"paragraphs bound sentences", "The first paragraph has no end\n\nThe second one starts here and goes on for a while without stopping at all.",
			[]string{"The second one starts here and goes on for a while without stopping at all."}},
	}
	s := enSummarizer(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, candidates(t, s, Document{Text: tc.text}))
		})
	}
}

// TestSegmentOtherLanguages checks the rule-based segmenter of the other
// languages: their abbreviations, quotes and inverted marks.
func TestSegmentOtherLanguages(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, lang, text string
		want             []string
	}{
		{"es abbreviation", "es", "Según el Sr. García, el proyecto avanza. Dijo el Dr. Pérez que sí.",
			[]string{"Según el Sr. García, el proyecto avanza.", "Dijo el Dr. Pérez que sí."}},
		{"es inverted marks", "es", "El proyecto avanza. ¿Qué dirá Madrid? ¡Nadie lo sabe! Fin del debate.",
			[]string{"El proyecto avanza.", "¿Qué dirá Madrid?", "¡Nadie lo sabe!", "Fin del debate."}},
		{"es decimals", "es", "El gasto fue de 1.500 millones. La cifra sube un 3,5% este año.",
			[]string{"El gasto fue de 1.500 millones.", "La cifra sube un 3,5% este año."}},
		{"fr abbreviation", "fr", "Selon M. Dupont, le projet avance. Le maire l'a confirmé.",
			[]string{"Selon M. Dupont, le projet avance.", "Le maire l'a confirmé."}},
		{"fr spaced guillemets", "fr", "Le maire l'a confirmé. « C'est une bonne nouvelle. » Il a souri.",
			[]string{"Le maire l'a confirmé.", "« C'est une bonne nouvelle. »", "Il a souri."}},
		{"fr glued sentences", "fr", "La défense a demandé l'acquittement.Philip Manshaus a été condamné.",
			[]string{"La défense a demandé l'acquittement.", "Philip Manshaus a été condamné."}},
		{"ru initials and abbreviations", "ru", "По словам А. С. Петрова, цена выросла на 3,5%. Об этом сообщил мэр г. Новоозёрска. Всё хорошо.",
			[]string{"По словам А. С. Петрова, цена выросла на 3,5%.", "Об этом сообщил мэр г. Новоозёрска.", "Всё хорошо."}},
		{"ru guillemets", "ru", "Он сказал: «Мы победим». Рынок упал.",
			[]string{"Он сказал: «Мы победим».", "Рынок упал."}},
		{"sv abbreviations", "sv", "Flera städer, t.ex. Göteborg, har hallar. Det kostar ca. 300 miljoner kronor.",
			[]string{"Flera städer, t.ex. Göteborg, har hallar.", "Det kostar ca. 300 miljoner kronor."}},
		{"no abbreviations", "no", "Flere foreldre, f.eks. Ola Hansen, har kjempet. Ferdig i 2028.",
			[]string{"Flere foreldre, f.eks. Ola Hansen, har kjempet.", "Ferdig i 2028."}},
		{"hu abbreviation and quotes", "hu", "A tervet dr. Kovács Péter támogatja. „Jó hír.” Vége a vitának.",
			[]string{"A tervet dr. Kovács Péter támogatja.", "„Jó hír.”", "Vége a vitának."}},
		{"unit after a figure", "es", "El nuevo puente mide 25m. Costó 40 millones.",
			[]string{"El nuevo puente mide 25m.", "Costó 40 millones."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, candidates(t, summarizerFor(t, tc.lang), Document{Text: tc.text}))
		})
	}
}

func TestKeepPunktBreak(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		pos        int // -1: just before the second sentence
		want       bool
	}{
		{"period then capital", "It ended. Then", -1, true},
		{"end of text", "It ended.", 9, true},
		{"quote then lower case", `"It ended." he`, -1, false},
		{"quote then capital", `"It ended." He`, -1, true},
		{"question then lower case", "Why? he", -1, false},
		{"exclamation then lower case", "Yahoo! shares", -1, false},
		{"bracket then lower case", "(In 1962.) is", -1, false},
		{"period then lower case is punkt's call", "It ended. then", -1, true},
		{"no sentence punctuation", `win."Next season`, len(`win."Next`), false},
		{"CJK full stop", "東京。大阪", len("東京。"), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pos := tc.pos
			if pos < 0 {
				pos = strings.LastIndexByte(tc.text, ' ') + 1
			}
			assert.Equal(t, tc.want, keepPunktBreak(tc.text, pos))
		})
	}
}

func TestIsAbbreviation(t *testing.T) {
	t.Parallel()
	en := newAbbreviations(languages["en"].abbreviations, languages["en"].nonFinal)
	tests := []struct {
		before string
		want   bool
	}{
		{"Mr", true},
		{"said Mrs", true},
		{"the U.S", true},
		{"e.g", true},
		{"J", true},
		{"George W", true},
		{"5 p.m", true},
		{"profits of $5.5m", false},
		{"a 10k", false},
		{"the bridge", false},
		{"", false},
		{"1962", false},
	}
	for _, tc := range tests {
		t.Run(tc.before, func(t *testing.T) {
			assert.Equal(t, tc.want, en.before(tc.before))
		})
	}
}

// TestPunktWindows: a long unit is handed to punkt window by window; the
// sentences must be those found when the same sentences come as separate
// paragraphs.
func TestPunktWindows(t *testing.T) {
	t.Parallel()
	s := enSummarizer(t)
	paras := bodyParagraphs(t)
	separate := buildArticle(paras, 3*punktWindow+5000, "\n\n")
	oneLine := strings.ReplaceAll(separate, "\n\n", " ")
	require.Len(t, oneLine, len(separate)-strings.Count(separate, "\n\n"))

	split := func(text string) []string {
		view := normalizeView(text)
		var out []string
		for _, u := range splitUnits(view, nil) {
			spans, err := s.an().splitter.split(context.Background(), view, u.span, nil)
			require.NoError(t, err)
			for _, sp := range spans {
				out = append(out, text[sp.start:sp.end])
			}
		}
		return out
	}
	want := split(separate)
	got := split(oneLine)
	require.Greater(t, len(want), 400)
	assert.Equal(t, want, got)

	// One sentence longer than a window stays whole.
	long := "It began " + strings.Repeat("and went on ", 2*punktWindow/12) + "until it ended. Then it stopped."
	got = split(long)
	require.Len(t, got, 2)
	assert.True(t, strings.HasSuffix(got[0], "until it ended."))
}

// TestPunktStopsAtCandidateCap: segmentation of a long unit stops once
// maxCandidates sentences are found.
func TestPunktStopsAtCandidateCap(t *testing.T) {
	t.Parallel()
	s := enSummarizer(t)
	text := buildArticle(bodyParagraphs(t), 4<<20, " ")
	spans, err := s.an().splitter.split(context.Background(), text, span{0, len(text)}, nil)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(spans), maxCandidates)
	assert.Less(t, len(spans), maxCandidates+punktWindow/10, "segmentation went on past the cap")
	assert.Less(t, spans[len(spans)-1].end, len(text)/2)
}

// referenceSplitWhere is splitWhere as it was before it learned to skip the
// marks of a run of punctuation (quadratic in the run's length, the same
// breaks): FuzzSplitWhere checks that skipping changed no break.
func referenceSplitWhere(r *ruleSegmenter, view string, u span, onlyAfterNumber bool, out []span) []span {
	start := u.start
	for i := u.start; i < u.end; {
		c, size := utf8.DecodeRuneInString(view[i:u.end])
		i += size
		if !r.isEnd(c) {
			continue
		}
		j := i
		lastEnd := c
		for j < u.end {
			c2, s2 := utf8.DecodeRuneInString(view[j:u.end])
			if !isCloser(c2) && !r.inRun(c2) {
				break
			}
			if !isCloser(c2) {
				lastEnd = c2
			}
			j += s2
		}
		runEnd := j
		if k := skipSpaces(view, j, u.end); k > j && strings.HasPrefix(view[k:u.end], "»") {
			j = k + len("»")
		}
		if j >= u.end {
			break
		}
		next, _ := utf8.DecodeRuneInString(view[j:u.end])
		if isWideEnd(lastEnd) {
			last, _ := utf8.DecodeLastRuneInString(view[:runEnd])
			if lastEnd == '．' && unicode.IsDigit(next) || isCloser(last) && !unicode.IsSpace(next) {
				continue
			}
			if c == '.' && (r.abbr.before(view[start:i-1]) || r.ordinalBefore(view[start:i-1])) {
				continue
			}
			if onlyAfterNumber && !afterNumber(view[start:i-1]) {
				continue
			}
			out = splitGlued(view, start, j, r.abbr, out)
			start = j
			i = j
			continue
		}
		if !unicode.IsSpace(next) {
			continue
		}
		k := j
		for k < u.end {
			c2, s2 := utf8.DecodeRuneInString(view[k:u.end])
			if !unicode.IsSpace(c2) {
				break
			}
			k += s2
		}
		first, _ := utf8.DecodeRuneInString(view[k:u.end])
		for isOpener(first) && k < u.end {
			_, s2 := utf8.DecodeRuneInString(view[k:u.end])
			k = skipSpaces(view, k+s2, u.end)
			first, _ = utf8.DecodeRuneInString(view[k:u.end])
		}
		if !unicode.IsUpper(first) && !unicode.IsDigit(first) && !isCaseless(first) {
			continue
		}
		if c == '.' && (r.abbr.before(view[start:i-1]) || r.ordinalBefore(view[start:i-1])) {
			continue
		}
		if onlyAfterNumber && !afterNumber(view[start:i-1]) {
			continue
		}
		out = splitGlued(view, start, j, r.abbr, out)
		start = j
		i = j
	}
	if start < u.end {
		out = splitGlued(view, start, u.end, r.abbr, out)
	}
	return out
}

// FuzzSplitWhere compares splitWhere with the plain reference on any text,
// with the English and French abbreviations, after figures only or not.
//
//	go test -run XXX -fuzz FuzzSplitWhere -fuzztime 60s ./summarize
func FuzzSplitWhere(f *testing.F) {
	for _, seed := range []string{
		"It ended... Then it began.", "Mr.. Smith came. He left?! Then «Non. » Il", "U.S.!. Next one.",
		"W.!.!.! Next. A. B. C.", `He said "Yes." She "No?!" They`, "Profits hit $5.5m.. Costs 10.?! Sales",
		"e.g.. The Hobbit.", "Dr.?. Who. Fin. » Il a dit. ¿Qué? ¡Sí!", "a.b.c... D 2004.. The end",
	} {
		f.Add(seed, true)
		f.Add(seed, false)
	}
	for _, seed := range []string{"東京だ。次は！？「雨だ。」と言った。３．５だ", "هل ستنجح؟ يرى. نعم", "की। लोग", "am 1. März. Im Jahr 2024. Die"} {
		f.Add(seed, true)
		f.Add(seed, false)
	}
	rules := []*ruleSegmenter{
		{abbr: newAbbreviations(languages["en"].abbreviations, languages["en"].nonFinal)},
		{abbr: newAbbreviations(languages["fr"].abbreviations, languages["fr"].nonFinal)},
		{abbr: newAbbreviations(nil, nil), ends: neutral.terminators},
		{abbr: newAbbreviations([]string{"dr", "z.b"}, nil), ends: languages["de"].terminators, ordinals: true},
	}
	f.Fuzz(func(t *testing.T, text string, onlyAfterNumber bool) {
		view := normalizeView(ValidUTF8(text))
		for _, r := range rules {
			u := span{0, len(view)}
			want := referenceSplitWhere(r, view, u, onlyAfterNumber, nil)
			got := r.splitWhere(view, u, onlyAfterNumber, nil)
			require.Equal(t, want, got, "%q", view)
		}
	})
}

// referenceLooksLikeHeadline is looksLikeHeadline as it was, on
// strings.Fields; referenceSplitUnits joins lines as splitUnits did,
// judging the whole paragraph so far at every line (quadratic).
func referenceLooksLikeHeadline(line string) bool {
	words, capitalised := 0, 0
	for _, f := range strings.Fields(line) {
		r, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsLetter(r) || utf8.RuneCountInString(f) < 4 {
			continue
		}
		words++
		if unicode.IsUpper(r) {
			capitalised++
		}
	}
	return words >= 3 && capitalised*4 >= words*3
}

func referenceSplitUnits(view string) []unit {
	var units []unit
	paragraph, blank, open := 0, false, -1
	for pos := 0; pos < len(view); {
		end := strings.IndexByte(view[pos:], '\n')
		if end < 0 {
			end = len(view)
		} else {
			end += pos
		}
		s, e := trimSpan(view, pos, end)
		pos = end + 1
		if s == e {
			if !blank && len(units) > 0 {
				paragraph++
			}
			blank, open = true, -1
			continue
		}
		blank = false
		if open >= 0 {
			prev := view[units[open].start:units[open].end]
			if continuesLine(prev, view[s:e], func() bool { return referenceLooksLikeHeadline(prev) }) {
				units[open].end = e
				continue
			}
		}
		units = append(units, unit{span: span{s, e}, paragraph: paragraph})
		open = len(units) - 1
	}
	return units
}

// FuzzSplitUnits compares splitUnits, which counts a paragraph's headline
// words line by line, with the reference that recounts them at every line.
//
//	go test -run XXX -fuzz FuzzSplitUnits -fuzztime 60s ./summarize
func FuzzSplitUnits(f *testing.F) {
	for _, seed := range []string{
		"Abcd efgh ijkl mnop qrst uvwx yzab cdef ghij\nAbcd efgh ijkl mnop qrst uvwx yzab cdef ghij\n",
		"Council Approves New Harbour Bridge After Decade\nOf Delays And Much Argument Over The Traffic Plan\nthe end.",
		"The council met on Tuesday with the mayor and with\nPresident Ana Lind of the harbour board to agree a plan.",
		"Title line\r\n\r\nBody one.\r\nBody two.\r\n", "\ufeffFirst.\u00a0\n\u00a0Second.",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		view := normalizeView(ValidUTF8(text))
		for _, line := range strings.Split(view, "\n") {
			require.Equal(t, referenceLooksLikeHeadline(line), looksLikeHeadline(line), "%q", line)
		}
		want := referenceSplitUnits(view)
		got := splitUnits(view, nil)
		if len(want) == 0 {
			require.Empty(t, got)
			return
		}
		require.Equal(t, want, got, "%q", view)
	})
}

// TestASCIITerminatorsCoverEveryLanguage guards splitWhere's fast path,
// which skips ASCII bytes outside asciiTerminators without asking the
// language: an ASCII terminator missing there would never split.
func TestASCIITerminatorsCoverEveryLanguage(t *testing.T) {
	for _, r := range allTerminators() {
		if r < utf8.RuneSelf && !strings.ContainsRune(asciiTerminators, r) {
			t.Errorf("terminator %q is ASCII but not in asciiTerminators %q", r, asciiTerminators)
		}
	}
}
