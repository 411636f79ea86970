package summarize

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingContext is a context whose Err reports context.Canceled from
// its (after+1)th call on, counting the calls: it cancels the work at a
// chosen check, wherever that check is.
type countingContext struct {
	context.Context
	after int64
	calls atomic.Int64
}

func (c *countingContext) Err() error {
	if c.calls.Add(1) > c.after {
		return context.Canceled
	}
	return nil
}

// TestContextStopsTheWork: the pipeline checks its context between stages
// and inside the long loops (segmentation, candidates, vectors, ranking),
// and returns at the first check that sees it cancelled.
func TestContextStopsTheWork(t *testing.T) {
	t.Parallel()
	size := 1 << 20
	if testing.Short() || raceEnabled {
		size = 200 << 10
	}
	paragraphs := bodyParagraphs(t)
	s, err := New(Config{})
	require.NoError(t, err)
	// Paragraphs, and one line that punkt reads window by window.
	for _, sep := range []string{"\n\n", " "} {
		doc := Document{Text: buildArticle(paragraphs, size, sep)}
		checkCancellation(t, s, doc)
	}
}

func checkCancellation(t *testing.T, s *Summarizer, doc Document) {
	calls := map[string]func(ctx context.Context) error{
		"Summarize": func(ctx context.Context) error {
			_, err := s.Summarize(ctx, doc, Options{Sentences: 3, Keywords: 5, Language: "en"})
			return err
		},
		"Rank": func(ctx context.Context) error {
			_, err := s.Rank(ctx, doc, Options{Language: "en"})
			return err
		},
	}
	for name, call := range calls {
		t.Run(fmt.Sprintf("%s/%d-paragraphs", name, strings.Count(doc.Text, "\n\n")+1), func(t *testing.T) {
			full := &countingContext{Context: context.Background(), after: 1 << 62}
			require.NoError(t, call(full))
			checks := full.calls.Load()
			// Between stages alone there would be a handful of checks.
			require.Greater(t, checks, int64(20), "the long loops do not check the context")
			t.Logf("%d checks", checks)
			afters := []int64{0, 1, 2, 5, checks / 2, checks - 1}
			if raceEnabled {
				afters = []int64{0, checks / 2, checks - 1}
			}
			for _, after := range afters {
				ctx := &countingContext{Context: context.Background(), after: after}
				err := call(ctx)
				require.ErrorIs(t, err, context.Canceled, "cancelled at check %d of %d", after+1, checks)
				assert.Equal(t, after+1, ctx.calls.Load(), "work went on after the check that saw the cancellation")
			}
		})
	}
}

func TestContextDeadline(t *testing.T) {
	t.Parallel()
	s, err := New(Config{})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 0)
	defer cancel()
	_, err = s.Summarize(ctx, Document{Text: "One sentence here. Another one there."}, Options{})
	require.True(t, errors.Is(err, context.DeadlineExceeded), "got %v", err)
}

// TestUnitsDoNotAllocate: once its buffer has grown, the units stage
// allocates nothing, hard-wrapped paragraphs included. Not parallel:
// AllocsPerRun counts the allocations of the whole process.
func TestUnitsDoNotAllocate(t *testing.T) {
	wrapped := strings.Repeat("Abcd efgh ijkl mnop qrst uvwx yzab cdef ghij\n", 200)
	for _, text := range []string{loadArticle(t, "harbour-bridge").text, wrapped} {
		var st unitStage
		view := normalizeView(text)
		require.NotEmpty(t, st.split(view))
		assert.Equal(t, 0.0, testing.AllocsPerRun(20, func() { st.split(view) }))
	}
}
