package summarize

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
)

// ErrBadIDF reports an IDF table that cannot be used: corrupt, empty, or
// built for another language or stemmer.
var ErrBadIDF = errors.New("summarize: bad idf table")

// IDFFormat identifies the file format written by IDF.WriteTo.
const IDFFormat = "skim-idf/1"

// IDF is a table of document frequencies of stemmed terms over a corpus,
// built by IDFBuilder (skim idf) and used through Config.IDF. It is
// read-only once built and safe for concurrent use.
type IDF struct {
	// Format is IDFFormat.
	Format string `json:"format"`
	// Language is the language code the terms were extracted with.
	Language string `json:"language"`
	// Stemmer names the stemmer the terms were reduced with.
	Stemmer string `json:"stemmer"`
	// Documents is the number of documents counted.
	Documents int `json:"documents"`
	// DF maps each stemmed term to the number of documents containing it.
	DF map[string]int `json:"df"`
}

// Weight returns the smoothed inverse document frequency of a stemmed term:
// log((1+N)/(1+df)) + 1, so unseen terms weigh the most and no term weighs 0.
func (t *IDF) Weight(term string) float64 {
	df := t.DF[term]
	return math.Log(float64(1+t.Documents)/float64(1+df)) + 1
}

// ReadIDF decodes and validates an IDF table written by IDF.WriteTo.
func ReadIDF(r io.Reader) (*IDF, error) {
	var t IDF
	if err := json.NewDecoder(r).Decode(&t); err != nil {
		return nil, fmt.Errorf("%w: decode: %v", ErrBadIDF, err)
	}
	if t.Format != IDFFormat {
		return nil, fmt.Errorf("%w: format %q, want %q", ErrBadIDF, t.Format, IDFFormat)
	}
	if t.Documents <= 0 || len(t.DF) == 0 {
		return nil, fmt.Errorf("%w: no documents counted", ErrBadIDF)
	}
	for term, df := range t.DF {
		if df < 0 || df > t.Documents {
			return nil, fmt.Errorf("%w: term %q has df %d of %d documents", ErrBadIDF, term, df, t.Documents)
		}
	}
	return &t, nil
}

// WriteTo encodes the table as JSON.
func (t *IDF) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	enc := json.NewEncoder(cw)
	err := enc.Encode(t)
	return cw.n, err
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// IDFBuilder counts document frequencies. It is not safe for concurrent use;
// build one per goroutine and Merge them.
type IDFBuilder struct {
	documents int
	df        map[string]int
	seen      map[string]struct{}
}

// NewIDFBuilder returns an empty builder.
func NewIDFBuilder() *IDFBuilder {
	return &IDFBuilder{df: make(map[string]int), seen: make(map[string]struct{})}
}

// Add counts one document given its stemmed terms (as Summarizer.Terms returns them).
func (b *IDFBuilder) Add(terms []string) {
	b.documents++
	clear(b.seen)
	for _, t := range terms {
		if _, ok := b.seen[t]; ok {
			continue
		}
		b.seen[t] = struct{}{}
		b.df[t]++
	}
}

// Merge adds the counts of other into b.
func (b *IDFBuilder) Merge(other *IDFBuilder) {
	b.documents += other.documents
	for t, n := range other.df {
		b.df[t] += n
	}
}

// Build returns the table for a language and stemmer, dropping terms seen in
// fewer than minDF documents (they would weigh the same as unseen ones).
func (b *IDFBuilder) Build(language, stemmer string, minDF int) *IDF {
	df := make(map[string]int, len(b.df))
	for t, n := range b.df {
		if n >= minDF {
			df[t] = n
		}
	}
	return &IDF{Format: IDFFormat, Language: language, Stemmer: stemmer, Documents: b.documents, DF: df}
}
