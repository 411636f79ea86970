package langdata

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"gopkg.in/neurosnap/sentences.v1"
)

// TestMain checks, before any test loads data, that canonicalizing tags and
// listing languages parse nothing: data is loaded per language on first use.
func TestMain(m *testing.M) {
	for _, tag := range []string{"en-GB", "english", "fr_FR", "zh-Hans", "xx", "auto"} {
		Canonical(tag)
		Lookup(tag)
	}
	for _, l := range All() {
		l.Features()
		l.Spec()
	}
	for _, l := range table {
		if l.stopBy != nil || l.abbrevs.m != nil || l.chrome != nil || l.punkt != nil {
			fmt.Fprintf(os.Stderr, "%s: data loaded before first use\n", l.spec.Code)
			os.Exit(1)
		}
	}
	os.Exit(m.Run())
}

func TestCanonical(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, tag, want string
		ok              bool
	}{
		{"code", "en", "en", true},
		{"upper case", "EN", "en", true},
		{"region", "en-GB", "en", true},
		{"posix locale", "fr_FR", "fr", true},
		{"posix locale with codeset", "fr_FR.UTF-8@euro", "fr", true},
		{"script subtag", "zh-Hans", "zh", true},
		{"script and region", "zh_Hant_TW", "zh", true},
		{"numeric region", "es-419", "es", true},
		{"english name", "english", "en", true},
		{"capitalized name", "English", "en", true},
		{"endonym", "français", "fr", true},
		{"capitalized endonym", "Français", "fr", true},
		{"non-latin endonym", "日本語", "ja", true},
		{"alias", "farsi", "fa", true},
		{"bokmål", "nb", "no", true},
		{"nynorsk with region", "nn-NO", "no", true},
		{"iso 639-2 terminologic", "deu", "de", true},
		{"iso 639-2 bibliographic", "ger", "de", true},
		{"iso 639-3", "fra", "fr", true},
		{"deprecated code", "in", "id", true},
		{"deprecated moldavian", "mo", "ro", true},
		{"unsupported iso 639-2", "heb", "", false},
		{"spaces", "  de  ", "de", true},
		{"auto is the caller's", "auto", "", false},
		{"empty", "", "", false},
		{"unsupported", "he", "", false},
		{"unsupported name", "klingon", "", false},
		{"junk", "en--", "en", true},
		{"too long", "en-" + strings.Repeat("x", 100), "", false},
		{"separator only", "-", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Canonical(tt.tag)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Canonical(%q) = %q, %v; want %q, %v", tt.tag, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestTable checks every entry is complete and consistent.
func TestTable(t *testing.T) {
	t.Parallel()
	codes := Codes()
	if len(codes) < 25 {
		t.Errorf("%d languages, want >= 25", len(codes))
	}
	if !slices.IsSorted(codes) {
		t.Errorf("Codes() not sorted: %v", codes)
	}
	if len(slices.Compact(slices.Clone(codes))) != len(codes) {
		t.Errorf("duplicate codes: %v", codes)
	}
	for _, l := range All() {
		s := l.Spec()
		t.Run(s.Code, func(t *testing.T) {
			if len(s.Code) != 2 || s.Name == "" || s.Native == "" || s.Terminators == "" {
				t.Errorf("incomplete spec: %+v", s)
			}
			for _, sc := range s.Scripts {
				if unicode.Scripts[sc] == nil {
					t.Errorf("unknown script %q", sc)
				}
			}
			if len(l.ScriptTables()) == 0 {
				t.Error("no script")
			}
			if (s.Snowball != "") != l.HasStemmer() {
				t.Errorf("Snowball %q but HasStemmer %v", s.Snowball, l.HasStemmer())
			}
			for _, n := range append([]string{s.Code, s.Name, s.Native}, s.Aliases...) {
				if got, ok := Canonical(n); !ok || got != s.Code {
					t.Errorf("Canonical(%q) = %q, %v", n, got, ok)
				}
			}
			f := l.Features()
			if len(f.StopWords) == 0 && s.Code != "ta" {
				t.Errorf("no stop words")
			}
			if len(f.StopWords) > 0 && l.StopWords().Len() == 0 {
				t.Errorf("features list %v but the stop list is empty", f.StopWords)
			}
		})
	}
}

func TestSnowballLanguages(t *testing.T) {
	t.Parallel()
	// Every stemmer github.com/blevesearch/snowballstem v0.9.0 has (porter
	// aside, English's older algorithm) must be in the table.
	for _, name := range []string{"arabic", "danish", "dutch", "english", "finnish", "french", "german", "hungarian", "irish", "italian", "norwegian", "portuguese", "romanian", "russian", "spanish", "swedish", "tamil", "turkish"} {
		found := false
		for _, l := range All() {
			found = found || l.Spec().Snowball == name
		}
		if !found {
			t.Errorf("no language uses the %s stemmer", name)
		}
	}
}

func TestStopWords(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang, word string
		stop       bool
	}{
		{"fr", "les", true}, // missing from Snowball's own French list
		{"fr", "le", true},
		{"fr", "gouvernement", false},
		{"de", "der", true},
		{"de", "die", true},
		{"de", "das", true},
		{"de", "bundesregierung", false},
		{"it", "il", true},
		{"it", "la", true},
		{"it", "governo", false},
		{"en", "the", true},
		{"en", "government", false},
		{"es", "el", true},
		{"pt", "não", true},
		{"nl", "het", true},
		{"pl", "się", true},
		{"ru", "и", true},
		{"uk", "але", true},
		{"ar", "في", true},
		{"tr", "ve", true},
		{"zh", "的", true},
		{"zh", "政府", false},
		{"ja", "の", true},
		{"ko", "그리고", true},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.word, func(t *testing.T) {
			l, ok := Lookup(tt.lang)
			if !ok {
				t.Fatalf("no language %s", tt.lang)
			}
			if got := l.StopWords().Has(tt.word); got != tt.stop {
				t.Errorf("StopWords().Has(%q) = %v, want %v", tt.word, got, tt.stop)
			}
		})
	}
}

