package api

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/skimhq/skim/summarize"
)

// Options are the summary options of POST /summarize and
// POST /summarize/batch (as JSON fields or, for text/plain, as query
// parameters of the same names). Every field is optional.
type Options struct {
	// Sentences is the number of sentences, 1..1000 (default 3 when no
	// other limit is set).
	Sentences *int `json:"sentences,omitempty"`
	// Ratio is the fraction of the article's sentences, in (0, 1].
	Ratio *float64 `json:"ratio,omitempty"`
	// MaxWords caps the words of the summary (0: no cap).
	MaxWords int `json:"max_words,omitempty"`
	// MaxChars caps the bytes of the summary's sentences (0: no cap).
	MaxChars int `json:"max_chars,omitempty"`
	// Keywords is the number of keywords to return (default 5; 0: none).
	Keywords *int `json:"keywords,omitempty"`
	// Language is an ISO 639-1 code or language name (default: the
	// server's default language).
	Language string `json:"language,omitempty"`
	// Order is "text" (article order, the default) or "score" (best first).
	Order string `json:"order,omitempty"`
	// AvoidQuotes penalizes sentences that are mostly a direct quotation.
	AvoidQuotes bool `json:"avoid_quotes,omitempty"`
	// AvoidQuestions penalizes questions.
	AvoidQuestions bool `json:"avoid_questions,omitempty"`
	// AvoidExclamations penalizes exclamations.
	AvoidExclamations bool `json:"avoid_exclamations,omitempty"`
}

// DefaultKeywords is the number of keywords returned when a request does
// not say.
const DefaultKeywords = 5

// maxSentences is the largest accepted sentences option.
const maxSentences = 1000

// library validates o and returns the library options. Several length
// limits at once are fine: the tightest wins.
func (o *Options) library() (summarize.Options, error) {
	opts := summarize.Options{
		MaxWords: o.MaxWords, MaxChars: o.MaxChars, Keywords: DefaultKeywords,
		AvoidQuotes: o.AvoidQuotes, AvoidQuestions: o.AvoidQuestions, AvoidExclamations: o.AvoidExclamations,
	}
	if o.Sentences != nil {
		if *o.Sentences < 1 || *o.Sentences > maxSentences {
			return opts, invalidOption("sentences must be between 1 and %d, got %d", maxSentences, *o.Sentences)
		}
		opts.Sentences = *o.Sentences
	}
	if o.Ratio != nil {
		if r := *o.Ratio; !(r > 0 && r <= 1) {
			return opts, invalidOption("ratio must be in (0, 1], got %g", r)
		}
		opts.Ratio = *o.Ratio
	}
	if o.MaxWords < 0 {
		return opts, invalidOption("max_words must not be negative, got %d", o.MaxWords)
	}
	if o.MaxChars < 0 {
		return opts, invalidOption("max_chars must not be negative, got %d", o.MaxChars)
	}
	if o.Keywords != nil {
		if *o.Keywords < 0 || *o.Keywords > maxSentences {
			return opts, invalidOption("keywords must be between 0 and %d, got %d", maxSentences, *o.Keywords)
		}
		opts.Keywords = *o.Keywords
	}
	switch summarize.Order(o.Order) {
	case "", summarize.OrderText:
		opts.Order = summarize.OrderText
	case summarize.OrderScore:
		opts.Order = summarize.OrderScore
	default:
		return opts, invalidOption("order must be %q or %q, got %q", summarize.OrderText, summarize.OrderScore, o.Order)
	}
	return opts, nil
}

func invalidOption(format string, args ...any) *Error {
	return apiError(http.StatusBadRequest, CodeInvalidOption, format, args...)
}

// SummarizeRequest is the JSON body of POST /summarize.
type SummarizeRequest struct {
	// Text is the article (required).
	Text string `json:"text"`
	// Title is the article's title (optional; detected from the first line
	// when absent).
	Title string `json:"title,omitempty"`
	Options
}

// SentenceResponse is one selected sentence.
type SentenceResponse struct {
	// Index is the sentence's position among the article's candidate sentences.
	Index int `json:"index"`
	// Start and End are byte offsets into the text as received.
	Start int `json:"start"`
	End   int `json:"end"`
	// StartUTF16 and EndUTF16 are the same span in UTF-16 code units, as
	// JavaScript strings index.
	StartUTF16 int `json:"start_utf16"`
	EndUTF16   int `json:"end_utf16"`
	// Text is the sentence, text[Start:End].
	Text string `json:"text"`
	// Score is the sentence's score; higher is better.
	Score float64 `json:"score"`
}

