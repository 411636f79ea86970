package summarize

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skimhq/skim/summarize/internal/shareddata"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestChromeKey(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"No time to read?", "no time to read"},
		{"  GET A   SUMMARY  ", "get a summary"},
		{"» Next Article «", "next article"},
		{"Share this article:", "share this article"},
		{"...Read more...", "read more"},
		{"", ""},
		{"?!", ""},
		{strings.Repeat("long line ", 10), ""}, // longer than any chrome string
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			assert.Equal(t, tc.want, chromeKey(tc.in))
		})
	}
}

// TestChromeList checks the chrome list each language's analyzer is
// assembled with: the common list, the language's own, the configured one.
func TestChromeList(t *testing.T) {
	t.Parallel()
	s, err := New(Config{Chrome: []string{"  Subscribe to our newsletter! ", ""}})
	require.NoError(t, err)
	en := inLanguage(s, "en").an().chrome
	for _, k := range []string{"no time to read", "get a summary", "previous article", "next article", "read more", "advertisement", "share this article", "subscribe to our newsletter"} {
		assert.Contains(t, en, k)
	}
	assert.True(t, en.has("» Subscribe to our NEWSLETTER «"))
	assert.NotContains(t, en, "")
	fr := inLanguage(s, "fr").an().chrome
	assert.Contains(t, fr, "lire la suite")
	assert.Contains(t, fr, "no time to read", "common chrome applies to every language")
	assert.Contains(t, fr, "subscribe to our newsletter", "configured chrome applies to every language")
	assert.NotContains(t, en, "lire la suite", "another language's chrome does not apply")
}

// TestChromeListHas checks that has, which folds ASCII text on the stack,
// finds exactly the texts whose chromeKey the list holds.
func TestChromeListHas(t *testing.T) {
	t.Parallel()
	list := newChromeList([]string{"read more", "lire la suite", "ÜBER UNS", "a b"})
	tests := []struct {
		name, in string
		want     bool
	}{
		{"exact", "read more", true},
		{"case and spaces", "  READ\t\n  More ", true},
		{"punctuation around", "»…Read more…«", true},
		{"punctuation inside", "read-more", false},
		{"other words", "read most", false},
		{"non-ASCII listed", "Über uns", true},
		{"non-ASCII after ASCII", "lire la suite\u00a0", true},
		{"non-breaking space inside", "read\u00a0more", true},
		{"vertical tab and form feed", "a\v\fb", true},
		{"empty", "", false},
		{"only punctuation", "?!", false},
		{"too long", strings.Repeat("read more ", 7), false},
		{"invalid UTF-8 around", "\xffread more\xfe", true},
		{"common list", "Accept all cookies", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, listed := list[chromeKey(tc.in)]
			assert.Equal(t, listed, list.has(tc.in), "has must agree with chromeKey")
			assert.Equal(t, tc.want, list.has(tc.in))
		})
	}
}

func TestCountWords(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"   ", 0},
		{"One", 1},
		{"The council met on Monday.", 5},
		{"Profits rose 76% to $1.13bn (£600m).", 6},
		{"high-speed e-mail", 2},
		{"-- * -- !!", 0},
		{"It's the U.S. firm's", 4},
		{"Москва является столицей", 3},
		{"東京 大阪", 2},
		{"a\tb\nc\r\nd", 4},
		{"a\vb\fc", 3},
		{"a\u00a0b\u0085c", 3},
		{"-a _b @c [d `e {f", 6},
		{"- _ @ [ ` { ~", 0},
		{"x\xffy \xff", 1},
		{"«Élan» 2024", 2},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			assert.Equal(t, tc.want, countWords(tc.in))
		})
	}
}

// FuzzCountWords checks countWords, which reads ASCII without decoding,
// against its definition: the white-space separated fields holding a
// letter or digit.
func FuzzCountWords(f *testing.F) {
	for _, s := range []string{"The council met.", "a\u00a0b", "東京 大阪", "x\xffy", "-- * --"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		want := 0
		for _, field := range strings.Fields(text) {
			if strings.IndexFunc(field, isWordRune) >= 0 {
				want++
			}
		}
		if got := countWords(text); got != want {
			t.Errorf("countWords(%q) = %d, want %d", text, got, want)
		}
	})
}

