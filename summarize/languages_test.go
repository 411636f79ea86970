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

// TestResolveLanguage: detection runs only when no language is given (or
// auto), an explicit language always wins, and text whose language detect
// cannot tell gets the language-neutral pipeline instead of English rules or
// an error.
func TestResolveLanguage(t *testing.T) {
	t.Parallel()
	read := func(code string) string {
		raw, err := os.ReadFile(filepath.Join("..", "testdata", "languages", code+".txt"))
		require.NoError(t, err)
		return string(raw)
	}
	hebrew := "ועדת התכנון של העירייה אישרה ביום שלישי את בניית הגשר החדש מעל הנהר. " +
		"לדברי ראש העירייה, העבודות יתחילו באביב ויימשכו שנתיים. " +
		"עלות הפרויקט מוערכת במאה מיליון שקלים. " +
		"תושבי השכונות הצפוניות מחכים לגשר כבר עשר שנים. " +
		"האופוזיציה הצביעה נגד התוכנית."
	tests := []struct {
		name         string
		text         string
		language     string
		wantLanguage string
		wantDetected bool
		wantSupport  Support
		wantErr      error
	}{
		{name: "detected German", text: read("de"), wantLanguage: "de", wantDetected: true, wantSupport: SupportFull},
		{name: "auto", text: read("it"), language: "auto", wantLanguage: "it", wantDetected: true, wantSupport: SupportFull},
		{name: "AUTO with spaces", text: read("pl"), language: " AUTO ", wantLanguage: "pl", wantDetected: true, wantSupport: SupportFull},
		{name: "explicit wins over detection", text: read("de"), language: "en", wantLanguage: "en", wantSupport: SupportFull},
		{name: "explicit by name", text: read("pt"), language: "Portuguese", wantLanguage: "pt", wantSupport: SupportFull},
		{name: "script outside the table", text: hebrew, wantLanguage: "und", wantSupport: SupportBasic},
		{name: "explicit unsupported code", text: hebrew, language: "he", wantErr: ErrUnsupportedLanguage},
	}
	s, err := New(Config{})
	require.NoError(t, err)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			doc := Document{Text: tc.text}
			sum, err := s.Summarize(context.Background(), doc, Options{Sentences: 2, Keywords: 5, Language: tc.language})
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.wantLanguage, sum.Language)
			assert.Equal(t, tc.wantDetected, sum.LanguageDetected)
			assert.Equal(t, tc.wantSupport, sum.LanguageSupport)
			for _, p := range sum.Sentences {
				assert.Equal(t, doc.Text[p.Start:p.End], p.Text)
			}
		})
	}
}

// TestNeutralPipeline: text in a language outside the table is split at
// every script's terminators, and its most widespread short words, not
// topic words, are its stop words.
func TestNeutralPipeline(t *testing.T) {
	t.Parallel()
	// Welsh, which langdata does not have: "y", "yn", "a", "o" are function
	// words found in most sentences.
	welsh := "Mae cyngor y dref wedi cymeradwyo cynllun newydd ar gyfer y bont. " +
		"Bydd y gwaith yn dechrau yn y gwanwyn a bydd yn para dwy flynedd. " +
		"Mae'r cynllun yn costio deg miliwn o bunnoedd. " +
		"Mae trigolion y gogledd wedi aros am y bont ers deng mlynedd. " +
		"Pleidleisiodd y gwrthbleidiau yn erbyn y cynllun. " +
		"Dywedodd yr arweinydd fod y gost yn rhy uchel i'r dref. " +
		"Bydd ymgynghoriad cyhoeddus yn cael ei gynnal ym mis Mai. " +
		"Mae busnesau lleol yn croesawu'r newyddion. " +
		"Maen nhw'n gobeithio y bydd mwy o ymwelwyr yn dod i'r ardal. " +
		"Bydd y cyngor yn trafod y manylion eto yn yr hydref."
	s, err := New(Config{})
	require.NoError(t, err)
	sum, err := s.Summarize(context.Background(), Document{Text: welsh}, Options{Sentences: 2, Keywords: 5, Language: "auto"})
	require.NoError(t, err)
	t.Logf("Welsh read as %q (%s)", sum.Language, sum.LanguageSupport)
	ranked, err := s.Rank(context.Background(), Document{Text: welsh}, Options{Language: "auto"})
	require.NoError(t, err)
	assert.Len(t, ranked, 10)

	stops := inferStopWords(welsh, neutral.terminators)
	for _, w := range []string{"y", "yn"} {
		assert.Contains(t, stops, w)
	}
	for _, w := range []string{"cynllun", "bont", "dref", "mai"} {
		assert.NotContains(t, stops, w, "a topic word is not a stop word")
	}
}

