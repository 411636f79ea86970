package summarize

import (
	"sort"
	"strings"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/hungarian"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"
	"gopkg.in/neurosnap/sentences.v1"
	punktenglish "gopkg.in/neurosnap/sentences.v1/english"

	"github.com/skimhq/skim/summarize/internal/langdata"
)

// language is one entry of the language table: data only. newAnalyzer
// assembles the pipeline of a language from it, so adding a language is
// one entry here (or in a table that feeds this one) and nothing else.
// Entries are read-only, so sharing them between Summarizers is safe.
type language struct {
	code string
	// data is the language's langdata entry: name, scripts, terminators and
	// the vendored word lists, parsed when the analyzer is built.
	data    *langdata.Language
	stemmer string // Snowball algorithm name, recorded in IDF tables
	// stem is nil for a language without a stemmer: terms are the words.
	stem func(word string, stemStopWords bool) string
	// isStop reports whether a lowercase word carries no topic, for term
	// weighting. nil: langdata's curated (Snowball or Lucene) list, else the
	// union of its lists, else stop words inferred from each document.
	isStop func(word string) bool
	// abbreviations (lowercase, without the final period) do not end a
	// sentence before a capitalised word. nil: langdata's list.
	abbreviations []string
	// nonFinal abbreviations never end a sentence, whatever follows them
	// (used where a statistical splitter may still break after them).
	nonFinal []string
	// chrome lists page user-interface strings (lowercase, without final
	// punctuation) that are never summary sentences.
	chrome []string
	// punkt loads the language's punkt model (gopkg.in/neurosnap/sentences),
	// the sentence splitter, with the rules run inside its sentences; nil
	// splits by the rules alone, at terminal punctuation minding
	// abbreviations.
	punkt func() (*sentences.DefaultSentenceTokenizer, error)
	// terminators are the runes that end a sentence; "" means the Latin set
	// ".!?…".
	terminators string
	// unspaced languages (Chinese, Japanese) do not separate words with
	// spaces: their terms are character bigrams.
	unspaced bool
	// ordinals: the language writes ordinals with a period ("1. März").
	ordinals bool
	// lowerContinues: a sentence never starts with a lower-case letter, so
	// punkt's breaks before one are dropped (languages beyond the legacy ones).
	lowerContinues bool
}

// englishPunkt loads the English model that gopkg.in/neurosnap/sentences
// embeds.
func englishPunkt() (*sentences.DefaultSentenceTokenizer, error) {
	return punktenglish.NewSentenceTokenizer(nil)
}

// commonChrome is the page chrome found on news sites whatever their language
// (many sites keep English UI labels).
var commonChrome = []string{
	"no time to read", "get a summary", "previous article", "next article",
	"read more", "advertisement", "share this article", "share this",
	"share", "related articles", "related", "most read", "comments",
	"sign up", "subscribe", "click here", "skip to content", "skip to main content",
	"back to top", "see also", "more on this story", "top stories", "image caption",
	"media caption", "follow us", "print", "email", "close", "menu", "advertisement - scroll to continue",
}

// legacyLanguages are the languages skim supported before langdata, with
// their pipeline kept exactly as it was: the kljensen/snowball stemmers the
// IDF tables record, Snowball's stop list plus the words news text adds for
// term weighting, and their own abbreviation lists (es, fr, sv and no keep
// the rule splitter their evaluations were tuned with). They still take
// langdata's chrome strings and its union stop list for keywords.
var legacyLanguages = map[string]*language{
	"en": {
		code: "en", stemmer: "english", stem: english.Stem, punkt: englishPunkt,
		isStop:        stopWords(english.IsStopWord, "said says say also would could will may might one new mr mrs ms dr told added just like get got don doesn didn isn wasn aren weren couldn wouldn shouldn won hasn haven hadn ain can ll ve re"),
		abbreviations: strings.Fields("mr mrs ms dr prof gen col lt sgt capt st jr sr inc ltd co corp vs etc e.g i.e u.s u.k a.m p.m no jan feb mar apr jun jul aug sep sept oct nov dec gov rep sen"),
		nonFinal:      strings.Fields("mr mrs ms dr prof e.g i.e vs cf"),
	},
	"es": {
		code: "es", stemmer: "spanish", stem: spanish.Stem,
		isStop:        stopWords(spanish.IsStopWord, "dijo afirmó según año años además"),
		abbreviations: strings.Fields("sr sra srta dr dra ud uds etc pág núm art ee.uu gral av"),
		chrome:        []string{"leer más", "compartir", "publicidad", "artículo anterior", "artículo siguiente", "noticias relacionadas"},
	},
	"fr": {
		code: "fr", stemmer: "french", stem: french.Stem,
		isStop:        stopWords(french.IsStopWord, "a dit selon ans an aussi plus cette être fait"),
		abbreviations: strings.Fields("m mm mme mlle dr pr st ste etc av apr j.-c cf n°"),
		chrome:        []string{"lire la suite", "lire aussi", "partager", "publicité", "article précédent", "article suivant", "à lire aussi", "pas le temps de lire"},
	},
	"ru": {
		code: "ru", stemmer: "russian", stem: russian.Stem,
		isStop:        stopWords(russian.IsStopWord, "заявил сказал также году года"),
		abbreviations: strings.Fields("г гг т тт др пр см им ул д стр тыс млн млрд руб коп н.э"),
		chrome:        []string{"читать далее", "читайте также", "поделиться", "реклама", "предыдущая статья", "следующая статья"},
	},
	"sv": {
		code: "sv", stemmer: "swedish", stem: swedish.Stem,
		isStop:        stopWords(swedish.IsStopWord, "säger sade enligt också år"),
		abbreviations: strings.Fields("t.ex bl.a d.v.s dvs m.m osv s.k f.d kl nr fr.o.m resp ca"),
		chrome:        []string{"läs mer", "dela", "annons", "föregående artikel", "nästa artikel", "läs också"},
	},
	"no": {
		code: "no", stemmer: "norwegian", stem: norwegian.Stem,
		isStop:        stopWords(norwegian.IsStopWord, "sier sa ifølge også år"),
		abbreviations: strings.Fields("bl.a f.eks m.m osv mht ca nr kl dvs evt jf st hr fr"),
		chrome:        []string{"les mer", "del", "annonse", "forrige artikkel", "neste artikkel", "les også"},
	},
	"hu": {
		code: "hu", stemmer: "hungarian", stem: hungarian.Stem,
		isStop:        stopWords(hungarian.IsStopWord, "mondta szerint is év"),
		abbreviations: strings.Fields("dr id stb pl kb ill ún ált évf sz u krt"),
		chrome:        []string{"tovább", "megosztás", "hirdetés", "előző cikk", "következő cikk"},
	},
}

