// Package dateparser is skim's stand-in for github.com/markusmobius/go-dateparser,
// wired in by a replace directive in skim's go.mod.
//
// Why: go-htmldate (which go-trafilatura imports for page dates) imports
// go-dateparser, whose package initialisation builds locale tables for ~200
// languages: 78 MB allocated and ~0.3 s before main runs, in every skim
// process (`skim version` peaked at 66 MB RSS instead of 13 MB; the server's
// load test budget is 200 MB). skim extracts dates in go-htmldate's fast mode
// (SkipExtensiveSearch), which never calls the parser, so this stand-in only
// keeps the API go-htmldate compiles against and parses a few unambiguous
// absolute formats in case a caller asks for the extensive search.
package dateparser

import (
	"errors"
	"strings"
	"time"

	"github.com/markusmobius/go-dateparser/date"
)

// ParserType selects a parsing strategy.
type ParserType uint8

// Parser types go-htmldate names.
const (
	Timestamp ParserType = iota
	RelativeTime
	CustomFormat
	AbsoluteTime
	NoSpacesTime
)

// PreferredDateSource says how to complete partial dates.
type PreferredDateSource uint8

// Date sources.
const (
	CurrentPeriod PreferredDateSource = iota
	Past
	Future
)

// DateOrder is the order of day, month and year in numeric dates.
type DateOrder string

// Date orders.
const (
	DMY DateOrder = "DMY"
	MDY DateOrder = "MDY"
	YMD DateOrder = "YMD"
)

// PreferredDayOfMonth says which day completes a month-only date.
type PreferredDayOfMonth uint8

// Days of month.
const (
	Current PreferredDayOfMonth = iota
	First
	Last
)

// Configuration mirrors the fields callers set; only StrictParsing matters here.
type Configuration struct {
	DateOrder           DateOrder
	PreferredDayOfMonth PreferredDayOfMonth
	PreferredDateSource PreferredDateSource
	StrictParsing       bool
	CurrentTime         time.Time
	Locales             []string
	Languages           []string
}

// Parser parses date strings.
type Parser struct {
	// ParserTypes is accepted for compatibility and ignored.
	ParserTypes []ParserType
}

// ErrNotParsed reports a string that none of the stand-in's formats match.
var ErrNotParsed = errors.New("dateparser stand-in: no date found")

var layouts = []string{
	time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02", "2006/01/02",
	"2 January 2006", "January 2, 2006", "Jan 2, 2006", "2 Jan 2006", "02.01.2006",
}

// Parse reads str with a few absolute layouts (and any formats given).
func (p *Parser) Parse(cfg *Configuration, str string, formats ...string) (date.Date, error) {
	str = strings.TrimSpace(str)
	for _, layout := range append(formats, layouts...) {
		if t, err := time.Parse(layout, str); err == nil {
			return date.Date{Time: t}, nil
		}
	}
	return date.Date{}, ErrNotParsed
}
