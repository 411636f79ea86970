package api

import (
	"github.com/skimhq/skim/summarize"
)

// Options are the summary options of POST /summarize and
// POST /summarize/batch (as JSON fields or, for text/plain, as query
// parameters of the same names). Every field is optional; a zero value
// means the default. The summarizer validates them (summarize.Options.Validate).
type Options struct {
	// Sentences is the number of sentences, up to summarize.MaxSentences
	// (0: 3 when no other limit is set).
	Sentences int `json:"sentences,omitempty"`
	// Ratio is the fraction of the article's sentences, in (0, 1] (0: no ratio).
	Ratio float64 `json:"ratio,omitempty"`
	// MaxWords caps the words of the summary (0: no cap).
	MaxWords int `json:"max_words,omitempty"`
	// MaxChars caps the bytes of the summary's sentences (0: no cap).
	MaxChars int `json:"max_chars,omitempty"`
	// Keywords is the number of keywords to return (absent:
	// summarize.DefaultKeywords; 0: none).
	Keywords *int `json:"keywords,omitempty"`
	// Language is an ISO 639-1 code, a language name or tag; absent or
	// "auto" detects it from the text.
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

// library returns the library options; the summarizer validates them.
func (o *Options) library() summarize.Options {
	opts := summarize.Options{
		Sentences: o.Sentences, Ratio: o.Ratio, MaxWords: o.MaxWords, MaxChars: o.MaxChars,
		Keywords: summarize.DefaultKeywords, Order: summarize.Order(o.Order), Language: o.Language,
		AvoidQuotes: o.AvoidQuotes, AvoidQuestions: o.AvoidQuestions, AvoidExclamations: o.AvoidExclamations,
	}
	if o.Keywords != nil {
		opts.Keywords = *o.Keywords
	}
	return opts
}

// SummarizeRequest is the JSON body of POST /summarize. It carries
// exactly one of Text, HTML and URL (URL may come with HTML as the page's
// address).
type SummarizeRequest struct {
	// Text is the article as plain text.
	Text string `json:"text"`
	// HTML is a web page whose article is extracted and summarized.
	HTML string `json:"html,omitempty"`
	// URL is, alone, a web page for the server to fetch (when started
	// with --fetch); with HTML, the page's address.
	URL string `json:"url,omitempty"`
	// Title is the article's title (optional; detected from the first line
	// when absent).
	Title string `json:"title,omitempty"`
	Options
}

// BatchDocument is one document of a batch.
type BatchDocument struct {
	// ID is echoed in the document's result exactly as given (optional): a
	// string, or a number (decoded as json.Number, so that its digits are
	// kept); any other JSON type is that document's invalid_field error.
	ID any `json:"id"`
	// Text is the article as plain text (or give HTML).
	Text string `json:"text"`
	// HTML is a web page whose article is extracted and summarized.
	HTML string `json:"html,omitempty"`
	// URL is the address of the page in HTML (optional; a batch does not
	// fetch pages).
	URL string `json:"url,omitempty"`
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
	// Fetch reports whether POST /summarize fetches {"url": ...} pages
	// (GET /healthz only).
	Fetch *bool `json:"fetch,omitempty"`
}
