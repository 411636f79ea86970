// Package eval scores skim and baselines with ROUGE against reference
// summaries, and measures skim's speed on the same articles: the machinery
// of skim eval. Evaluate runs an evaluation; Report.Write prints it.
package eval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/skimhq/skim/summarize"
	"github.com/skimhq/skim/summarize/corpus"
	"github.com/skimhq/skim/summarize/rouge"
)

// Length is how long each system's summary is.
type Length struct {
	mode  string // "reference", "sentences" or "ratio"
	n     int
	ratio float64
}

// ParseLength parses "reference", "sentences:N" or "ratio:R".
func ParseLength(s string) (Length, error) {
	switch {
	case s == "reference":
		return Length{mode: "reference"}, nil
	case strings.HasPrefix(s, "sentences:"):
		n, err := strconv.Atoi(strings.TrimPrefix(s, "sentences:"))
		if err != nil || n < 1 {
			return Length{}, fmt.Errorf("--length %q: want sentences:N with N ≥ 1", s)
		}
		return Length{mode: "sentences", n: n}, nil
	case strings.HasPrefix(s, "ratio:"):
		r, err := strconv.ParseFloat(strings.TrimPrefix(s, "ratio:"), 64)
		if err != nil || r <= 0 || r > 1 {
			return Length{}, fmt.Errorf("--length %q: want ratio:R with 0 < R ≤ 1", s)
		}
		return Length{mode: "ratio", ratio: r}, nil
	}
	return Length{}, fmt.Errorf("--length %q: want reference, sentences:N or ratio:R", s)
}

// String returns the length as ParseLength reads it.
func (l Length) String() string {
	switch l.mode {
	case "sentences":
		return "sentences:" + strconv.Itoa(l.n)
	case "ratio":
		return "ratio:" + strconv.FormatFloat(l.ratio, 'g', -1, 64)
	}
	return l.mode
}

// evalArticle is one article with its reference, held in memory so that
// the speed passes measure the summarizer, not the disk.
type evalArticle struct {
	id        string
	lang      string // the language the article's ROUGE tokens are counted in
	doc       summarize.Document
	reference string
	refTokens int
	refWords  int
}

// SystemResult is one row of the evaluation report; its JSON form is a
// stable interface read by other tools.
type SystemResult struct {
	Name      string       `json:"name"`
	Rouge1    rouge.Score  `json:"rouge1"`
	Rouge2    rouge.Score  `json:"rouge2"`
	RougeL    rouge.Score  `json:"rougeL"`
	RougeLsum rouge.Score  `json:"rougeLsum"`
	Speed     *Speed       `json:"speed,omitempty"`
	VsLead    *BootstrapCI `json:"r1_vs_lead,omitempty"`
	// ArticlesPerSec and MBPerSec repeat the speed for readers of the flat form.
	ArticlesPerSec float64 `json:"articles_per_sec,omitempty"`
	MBPerSec       float64 `json:"mb_per_sec,omitempty"`

	perArticle []float64 // ROUGE-1 F1 of each article, for the bootstrap
}

// Speed is skim's speed over the evaluation's articles.
type Speed struct {
	ArticlesPerSec float64 `json:"articles_per_sec"`
	MBPerSec       float64 `json:"mb_per_sec"`
	Passes         int     `json:"passes"`
	LoadMS         float64 `json:"model_load_ms"`
	PeakHeapMB     float64 `json:"peak_heap_mb"`
}