// TestTerminators: sentences end at the terminators of each script, with
// or without a space after them, and only there.
func TestTerminators(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       []string
	}{
		{"ideographic stops", "东京是首都。这里人很多！你去过吗？", []string{"东京是首都。", "这里人很多！", "你去过吗？"}},
		{"closing bracket after the stop", "「明日は雨だ。」と彼は言った。次の日は晴れた。", []string{"「明日は雨だ。」と彼は言った。", "次の日は晴れた。"}},
		{"full-width decimal", "株価は３．５％上昇した。次は来年だ。", []string{"株価は３．５％上昇した。", "次は来年だ。"}},
		{"arabic question mark", "هل ستنجح الخطة؟ يرى الخبراء ذلك. وقال الوزير إنه متفائل.", []string{"هل ستنجح الخطة؟", "يرى الخبراء ذلك.", "وقال الوزير إنه متفائل."}},
		{"danda", "सरकार ने नई योजना शुरू की। लोग खुश हैं।", []string{"सरकार ने नई योजना शुरू की।", "लोग खुश हैं।"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &ruleSegmenter{ends: neutral.terminators}
			spans, err := r.split(context.Background(), tc.text, span{0, len(tc.text)}, nil)
			require.NoError(t, err)
			var got []string
			for _, sp := range spans {
				got = append(got, tc.text[sp.start:sp.end])
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestPunktAbbreviations: the language's abbreviations are added to its
// punkt model, and a lower-case word never starts a sentence, even after an
// abbreviation neither knows.
func TestPunktAbbreviations(t *testing.T) {
	t.Parallel()
	s, err := New(Config{})
	require.NoError(t, err)
	tests := []struct {
		lang, text string
		want       int
	}{
		{"it", "Il sig. Rossi è arrivato alle dieci. Il dott. Bianchi lo aspettava in comune.", 2},
		{"it", "Il Comune ha speso 3 mln. di euro per il ponte. La giunta ha approvato il piano.", 2},
		{"pt", "O Sr. Silva chegou às dez horas. A Dra. Costa falou depois.", 2},
		{"de", "Das kostet z. B. fünf Euro. Laut Dr. Weber ist das zu viel.", 2},
		{"pl", "Pan dr hab. Nowak powiedział, że m.in. szkoły zostaną zamknięte. Rada się zgodziła.", 2},
	}
	for _, tc := range tests {
		t.Run(tc.lang+" "+tc.text[:20], func(t *testing.T) {
			ranked, err := s.Rank(context.Background(), Document{Text: tc.text}, Options{Language: tc.lang})
			require.NoError(t, err)
			assert.Len(t, ranked, tc.want, "%q", rankedTexts(ranked))
		})
	}
}

func rankedTexts(ranked []Sentence) []string {
	out := make([]string, len(ranked))
	for _, r := range ranked {
		out[r.Index] = r.Text
	}
	return out
}

// TestOrdinals: in languages that write ordinals with a period, "1. März"
// is not a sentence end, while a year before a period still is.
func TestOrdinals(t *testing.T) {
	t.Parallel()
	s, err := New(Config{})
	require.NoError(t, err)
	text := "Die Preise steigen ab dem 1. März um sechs Prozent. Das gilt seit 2024. Die Stadt prüft die Pläne."
	ranked, err := s.Rank(context.Background(), Document{Text: text}, Options{Language: "de"})
	require.NoError(t, err)
	assert.Len(t, ranked, 3)
}