func TestStopListSources(t *testing.T) {
	t.Parallel()
	fr, _ := Lookup("fr")
	snow, iso := fr.StopList(SourceSnowball), fr.StopList(SourceISO)
	if snow.Len() == 0 || iso.Len() == 0 {
		t.Fatalf("french lists: snowball %d, iso %d words", snow.Len(), iso.Len())
	}
	all := fr.StopWords()
	for _, w := range append(snow.Words(), iso.Words()...) {
		if !all.Has(w) {
			t.Fatalf("union lacks %q", w)
		}
	}
	if all.Len() < max(snow.Len(), iso.Len()) {
		t.Errorf("union has %d words, fewer than a part", all.Len())
	}
	if fr.StopList(SourceLucene).Len() != 0 {
		t.Errorf("french has a Lucene list: sources overlap")
	}
}

func TestAbbreviations(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang, abbrev string
		want         bool
	}{
		{"it", "sig", true},
		{"it", "dott", true},
		{"it", "casa", false},
		{"de", "z.b", true},
		{"de", "dr", true},
		{"es", "sr", true},
		{"es", "sra", true},
		{"en", "mr", true},
		{"en", "e.g", true},
		{"fr", "mme", true},
		{"pl", "np", true},
		{"ru", "г", true},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.abbrev, func(t *testing.T) {
			l, _ := Lookup(tt.lang)
			if got := l.Abbreviations().Has(tt.abbrev); got != tt.want {
				t.Errorf("Abbreviations().Has(%q) = %v, want %v", tt.abbrev, got, tt.want)
			}
		})
	}
}

func TestChrome(t *testing.T) {
	t.Parallel()
	tests := []struct{ lang, phrase string }{
		{"en", "read more"}, {"en", "accept all cookies"}, {"de", "weiterlesen"}, {"fr", "lire la suite"},
		{"es", "leer más"}, {"it", "leggi anche"}, {"pt", "leia mais"}, {"nl", "lees meer"},
		{"pl", "czytaj więcej"}, {"ru", "читать далее"}, {"tr", "devamını oku"}, {"ar", "اقرأ المزيد"},
		{"zh", "阅读更多"}, {"ja", "続きを読む"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			l, _ := Lookup(tt.lang)
			c := l.Chrome()
			if !slices.Contains(c, tt.phrase) {
				t.Errorf("Chrome() lacks %q", tt.phrase)
			}
			if !slices.IsSortedFunc(c, func(a, b string) int { return len(b) - len(a) }) {
				t.Errorf("Chrome() not longest first")
			}
			for _, p := range c {
				if p != strings.ToLower(p) {
					t.Errorf("%q not lowercase", p)
				}
			}
		})
	}
}

