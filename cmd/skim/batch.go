package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/skimhq/skim/api"
	"github.com/skimhq/skim/cmd/skim/internal/batch"
	"github.com/skimhq/skim/summarize"
	"github.com/skimhq/skim/summarize/corpus"
)

// flushEvery caps the finished records held in the output buffer: a kill
// loses at most these, and --resume redoes them.
const flushEvery = 32

// runBatch summarizes an archive to JSONL: reader → N workers → one writer.
func runBatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := newFlagSet("batch", "--in PATH --out FILE.jsonl [flags]",
		"PATH is a JSONL file (.jsonl or .jsonl.gz), a folder of .txt and .html/.htm files and\n"+
			"WARC archives (read recursively), a WARC archive (.warc, .warc.gz: each HTML response\n"+
			"is one record, id its WARC-Target-URI; other records are skipped and counted), the BBC\n"+
			"News Summary layout, or - for JSONL on stdin. Web pages are summarized from their\n"+
			"extracted article, and their lines add its text and source. --out - writes to stdout.\n"+
			"Each input record gives one output line: the API's summary object with the\n"+
			"record's \"id\" and \"source\" (its place in the input), or {\"id\", \"error\", \"source\"}.\n"+
			"Exit status: 0 all summarized, 1 some records failed, 2 bad usage or configuration,\n"+
			"3 the input or output could not be read or written, 130 interrupted.", stderr)
	var (
		opt     optionFlags
		archive archiveFlags
		idf     = fs.String("idf", "", "corpus IDF table built by 'skim idf' (default: in-document IDF)")
		ordered = fs.Bool("ordered", false, "write records in input order (default: as they complete)")
		resume  = fs.Bool("resume", false, "continue an interrupted run: keep the records already in --out, do the rest")
		shard   = fs.String("shard", "", "process only shard I of N (I/N, or auto/N with I from $"+batch.EnvJobIndex+"), by a hash of each record's source")
	)
	archive.register(fs, "output JSONL file, or - for stdout", "number of summarizing goroutines", true)
	opt.register(fs)
	operands, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if err := archive.check(fs, operands); err != nil {
		return err
	}
	if *resume && archive.out == "-" {
		return usageError(fs, "--resume needs an output file, not stdout")
	}
	opts, err := opt.options()
	if err != nil {
		return usageFailure(err)
	}
	sh, err := batch.ParseShard(*shard, getenv)
	if err != nil {
		return usageFailure(fmt.Errorf("batch: %w", err))
	}
	s, err := loadSummarizer(*idf, opt.language)
	if err == nil {
		err = preload(s, opt.language)
	}
	if err != nil {
		return startupFailure(err)
	}
	src, err := openBatchInput(archive.in, stdin, archive.fields, archive.maxRecordBytes)
	if err != nil {
		return startupFailure(fmt.Errorf("batch: %w", err))
	}
	defer src.Close()

	done := &batch.Done{}
	dst, file := stdout, (*os.File)(nil)
	if archive.out != "-" {
		flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		if *resume {
			if done, err = batch.Resume(archive.out); err != nil {
				return startupFailure(fmt.Errorf("batch: %w", err))
			}
			flags = os.O_WRONLY | os.O_CREATE | os.O_APPEND
		}
		if file, err = os.OpenFile(archive.out, flags, 0o644); err != nil {
			return ioFailure(fmt.Errorf("batch: %w", err))
		}
		defer file.Close()
		dst = file
	}

	// Records being summarized when the run is interrupted finish (each is
	// bounded by the summarizer's cost caps) and are written, rather than
	// becoming error lines that --resume would count as done.
	job := &batchJob{ctx: context.WithoutCancel(ctx), s: s, opts: opts, shard: sh, done: done, bar: newInputProgress(ctx, stderr, archive.in), skipped: src.skipped}
	began := time.Now()
	err = job.run(ctx, src, dst, archive.workers, *ordered)
	elapsed := time.Since(began)
	job.bar.finish()
	if file != nil {
		// Sync so that a finished file survives a machine crash too.
		if serr := errors.Join(file.Sync(), file.Close()); err == nil && serr != nil {
			err = serr
		}
	}
	fmt.Fprintln(stderr, job.summaryLine(elapsed))
	switch {
	case errors.Is(err, context.Canceled):
		if file != nil {
			fmt.Fprintf(stderr, "batch: interrupted; the finished records are in %s: rerun with --resume to do the rest\n", archive.out)
		} else {
			fmt.Fprintln(stderr, "batch: interrupted")
		}
		return exitError{exitInterrupted}
	case err != nil:
		// The input could not be read on, or the output written: the
		// records done so far are in the file, and a rerun with --resume
		// may get past a transient failure.
		return ioFailure(fmt.Errorf("batch: %w", err))
	}
	if failed := job.failed + done.Failed; failed > 0 {
		where := archive.out
		if where == "-" {
			where = "the output"
		}
		fmt.Fprintf(stderr, "batch: %d record(s) failed; see the lines with an \"error\" field in %s\n", failed, where)
		return exitError{exitFailed}
	}
	return nil
}

// startupFailure gives an error met before the first record its exit
// status: a file that could not be opened or read (input, --out, --idf) is
// an I/O error, worth retrying; an input of unknown layout, a corrupt or
// mismatched --idf table, an --out file skim batch did not write, are
// configuration errors that a retry would meet again.
func startupFailure(err error) error {
	var pathErr *fs.PathError
	switch {
	case errors.Is(err, corpus.ErrUnknownFormat), errors.Is(err, summarize.ErrBadIDF),
		errors.Is(err, batch.ErrNotBatchOutput), errors.Is(err, summarize.ErrUnsupportedLanguage):
		return usageFailure(err)
	case errors.As(err, &pathErr):
		return ioFailure(err)
	}
	return err
}

