package summarize

import (
	"fmt"
	"math"
)

// Bounds and defaults of Options, shared by every caller (the API and the
// CLI validate nothing themselves).
const (
	// DefaultSentences is the summary length when Options sets no limit.
	DefaultSentences = 3
	// MaxSentences is the largest Options.Sentences.
	MaxSentences = 1000
	// DefaultKeywords is the number of keywords the API and the CLI ask for
	// when a caller does not say (the library's zero value asks for none).
	DefaultKeywords = 5
	// MaxKeywords is the largest Options.Keywords.
	MaxKeywords = 1000
)

// OptionError reports one option out of range. It matches ErrInvalidOptions
// with errors.Is. Field is the option's wire name ("sentences",
// "max_words"), the name API clients and CLI users see.
type OptionError struct {
	// Field is the snake_case name of the option.
	Field string
	// Reason says what is wrong with it.
	Reason string
}

// Error implements error.
func (e *OptionError) Error() string {
	return fmt.Sprintf("%s %s", e.Field, e.Reason)
}

// Is makes errors.Is(err, ErrInvalidOptions) true.
func (e *OptionError) Is(target error) bool { return target == ErrInvalidOptions }

// Validate reports the first option out of range as an *OptionError.
// Several length limits at once are fine: the tightest wins.
func (o Options) Validate() error {
	switch {
	case o.Sentences < 0 || o.Sentences > MaxSentences:
		return &OptionError{"sentences", fmt.Sprintf("must be between 1 and %d, got %d", MaxSentences, o.Sentences)}
	case math.IsNaN(o.Ratio) || o.Ratio < 0 || o.Ratio > 1:
		return &OptionError{"ratio", fmt.Sprintf("must be in (0, 1], got %g", o.Ratio)}
	case o.MaxWords < 0:
		return &OptionError{"max_words", fmt.Sprintf("must not be negative, got %d", o.MaxWords)}
	case o.MaxChars < 0:
		return &OptionError{"max_chars", fmt.Sprintf("must not be negative, got %d", o.MaxChars)}
	case o.Keywords < 0 || o.Keywords > MaxKeywords:
		return &OptionError{"keywords", fmt.Sprintf("must be between 0 and %d, got %d", MaxKeywords, o.Keywords)}
	}
	switch o.Order {
	case "", OrderText, OrderScore:
	default:
		return &OptionError{"order", fmt.Sprintf("must be %q or %q, got %.40q", OrderText, OrderScore, string(o.Order))}
	}
	return nil
}
