// Package langdata is the table of languages skim supports and the data each
// one brings: names for canonicalizing language tags, script and sentence
// terminators, the punkt model, the Snowball stemmer, stop words,
// abbreviations and page-chrome strings.
//
// Adding a language is one entry in table.go plus its data files under data/
// (data/NOTICE.md lists the sources and licences). Nothing is parsed at
// package init: each language parses its embedded data on first use, once
// (sync.Once per language and per kind of data), so a process only pays for
// the languages it meets, and the set of loaded data is bounded by the table
// whatever tags callers send.
package langdata

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"unicode"

	snowball "github.com/blevesearch/snowballstem"
	"golang.org/x/text/language"
	"gopkg.in/neurosnap/sentences.v1"
)

//go:embed data
var files embed.FS

// ErrNoPunkt is returned by Punkt and PunktJSON for a language without a
// punkt model; callers fall back to rule-based splitting.
var ErrNoPunkt = errors.New("langdata: no punkt model for this language")

// Spec is the static description of one language: everything here is known
// without reading any data file.
type Spec struct {
	// Code is the ISO 639-1 code, the one name the rest of skim uses.
	Code string
	// Name is the English name.
	Name string
	// Native is the language's name for itself (CLDR's endonym).
	Native string
	// Aliases are further names and codes Canonical accepts, lowercase.
	Aliases []string
	// Scripts are the Unicode script names (keys of unicode.Scripts) the
	// language is written in, main script first.
	Scripts []string
	// Unspaced is true for scripts that do not separate words with spaces
	// (Chinese, Japanese): terms there are character n-grams, not words.
	Unspaced bool
	// Terminators are the runes that end a sentence in this language.
	Terminators string
	// Punkt names the punkt model of gopkg.in/neurosnap/sentences.v1/data
	// ("" when there is none and splitting is rule-based).
	Punkt string
	// Snowball names the stemming algorithm of
	// github.com/blevesearch/snowballstem ("" when there is none).
	Snowball string
	// OrdinalDot is true for languages that write ordinals with a period
	// ("am 1. März", "2. kolo"): a period after a one- or two-digit number
	// does not end a sentence there.
	OrdinalDot bool
}

// Source names where a vendored word list comes from.
type Source string

// The stop-word sources, in the order StopWords merges them.
const (
	// SourceSnowball is the Snowball project's stop list (BSD), as shipped by
	// Lucene and bleve.
	SourceSnowball Source = "snowball"
	// SourceLucene is a Lucene stop list for a language Snowball has none for
	// (Apache-2.0 or BSD, see data/NOTICE.md).
	SourceLucene Source = "lucene"
	// SourceISO is the stopwords-iso collection (MIT).
	SourceISO Source = "stopwords-iso"
	// SourceStopword is the npm stopword package's list (MIT), vendored
	// where it adds much to stopwords-iso's (Ukrainian).
	SourceStopword Source = "stopword"
)

// stopSources lists the stop-word sources in merge order.
var stopSources = []Source{SourceSnowball, SourceLucene, SourceISO, SourceStopword}

// abbrevSources lists the abbreviation sources (directories under
// data/abbrev): CLDR's sentence-break suppressions, the abbreviations a punkt
// model learned, and skim's own short lists.
var abbrevSources = []string{"cldr", "punkt", "skim"}

// Features says what a language has, for listings such as GET /languages.
// It is computed from the table and the names of the embedded files, without
// parsing any of them.
type Features struct {
	// Splitter is "punkt" when a punkt model exists, else "rules".
	Splitter string
	// Stemmer is the Snowball algorithm name, "" for none.
	Stemmer string
	// StopWords lists the stop-word sources the language has.
	StopWords []Source
	// Abbreviations is true when an abbreviation list exists.
	Abbreviations bool
	// Chrome is true when a page-chrome list exists.
	Chrome bool
}

// Language is one supported language: its Spec and lazily parsed data. It is
// safe for concurrent use; all data it returns is shared and read-only.
type Language struct {
	spec Spec
	stem stemFunc

	stopOnce sync.Once
	stopAll  Set
	stopBy   map[Source]Set

	abbrevOnce sync.Once
	abbrevs    Set

	chromeOnce sync.Once
	chrome     []string

	punktOnce sync.Once
	punkt     *sentences.Storage
	punktErr  error
}

// Set is a read-only set of lowercase strings.
type Set struct {
	m map[string]struct{}
}

// Has reports whether the set holds w (w must already be lowercase).
func (s Set) Has(w string) bool {
	_, ok := s.m[w]
	return ok
}

