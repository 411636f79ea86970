package api

import (
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/skimhq/skim/summarize"
)

// SentenceResponse is one selected sentence.
type SentenceResponse struct {
	// Index is the sentence's position among the article's candidate sentences.
	Index int `json:"index"`
	// Start and End are byte offsets into the text as received (invalid
	// UTF-8 read as U+FFFD, as a JSON client receives it).
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

// KeywordResponse is one keyword of the article.
type KeywordResponse struct {
	// Term is the keyword, lowercased.
	Term string `json:"term"`
	// Score is the keyword's weight; higher is better.
	Score float64 `json:"score"`
}

// StatsResponse describes the reduction and the time it took.
type StatsResponse struct {
	// SentencesIn and SentencesOut count the article's candidate sentences
	// and the summary's.
	SentencesIn  int `json:"sentences_in"`
	SentencesOut int `json:"sentences_out"`
	// WordsIn and WordsOut count their words.
	WordsIn  int `json:"words_in"`
	WordsOut int `json:"words_out"`
	// Reduction is 1 - words_out/words_in, the share of words left out.
	Reduction float64 `json:"reduction"`
	// TookMS is the time the caller spent producing the result: the
	// summarizer's time, or the cache lookup's when the result was cached.
	TookMS float64 `json:"took_ms"`
}

// SummaryResponse is the one summary object of the wire contract: the body
// of a successful POST /summarize, each result of POST /summarize/batch,
// each line of skim batch and the output of skim summarize --format json.
type SummaryResponse struct {
	// Summary is the selected sentences joined by single spaces.
	Summary string `json:"summary"`
	// Title is the title given or detected ("" when none).
	Title string `json:"title"`
	// Language is the code of the language the text was summarized as.
	Language string `json:"language"`
	// LanguageDetected reports that Language was detected, not asked for.
	LanguageDetected bool `json:"language_detected"`
	// LanguageSupport is "full" (the language's own models) or "basic".
	LanguageSupport string `json:"language_support"`
	// Sentences are the selected sentences in the order asked for.
	Sentences []SentenceResponse `json:"sentences"`
	// Keywords are the article's top terms, best first.
	Keywords []KeywordResponse `json:"keywords"`
	// Stats describes the reduction.
	Stats StatsResponse `json:"stats"`
	// OverLimit reports that every sentence is longer than max_words or
	// max_chars allows, so the summary is the best sentence alone, over the
	// limit (present only when true).
	OverLimit bool `json:"over_limit,omitempty"`
	// Cached reports that the result came from the result cache.
	Cached bool `json:"cached"`
	// Text is, for HTML and URL input, the article text extracted from the
	// page: the text that the sentence offsets index.
	Text string `json:"text,omitempty"`
	// Source describes the page of HTML and URL input.
	Source *SourceResponse `json:"source,omitempty"`
}

// SourceResponse is what is known of the page an article was extracted
// from; unknown fields are omitted.
type SourceResponse struct {
	// URL is the page's canonical address, else the address it was read
	// from.
	URL string `json:"url,omitempty"`
	// Title is the page's headline.
	Title string `json:"title,omitempty"`
	// Byline names the authors.
	Byline string `json:"byline,omitempty"`
	// Published is the publication date, YYYY-MM-DD.
	Published string `json:"published,omitempty"`
	// Site is the site's name.
	Site string `json:"site,omitempty"`
	// Language is the language tag the page declares.
	Language string `json:"language,omitempty"`
}

// NewSummaryResponse converts the library's summary of text into the wire
// object, with took as stats.took_ms. text is the text exactly as given to
// Summarize: the offsets index it with invalid UTF-8 repaired, which is
// done here, so that the UTF-16 offsets match what a JSON client holds.
// Every string is copied, so that the response does not keep text alive
// (it may be cached).
func NewSummaryResponse(sum *summarize.Summary, text string, took time.Duration) *SummaryResponse {
	r := &SummaryResponse{
		Summary:          strings.Clone(sum.Text),
		Title:            strings.Clone(sum.Title),
		Language:         sum.Language,
		LanguageDetected: sum.LanguageDetected,
		LanguageSupport:  string(sum.LanguageSupport),
		OverLimit:        sum.OverLimit,
		Sentences:        make([]SentenceResponse, len(sum.Sentences)),
		Keywords:         make([]KeywordResponse, len(sum.Keywords)),
		Stats: StatsResponse{
			SentencesIn:  sum.Stats.SentencesIn,
			SentencesOut: sum.Stats.SentencesOut,
			WordsIn:      sum.Stats.WordsIn,
			WordsOut:     sum.Stats.WordsOut,
			Reduction:    finite(sum.Stats.Reduction),
			TookMS:       tookMS(took),
		},
	}
	for i, s := range sum.Sentences {
		r.Sentences[i] = SentenceResponse{
			Index: s.Index, Start: s.Start, End: s.End,
			Text: strings.Clone(s.Text), Score: finite(s.Score),
		}
	}
	for i, k := range sum.Keywords {
		r.Keywords[i] = KeywordResponse{Term: strings.Clone(k.Term), Score: finite(k.Score)}
	}
	addUTF16Offsets(r.Sentences, summarize.ValidUTF8(text))
	return r
}

// tookMS is a duration in milliseconds with microsecond resolution.
func tookMS(d time.Duration) float64 {
	return float64(d.Microseconds()) / 1000
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
				u++
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

// BatchResult is the result of one document: the summary fields, or Error.
// skim batch writes the same object, with the record's source when it
// failed.
type BatchResult struct {
	// ID is the document's id as given: a string, or a json.Number for a
	// numeric id ("" when the document had none).
	ID any `json:"id"`
	*SummaryResponse
	// Error says why the document has no summary.
	Error *Error `json:"error,omitempty"`
}