// newInputProgress is the progress bar of an archive, counted in the
// background.
func newInputProgress(ctx context.Context, stderr io.Writer, in string) *progress {
	return newProgress(ctx, stderr, "articles", -1, func(ctx context.Context) (int64, error) {
		return corpus.Count(ctx, in)
	})
}

// batchJob is one run of skim batch.
type batchJob struct {
	ctx   context.Context
	s     *summarize.Summarizer
	opts  summarize.Options
	shard batch.Shard
	done  *batch.Done
	bar   *progress

	written, failed     int // records written by this run, and those that are errors
	resumed, notInShard int
	// skipped counts the input's records that are not web pages (WARC).
	skipped func() int
}

// batchResult is a finished record, encoded by its worker.
type batchResult struct {
	line   []byte
	failed bool
}

// batchLine is one output line: the API's batch result, plus where the
// record is in the input.
type batchLine struct {
	api.BatchResult
	// Source is the record's position in the input (corpus.Record.Key:
	// "<file>:<line>" for JSONL, the file's path relative to --in for a
	// folder): unique, and what --resume and --shard go by.
	Source string `json:"source"`
	// Page is, for a web page, what the API calls "source" (the page's
	// URL, title, byline, ...), renamed because "source" is the record's
	// position here; the embedded summary's field of that name is shadowed.
	Page *api.SourceResponse `json:"page,omitempty"`
}

func (j *batchJob) run(ctx context.Context, src *batchSource, dst io.Writer, workers int, ordered bool) error {
	w := bufio.NewWriterSize(dst, 64<<10)
	unflushed := 0
	flush := func() error {
		if unflushed == 0 {
			return nil
		}
		unflushed = 0
		return w.Flush()
	}
	source := func(yield func(batchInput) bool) error {
		return src.Each(func(r batchInput) bool {
			switch {
			case !j.shard.Contains(r.key):
				j.notInShard++
			case j.done.Has(r.key):
				j.resumed++
			default:
				return yield(r)
			}
			j.bar.add()
			return ctx.Err() == nil
		})
	}
	emit := func(r batchResult) error {
		if _, err := w.Write(r.line); err != nil {
			return err
		}
		j.written++
		if r.failed {
			j.failed++
		}
		j.bar.add()
		if unflushed++; unflushed >= flushEvery {
			return flush()
		}
		return nil
	}
	err := batch.Run(ctx, batch.Options{Workers: workers, Ordered: ordered, Idle: flush}, source, j.work, emit)
	// Whatever stopped the run, the finished records reach the file.
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	return err
}

// work summarizes one record and encodes its output line; it never fails:
// a record that cannot be summarized becomes an error line.
func (j *batchJob) work(r batchInput) (res batchResult) {
	defer func() {
		if p := recover(); p != nil { // one pathological record must not end a long job
			res = encodeLine(r.id, nil, &api.Error{Code: api.CodeInternal, Message: fmt.Sprint("panic: ", p)}, r.key)
		}
	}()
	if r.err != nil {
		return encodeLine(r.id, nil, r.err, r.key)
	}
	began := time.Now()
	opts := j.opts
	doc, art, err := r.document(j.ctx, &opts)
	var sum *summarize.Summary
	if err == nil {
		sum, err = j.s.Summarize(j.ctx, doc, opts)
	}
	if err != nil {
		e := api.ToError(err)
		if e.Code == api.CodeInternal {
			e = &api.Error{Code: api.CodeInternal, Message: err.Error()} // no log to hide the cause in
		}
		return encodeLine(r.id, nil, e, r.key)
	}
	out := api.NewSummaryResponse(sum, doc.Text, time.Since(began))
	if art != nil {
		out = out.WithArticle(art)
	}
	return encodeLine(r.id, out, nil, r.key)
}

func encodeLine(id string, sum *api.SummaryResponse, e *api.Error, source string) batchResult {
	line := batchLine{BatchResult: api.BatchResult{ID: id, SummaryResponse: sum, Error: e}, Source: source}
	if sum != nil {
		line.Page = sum.Source
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(line); err != nil { // cannot happen for these types; still never drop the record
		b.Reset()
		_ = enc.Encode(batchLine{BatchResult: api.BatchResult{ID: id, Error: &api.Error{Code: api.CodeInternal, Message: "encode: " + err.Error()}}, Source: source})
	}
	return batchResult{line: escapeC1(b.Bytes()), failed: e != nil}
}

func (j *batchJob) summaryLine(elapsed time.Duration) string {
	var b strings.Builder
	secs := elapsed.Seconds()
	fmt.Fprintf(&b, "batch: %d records, %d failed, %.2fs, %.1f articles/s", j.written, j.failed, secs, float64(j.written)/max(secs, 1e-9))
	if j.resumed > 0 || j.done.Records > 0 {
		fmt.Fprintf(&b, "; resumed: %d already done (%d failed)", j.resumed, j.done.Failed)
	}
	if j.done.Torn > 0 {
		fmt.Fprintf(&b, ", torn last line of %d bytes dropped", j.done.Torn)
	}
	if j.shard.Count > 0 {
		fmt.Fprintf(&b, "; shard %s: %d records of other shards skipped", j.shard, j.notInShard)
	}
	if j.skipped != nil {
		if n := j.skipped(); n > 0 {
			fmt.Fprintf(&b, "; %d WARC records skipped (not HTML pages)", n)
		}
	}
	return b.String()
}
