package summarize

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOptionsValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		opts  Options
		field string // "" when valid
	}{
		{"zero value", Options{}, ""},
		{"every limit at once", Options{Sentences: 5, Ratio: 0.5, MaxWords: 10, MaxChars: 100, Keywords: 5, Order: OrderScore}, ""},
		{"largest sentences", Options{Sentences: MaxSentences}, ""},
		{"negative sentences", Options{Sentences: -1}, "sentences"},
		{"too many sentences", Options{Sentences: MaxSentences + 1}, "sentences"},
		{"negative ratio", Options{Ratio: -0.1}, "ratio"},
		{"ratio above one", Options{Ratio: 1.5}, "ratio"},
		{"NaN ratio", Options{Ratio: nanRatio()}, "ratio"},
		{"negative max words", Options{MaxWords: -1}, "max_words"},
		{"negative max chars", Options{MaxChars: -3}, "max_chars"},
		{"negative keywords", Options{Keywords: -1}, "keywords"},
		{"too many keywords", Options{Keywords: MaxKeywords + 1}, "keywords"},
		{"unknown order", Options{Order: "random"}, "order"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.opts.Validate()
			if tc.field == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ErrInvalidOptions)
			var oe *OptionError
			require.True(t, errors.As(err, &oe))
			assert.Equal(t, tc.field, oe.Field)
			assert.Contains(t, err.Error(), tc.field)
		})
	}
}

func nanRatio() float64 {
	zero := 0.0
	return zero / zero
}

func TestSummarizeValidatesOptions(t *testing.T) {
	t.Parallel()
	s, err := New(Config{})
	require.NoError(t, err)
	doc := Document{Text: "One sentence here. Another sentence there."}
	_, err = s.Summarize(context.Background(), doc, Options{Order: "sideways"})
	require.ErrorIs(t, err, ErrInvalidOptions)
	_, err = s.Rank(context.Background(), doc, Options{MaxWords: -5})
	require.ErrorIs(t, err, ErrInvalidOptions)
}

func TestSummarizeStopsOnCancelledContext(t *testing.T) {
	t.Parallel()
	s, err := New(Config{})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = s.Summarize(ctx, Document{Text: "One sentence here. Another sentence there."}, Options{})
	require.ErrorIs(t, err, context.Canceled)
}