// SummaryResponse is the body of a successful POST /summarize.
type SummaryResponse struct {
	// Summary is the selected sentences joined by single spaces.
	Summary string `json:"summary"`
	// Title is the title given or detected ("" when none).
	Title string `json:"title"`
	// Sentences are the selected sentences in the order asked for.
	Sentences []SentenceResponse `json:"sentences"`
	// Keywords are the article's top terms, best first.
	Keywords []summarize.Keyword `json:"keywords"`
	// Stats describes the reduction. TookMS is the time this request spent
	// producing the result: the summarizer's time, or the cache lookup's
	// when Cached is true.
	Stats summarize.Stats `json:"stats"`
	// Cached reports that the result came from the result cache.
	Cached bool `json:"cached"`
}

// size estimates the memory a cached response holds.
func (r *SummaryResponse) size() int {
	n := len(r.Summary) + len(r.Title) + 256
	for _, s := range r.Sentences {
		n += len(s.Text) + 64
	}
	for _, k := range r.Keywords {
		n += len(k.Term) + 32
	}
	return n
}

// NewSummaryResponse converts a library summary of text into the API response
// (skim summarize --format json prints the same object),
// adding UTF-16 offsets and copying every string so that the response does
// not keep text alive (it may be cached).
func NewSummaryResponse(sum *summarize.Summary, text string) *SummaryResponse {
	r := &SummaryResponse{
		Summary:   strings.Clone(sum.Text),
		Title:     strings.Clone(sum.Title),
		Sentences: make([]SentenceResponse, len(sum.Sentences)),
		Keywords:  make([]summarize.Keyword, len(sum.Keywords)),
		Stats:     sum.Stats,
	}
	for i, s := range sum.Sentences {
		r.Sentences[i] = SentenceResponse{
			Index: s.Index, Start: s.Start, End: s.End,
			Text: strings.Clone(s.Text), Score: finite(s.Score),
		}
	}
	for i, k := range sum.Keywords {
		r.Keywords[i] = summarize.Keyword{Term: strings.Clone(k.Term), Score: finite(k.Score)}
	}
	r.Stats.Reduction = finite(r.Stats.Reduction)
	addUTF16Offsets(r.Sentences, text)
	return r
}

// finite keeps NaN and infinities, which JSON cannot encode, out of responses.
func finite(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}

// addUTF16Offsets sets StartUTF16 and EndUTF16 from the byte offsets, in one
// pass over text up to the last offset, whatever the order of the sentences.
func addUTF16Offsets(sentences []SentenceResponse, text string) {
	if len(sentences) == 0 {
		return
	}
	var stack [32]int
	offsets := stack[:0]
	for _, s := range sentences {
		offsets = append(offsets, s.Start, s.End)
	}
	slices.Sort(offsets)
	offsets = slices.Compact(offsets)
	units := make([]int, len(offsets))
	i, u := 0, 0
	for k, off := range offsets {
		if off > len(text) {
			off = len(text)
		}
		for i < off {
			if c := text[i]; c < utf8.RuneSelf {
				i++
				u++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			i += size
			if r > 0xFFFF {
				u += 2 // a surrogate pair
			} else {
				u++ // U+FFFD for an invalid byte too, as JavaScript would hold it
			}
		}
		units[k] = u
	}
	at := func(off int) int {
		k, _ := slices.BinarySearch(offsets, off)
		return units[k]
	}
	for i := range sentences {
		sentences[i].StartUTF16 = at(sentences[i].Start)
		sentences[i].EndUTF16 = at(sentences[i].End)
	}
}

// BatchDocument is one document of a batch.
type BatchDocument struct {
	// ID is echoed in the document's result (optional).
	ID string `json:"id"`
	// Text is the article (required).
	Text string `json:"text"`
	// Title is the article's title (optional).
	Title string `json:"title,omitempty"`
}

// BatchRequest is the JSON body of POST /summarize/batch: documents and
// the options that apply to all of them.
type BatchRequest struct {
	// Documents are the articles to summarize.
	Documents []BatchDocument `json:"documents"`
	Options
}

// BatchResult is the result of one document: the summary fields, or Error.
type BatchResult struct {
	// ID is the document's id.
	ID string `json:"id"`
	*SummaryResponse
	// Error says why the document has no summary.
	Error *Error `json:"error,omitempty"`
}

// BatchResponse is the body of a successful POST /summarize/batch; results
// are in the order of the documents.
type BatchResponse struct {
	// Results has one entry per document.
	Results []BatchResult `json:"results"`
}

// HealthResponse is the body of GET /healthz and of a ready GET /readyz.
type HealthResponse struct {
	// Status is "ok" or "ready".
	Status string `json:"status"`
}

func unsupportedLanguage(lang string) *Error {
	return apiError(http.StatusUnprocessableEntity, CodeUnsupportedLanguage,
		"language %s is not supported (supported: %s)", fmt.Sprintf("%.40q", lang), strings.Join(summarize.Languages(), ", "))
}