// stopWords extends a stop-word list (Snowball's) with words it lacks that
// carry no topic in news text (reporting verbs, calendar words).
func stopWords(base func(string) bool, extra string) func(string) bool {
	set := wordSet(strings.Fields(extra))
	return func(word string) bool {
		if _, ok := set[word]; ok {
			return true
		}
		return base(word)
	}
}

// Languages returns the supported language codes, sorted.
func Languages() []string {
	codes := make([]string, 0, len(languages))
	for code := range languages {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	return codes
}

// isAuto reports whether a language option asks for detection.
func isAuto(language string) bool {
	language = strings.TrimSpace(language)
	return language == "" || strings.EqualFold(language, "auto")
}

// lookupLanguage resolves a language code, name or tag without loading
// anything, so arbitrary strings cannot grow any state.
func lookupLanguage(code string) (*language, bool) {
	canonical, ok := langdata.Canonical(code)
	if !ok {
		return nil, false
	}
	lang, ok := languages[canonical]
	return lang, ok
}

// languages is the language table: one entry per langdata language, the
// legacy ones as legacyLanguages has them. It is built once at package
// initialization from langdata's static table, parsing no data file.
var languages = buildLanguages()

func buildLanguages() map[string]*language {
	out := make(map[string]*language)
	for _, data := range langdata.All() {
		code := data.Code()
		if legacy, ok := legacyLanguages[code]; ok {
			l := *legacy
			l.data = data
			out[code] = &l
			continue
		}
		spec := data.Spec()
		l := &language{code: code, data: data, stemmer: spec.Snowball, terminators: spec.Terminators, unspaced: spec.Unspaced, ordinals: spec.OrdinalDot, lowerContinues: true}
		if data.HasStemmer() {
			l.stem = func(word string, _ bool) string { return data.Stem(word) }
		}
		if spec.Punkt != "" {
			l.punkt = punktLoader(data)
		}
		out[code] = l
	}
	return out
}

// neutral is the language-neutral pipeline, for text whose language is
// unknown or unsupported: every terminator of the table, no abbreviations
// beyond initials, no stemming, stop words inferred from the document.
var neutral = &language{code: "und", terminators: allTerminators(), abbreviations: []string{}}

// allTerminators is the union of the terminators of every language.
func allTerminators() string {
	seen := map[rune]bool{}
	var b strings.Builder
	for _, l := range langdata.All() {
		for _, r := range l.Spec().Terminators {
			if !seen[r] {
				seen[r] = true
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// punktLoader returns the loader of a language's punkt model with the
// language's abbreviations added to the model's own (on a copy: langdata's
// model is shared), so that "Il sig. Rossi" stays one sentence.
func punktLoader(data *langdata.Language) func() (*sentences.DefaultSentenceTokenizer, error) {
	return func() (*sentences.DefaultSentenceTokenizer, error) {
		st, err := data.Punkt()
		if err != nil {
			return nil, err
		}
		local := *st
		local.AbbrevTypes = make(sentences.SetString, len(st.AbbrevTypes))
		for k, v := range st.AbbrevTypes {
			local.AbbrevTypes[k] = v
		}
		for _, a := range data.Abbreviations().Words() {
			local.AbbrevTypes[a] = 1
		}
		return sentences.NewSentenceTokenizer(&local), nil
	}
}
