package main

import (
	"context"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress is the progress bar of skim batch and skim idf: records done,
// rate and, once the input is counted, ETA. A nil *progress (stderr is not
// a terminal) does nothing. It is safe for concurrent use.
type progress struct {
	mu     sync.Mutex
	bar    *progressbar.ProgressBar
	done   bool
	cancel context.CancelFunc
}

// newProgress returns a progress bar on stderr when it is a terminal, else
// nil. The records of the input are counted in the background (for files
// and folders) to give the bar a total.
func newProgress(ctx context.Context, stderr io.Writer, in string) *progress {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	p := &progress{cancel: cancel, bar: progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetDescription("articles"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
	go func() {
		if n, ok := countRecords(ctx, in); ok && n > 0 {
			p.mu.Lock()
			if !p.done {
				p.bar.ChangeMax64(n)
			}
			p.mu.Unlock()
		}
	}()
	return p
}

// add counts one record.
func (p *progress) add() {
	if p == nil {
		return
	}
	p.mu.Lock()
	if !p.done {
		p.bar.Add(1)
	}
	p.mu.Unlock()
}

// finish clears the bar, so the summary line follows on a clean line.
func (p *progress) finish() {
	if p == nil {
		return
	}
	p.cancel()
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.done {
		p.done = true
		p.bar.Finish()
	}
}
