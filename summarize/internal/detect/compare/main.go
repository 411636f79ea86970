// Command compare measures the language detectors issue 12 asks to choose
// between — github.com/pemistahl/lingua-go (low-accuracy mode, restricted to
// skim's languages), github.com/abadojack/whatlanggo (restricted likewise) —
// and skim's own detect.Detect, on the shared dev sets, the trafilatura-eval
// pages and the detect package's samples. It is a separate module so that
// lingua-go's 128 MB download never reaches skim's go.mod.
//
//	cd summarize/internal/detect/compare
//	go run . -data ../../../../../shared/data                  # accuracy + speed, all detectors
//	go run . -data ... -detector lingua -mem                    # RSS after loading one detector
//	go run . -loadall                                           # RSS with every language's data loaded
//	./sizes.sh                                                  # binary size of a tiny main per detector
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
	"github.com/pemistahl/lingua-go"

	"github.com/skimhq/skim/summarize/internal/detect"
	"github.com/skimhq/skim/summarize/internal/langdata"
)

type doc struct{ set, lang, text string }

func main() {
	data := flag.String("data", os.Getenv("SKIM_CORPUS"), "shared data folder")
	only := flag.String("detector", "", "measure one detector: skim, whatlanggo, lingua")
	mem := flag.Bool("mem", false, "print the RSS after loading the detector and detecting once, then exit")
	prefix := flag.Int("prefix", detect.PrefixBytes, "bytes of each text the detectors see")
	loadAll := flag.Bool("loadall", false, "print the RSS after loading every language's langdata (punkt, stop words, abbreviations, chrome), then exit")
	flag.Parse()
	if *loadAll {
		before := rss()
		for _, l := range langdata.All() {
			l.StopWords()
			l.Abbreviations()
			l.Chrome()
			if _, err := l.Punkt(); err != nil && !errors.Is(err, langdata.ErrNoPunkt) {
				log.Fatal(err)
			}
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		fmt.Printf("all %d languages: RSS %d MB → %d MB; heap in use %.1f MB\n", len(langdata.Codes()), before>>10, rss()>>10, float64(ms.HeapInuse)/(1<<20))
		return
	}

	detectors := map[string]func() func(string) string{
		"skim":       func() func(string) string { return skim },
		"whatlanggo": whatlang,
		"lingua":     linguaLow,
	}
	names := []string{"skim", "whatlanggo", "lingua"}
	if *only != "" {
		names = []string{*only}
	}
	if *mem {
		before := rss()
		fn := detectors[names[0]]()
		fn("The government announced on Tuesday that it would spend more on hospitals.")
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		fmt.Printf("%s: RSS %d MB → %d MB after load and one call; heap in use %.1f MB\n", names[0], before>>10, rss()>>10, float64(ms.HeapInuse)/(1<<20))
		return
	}
	docs := corpus(*data)
	bbc, err := os.ReadFile(filepath.Join(*data, "bbc-news-summary", "News Articles", "business", "001.txt"))
	if err != nil {
		log.Fatal(err)
	}
	for _, name := range names {
		t0 := time.Now()
		fn := detectors[name]()
		load := time.Since(t0)
		text := detect.Prefix(string(bbc), *prefix)
		res := testing.Benchmark(func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				fn(text)
			}
		})
		fmt.Printf("\n## %s (load %v; BBC article, %d-byte prefix: %d ns/op, %d allocs/op, %d B/op)\n", name, load.Round(time.Millisecond), len(text), res.NsPerOp(), res.AllocsPerOp(), res.AllocedBytesPerOp())
		accuracy(docs, fn, *prefix)
	}
}

func accuracy(docs []doc, fn func(string) string, prefix int) {
	type tally struct {
		right, n int
		took     time.Duration
		wrong    map[string]int
	}
	sets := map[string]*tally{}
	for _, d := range docs {
		s := sets[d.set]
		if s == nil {
			s = &tally{wrong: map[string]int{}}
			sets[d.set] = s
		}
		p := detect.Prefix(d.text, prefix)
		t := time.Now()
		got := fn(p)
		s.took += time.Since(t)
		s.n++
		if got == d.lang {
			s.right++
		} else {
			if got == "" {
				got = "?"
			}
			s.wrong[d.lang+"→"+got]++
		}
	}
	var keys []string
	for k := range sets {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		s := sets[k]
		fmt.Printf("| %-17s | %4d/%4d | %.3f | %6.1f µs/doc | %v\n", k, s.right, s.n, float64(s.right)/float64(s.n), float64(s.took.Microseconds())/float64(s.n), s.wrong)
	}
}

func skim(s string) string {
	c, _, ok := detect.Detect(s)
	if !ok {
		return ""
	}
	return c
}

