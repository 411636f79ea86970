package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
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
	"golang.org/x/term"
)

// evalLength is how long each system's summary is.
type evalLength struct {
	mode  string // "reference", "sentences" or "ratio"
	n     int
	ratio float64
}

func parseEvalLength(s string) (evalLength, error) {
	switch {
	case s == "reference":
		return evalLength{mode: "reference"}, nil
	case strings.HasPrefix(s, "sentences:"):
		n, err := strconv.Atoi(strings.TrimPrefix(s, "sentences:"))
		if err != nil || n < 1 {
			return evalLength{}, fmt.Errorf("--length %q: want sentences:N with N ≥ 1", s)
		}
		return evalLength{mode: "sentences", n: n}, nil
	case strings.HasPrefix(s, "ratio:"):
		r, err := strconv.ParseFloat(strings.TrimPrefix(s, "ratio:"), 64)
		if err != nil || r <= 0 || r > 1 {
			return evalLength{}, fmt.Errorf("--length %q: want ratio:R with 0 < R ≤ 1", s)
		}
		return evalLength{mode: "ratio", ratio: r}, nil
	}
	return evalLength{}, fmt.Errorf("--length %q: want reference, sentences:N or ratio:R", s)
}

func (l evalLength) String() string {
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
	doc       summarize.Document
	reference string
	refTokens int
	refWords  int
}

// systemResult is one row of the evaluation report; its JSON form is a
// stable interface read by other tools.
type systemResult struct {
	Name      string       `json:"name"`
	Rouge1    rouge.Score  `json:"rouge1"`
	Rouge2    rouge.Score  `json:"rouge2"`
	RougeL    rouge.Score  `json:"rougeL"`
	RougeLsum rouge.Score  `json:"rougeLsum"`
	Speed     *evalSpeed   `json:"speed,omitempty"`
	VsLead    *bootstrapCI `json:"r1_vs_lead,omitempty"`
	// ArticlesPerSec and MBPerSec repeat the speed for readers of the flat form.
	ArticlesPerSec float64 `json:"articles_per_sec,omitempty"`
	MBPerSec       float64 `json:"mb_per_sec,omitempty"`

	perArticle []float64 // ROUGE-1 F1 of each article, for the bootstrap
}

type evalSpeed struct {
	ArticlesPerSec float64 `json:"articles_per_sec"`
	MBPerSec       float64 `json:"mb_per_sec"`
	Passes         int     `json:"passes"`
	LoadMS         float64 `json:"model_load_ms"`
	PeakHeapMB     float64 `json:"peak_heap_mb"`
}