// Len returns the number of entries.
func (s Set) Len() int { return len(s.m) }

// Words returns the entries, sorted; the slice is the caller's.
func (s Set) Words() []string {
	out := make([]string, 0, len(s.m))
	for w := range s.m {
		out = append(out, w)
	}
	slices.Sort(out)
	return out
}

// byCode and byName index the table; built on first use (they are small,
// but nothing in this package runs at init).
var index = sync.OnceValues(func() (map[string]*Language, map[string]string) {
	byCode := make(map[string]*Language, len(table))
	byName := make(map[string]string, 8*len(table))
	for _, l := range table {
		byCode[l.spec.Code] = l
		for _, n := range append([]string{l.spec.Code, l.spec.Name, l.spec.Native}, l.spec.Aliases...) {
			byName[strings.ToLower(n)] = l.spec.Code
		}
	}
	return byCode, byName
})

// maxTagLen bounds the tags Canonical looks at: the longest BCP 47 tags in use
// are far shorter, and a bound keeps untrusted input cheap.
const maxTagLen = 64

// Canonical maps a language tag or name — "en", "EN", "en-GB", "fr_FR",
// "zh-Hans", "eng", "english", "Français" — to the ISO 639-1 code of a
// supported language. It loads no data. ok is false for an empty, unknown or
// unsupported tag (including "auto", which callers handle).
func Canonical(tag string) (code string, ok bool) {
	if len(tag) > maxTagLen {
		return "", false
	}
	t := strings.ToLower(strings.TrimSpace(tag))
	if t == "" {
		return "", false
	}
	_, byName := index()
	if c, ok := byName[t]; ok {
		return c, true
	}
	// POSIX locales carry a codeset and modifier: "fr_FR.UTF-8@euro".
	if i := strings.IndexAny(t, ".@"); i > 0 {
		t = t[:i]
	}
	t = strings.ReplaceAll(t, "_", "-")
	first, _, _ := strings.Cut(t, "-")
	if c, ok := byName[first]; ok {
		return c, true
	}
	// ISO 639-2/3, bibliographic and deprecated codes ("fra", "ger", "in",
	// "mo") through the CLDR alias tables of x/text.
	parsed, err := language.Parse(first)
	if err != nil {
		return "", false
	}
	base, _ := parsed.Base()
	c, ok := byName[base.String()]
	return c, ok
}

// Lookup returns the language for a tag Canonical accepts.
func Lookup(tag string) (*Language, bool) {
	code, ok := Canonical(tag)
	if !ok {
		return nil, false
	}
	byCode, _ := index()
	l, ok := byCode[code]
	return l, ok
}

// All returns every supported language, sorted by code.
func All() []*Language {
	return slices.Clone(table)
}

// Codes returns the supported ISO 639-1 codes, sorted.
func Codes() []string {
	out := make([]string, len(table))
	for i, l := range table {
		out[i] = l.spec.Code
	}
	return out
}

// Spec returns the language's static description (a copy).
func (l *Language) Spec() Spec {
	s := l.spec
	s.Aliases = slices.Clone(s.Aliases)
	s.Scripts = slices.Clone(s.Scripts)
	return s
}

// Code returns the ISO 639-1 code.
func (l *Language) Code() string { return l.spec.Code }

// IsTerminator reports whether r ends a sentence in this language.
func (l *Language) IsTerminator(r rune) bool {
	return strings.ContainsRune(l.spec.Terminators, r)
}

// ScriptTables returns the Unicode range tables of the language's scripts.
func (l *Language) ScriptTables() []*unicode.RangeTable {
	out := make([]*unicode.RangeTable, 0, len(l.spec.Scripts))
	for _, s := range l.spec.Scripts {
		if t, ok := unicode.Scripts[s]; ok {
			out = append(out, t)
		}
	}
	return out
}

// Features says what the language has without parsing its data.
func (l *Language) Features() Features {
	f := Features{Splitter: "rules", Stemmer: l.spec.Snowball}
	if l.spec.Punkt != "" {
		f.Splitter = "punkt"
	}
	for _, src := range stopSources {
		if exists(stopPath(src, l.spec.Code)) {
			f.StopWords = append(f.StopWords, src)
		}
	}
	for _, src := range abbrevSources {
		f.Abbreviations = f.Abbreviations || exists(abbrevPath(src, l.spec.Code))
	}
	f.Chrome = exists(chromePath(l.spec.Code))
	return f
}

// HasStemmer reports whether Stem does anything for this language.
func (l *Language) HasStemmer() bool { return l.stem != nil }