func TestCutTitle(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, line, title string
		want              string // the unit left, "" when all of it was the title
		cut               bool
	}{
		{"whole line", "Rail strike halts trains", "Rail strike halts trains", "", true},
		{"whole line with final period", "Rail strike halts trains.", "Rail strike halts trains", "", true},
		{"bar and lede", "Rail strike | Trains stopped today.", "Rail strike", "Trains stopped today.", true},
		{"section labels", "Rail strike | News | UK | Trains stopped today.", "Rail strike", "Trains stopped today.", true},
		{"colon", "Rail strike: Trains stopped today.", "Rail strike", "Trains stopped today.", true},
		{"dash", "Rail strike – Trains stopped today.", "Rail strike", "Trains stopped today.", true},
		{"case and spacing", "RAIL   strike | Trains stopped today.", "rail Strike", "Trains stopped today.", true},
		{"label with a period is text", "Rail strike | Trains stopped. Talks | resume.", "Rail strike", "Trains stopped. Talks | resume.", true},
		{"glued capitalised lede", "Rail strike Trains stopped today.", "Rail strike", "Trains stopped today.", true},
		{"not at the start", "Trains stopped today.", "Rail strike", "Trains stopped today.", false},
		{"longer than the line", "Rail", "Rail strike", "Rail", false},
		{"word prefix", "Apples are popular in autumn.", "Apple", "Apples are popular in autumn.", false},
		{"lede continues the title", "Harlow Foods said profits rose.", "Harlow Foods", "Harlow Foods said profits rose.", false},
		{"comma continues the title", "Harlow Foods, the meal maker, grew.", "Harlow Foods", "Harlow Foods, the meal maker, grew.", false},
		{"figure continues the title", "Profits rise 5% at Harlow.", "Profits rise", "Profits rise 5% at Harlow.", false},
		{"title ending a sentence", "Is it over? Trains stopped today.", "Is it over?", "Trains stopped today.", true},
		{"empty title", "Trains stopped today.", "", "Trains stopped today.", false},
		{"non-ASCII title", "Vilnius-toppmøtet | Nyheter | NATO samles i dag.", "Vilnius-toppmøtet", "NATO samles i dag.", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			prefix := "Header\n" // the unit need not start the view
			view := prefix + tc.line
			start, cut := cutTitle(view, span{len(prefix), len(view)}, tc.title)
			assert.Equal(t, tc.cut, cut)
			if tc.want == "" {
				assert.Equal(t, -1, start)
				return
			}
			require.GreaterOrEqual(t, start, len(prefix))
			assert.Equal(t, tc.want, view[start:])
		})
	}
}

// chromeCheck lists the strings that must never be part of a candidate
// sentence of a page.
type chromeCheck struct {
	title  string
	chrome []string
}

func (c chromeCheck) assertClean(t *testing.T, sents []Sentence) {
	t.Helper()
	for _, s := range sents {
		for _, chrome := range c.chrome {
			assert.NotContains(t, strings.ToLower(s.Text), strings.ToLower(chrome), "chrome in sentence %d", s.Index)
		}
		assert.NotContains(t, s.Text, c.title, "the title is in sentence %d", s.Index)
	}
}

var pageLengths = []Options{
	{Sentences: 1}, {Sentences: 3}, {Sentences: 5}, {Sentences: 8},
	{Ratio: 0.5}, {MaxWords: 80}, {MaxChars: 600},
}

// seedPage reads the page text a frontend sends (shared seed).
func seedPage(t *testing.T) (string, chromeCheck) {
	path := filepath.Join(shareddata.Dir(t), "seed", "nato-vilnius-summit.txt")
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Skipf("seed page %s not found", path)
	}
	require.NoError(t, err)
	return string(b), chromeCheck{
		title: "NATO Vilnius Summit Advances Ukraine Aid and Path to Membership",
		chrome: []string{
			"No time to read", "Get a summary", "Previous Article", "Next Article",
			"Iberdrola and Disfrimur", "Changan Hunter Plus",
		},
	}
}

// TestSeedPage: no chrome line and not the title in the summary of the
// seed page, whatever the length.
func TestSeedPage(t *testing.T) {
	t.Parallel()
	text, check := seedPage(t)
	for _, doc := range []Document{{Text: text}, {Title: check.title, Text: text}} {
		for _, opts := range pageLengths {
			t.Run(fmt.Sprintf("title %t/%+v", doc.Title != "", opts), func(t *testing.T) {
				sum, _ := summarizeAndRank(t, enSummarizer(t), doc, opts)
				assert.Equal(t, check.title, sum.Title)
				require.NotEmpty(t, sum.Sentences)
				check.assertClean(t, sum.Sentences)
			})
		}
	}
}