// bootstrapCI is a 95% interval of the mean ROUGE-1 F1 difference to lead.
type bootstrapCI struct {
	Mean float64 `json:"mean"`
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

type evalReport struct {
	Dataset  string         `json:"dataset"`
	Articles int            `json:"articles"`
	Length   string         `json:"length"`
	Language string         `json:"language"`
	Systems  []systemResult `json:"systems"`
}

// ranking is one article's full ranking, for --rankings-out.
type rankedSentence struct {
	Text string `json:"text"`
	Pos  int    `json:"pos"`
}

// runEval scores skim and baselines with ROUGE against reference summaries.
func runEval(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		model       modelFlags
		data        = fs.String("data", "", "evaluation data: BBC folder layout or JSONL with summaries (required)")
		lengthFlag  = fs.String("length", "reference", "summary length: reference, sentences:N or ratio:R")
		systemsFlag = fs.String("systems", "skim,lead,random", "systems to score: skim, lead, random")
		limit       = fs.Int("limit", 0, "score only the first N articles (0: all)")
		format      = fs.String("format", "table", "output: table, md or json")
		seed        = fs.Uint64("seed", 1, "seed of the random baseline and the bootstrap")
		speed       = fs.Bool("speed", true, "measure skim's speed on the same articles")
		rankingsOut = fs.String("rankings-out", "", "write skim's full ranking of every article to this JSON file")
		minRouge2   = fs.Float64("min-rouge2", 0, "quality gate: fail when skim's mean ROUGE-2 F1 (×100) is below this")
		minLead     = fs.Bool("min-lead", false, "quality gate: fail when skim's ROUGE-2 F1 is below lead's")
	)
	model.register(fs)
	if err := fs.Parse(args); err != nil {
		return exitError{2}
	}
	if *data == "" {
		fs.Usage()
		return errors.New("eval: --data is required")
	}
	length, err := parseEvalLength(*lengthFlag)
	if err != nil {
		return err
	}
	systems := strings.Split(*systemsFlag, ",")
	for _, name := range systems {
		if name != "skim" && name != "lead" && name != "random" {
			return fmt.Errorf("eval: unknown system %q (want skim, lead, random)", name)
		}
	}
	if *format != "table" && *format != "md" && *format != "json" {
		return fmt.Errorf("eval: --format must be table, md or json, got %q", *format)
	}

	loadStart := time.Now()
	summarizer, err := model.load()
	if err != nil {
		return err
	}
	loadTime := time.Since(loadStart)
	scorer, err := rouge.New(summarizer.Language())
	if err != nil {
		return err
	}
	articles, err := loadEvalArticles(*data, *limit, scorer)
	if err != nil {
		return err
	}
	if len(articles) == 0 {
		return fmt.Errorf("eval: no article with a reference summary in %s", *data)
	}
	progress := newEvalProgress(stderr, len(articles)*len(systems))

	report := evalReport{Dataset: *data, Articles: len(articles), Length: length.String(), Language: summarizer.Language()}
	rankings := map[string][]rankedSentence{}
	var lead *systemResult
	for _, name := range systems {
		result := systemResult{Name: name}
		var all []rouge.Scores
		rng := rand.New(rand.NewPCG(*seed, 0x5eed))
		for _, a := range articles {
			if err := ctx.Err(); err != nil {
				return err
			}
			candidates, err := rankFor(name, summarizer, a, length, rng)
			if err != nil {
				return fmt.Errorf("eval %s %s: %w", name, a.id, err)
			}
			if name == "skim" && *rankingsOut != "" {
				rankings[a.id] = toRanked(candidates)
			}
			picked := cutToLength(candidates, a, length, scorer)
			sc := scorer.Score(picked, a.reference)
			all = append(all, sc)
			result.perArticle = append(result.perArticle, sc.Rouge1.F1)
			progress.add(1)
		}
		mean := rouge.Mean(all)
		result.Rouge1, result.Rouge2, result.RougeL, result.RougeLsum = mean.Rouge1, mean.Rouge2, mean.RougeL, mean.RougeLsum
		report.Systems = append(report.Systems, result)
		if name == "lead" {
			lead = &report.Systems[len(report.Systems)-1]
		}
	}
	progress.complete()
	for i := range report.Systems {
		r := &report.Systems[i]
		if r.Name != "skim" {
			continue
		}
		if lead != nil {
			ci := bootstrapDiff(r.perArticle, lead.perArticle, 1000, *seed)
			r.VsLead = &ci
		}
		if *speed {
			sp := measureSpeed(ctx, summarizer, articles, length)
			sp.LoadMS = float64(loadTime.Microseconds()) / 1000
			r.Speed = &sp
			r.ArticlesPerSec, r.MBPerSec = sp.ArticlesPerSec, sp.MBPerSec
		}
	}
	if *rankingsOut != "" {
		if err := writeRankings(*rankingsOut, rankings); err != nil {
			return err
		}
	}
	if err := writeEvalReport(stdout, *format, report); err != nil {
		return err
	}
	return checkGate(report, *minRouge2, *minLead)
}

// checkGate fails the run when skim's ROUGE-2 F1 falls below the floor or
// below lead's, so that CI catches a quality regression.
func checkGate(r evalReport, minRouge2 float64, minLead bool) error {
	var skim, lead *systemResult
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

// loadEvalArticles reads the articles that have a reference summary.
func loadEvalArticles(path string, limit int, scorer *rouge.Scorer) ([]evalArticle, error) {
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
			refTokens: len(scorer.Tokens(rec.Summary)),
			refWords:  len(strings.Fields(rec.Summary)),
		})
	}
	return articles, nil
}