// BootstrapCI is a 95% interval of the mean ROUGE-1 F1 difference to lead.
type BootstrapCI struct {
	Mean float64 `json:"mean"`
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// Report is the result of an evaluation; its JSON form is a stable
// interface read by other tools.
type Report struct {
	Dataset  string `json:"dataset"`
	Articles int    `json:"articles"`
	Length   string `json:"length"`
	// Language is the language asked for, or with auto the languages the
	// articles were detected in ("en", or "en,fr" for a mix).
	Language string `json:"language"`
	// Detected counts the articles detected in each language (language
	// code, or "und" when detection was unsure), when Language was auto.
	Detected map[string]int `json:"detected,omitempty"`
	Systems  []SystemResult `json:"systems"`
	// Rankings holds skim's full ranking of every article by id, when
	// Config.Rankings asks for it (see WriteRankings).
	Rankings map[string][]RankedSentence `json:"-"`
}

// RankedSentence is one sentence of an article's full ranking.
type RankedSentence struct {
	Text string `json:"text"`
	Pos  int    `json:"pos"`
}

// Config says what to evaluate.
type Config struct {
	// Data is the evaluation data: the BBC folder layout or JSONL with
	// summaries.
	Data string
	// Length is the summary length of every system.
	Length Length
	// Systems are the systems to score: skim, lead, random.
	Systems []string
	// Language is the language of the articles, or "auto" (or "") to
	// detect each one's.
	Language string
	// Limit scores only the first Limit articles (0: all).
	Limit int
	// Seed seeds the random baseline and the bootstrap.
	Seed uint64
	// Speed measures skim's speed on the same articles.
	Speed bool
	// Rankings keeps skim's full ranking of every article in the report.
	Rankings bool
	// Tick, when set, is called for each article a system has scored.
	Tick func()
}

// Systems lists the systems Evaluate knows.
var Systems = []string{"skim", "lead", "random"}

// Evaluate scores the systems of cfg on the articles of cfg.Data that have
// a reference summary, with s as skim.
func Evaluate(ctx context.Context, s *summarize.Summarizer, cfg Config) (Report, error) {
	for _, name := range cfg.Systems {
		if !slices.Contains(Systems, name) {
			return Report{}, fmt.Errorf("eval: unknown system %q (want %s)", name, strings.Join(Systems, ", "))
		}
	}
	language, err := summarize.CanonicalLanguage(cfg.Language)
	if err != nil {
		return Report{}, fmt.Errorf("eval: %w", err)
	}
	articles, err := loadArticles(cfg.Data, cfg.Limit)
	if err != nil {
		return Report{}, err
	}
	if len(articles) == 0 {
		return Report{}, fmt.Errorf("eval: no article with a reference summary in %s", cfg.Data)
	}
	langs, err := resolveLanguages(ctx, articles, language)
	if err != nil {
		return Report{}, err
	}
	var preload []string // "und", the language-neutral pipeline, has no model to load
	for _, l := range langs {
		if _, err := summarize.CanonicalLanguage(l); err == nil {
			preload = append(preload, l)
		}
	}
	loadStart := time.Now()
	if err := s.Preload(preload...); err != nil {
		return Report{}, fmt.Errorf("eval: %w", err)
	}
	loadTime := time.Since(loadStart)
	scorers := map[string]*rouge.Scorer{}
	for _, lang := range langs {
		if scorers[lang], err = rouge.New(lang); err != nil {
			return Report{}, fmt.Errorf("eval: %w", err)
		}
	}
	for i := range articles {
		a := &articles[i]
		a.refTokens = len(scorers[a.lang].Tokens(a.reference))
	}

	report := Report{Dataset: cfg.Data, Articles: len(articles), Length: cfg.Length.String(), Language: strings.Join(langs, ",")}
	if language != "auto" {
		report.Language = language
	} else {
		report.Detected = map[string]int{}
		for _, a := range articles {
			report.Detected[a.lang]++
		}
	}
	if cfg.Rankings {
		report.Rankings = map[string][]RankedSentence{}
	}
	var lead *SystemResult
	for _, name := range cfg.Systems {
		result := SystemResult{Name: name}
		var all []rouge.Scores
		rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
		for _, a := range articles {
			if err := ctx.Err(); err != nil {
				return Report{}, err
			}
			candidates, err := rankFor(ctx, name, s, a, cfg.Length, language, rng)
			if err != nil {
				return Report{}, fmt.Errorf("eval %s %s: %w", name, a.id, err)
			}
			if name == "skim" && cfg.Rankings {
				report.Rankings[a.id] = toRanked(candidates)
			}
			scorer := scorers[a.lang]
			picked := cutToLength(candidates, a, cfg.Length, scorer)
			sc := scorer.Score(picked, a.reference)
			all = append(all, sc)
			result.perArticle = append(result.perArticle, sc.Rouge1.F1)
			if cfg.Tick != nil {
				cfg.Tick()
			}
		}
		mean := rouge.Mean(all)
		result.Rouge1, result.Rouge2, result.RougeL, result.RougeLsum = mean.Rouge1, mean.Rouge2, mean.RougeL, mean.RougeLsum
		report.Systems = append(report.Systems, result)
		if name == "lead" {
			lead = &report.Systems[len(report.Systems)-1]
		}
	}
	for i := range report.Systems {
		r := &report.Systems[i]
		if r.Name != "skim" {
			continue
		}
		if lead != nil {
			ci := bootstrapDiff(r.perArticle, lead.perArticle, 1000, cfg.Seed)
			r.VsLead = &ci
		}
		if cfg.Speed {
			sp := measureSpeed(ctx, s, articles, cfg.Length, language)
			sp.LoadMS = float64(loadTime.Microseconds()) / 1000
			r.Speed = &sp
			r.ArticlesPerSec, r.MBPerSec = sp.ArticlesPerSec, sp.MBPerSec
		}
	}
	return report, nil
}

// resolveLanguages sets each article's language, the one asked for or the
// one detected, and returns the languages found, sorted. Detection runs on
// a summarizer of its own, so that the evaluated one loads its models only
// when the load is timed.
func resolveLanguages(ctx context.Context, articles []evalArticle, language string) ([]string, error) {
	if language != "auto" {
		for i := range articles {
			articles[i].lang = language
		}
		return []string{language}, nil
	}
	detector, err := summarize.New(summarize.Config{})
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	seen := map[string]bool{}
	for i := range articles {
		a := &articles[i]
		a.lang = "en" // for an article with no sentence to detect from: scored as an empty summary anyway
		sum, err := detector.Summarize(ctx, a.doc, summarize.Options{Sentences: 1, Language: "auto"})
		switch {
		case err == nil:
			a.lang = sum.Language
		case ctx.Err() != nil:
			return nil, ctx.Err()
		}
		seen[a.lang] = true
	}
	langs := make([]string, 0, len(seen))
	for l := range seen {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	return langs, nil
}

// Gate fails when skim's ROUGE-2 F1 (×100) falls below minRouge2 or, with
// minLead, below lead's, so that CI catches a quality regression.
func (r Report) Gate(minRouge2 float64, minLead bool) error {
	var skim, lead *SystemResult
	for i := range r.Systems {
		switch r.Systems[i].Name {
		case "skim":
			skim = &r.Systems[i]
		case "lead":
			lead = &r.Systems[i]
		}
	}
	if (minRouge2 > 0 || minLead) && skim == nil {
		return errors.New("eval: quality gate needs the skim system")
	}
	if minRouge2 > 0 && 100*skim.Rouge2.F1 < minRouge2 {
		return fmt.Errorf("eval: quality gate: skim ROUGE-2 F1 %.2f is below the floor %.2f", 100*skim.Rouge2.F1, minRouge2)
	}
	if minLead {
		if lead == nil {
			return errors.New("eval: --min-lead needs the lead system")
		}
		if skim.Rouge2.F1 < lead.Rouge2.F1 {
			return fmt.Errorf("eval: quality gate: skim ROUGE-2 F1 %.2f is below lead's %.2f", 100*skim.Rouge2.F1, 100*lead.Rouge2.F1)
		}
	}
	return nil
}

// loadArticles reads the articles that have a reference summary.
func loadArticles(path string, limit int) ([]evalArticle, error) {
	reader, err := corpus.Open(path, corpus.Options{})
	if err != nil {
		return nil, err
	}
	defer reader.Close()
	var articles []evalArticle
	for limit <= 0 || len(articles) < limit {
		rec, err := reader.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if rec.Err != nil || strings.TrimSpace(rec.Summary) == "" || strings.TrimSpace(rec.Text) == "" {
			continue
		}
		articles = append(articles, evalArticle{
			id:        rec.ID,
			doc:       summarize.Document{Title: rec.Title, Text: rec.Text},
			reference: rec.Summary,
			refWords:  len(strings.Fields(rec.Summary)),
		})
	}
	return articles, nil
}

// skimOptions are the options skim ranks with for an article: the budget
// a user asking for that length would give.
func skimOptions(a evalArticle, length Length, language string) summarize.Options {
	switch length.mode {
	case "sentences":
		return summarize.Options{Sentences: length.n, Language: language}
	case "ratio":
		return summarize.Options{Ratio: length.ratio, Language: language}
	}
	return summarize.Options{MaxWords: max(a.refWords, 1), Language: language}
}

// rankFor returns a system's ranking of the article's candidate sentences.
func rankFor(ctx context.Context, name string, s *summarize.Summarizer, a evalArticle, length Length, language string, rng *rand.Rand) ([]summarize.Sentence, error) {
	ranked, err := s.Rank(ctx, a.doc, skimOptions(a, length, language))
	if errors.Is(err, summarize.ErrNoSentences) {
		return nil, nil // scored as an empty summary
	}
	if err != nil {
		return nil, err
	}
	switch name {
	case "lead":
		slices.SortFunc(ranked, func(x, y summarize.Sentence) int { return x.Index - y.Index })
	case "random":
		rng.Shuffle(len(ranked), func(i, j int) { ranked[i], ranked[j] = ranked[j], ranked[i] })
	}
	return ranked, nil
}

// cutToLength takes sentences in rank order until the summary reaches the
// length, cutting the last one at the budget for --length reference, and
// returns their texts in article order.
func cutToLength(ranked []summarize.Sentence, a evalArticle, length Length, scorer *rouge.Scorer) []string {
	var picked []summarize.Sentence
	switch length.mode {
	case "sentences":
		picked = ranked[:min(length.n, len(ranked))]
	case "ratio":
		n := max(1, int(math.Round(length.ratio*float64(len(ranked)))))
		picked = ranked[:min(n, len(ranked))]
	default:
		tokens := 0
		for _, s := range ranked {
			if tokens >= a.refTokens {
				break
			}
			n := len(scorer.Tokens(s.Text))
			if tokens+n > a.refTokens {
				s.Text = cutTokens(s.Text, a.refTokens-tokens, scorer)
				n = a.refTokens - tokens
			}
			tokens += n
			picked = append(picked, s)
		}
	}
	picked = slices.Clone(picked)
	slices.SortFunc(picked, func(x, y summarize.Sentence) int { return x.Index - y.Index })
	texts := make([]string, len(picked))
	for i, s := range picked {
		texts[i] = strings.Join(strings.Fields(s.Text), " ")
	}
	return texts
}

// cutTokens returns the shortest prefix of text, in whole words, that
// holds at least n ROUGE tokens.
func cutTokens(text string, n int, scorer *rouge.Scorer) string {
	words := strings.Fields(text)
	tokens := 0
	for i, w := range words {
		tokens += len(scorer.Tokens(w))
		if tokens >= n {
			return strings.Join(words[:i+1], " ")
		}
	}
	return text
}

func toRanked(ranked []summarize.Sentence) []RankedSentence {
	out := make([]RankedSentence, len(ranked))
	for i, s := range ranked {
		out[i] = RankedSentence{Text: s.Text, Pos: s.Index}
	}
	return out
}

// WriteRankings writes skim's full ranking of every article as
// {"systems": [{"name": "skim", "rankings": {"<id>": [{"text", "pos"}, …]}}]}.
func (r Report) WriteRankings(w io.Writer) error {
	type system struct {
		Name     string                      `json:"name"`
		Rankings map[string][]RankedSentence `json:"rankings"`
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(map[string][]system{"systems": {{Name: "skim", Rankings: r.Rankings}}})
}

// bootstrapDiff returns the mean and a 95% percentile-bootstrap interval of
// the per-article difference a−b.
func bootstrapDiff(a, b []float64, rounds int, seed uint64) BootstrapCI {
	n := len(a)
	diff := make([]float64, n)
	mean := 0.0
	for i := range a {
		diff[i] = a[i] - b[i]
		mean += diff[i]
	}
	mean /= float64(n)
	rng := rand.New(rand.NewPCG(seed, 0xb007))
	means := make([]float64, rounds)
	for r := range means {
		sum := 0.0
		for range n {
			sum += diff[rng.IntN(n)]
		}
		means[r] = sum / float64(n)
	}
	sort.Float64s(means)
	return BootstrapCI{Mean: mean, Low: means[int(0.025*float64(rounds))], High: means[int(0.975*float64(rounds))-1]}
}

// measureSpeed runs Rank over every article in one goroutine, in repeated
// whole passes for at least a second, and reports the median pass.
func measureSpeed(ctx context.Context, s *summarize.Summarizer, articles []evalArticle, length Length, language string) Speed {
	bytes := 0
	for _, a := range articles {
		bytes += len(a.doc.Text) + len(a.doc.Title)
	}
	var passes []time.Duration
	var peak uint64
	var mem runtime.MemStats
	began := time.Now()
	for len(passes) < 3 || time.Since(began) < time.Second {
		if ctx.Err() != nil || len(passes) >= 1000 {
			break
		}
		start := time.Now()
		for i, a := range articles {
			_, _ = s.Rank(ctx, a.doc, skimOptions(a, length, language))
			if i%256 == 0 && len(passes) == 0 {
				runtime.ReadMemStats(&mem)
				peak = max(peak, mem.HeapAlloc)
			}
		}
		passes = append(passes, time.Since(start))
	}
	slices.Sort(passes)
	median := passes[len(passes)/2].Seconds()
	return Speed{
		ArticlesPerSec: float64(len(articles)) / median,
		MBPerSec:       float64(bytes) / 1e6 / median,
		Passes:         len(passes),
		PeakHeapMB:     float64(peak) / (1 << 20),
	}
}

// Formats lists the formats Write knows.
var Formats = []string{"table", "md", "json"}

// Write prints the report as a table, a Markdown table or one JSON object.
func (r Report) Write(w io.Writer, format string) error {
	if !slices.Contains(Formats, format) {
		return fmt.Errorf("eval: unknown format %q (want %s)", format, strings.Join(Formats, ", "))
	}
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	pct := func(x float64) string { return strconv.FormatFloat(100*x, 'f', 1, 64) }
	header := []string{"system", "R1 F", "R2 F", "RL F", "RLsum F", "R1 R", "R2 R", "RL R", "RLsum R", "R1 Δ lead (95% CI)", "articles/s", "MB/s"}
	var rows [][]string
	for _, s := range r.Systems {
		row := []string{s.Name, pct(s.Rouge1.F1), pct(s.Rouge2.F1), pct(s.RougeL.F1), pct(s.RougeLsum.F1),
			pct(s.Rouge1.Recall), pct(s.Rouge2.Recall), pct(s.RougeL.Recall), pct(s.RougeLsum.Recall), "", "", ""}
		if s.VsLead != nil {
			row[9] = fmt.Sprintf("%+.1f [%+.1f, %+.1f]", 100*s.VsLead.Mean, 100*s.VsLead.Low, 100*s.VsLead.High)
		}
		if s.Speed != nil {
			row[10] = strconv.FormatFloat(s.Speed.ArticlesPerSec, 'f', 0, 64)
			row[11] = strconv.FormatFloat(s.Speed.MBPerSec, 'f', 1, 64)
		}
		rows = append(rows, row)
	}
	fmt.Fprintf(w, "%s: %d articles, length %s, language %s%s, ROUGE ×100\n\n", r.Dataset, r.Articles, r.Length, r.Language, detectedShares(r))
	if format == "md" {
		fmt.Fprintln(w, "| "+strings.Join(header, " | ")+" |")
		fmt.Fprintln(w, "|"+strings.Repeat("---|", len(header)))
		for _, row := range rows {
			fmt.Fprintln(w, "| "+strings.Join(row, " | ")+" |")
		}
	} else {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, strings.Join(header, "\t")+"\t")
		for _, row := range rows {
			fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	for _, s := range r.Systems {
		if s.Speed != nil {
			fmt.Fprintf(w, "\nskim speed: median of %d passes, one goroutine; model load %.0f ms; peak heap %.1f MB\n",
				s.Speed.Passes, s.Speed.LoadMS, s.Speed.PeakHeapMB)
		}
	}
	return nil
}

// detectedShares describes the languages detected, "" when the language was
// given: " (detected: fr 299/300 = 99.7%, und 1/300 = 0.3%)".
func detectedShares(r Report) string {
	if len(r.Detected) == 0 || r.Articles == 0 {
		return ""
	}
	codes := make([]string, 0, len(r.Detected))
	for c := range r.Detected {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool {
		if r.Detected[codes[i]] != r.Detected[codes[j]] {
			return r.Detected[codes[i]] > r.Detected[codes[j]]
		}
		return codes[i] < codes[j]
	})
	parts := make([]string, len(codes))
	for i, c := range codes {
		n := r.Detected[c]
		parts[i] = fmt.Sprintf("%s %d/%d = %.1f%%", c, n, r.Articles, 100*float64(n)/float64(r.Articles))
	}
	return " (detected: " + strings.Join(parts, ", ") + ")"
}