// TestSeedPageCandidates: no chrome line is even a candidate of the seed
// page, so that no length (up to the whole article) can pick one.
func TestSeedPageCandidates(t *testing.T) {
	t.Parallel()
	text, check := seedPage(t)
	ranked, err := enSummarizer(t).Rank(Document{Text: text}, Options{Ratio: 1})
	require.NoError(t, err)
	assertNoHeadlineCandidate(t, ranked)
	assert.Len(t, ranked, 13, "the article body has 13 sentences")
	check.assertClean(t, ranked)
}

// assertNoHeadlineCandidate fails when a long Title Case headline (a
// related-article link of minTerminatedWords words or more) is read as body
// text that lost its period.
func assertNoHeadlineCandidate(t *testing.T, ranked []Sentence) {
	t.Helper()
	for _, s := range ranked {
		if !endsSentence(s.Text) && looksLikeHeadline(s.Text) {
			t.Errorf("Title Case headline %q is a candidate", s.Text)
		}
	}
}

// TestLongHeadlineLinks is TestSeedPageCandidates on text written for this
// test: related-article links of 12 words or more, in Title Case.
func TestLongHeadlineLinks(t *testing.T) {
	t.Parallel()
	text := "Ferry services resumed on Monday after a week of storms closed the harbour to all traffic.\n\n" +
		"Operators said timetables would return to normal by the weekend.\n\n" +
		"Related articles\n" +
		"Harbour Authority Unveils Ambitious Plan to Double Cargo Capacity by the End of the Decade\n" +
		"Next Article\n" +
		"Island Councils Demand Faster Repairs to Storm Damaged Piers Before the Summer Tourist Season\n"
	ranked, err := enSummarizer(t).Rank(Document{Text: text}, Options{Ratio: 1})
	require.NoError(t, err)
	assertNoHeadlineCandidate(t, ranked)
	assert.Equal(t, []string{
		"Ferry services resumed on Monday after a week of storms closed the harbour to all traffic.",
		"Operators said timetables would return to normal by the weekend.",
	}, texts(ranked))
}

func TestLooksLikeHeadline(t *testing.T) {
	t.Parallel()
	tests := []struct {
		line string
		want bool
	}{
		{"Changan Hunter Plus Debuts in Russia with Two Trim Levels and Strong Feature Set", true},
		{"NATO Vilnius Summit Advances Ukraine Aid and Path to Membership", true},
		{"Harbour Authority Unveils Ambitious Plan to Double Cargo Capacity", true},
		{"Iberdrola and Disfrimur expand electric truck charging network across Spain", false},
		{"the council voted on Tuesday to build a second bridge across the harbour and the mayor", false},
		{"The Council Met", false}, // too few long words to tell
		{"Go To It", false},        // too few long words to tell
		{"", false},
		{"Москва Принимает Новый Бюджет Города", true},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			assert.Equal(t, tc.want, looksLikeHeadline(tc.line))
		})
	}
}

// TestChromePage is TestSeedPage on a page written for these tests, so that
// it runs without the shared data.
func TestChromePage(t *testing.T) {
	t.Parallel()
	a := loadArticle(t, "chrome-page")
	check := chromeCheck{
		title: "Rail strike halts trains across the northern region",
		chrome: []string{
			"Skip to main content", "Menu", "No time to read", "Get a summary", "Share this article",
			"Advertisement", "Read more", "Related articles", "Airport expansion plan", "Ferry operator cuts",
			"Previous Article", "Next Article", "Storm damage closes", "City marathon breaks",
		},
	}
	for _, opts := range pageLengths {
		t.Run(fmt.Sprintf("%+v", opts), func(t *testing.T) {
			sum, ranked := summarizeAndRank(t, enSummarizer(t), Document{Text: a.text}, opts)
			assert.Len(t, ranked, 13, "the article body has 13 sentences")
			require.NotEmpty(t, sum.Sentences)
			check.assertClean(t, ranked)
			check.assertClean(t, sum.Sentences)
			// The first line is chrome, so the headline is not detected as
			// the title, but it is not a candidate either (it has no
			// terminal punctuation).
			assert.NotEqual(t, "Skip to main content", sum.Title)
		})
	}
	// Given separately, the headline is cut wherever it stands first.
	sum, err := enSummarizer(t).Summarize(Document{Title: check.title, Text: a.text}, Options{Sentences: 3})
	require.NoError(t, err)
	assert.Equal(t, check.title, sum.Title)
	check.assertClean(t, sum.Sentences)
}

