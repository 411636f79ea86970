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

// progress is the one progress bar of skim batch, idf and eval: items
// done, rate and, once the total is known, ETA. A nil *progress (stderr is
// not a terminal) does nothing. It is safe for concurrent use.
type progress struct {
	mu     sync.Mutex
	bar    *progressbar.ProgressBar
	done   bool
	cancel context.CancelFunc
}

// newProgress returns a progress bar on stderr when it is a terminal, else
// nil. total is the number of items, or -1 when count, run in the
// background, finds it.
func newProgress(ctx context.Context, stderr io.Writer, unit string, total int64, count func(context.Context) (int64, error)) *progress {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	p := &progress{cancel: cancel, bar: progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetDescription(unit),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString(unit),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
	if total < 0 && count != nil {
		go func() {
			if n, err := count(ctx); err == nil && n > 0 {
				p.mu.Lock()
				if !p.done {
					p.bar.ChangeMax64(n)
				}
				p.mu.Unlock()
			}
		}()
	}
	return p
}

// add counts one item.
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