func TestTerminators(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang string
		r    rune
		want bool
	}{
		{"ar", '؟', true}, {"ar", '۔', true}, {"fa", '؟', true}, {"zh", '。', true}, {"ja", '！', true},
		{"ja", '？', true}, {"hi", '।', true}, {"en", '.', true}, {"en", '。', false}, {"en", ',', false},
	}
	for _, tt := range tests {
		l, _ := Lookup(tt.lang)
		if got := l.IsTerminator(tt.r); got != tt.want {
			t.Errorf("%s IsTerminator(%q) = %v, want %v", tt.lang, tt.r, got, tt.want)
		}
	}
}

func TestStem(t *testing.T) {
	t.Parallel()
	tests := []struct{ lang, word, want string }{
		{"en", "running", "run"},
		{"en", "generously", "generous"},
		{"fr", "gouvernements", "gouvern"},
		{"de", "häuser", "haus"},
		{"it", "governo", "govern"},
		{"pl", "rządu", "rządu"}, // no stemmer: unchanged
		{"zh", "政府", "政府"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.word, func(t *testing.T) {
			l, _ := Lookup(tt.lang)
			if got := l.Stem(tt.word); got != tt.want {
				t.Errorf("Stem(%q) = %q, want %q", tt.word, got, tt.want)
			}
		})
	}
}

func TestPunkt(t *testing.T) {
	t.Parallel()
	for _, l := range All() {
		s := l.Spec()
		t.Run(s.Code, func(t *testing.T) {
			st, err := l.Punkt()
			if s.Punkt == "" {
				if !errors.Is(err, ErrNoPunkt) {
					t.Errorf("Punkt() error = %v, want ErrNoPunkt", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Punkt(): %v", err)
			}
			if len(st.AbbrevTypes) == 0 || len(st.OrthoContext) == 0 {
				t.Errorf("model %s is empty", s.Punkt)
			}
			again, _ := l.Punkt()
			if again != st {
				t.Error("Punkt() parsed the model twice")
			}
		})
	}
}

// TestPunktItalian: the Italian model with the Italian abbreviations keeps
// "Il sig. Rossi" and "il dott. Bianchi" in one sentence (issue 12).
func TestPunktItalian(t *testing.T) {
	t.Parallel()
	it, _ := Lookup("it")
	st, err := it.Punkt()
	if err != nil {
		t.Fatal(err)
	}
	text := "Il sig. Rossi ha incontrato il dott. Bianchi in comune. Poi sono partiti insieme."
	// The core adds the langdata abbreviations to the model's own; do the same
	// on a copy so the shared model stays read-only.
	local := *st
	local.AbbrevTypes = make(sentences.SetString)
	for k, v := range st.AbbrevTypes {
		local.AbbrevTypes[k] = v
	}
	for _, a := range it.Abbreviations().Words() {
		local.AbbrevTypes[a] = 1
	}
	tok := sentences.NewSentenceTokenizer(&local)
	var got []string
	for _, s := range tok.Tokenize(text) {
		got = append(got, strings.TrimSpace(s.Text))
	}
	want := []string{"Il sig. Rossi ha incontrato il dott. Bianchi in comune.", "Poi sono partiti insieme."}
	if !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

func FuzzCanonical(f *testing.F) {
	for _, s := range []string{"en", "en-GB", "fr_FR.UTF-8", "français", "zh-Hans", "", "-", "x-klingon", "\xff\xfe"} {
		f.Add(s)
	}
	codes := Codes()
	f.Fuzz(func(t *testing.T, tag string) {
		code, ok := Canonical(tag)
		if !ok {
			if code != "" {
				t.Fatalf("Canonical(%q) = %q with ok=false", tag, code)
			}
			return
		}
		if !slices.Contains(codes, code) {
			t.Fatalf("Canonical(%q) = %q, not a supported code", tag, code)
		}
		if again, ok := Canonical(code); !ok || again != code {
			t.Fatalf("Canonical(%q) = %q, not idempotent", code, again)
		}
	})
}