func TestConfigChrome(t *testing.T) {
	t.Parallel()
	text := "The council voted on Tuesday to build a second bridge across the harbour.\n" +
		"Tap the bell to hear about new stories first!\n" +
		"Construction is due to begin next spring, once the harbour authority agrees.\n" +
		"The Gazette is part of Elwin Media. Elwin Media owns nine titles.\n"
	plain, err := newIn("en", Config{})
	require.NoError(t, err)
	custom, err := newIn("en", Config{Chrome: []string{"tap the bell to hear about new stories first", "The Gazette is part of Elwin Media."}})
	require.NoError(t, err)

	all := candidates(t, plain, Document{Text: text})
	assert.Contains(t, all, "Tap the bell to hear about new stories first!")
	assert.Contains(t, all, "The Gazette is part of Elwin Media.")

	got := candidates(t, custom, Document{Text: text})
	assert.Equal(t, []string{
		"The council voted on Tuesday to build a second bridge across the harbour.",
		"Construction is due to begin next spring, once the harbour authority agrees.",
		"Elwin Media owns nine titles.",
	}, got, "configured chrome is dropped as a line and as a sentence")

	// Built-in chrome still applies alongside the configured list.
	_, err = custom.Summarize(Document{Text: "Get a summary\nSubscribe to our newsletter for daily updates.\n© 2026 Port Elwin Gazette. All rights reserved.\n"}, Options{})
	require.ErrorIs(t, err, ErrNoSentences)
}

func TestAllChrome(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		lang string
		text string
	}{
		{"english chrome", "en", "No time to read?\nGet a summary\n\nPrevious Article\nNext Article\nAdvertisement\nRead more\n"},
		{"chrome as sentences", "en", "Share this article. Read more. Advertisement."},
		{"french chrome", "fr", "Lire la suite\nPartager\nArticle précédent\nArticle suivant\n"},
		{"spanish chrome", "es", "Leer más\nCompartir\nPublicidad\n"},
		{"russian chrome", "ru", "Читать далее\nПоделиться\nРеклама\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := summarizerFor(t, tc.lang)
			_, err := s.Summarize(Document{Text: tc.text}, Options{})
			require.ErrorIs(t, err, ErrNoSentences)
			_, err = s.Rank(Document{Text: tc.text}, Options{})
			require.ErrorIs(t, err, ErrNoSentences)
		})
	}
}

// TestChromeRules: the rules find the chrome no list can enumerate, and
// leave alone the body sentences that resemble it.
func TestChromeRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       bool
	}{
		{"cookie banner", "We use cookies to improve your experience. By continuing to browse you agree to our use of cookies. Privacy policy", true},
		{"consent wall", "We and our partners store and/or access information on a device, such as cookies, and process personal data.", true},
		{"consent sentence", "Alternatively you may access more detailed information and change your preferences before consenting.", true},
		{"article about cookie law", "Regulators said websites that track visitors with cookies must first ask for consent.", false},
		{"article about privacy", "The company's partners shared the personal data of millions of users, the court found.", false},
		{"subscribe prompt", "Subscribe to continue reading. Already a subscriber? Sign in.", true},
		{"newsletter prompt", "Sign up for our Morning Ledger newsletter to get the day's top stories sent to your inbox every morning.", true},
		{"metered paywall", "You have read 3 of 5 free articles this month.", true},
		{"article about subscriptions", "Netflix said it had added nine million subscribers in the quarter.", false},
		{"signing up to a treaty", "So far the US has refused to sign up to the Kyoto treaty.", false},
		{"registering to vote", "Students in halls of residence can find it hard to register to vote.", false},
		{"partners in a quote", "A spokeswoman said: \"We have done a great deal of work with our partners across local government.\"", false},
		{"credit line", "Associated Press writer Christopher Weber in Los Angeles contributed to this report.", true},
		{"copyright sign", "© 2024 City News Ltd.", true},
		{"copyright word", "Copyright 2024 BBC. All rights reserved.", true},
		{"all rights reserved", "All Rights Reserved.", true},
		{"copyright law", "Copyright law protects the work for 70 years after the author's death.", false},
		{"byline", "By Jane Smith, Local Affairs Reporter · 12 March 2024", true},
		{"byline in capitals", "By JULIE WATSON and AMY TAXIN", true},
		{"byline with period", "By Jane Smith.", true},
		{"reporting credit", "Reporting by Andrew Walker and Lucy Craft; Editing by Tom Hart", true},
		{"by a weekday", "By Friday, Kyiv said it had retaken the town.", false},
		{"by a year", "By 2030 the city will run only electric buses.", false},
		{"by a long sentence", "By Tuesday evening the council had agreed to build the bridge.", false},
		{"date line", "Updated 4:41 PM ET, Wed April 8, 2015", true},
		{"relative date", "2 hours ago", true},
		{"reading time", "5 min read", true},
		{"posted by", "Posted on March 3, 2024 by Sam Lee", true},
		{"posted at", "Posted at 14:32", true},
		{"sentence with a date", "The bridge opened on 12 March 2024.", false},
		{"image caption", "Image caption, Pupils at a primary school in Leeds queue for lunch", true},
		{"photo credit", "Coral on Lizard Island in north Queensland. Photograph: Brett Monroe/Reuters", true},
		{"agency credit", "Firefighters on the ridge on Tuesday. (Getty Images)", true},
		{"teaser", "Read more: Council tax to rise by 4.9%", true},
		{"watch teaser", "WATCH: What happens in the penalty phase", true},
		{"search box", "Search CNN...", true},
		{"search sentence", "Search teams found the missing walkers on Sunday morning.", false},
		{"body sentence", "Councillors in Port Elwin voted on Tuesday night to build eleven kilometres of bike lanes.", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, chromeRule(tc.text))
		})
	}
}

