package batch

import (
	"context"
	"sync"
)

// Options configures Run.
type Options struct {
	// Workers is the number of goroutines applying the work function (min 1).
	Workers int
	// Ordered emits results in input order; otherwise as they complete.
	Ordered bool
	// Window caps the items read but not yet emitted (default 8 × Workers),
	// which bounds memory, including the reorder buffer of ordered mode.
	Window int
	// Idle, if set, is called from the emitting goroutine whenever no further
	// result is waiting, e.g. to flush a buffered writer.
	Idle func() error
}

// Run is a bounded pipeline: one goroutine reads items from source, Workers
// goroutines apply work, and the calling goroutine passes each result to
// emit, one at a time. At most Window items are in flight.
//
// When ctx is cancelled, reading stops, items not yet started are dropped,
// items being worked on finish and are emitted (in ordered mode only up to
// the first dropped one, so the output stays a prefix of the input), and Run
// returns ctx.Err(). An error from source or emit stops the pipeline the same
// way and is returned.
func Run[T, R any](ctx context.Context, opt Options, source func(yield func(T) bool) error, work func(T) R, emit func(R) error) error {
	workers := max(opt.Workers, 1)
	window := opt.Window
	if window <= 0 {
		window = 8 * workers
	}
	window = max(window, workers)
	stop, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		seq  uint64
		item T
	}
	type result struct {
		seq uint64
		out R
	}
	tokens := make(chan struct{}, window) // one per item in flight
	jobs := make(chan job, workers)
	results := make(chan result, window) // never full: at most window in flight

	var srcErr error
	go func() {
		defer close(jobs)
		var seq uint64
		srcErr = source(func(item T) bool {
			select {
			case tokens <- struct{}{}:
			case <-stop.Done():
				return false
			}
			select {
			case jobs <- job{seq, item}:
			case <-stop.Done():
				return false
			}
			seq++
			return true
		})
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				if stop.Err() != nil {
					continue // dropped: not started before the stop
				}
				results <- result{j.seq, work(j.item)}
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	var (
		emitErr error
		pending = make(map[uint64]R) // ordered mode: finished, waiting for their turn
		next    uint64
	)
	send := func(out R) {
		if emitErr == nil {
			emitErr = emit(out)
		}
		<-tokens
		if emitErr != nil {
			cancel()
		}
	}
	for r := range results {
		if emitErr != nil {
			continue // draining after a failed emit
		}
		if !opt.Ordered {
			send(r.out)
		} else {
			pending[r.seq] = r.out
			for emitErr == nil {
				out, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				send(out)
			}
		}
		if emitErr == nil && opt.Idle != nil && len(results) == 0 {
			if emitErr = opt.Idle(); emitErr != nil {
				cancel()
			}
		}
	}
	switch {
	case emitErr != nil:
		return emitErr
	case srcErr != nil:
		return srcErr
	default:
		return ctx.Err()
	}
}
