//go:build ignore

// gen regenerates the vendored data files under data/ from their upstream
// sources (see data/NOTICE.md). The hand-maintained lists (data/chrome and
// data/abbrev/skim) are left alone. Run from this directory:
//
//	npm pack stopwords-iso@1.1.0 && tar xzf stopwords-iso-1.1.0.tgz      # MIT
//	npm pack stopword@3.1.5 && mkdir sw && tar xzf stopword-3.1.5.tgz -C sw  # MIT
//	apt-get download unicode-cldr-core && dpkg -x unicode-cldr-core_*.deb cldr
//	go run gen.go -iso package/stopwords-iso.json -stopword sw/package/src -cldr cldr/usr/share/unicode/cldr/common
//
// bleve (for the Snowball and Lucene stop lists) and the punkt models come
// from the Go module cache (`go mod download`).
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/language"

	"github.com/skimhq/skim/summarize/internal/langdata"
)

const (
	bleveModule     = "github.com/blevesearch/bleve/v2@v2.6.3"
	sentencesModule = "gopkg.in/neurosnap/sentences.v1@v1.0.7"
)

func main() {
	isoPath := flag.String("iso", "", "stopwords-iso.json of the npm package stopwords-iso")
	cldrDir := flag.String("cldr", "", "CLDR common/ directory (Debian package unicode-cldr-core)")
	swDir := flag.String("stopword", "", "src/ directory of the npm package stopword")
	flag.Parse()
	if *isoPath == "" || *cldrDir == "" || *swDir == "" {
		log.Fatal("usage: go run gen.go -iso stopwords-iso.json -stopword stopword/src -cldr CLDR/common")
	}
	bleve := moduleDir(bleveModule)
	punkt := filepath.Join(moduleDir(sentencesModule), "data")

	var iso map[string][]string
	data, err := os.ReadFile(*isoPath)
	check(err)
	check(json.Unmarshal(data, &iso))

	for _, l := range langdata.All() {
		s := l.Spec()
		code := s.Code
		// Snowball and Lucene lists as bleve vendors them from Lucene.
		if words, src, ok := bleveStops(bleve, code); ok {
			write(filepath.Join("data/stop", src, code+".txt"), "bleve "+bleveModule+" analysis/lang/"+code, words)
		}
		if words := iso[code]; len(words) > 0 {
			write(filepath.Join("data/stop/stopwords-iso", code+".txt"), "npm stopwords-iso@1.1.0 stopwords-iso.json", words)
		}
		// The npm stopword package's list, where it adds much to
		// stopwords-iso's (Ukrainian: 166 words against 73).
		if words := npmStopword(*swDir, code); newWords(words, iso[code]) >= minNewWords {
			write(filepath.Join("data/stop/stopword", code+".txt"), "npm stopword@3.1.5 src/stopwords_"+iso3(code)+".js", words)
		}
		if words := cldrSuppressions(*cldrDir, code); len(words) > 0 {
			write(filepath.Join("data/abbrev/cldr", code+".txt"), "CLDR 41 common/segments/"+code+".xml (sentence-break suppressions)", words)
		}
		if s.Punkt != "" {
			raw, err := os.ReadFile(filepath.Join(punkt, s.Punkt+".json"))
			check(err)
			var model struct{ AbbrevTypes map[string]any }
			check(json.Unmarshal(raw, &model))
			var abbrevs []string
			for a := range model.AbbrevTypes {
				if plausibleAbbrev(a) {
					abbrevs = append(abbrevs, a)
				}
			}
			write(filepath.Join("data/abbrev/punkt", code+".txt"), sentencesModule+" data/"+s.Punkt+".json (AbbrevTypes)", abbrevs)
			var buf bytes.Buffer
			zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			check(err)
			_, err = zw.Write(raw)
			check(err)
			check(zw.Close())
			check(os.MkdirAll("data/punkt", 0o755))
			check(os.WriteFile(filepath.Join("data/punkt", s.Punkt+".json.gz"), buf.Bytes(), 0o644))
		}
	}
}