// TestLeadChrome: datelines and share-bar residue glued to the start of a
// line are cut off it, and the sentence after them is kept whole.
func TestLeadChrome(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, line, want string }{
		{"CNN glued", "(CNN)They may not be aliens.", "They may not be aliens."},
		{"place and CNN glued", "Boston (CNN)Guilty across the board.", "Guilty across the board."},
		{"Reuters dash", "LONDON (Reuters) - The Bank of England kept rates on hold.", "The Bank of England kept rates on hold."},
		{"CNN double dash", "(CNN) -- A plane crashed on Monday.", "A plane crashed on Monday."},
		{"place, country, agency", "BANGKOK, Thailand (CNN) -- A plane crashed.", "A plane crashed."},
		{"AP em dash", "LOS ANGELES (AP) — A wildfire forced thousands to flee.", "A wildfire forced thousands to flee."},
		{"date in the dateline", "NEW YORK, March 12 (Reuters) - Stocks rose.", "Stocks rose."},
		{"capitals and dash", "WASHINGTON — The Senate voted on Tuesday.", "The Senate voted on Tuesday."},
		{"known agency, no dash", "WASHINGTON (AP) The Senate voted on Tuesday.", "The Senate voted on Tuesday."},
		{"share residue", "Share this withEmailFacebookMessengerMessengerTwitterPinterestWhatsAppLinkedinCopy this linkResearchers found it.", "Researchers found it."},
		{"share residue across lines", "Share this withEmailFacebookTwitterLinkedinCopy\nthis linkCuadrilla said drilling had stopped.", "Cuadrilla said drilling had stopped."},
		{"share residue then dateline", "Share this withEmailCopy this link(CNN)The vote passed.", "The vote passed."},
		{"ticker is no dateline", "Apple (AAPL) shares rose 3% on Monday.", "Apple (AAPL) shares rose 3% on Monday."},
		{"figure and dash", "9,000 - employees work at the hotel.", "9,000 - employees work at the hotel."},
		{"glued country", "Pascal Gauzere (France)For the first time he will referee.", "Pascal Gauzere (France)For the first time he will referee."},
		{"bracketed aside", "Harlow Foods (the meal maker) grew.", "Harlow Foods (the meal maker) grew."},
		{"hyphenated word after capitals", "UK-wide talks resume today.", "UK-wide talks resume today."},
		{"plain sentence", "The council met on Monday.", "The council met on Monday."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.line[leadChrome(tc.line):])
		})
	}
}

// TestDatelineOffsets: the sentence a dateline opens starts after it, and
// its offsets index the text as given.
func TestDatelineOffsets(t *testing.T) {
	t.Parallel()
	text := "Boston (CNN)Guilty across the board. But will he face death? The jury will decide next week, the judge said."
	ranked, err := enSummarizer(t).Rank(Document{Text: text}, Options{Ratio: 1})
	require.NoError(t, err)
	got := texts(ranked)
	require.NotEmpty(t, got)
	assert.Equal(t, "Guilty across the board.", got[0])
	for _, s := range ranked {
		assert.Equal(t, text[s.Start:s.End], s.Text)
	}
}