func whatlang() func(string) string {
	white := map[whatlanggo.Lang]bool{}
	for l := range whatlanggo.Lang(100) {
		c := l.Iso6391()
		if c == "nn" {
			continue // Nynorsk: Bokmål stands for Norwegian, as in detect
		}
		if c == "nb" {
			c = "no"
		}
		if _, ok := langdata.Lookup(c); ok && c != "" {
			white[l] = true
		}
	}
	opt := whatlanggo.Options{Whitelist: white}
	return func(s string) string {
		c := whatlanggo.DetectWithOptions(s, opt).Lang.Iso6391()
		if c == "nb" {
			c = "no"
		}
		return c
	}
}

func linguaLow() func(string) string {
	var langs []lingua.Language
	for _, code := range langdata.Codes() {
		if code == "no" {
			langs = append(langs, lingua.Bokmal, lingua.Nynorsk)
			continue
		}
		l := lingua.GetLanguageFromIsoCode639_1(lingua.GetIsoCode639_1FromValue(code))
		if l == lingua.Unknown {
			log.Fatalf("lingua has no %s", code)
		}
		langs = append(langs, l)
	}
	det := lingua.NewLanguageDetectorBuilder().FromLanguages(langs...).WithLowAccuracyMode().WithPreloadedLanguageModels().Build()
	return func(s string) string {
		l, ok := det.DetectLanguageOf(s)
		if !ok {
			return ""
		}
		c := strings.ToLower(l.IsoCode639_1().String())
		if c == "nb" || c == "nn" {
			c = "no"
		}
		return c
	}
}

func rss() int {
	data, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kb int
			fmt.Sscan(rest, &kb)
			return kb
		}
	}
	return 0
}

// The test set: the same as detect's TestAccuracy (see corpus_test.go there).

func corpus(dir string) []doc {
	var out []doc
	for _, s := range []struct{ file, set, lang string }{
		{"orangesum-fr-dev.jsonl", "fr-orangesum", "fr"},
		{"norsumm-no-dev.jsonl", "no-norsumm", "no"},
		{"indosum-id-dev.jsonl", "id-indosum", "id"},
		{"cnndm-dev.jsonl", "en-cnndm", "en"},
		{"xsum-dev.jsonl", "en-xsum", "en"},
	} {
		out = append(out, jsonl(filepath.Join(dir, s.file), s.set, s.lang)...)
	}
	bbc, _ := filepath.Glob(filepath.Join(dir, "bbc-news-summary", "News Articles", "*", "*.txt"))
	for _, p := range bbc {
		data, err := os.ReadFile(p)
		if err != nil {
			log.Fatal(err)
		}
		out = append(out, doc{"en-bbc", "en", string(data)})
	}
	out = append(out, pages(filepath.Join(dir, "html-extraction", "trafilatura-eval"))...)
	paths, _ := filepath.Glob("../testdata/samples/*.txt")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			log.Fatal(err)
		}
		code := strings.TrimSuffix(filepath.Base(p), ".txt")
		for _, para := range strings.Split(string(data), "\n\n") {
			if para = strings.TrimSpace(para); para != "" {
				out = append(out, doc{"samples", code, para})
			}
		}
	}
	return out
}

func jsonl(path, set, lang string) []doc {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var out []doc
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			log.Fatal(err)
		}
		out = append(out, doc{set, lang, r.Text})
	}
	return out
}

var (
	scriptStyle = regexp.MustCompile(`(?is)<(script|style|noscript)\b.*?</(script|style|noscript)\s*>`)
	tags        = regexp.MustCompile(`(?s)<[^>]*>`)
	htmlLang    = regexp.MustCompile(`(?i)<html\b[^>]*\slang=["']?([a-z]{2})\b`)
	spaces      = regexp.MustCompile(`\s+`)
)

func pages(dir string) []doc {
	f, err := os.Open(filepath.Join(dir, "ground-truth.jsonl"))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var out []doc
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r struct {
			HTMLPath string `json:"html_path"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			log.Fatal(err)
		}
		g, err := os.Open(filepath.Join(dir, r.HTMLPath))
		if err != nil {
			log.Fatal(err)
		}
		zr, err := gzip.NewReader(g)
		if err != nil {
			log.Fatal(err)
		}
		page, err := io.ReadAll(zr)
		g.Close()
		if err != nil {
			log.Fatal(err)
		}
		m := htmlLang.FindSubmatch(page)
		if m == nil || !utf8.Valid(page) {
			continue
		}
		s := string(page)
		if i := strings.Index(strings.ToLower(s), "<body"); i > 0 {
			s = s[i:]
		}
		s = scriptStyle.ReplaceAllString(s, " ")
		s = tags.ReplaceAllString(s, " ")
		s = strings.TrimSpace(spaces.ReplaceAllString(html.UnescapeString(s), " "))
		if len(s) >= 200 {
			out = append(out, doc{"trafilatura-html", strings.ToLower(string(m[1])), s})
		}
	}
	return out
}
