// Command loadgen is skim's load generator: it POSTs an article to a skim
// server from many concurrent clients, for a duration after a warm-up or for
// a number of requests per client, and reports throughput, latency
// percentiles and non-2xx answers.
//
//	loadgen -url http://127.0.0.1:8080/summarize -file article.txt -concurrency 32 -duration 10s -warmup 2s
//	loadgen -url ... -file article.txt -concurrency 64 -requests 2 -unique-size 1048000 -format text
//
// With -unique-size every request carries a different body of at most that
// many bytes, built from the article. It exits with status 1 when any
// request failed or was answered non-2xx. It only talks to the URL given:
// point it at a server on this machine.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

type config struct {
	url         string
	file        string
	format      string
	concurrency int
	duration    time.Duration
	warmup      time.Duration
	requests    int
	uniqueSize  int
	timeout     time.Duration
}

// result is what one client measured.
type result struct {
	latencies []time.Duration
	non2xx    int
	statuses  map[int]int
	errors    int
	lastErr   error
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	fs.StringVar(&c.url, "url", "http://127.0.0.1:8080/summarize", "endpoint to POST to")
	fs.StringVar(&c.file, "file", "", "article to send (required)")
	fs.StringVar(&c.format, "format", "json", `body format: json ({"text": article}) or text (text/plain)`)
	fs.IntVar(&c.concurrency, "concurrency", 32, "concurrent clients, each with its own keep-alive connection")
	fs.DurationVar(&c.duration, "duration", 10*time.Second, "measured duration (ignored with -requests)")
	fs.DurationVar(&c.warmup, "warmup", 2*time.Second, "unmeasured warm-up before the measured duration")
	fs.IntVar(&c.requests, "requests", 0, "requests per client, then stop (0: run for -warmup + -duration)")
	fs.IntVar(&c.uniqueSize, "unique-size", 0, "send a different body of this many bytes in every request (0: the file as is)")
	fs.DurationVar(&c.timeout, "timeout", 60*time.Second, "timeout of one request")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if c.file == "" || c.concurrency < 1 || (c.format != "json" && c.format != "text") {
		fs.Usage()
		return errors.New("need -file, -concurrency >= 1 and -format json or text")
	}
	article, err := os.ReadFile(c.file)
	if err != nil {
		return err
	}
	contentType := "application/json"
	if c.format == "text" {
		contentType = "text/plain; charset=utf-8"
	}
	body := func(worker, n int) ([]byte, error) {
		text := string(article)
		if c.uniqueSize > 0 {
			text = uniqueText(article, worker, n, c.uniqueSize, c.format)
		}
		if c.format == "text" {
			return []byte(text), nil
		}
		return json.Marshal(map[string]string{"text": text})
	}
	fixed, err := body(0, 0)
	if err != nil {
		return err
	}

	client := &http.Client{
		Timeout: c.timeout,
		Transport: &http.Transport{
			MaxIdleConns:        c.concurrency,
			MaxIdleConnsPerHost: c.concurrency,
			MaxConnsPerHost:     c.concurrency,
			DisableCompression:  true,
			IdleConnTimeout:     90 * time.Second,
		},
	}
	var measuring atomic.Bool
	var stopAt time.Time
	runCtx := ctx
	if c.requests == 0 {
		var cancel context.CancelFunc
		runCtx, cancel = context.WithTimeout(ctx, c.warmup+c.duration)
		defer cancel()
		time.AfterFunc(c.warmup, func() { measuring.Store(true) })
	} else {
		measuring.Store(true)
	}

	results := make([]result, c.concurrency)
	var wg sync.WaitGroup
	began := time.Now()
	for w := 0; w < c.concurrency; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := &results[w]
			r.statuses = map[int]int{}
			for n := 0; c.requests == 0 || n < c.requests; n++ {
				if runCtx.Err() != nil {
					return
				}
				payload := fixed
				if c.uniqueSize > 0 {
					var err error
					if payload, err = body(w, n); err != nil {
						r.errors++
						r.lastErr = err
						return
					}
				}
				req, err := http.NewRequestWithContext(runCtx, http.MethodPost, c.url, bytes.NewReader(payload))
				if err != nil {
					r.errors++
					r.lastErr = err
					return
				}
				req.Header.Set("Content-Type", contentType)
				start := time.Now()
				resp, err := client.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				elapsed := time.Since(start)
				if runCtx.Err() != nil && c.requests == 0 {
					return // cut off by the end of the run: not a failure
				}
				if !measuring.Load() {
					continue
				}
				if err != nil {
					r.errors++
					r.lastErr = err
					continue
				}
				r.latencies = append(r.latencies, elapsed)
				r.statuses[resp.StatusCode]++
				if resp.StatusCode < 200 || resp.StatusCode > 299 {
					r.non2xx++
				}
			}
		}(w)
	}
	wg.Wait()
	stopAt = time.Now()
	measured := stopAt.Sub(began)
	if c.requests == 0 {
		measured = min(c.duration, stopAt.Sub(began)-c.warmup)
	}

	var all []time.Duration
	non2xx, failures := 0, 0
	statuses := map[int]int{}
	var lastErr error
	for _, r := range results {
		all = append(all, r.latencies...)
		non2xx += r.non2xx
		failures += r.errors
		for code, n := range r.statuses {
			statuses[code] += n
		}
		if r.lastErr != nil {
			lastErr = r.lastErr
		}
	}
	slices.Sort(all)
	pct := func(p float64) time.Duration {
		if len(all) == 0 {
			return 0
		}
		return all[min(len(all)-1, int(p*float64(len(all))))]
	}
	ms := func(d time.Duration) string {
		return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 2, 64) + " ms"
	}
	fmt.Fprintf(stdout, "url          %s (%s body, %d bytes%s)\n", c.url, c.format, len(fixed), uniqueNote(c.uniqueSize))
	fmt.Fprintf(stdout, "clients      %d\n", c.concurrency)
	fmt.Fprintf(stdout, "measured     %v (after %v warm-up)\n", measured.Round(time.Millisecond), c.warmup)
	fmt.Fprintf(stdout, "requests     %d\n", len(all))
	fmt.Fprintf(stdout, "throughput   %.0f req/s\n", float64(len(all))/measured.Seconds())
	fmt.Fprintf(stdout, "latency      p50 %s  p90 %s  p99 %s  max %s\n", ms(pct(0.50)), ms(pct(0.90)), ms(pct(0.99)), ms(pct(1)))
	fmt.Fprintf(stdout, "statuses     %v\n", statuses)
	fmt.Fprintf(stdout, "non-2xx      %d\n", non2xx)
	fmt.Fprintf(stdout, "errors       %d\n", failures)
	if non2xx > 0 || failures > 0 {
		if lastErr != nil {
			fmt.Fprintf(stdout, "last error   %v\n", lastErr)
		}
		return fmt.Errorf("%d non-2xx answers, %d failed requests", non2xx, failures)
	}
	if len(all) == 0 {
		return errors.New("no request completed")
	}
	return nil
}

func uniqueNote(size int) string {
	if size > 0 {
		return ", a different body per request"
	}
	return ""
}

// uniqueText builds a text of at most size bytes (for the json format, 90%
// of it, leaving room for the envelope and escapes) from copies of the
// article, each copy marked with the worker, request and copy number so
// that no two bodies are alike. It never cuts a UTF-8 character.
func uniqueText(article []byte, worker, n, size int, format string) string {
	var b bytes.Buffer
	b.Grow(size)
	budget := size
	if format == "json" {
		budget = size * 9 / 10 // room for {"text":...} and escapes
	}
	for k := 0; b.Len() < budget; k++ {
		fmt.Fprintf(&b, "Dispatch %d-%d-%d. ", worker, n, k)
		b.Write(article)
		b.WriteString("\n\n")
	}
	out := b.Bytes()[:budget]
	for len(out) > 0 && out[len(out)-1]&0xC0 == 0x80 { // do not cut a character
		out = out[:len(out)-1]
	}
	if len(out) > 0 && out[len(out)-1] >= 0xC0 {
		out = out[:len(out)-1]
	}
	return string(out)
}
