// Package extracteval measures main-content extraction on trafilatura's
// evaluation set: pages with snippets of article text that the extraction
// must contain and snippets of boilerplate that it must not.
//
// The metric is trafilatura's own (tests/eval_common.py): whitespace is
// normalised in the snippets and in the output; each "with" snippet found
// is a true positive and each one missing a false negative; each "without"
// snippet found is a false positive and each one missing a true negative.
// Counts are totalled over all pages before precision, recall and F1 are
// computed. A page that fails to extract counts as an empty output.
package extracteval

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/skimhq/skim/summarize/extract"
)

// GroundTruthFile is the index of the evaluation set, inside its folder.
const GroundTruthFile = "ground-truth.jsonl"

// maxPageBytes bounds one page of the set, so that a corrupt index cannot
// make the evaluation read without limit.
const maxPageBytes = 64 << 20

// Options configures an evaluation.
type Options struct {
	// Extract is passed to extract.FromHTML for every page.
	Extract extract.Options
	// Limit evaluates only the first Limit pages when positive.
	Limit int
	// Failures, when not nil, receives one line per snippet missed or
	// boilerplate kept, for inspection.
	Failures io.Writer
}

// Baseline is a published score on the same set, for comparison.
type Baseline struct {
	Name      string  `json:"name"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// Baselines are the scores trafilatura publishes for this set
// (docs/evaluation.rst, results of 2026-08-04, 990 pages).
var Baselines = []Baseline{
	{"trafilatura 2.2.0", 0.906, 0.943, 0.924},
	{"readability-lxml 0.8.4.1", 0.898, 0.764, 0.826},
	{"newspaper4k 0.9.6", 0.878, 0.736, 0.801},
	{"raw HTML", 0.528, 0.906, 0.667},
}

// Report is the result of an evaluation; its JSON form is stable.
type Report struct {
	Pages          int     `json:"pages"`
	Failed         int     `json:"failed"` // pages with no article extracted
	TruePositives  int     `json:"tp"`
	FalseNegatives int     `json:"fn"`
	FalsePositives int     `json:"fp"`
	TrueNegatives  int     `json:"tn"`
	Precision      float64 `json:"precision"`
	Recall         float64 `json:"recall"`
	Accuracy       float64 `json:"accuracy"`
	F1             float64 `json:"f1"`
	// Seconds is the time spent extracting (one goroutine), excluding
	// reading and decompressing the pages.
	Seconds      float64    `json:"seconds"`
	PagesPerSec  float64    `json:"pages_per_sec"`
	MiBPerSec    float64    `json:"mib_per_sec"`
	Bytes        int64      `json:"bytes"`
	Baselines    []Baseline `json:"baselines"`
	ExtractorTag string     `json:"extractor"`
}

// page is one line of the ground truth.
type page struct {
	ID       string   `json:"id"`
	URL      string   `json:"url"`
	HTMLPath string   `json:"html_path"`
	With     []string `json:"with"`
	Without  []string `json:"without"`
}

// Evaluate extracts every page of the set in dir (the folder holding
// ground-truth.jsonl and html/) on one goroutine and scores the outputs.
func Evaluate(ctx context.Context, dir string, opts Options) (Report, error) {
	f, err := os.Open(filepath.Join(dir, GroundTruthFile))
	if err != nil {
		return Report{}, fmt.Errorf("extract eval: %w", err)
	}
	defer f.Close()
	rep := Report{Baselines: Baselines, ExtractorTag: "go-trafilatura"}
	var elapsed time.Duration
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	for line := 1; sc.Scan(); line++ {
		if err := ctx.Err(); err != nil {
			return Report{}, fmt.Errorf("extract eval: %w", err)
		}
		if opts.Limit > 0 && rep.Pages >= opts.Limit {
			break
		}
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var p page
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return Report{}, fmt.Errorf("extract eval: %s:%d: %w", GroundTruthFile, line, err)
		}
		raw, err := readPage(filepath.Join(dir, filepath.FromSlash(p.HTMLPath)))
		if err != nil {
			return Report{}, fmt.Errorf("extract eval: page %s: %w", p.ID, err)
		}
		start := time.Now()
		art, err := extract.FromHTML(ctx, raw, p.URL, opts.Extract)
		elapsed += time.Since(start)
		var out string
		switch {
		case err == nil:
			out = art.Text
		case errors.Is(err, extract.ErrNoArticle):
			rep.Failed++
		case ctx.Err() != nil:
			return Report{}, fmt.Errorf("extract eval: %w", ctx.Err())
		default:
			rep.Failed++ // counted as nothing found, as trafilatura does
		}
		rep.Pages++
		rep.Bytes += int64(len(raw))
		score(&rep, p, normalize(out), opts.Failures)
	}
	if err := sc.Err(); err != nil {
		return Report{}, fmt.Errorf("extract eval: read %s: %w", GroundTruthFile, err)
	}
	if rep.Pages == 0 {
		return Report{}, fmt.Errorf("extract eval: %s holds no pages", GroundTruthFile)
	}
	rep.finish(elapsed)
	return rep, nil
}

// score adds one page's snippet counts to the report.
func score(rep *Report, p page, out string, failures io.Writer) {
	for _, s := range p.With {
		if strings.Contains(out, normalize(s)) {
			rep.TruePositives++
		} else {
			rep.FalseNegatives++
			if failures != nil {
				fmt.Fprintf(failures, "missed\t%s\t%q\n", p.ID, s)
			}
		}
	}
	for _, s := range p.Without {
		if strings.Contains(out, normalize(s)) {
			rep.FalsePositives++
			if failures != nil {
				fmt.Fprintf(failures, "kept\t%s\t%q\n", p.ID, s)
			}
		} else {
			rep.TrueNegatives++
		}
	}
}

func (r *Report) finish(elapsed time.Duration) {
	ratio := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	r.Precision = ratio(r.TruePositives, r.TruePositives+r.FalsePositives)
	r.Recall = ratio(r.TruePositives, r.TruePositives+r.FalseNegatives)
	r.Accuracy = ratio(r.TruePositives+r.TrueNegatives,
		r.TruePositives+r.TrueNegatives+r.FalsePositives+r.FalseNegatives)
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	r.Seconds = elapsed.Seconds()
	if r.Seconds > 0 {
		r.PagesPerSec = float64(r.Pages) / r.Seconds
		r.MiBPerSec = float64(r.Bytes) / (1 << 20) / r.Seconds
	}
}

// normalize turns each whitespace run into one space and trims the ends,
// as trafilatura's evaluation does.
func normalize(s string) string { return strings.Join(strings.Fields(s), " ") }

// readPage reads a page of the set, decompressing .gz files.
func readPage(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	b, err := io.ReadAll(io.LimitReader(r, maxPageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(b) > maxPageBytes {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, maxPageBytes)
	}
	return b, nil
}

// Write prints the report as "md" (a Markdown table with the published
// baselines) or "json".
func (r Report) Write(w io.Writer, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	case "md", "":
		tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.Debug)
		fmt.Fprintf(tw, "| system\t precision\t recall\t F1\t\n")
		fmt.Fprintf(tw, "|---\t---\t---\t---\t\n")
		fmt.Fprintf(tw, "| skim (%s)\t %.3f\t %.3f\t %.3f\t\n", r.ExtractorTag, r.Precision, r.Recall, r.F1)
		for _, b := range r.Baselines {
			fmt.Fprintf(tw, "| %s (published)\t %.3f\t %.3f\t %.3f\t\n", b.Name, b.Precision, b.Recall, b.F1)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		_, err := fmt.Fprintf(w, "\n%d pages (%d with no article), %d+%d snippets; %.1f pages/s, %.1f MiB/s on one goroutine (%.1f s)\n",
			r.Pages, r.Failed, r.TruePositives+r.FalseNegatives, r.FalsePositives+r.TrueNegatives,
			r.PagesPerSec, r.MiBPerSec, r.Seconds)
		return err
	}
	return fmt.Errorf("extract eval: unknown format %q (want md or json)", format)
}