// TestTitlePastChrome: the headline is found below a banner, a menu and a
// site name, and a byline glued to it is cut off.
func TestTitlePastChrome(t *testing.T) {
	t.Parallel()
	body := "Councillors voted on Tuesday to build protected bike lanes across the city centre.\n\n" +
		"The bike lanes will link the station with the university, the council said.\n"
	tests := []struct{ name, text, want string }{
		{"banner first", "We use cookies to improve your experience. By continuing to browse you agree to our use of cookies. Privacy policy\nAccept all cookies\nCouncil approves new bike lanes\n" + body, "Council approves new bike lanes"},
		{"menu and site name", "City News\nHome\nNews\nSport\nCouncil approves new bike lanes\n" + body, "Council approves new bike lanes"},
		{"glued byline", "Council approves new bike lanes By Jane Smith, Local Affairs Reporter · 12 March 2024\n" + body, "Council approves new bike lanes"},
		{"byline on the next line", "Council approves new bike lanes after long campaign\nBy Jane Smith, Local Affairs Reporter · 12 March 2024\n" + body, "Council approves new bike lanes after long campaign"},
		{"no headline", body, ""},
		{"first line set apart", "Bike lane vote (Tue)\n\nTuesday 12 March\n\nCouncil bike lanes, city centre\n\n1900 GMT\n\n" + body, "Bike lane vote (Tue)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sum, _ := summarizeAndRank(t, enSummarizer(t), Document{Text: tc.text}, Options{Sentences: 3})
			assert.Equal(t, tc.want, sum.Title)
			for _, s := range sum.Sentences {
				assert.NotContains(t, s.Text, "Jane Smith")
				assert.NotContains(t, s.Text, "cookies")
			}
		})
	}
}

// TestNoEmptyAnswers: text that is all chrome is ErrNoSentences, never
// chrome as a summary.
func TestNoEmptyAnswers(t *testing.T) {
	t.Parallel()
	for _, text := range []string{
		"Home\nNews\nSport",
		"Accept all cookies\nManage preferences\nSign in",
		"We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.\nAccept all cookies\n",
		"By Jane Smith\n12 March 2024\n© 2024 City News Ltd. All rights reserved.\n",
		"Share this withEmailFacebookTwitterCopy this link\nAdvertisement\nRead more",
	} {
		t.Run(text, func(t *testing.T) {
			_, err := enSummarizer(t).Summarize(Document{Text: text}, Options{})
			require.ErrorIs(t, err, ErrNoSentences)
		})
	}
}

// TestHeaderLines: on a page, an unpunctuated standfirst between the
// headline and the first sentence is header, not body; in a plain article
// a lede set apart by blank lines is body although it lost its period.
func TestHeaderLines(t *testing.T) {
	t.Parallel()
	lede := "The plan backed by a two billion dollar bond is the largest public housing programme in a generation"
	body := "The state will pay for twenty thousand new homes over the next five years, the governor said on Monday."
	page := "State to fund new homes in bid to ease rent crisis\n" + lede + "\nBy Marcus Bell\n" + body + "\n"
	got := candidates(t, enSummarizer(t), Document{Text: page})
	assert.Equal(t, []string{body}, got)

	plain := "State to fund new homes in bid to ease rent crisis\n\n" + lede + "\n\n" + body + "\n"
	got = candidates(t, enSummarizer(t), Document{Text: plain})
	assert.Equal(t, []string{lede, body}, got)
}

// FuzzChromeListHas checks has against the map lookup of chromeKey on any
// text.
func FuzzChromeListHas(f *testing.F) {
	for _, s := range []string{"Read more", "  READ\tmore ", "Über uns", "read\u00a0more", "\xffread more"} {
		f.Add(s)
	}
	list := newChromeList([]string{"read more", "über uns"})
	f.Fuzz(func(t *testing.T, text string) {
		_, listed := list[chromeKey(text)]
		if got := list.has(text); got != listed {
			t.Errorf("has(%q) = %v, chromeKey %q listed %v", text, got, chromeKey(text), listed)
		}
	})
}

// FuzzHasCreditMark checks the one-pass search against looking for each
// mark in turn.
func FuzzHasCreditMark(f *testing.F) {
	for _, s := range []string{"on Tuesday.Credit...Jane Doe", "Credit…AP", "Credit.. Credit...", "CreditCredit…", "Credit"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		want := strings.Contains(text, "Credit...") || strings.Contains(text, "Credit…")
		if got := hasCreditMark(text); got != want {
			t.Errorf("hasCreditMark(%q) = %v, want %v", text, got, want)
		}
	})
}