func moduleDir(mod string) string {
	out, err := exec.Command("go", "mod", "download", "-json", mod).Output()
	check(err)
	var m struct{ Dir string }
	check(json.Unmarshal(out, &m))
	return m.Dir
}

var rawString = regexp.MustCompile("(?s)\\[\\]byte\\(`(.*?)`\\)")

// bleveStops reads bleve's copy of a Lucene stop file. Snowball-format files
// ('|' comments, several words a line) are Snowball's own lists; the others
// ('#' comments) are Lucene's. Poland's list there is stopwords-iso's, which
// is vendored directly instead.
func bleveStops(bleve, code string) ([]string, string, bool) {
	if code == "pl" {
		return nil, "", false
	}
	data, err := os.ReadFile(filepath.Join(bleve, "analysis/lang", code, "stop_words_"+code+".go"))
	if err != nil {
		return nil, "", false
	}
	m := rawString.FindSubmatch(data)
	if m == nil {
		log.Fatalf("%s: no word list found", code)
	}
	text := string(m[1])
	src, comment := "lucene", "#"
	if strings.Contains(text, "snowball") && strings.Contains(text, " | ") {
		src, comment = "snowball", "|"
	}
	var words []string
	for _, line := range strings.Split(text, "\n") {
		line, _, _ = strings.Cut(line, comment)
		words = append(words, strings.Fields(line)...)
	}
	return words, src, true
}

// minNewWords is how many words a stopword list must add to stopwords-iso's
// to be vendored too.
const minNewWords = 50

var quoted = regexp.MustCompile(`'([^']+)'`)

// npmStopword reads src/stopwords_<iso639-3>.js of the npm stopword package:
// a licence comment, then a JavaScript array of quoted words.
func npmStopword(dir, code string) []string {
	data, err := os.ReadFile(filepath.Join(dir, "stopwords_"+iso3(code)+".js"))
	if err != nil {
		return nil
	}
	text := string(data)
	if i := strings.Index(text, "*/"); i >= 0 {
		text = text[i+2:]
	}
	var out []string
	for _, m := range quoted.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	return out
}

func iso3(code string) string {
	if code == "no" {
		return "nob" // the package names Norwegian by Bokmål
	}
	return language.MustParseBase(code).ISO3()
}

func newWords(words, base []string) int {
	have := make(map[string]bool, len(base))
	for _, w := range base {
		have[w] = true
	}
	n := 0
	for _, w := range words {
		if !have[w] {
			n++
		}
	}
	return n
}

var suppression = regexp.MustCompile(`<suppression>([^<]+)</suppression>`)

func cldrSuppressions(dir, code string) []string {
	data, err := os.ReadFile(filepath.Join(dir, "segments", code+".xml"))
	if err != nil {
		return nil
	}
	var out []string
	for _, m := range suppression.FindAllSubmatch(data, -1) {
		out = append(out, html.UnescapeString(string(m[1])))
	}
	return out
}

// plausibleAbbrev keeps punkt's learned abbreviations that are letters and
// inner periods only (drops "p2»", "'ing" and other training noise).
func plausibleAbbrev(a string) bool {
	if a == "" {
		return false
	}
	for _, r := range a {
		if r != '.' && !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func write(path, source string, words []string) {
	seen := make(map[string]bool)
	var out []string
	for _, w := range words {
		w = strings.TrimSpace(w)
		if w != "" && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	slices.Sort(out)
	var b strings.Builder
	fmt.Fprintf(&b, "# Source: %s. Generated by gen.go; see data/NOTICE.md for the licence.\n", source)
	for _, w := range out {
		b.WriteString(w)
		b.WriteByte('\n')
	}
	check(os.MkdirAll(filepath.Dir(path), 0o755))
	check(os.WriteFile(path, []byte(b.String()), 0o644))
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
