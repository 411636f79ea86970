// Package date holds the result type of the dateparser stand-in.
package date

import "time"

// Date is a parsed date.
type Date struct {
	// Time is the date, zero when nothing was parsed.
	Time time.Time
}

// IsZero reports whether nothing was parsed.
func (d Date) IsZero() bool { return d.Time.IsZero() }