// skimOptions are the options skim ranks with for an article: the budget
// a user asking for that length would give.
func skimOptions(a evalArticle, length evalLength) summarize.Options {
	switch length.mode {
	case "sentences":
		return summarize.Options{Sentences: length.n}
	case "ratio":
		return summarize.Options{Ratio: length.ratio}
	}
	return summarize.Options{MaxWords: max(a.refWords, 1)}
}

// rankFor returns a system's ranking of the article's candidate sentences.
func rankFor(name string, s *summarize.Summarizer, a evalArticle, length evalLength, rng *rand.Rand) ([]summarize.Sentence, error) {
	ranked, err := s.Rank(a.doc, skimOptions(a, length))
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
func cutToLength(ranked []summarize.Sentence, a evalArticle, length evalLength, scorer *rouge.Scorer) []string {
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

func toRanked(ranked []summarize.Sentence) []rankedSentence {
	out := make([]rankedSentence, len(ranked))
	for i, s := range ranked {
		out[i] = rankedSentence{Text: s.Text, Pos: s.Index}
	}
	return out
}

func writeRankings(path string, rankings map[string][]rankedSentence) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write rankings: %w", err)
	}
	type system struct {
		Name     string                      `json:"name"`
		Rankings map[string][]rankedSentence `json:"rankings"`
	}
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(map[string][]system{"systems": {{Name: "skim", Rankings: rankings}}}); err != nil {
		f.Close()
		return fmt.Errorf("write rankings %s: %w", path, err)
	}
	return f.Close()
}

// bootstrapDiff returns the mean and a 95% percentile-bootstrap interval of
// the per-article difference a−b.
func bootstrapDiff(a, b []float64, rounds int, seed uint64) bootstrapCI {
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
	return bootstrapCI{Mean: mean, Low: means[int(0.025*float64(rounds))], High: means[int(0.975*float64(rounds))-1]}
}

// measureSpeed runs Rank over every article in one goroutine, in repeated
// whole passes for at least a second, and reports the median pass.
func measureSpeed(ctx context.Context, s *summarize.Summarizer, articles []evalArticle, length evalLength) evalSpeed {
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
			_, _ = s.Rank(a.doc, skimOptions(a, length))
			if i%256 == 0 && len(passes) == 0 {
				runtime.ReadMemStats(&mem)
				peak = max(peak, mem.HeapAlloc)
			}
		}
		passes = append(passes, time.Since(start))
	}
	slices.Sort(passes)
	median := passes[len(passes)/2].Seconds()
	return evalSpeed{
		ArticlesPerSec: float64(len(articles)) / median,
		MBPerSec:       float64(bytes) / 1e6 / median,
		Passes:         len(passes),
		PeakHeapMB:     float64(peak) / (1 << 20),
	}
}

func writeEvalReport(w io.Writer, format string, r evalReport) error {
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
	fmt.Fprintf(w, "%s: %d articles, length %s, language %s, ROUGE ×100\n\n", r.Dataset, r.Articles, r.Length, r.Language)
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

// evalProgress prints a progress line on stderr when it is a terminal.
type evalProgress struct {
	w           io.Writer
	total, done int
	on          bool
}

func newEvalProgress(w io.Writer, total int) *evalProgress {
	f, ok := w.(*os.File)
	return &evalProgress{w: w, total: total, on: ok && term.IsTerminal(int(f.Fd()))}
}

func (p *evalProgress) add(n int) {
	p.done += n
	if p.on && (p.done%50 == 0 || p.done == p.total) {
		fmt.Fprintf(p.w, "\rscoring %d/%d", p.done, p.total)
	}
}

func (p *evalProgress) complete() {
	if p.on {
		fmt.Fprintln(p.w)
	}
}