// Stem returns the Snowball stem of a lowercase word, or the word itself when
// the language has no stemmer.
func (l *Language) Stem(word string) string {
	if l.stem == nil || word == "" {
		return word
	}
	env := snowball.NewEnv(word)
	l.stem(env)
	return env.Current()
}

// StopWords returns the union of every stop list vendored for the language
// (empty for a language without one: callers then derive stop words from the
// document, as the language-neutral pipeline does).
func (l *Language) StopWords() Set {
	l.loadStops()
	return l.stopAll
}

// StopList returns one source's stop list (empty when the language has none
// from that source), for callers that want a smaller list than the union.
func (l *Language) StopList(src Source) Set {
	l.loadStops()
	return l.stopBy[src]
}

func (l *Language) loadStops() {
	l.stopOnce.Do(func() {
		l.stopBy = make(map[Source]Set, len(stopSources))
		all := make(map[string]struct{})
		for _, src := range stopSources {
			words := readList(stopPath(src, l.spec.Code))
			m := make(map[string]struct{}, len(words))
			for _, w := range words {
				w = strings.ToLower(w)
				m[w] = struct{}{}
				all[w] = struct{}{}
			}
			l.stopBy[src] = Set{m}
		}
		l.stopAll = Set{all}
	})
}

// Abbreviations returns the words that, followed by a period, do not end a
// sentence: lowercase and without the final period ("dott", "z.b", "sra").
func (l *Language) Abbreviations() Set {
	l.abbrevOnce.Do(func() {
		m := make(map[string]struct{})
		for _, src := range abbrevSources {
			for _, a := range readList(abbrevPath(src, l.spec.Code)) {
				a = strings.TrimSuffix(strings.ToLower(a), ".")
				if a != "" {
					m[a] = struct{}{}
				}
			}
		}
		l.abbrevs = Set{m}
	})
	return l.abbrevs
}

// Chrome returns the page user-interface strings ("read more", "share",
// "accept all cookies") that are never summary sentences: lowercase, without
// final punctuation, longest first so callers can match greedily. The slice
// is shared: do not modify it.
func (l *Language) Chrome() []string {
	l.chromeOnce.Do(func() {
		var out []string
		seen := make(map[string]bool)
		for _, c := range readList(chromePath(l.spec.Code)) {
			c = strings.ToLower(c)
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
		slices.SortStableFunc(out, func(a, b string) int { return len(b) - len(a) })
		l.chrome = out
	})
	return l.chrome
}

// PunktJSON returns the language's punkt training data (the JSON of
// gopkg.in/neurosnap/sentences.v1/data), decompressed anew on each call;
// most callers want Punkt, which parses it once.
func (l *Language) PunktJSON() ([]byte, error) {
	if l.spec.Punkt == "" {
		return nil, fmt.Errorf("%s: %w", l.spec.Code, ErrNoPunkt)
	}
	f, err := files.Open(punktPath(l.spec.Punkt))
	if err != nil {
		return nil, fmt.Errorf("open punkt model %s: %w", l.spec.Punkt, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read punkt model %s: %w", l.spec.Punkt, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("read punkt model %s: %w", l.spec.Punkt, err)
	}
	return data, nil
}

// Punkt returns the parsed punkt training data, loaded on first call and
// shared afterwards; pass it to sentences.NewSentenceTokenizer. It is shared
// and read-only: to add Abbreviations to the model's own, copy the Storage
// and its AbbrevTypes first (TestPunktItalian shows how).
func (l *Language) Punkt() (*sentences.Storage, error) {
	l.punktOnce.Do(func() {
		data, err := l.PunktJSON()
		if err != nil {
			l.punktErr = err
			return
		}
		l.punkt, l.punktErr = sentences.LoadTraining(data)
		if l.punktErr != nil {
			l.punktErr = fmt.Errorf("parse punkt model %s: %w", l.spec.Punkt, l.punktErr)
		}
	})
	return l.punkt, l.punktErr
}

func stopPath(src Source, code string) string {
	return "data/stop/" + string(src) + "/" + code + ".txt"
}
func abbrevPath(src, code string) string { return "data/abbrev/" + src + "/" + code + ".txt" }
func chromePath(code string) string      { return "data/chrome/" + code + ".txt" }
func punktPath(name string) string       { return "data/punkt/" + name + ".json.gz" }

func exists(path string) bool {
	_, err := fs.Stat(files, path)
	return err == nil
}

// readList reads a word-list file: one entry per line, blank lines and lines
// starting with '#' skipped. A missing file is an empty list.
func readList(path string) []string {
	data, err := files.ReadFile(path)
	if err != nil {
		return nil
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return out
}
