// Package summarize picks the most informative sentences of an article.
//
// It is a pure-Go extractive summarizer: the language is taken from the
// options or detected, text is normalized, split into paragraphs and
// sentences (a punkt model where the language has one, rules with the
// language's abbreviations and terminators otherwise), page chrome is
// dropped, sentences are scored from TF-IDF centrality, position, title
// overlap and length, and the best ones are selected under a length budget
// with redundancy control. The 33 languages come from
// internal/langdata; text in none of them (or whose language detection
// cannot tell) gets a language-neutral pipeline (SupportBasic).
//
// A Summarizer is built once with New and is safe for concurrent use by
// many goroutines; it assembles a language's pipeline (its sentence
// splitter, abbreviations, stop words, stemmer and chrome strings) on the
// first document in that language.
//
// # Code map
//
// The pipeline in the order pipeline.go runs it; each stage takes its
// inputs as parameters, returns its outputs and keeps its reusable buffers
// in its own state type:
//
//	pipeline.go    Summarize, Rank, Terms; analyze runs the stages below
//	normalize.go   1. UTF-8 repair and the offset-keeping view
//	units.go       2. lines and hard-wrapped paragraphs (units)
//	title.go       3. the given title cut, or the headline detected past
//	                  the page chrome above it
//	chrome.go      4. page chrome dropped (lists of strings and rules:
//	                  consent banners, bylines, datelines, captions, link
//	                  lists, footers): the body units
//	segment.go     5. sentences: punkt or rules, abbreviations; clause.go
//	                  cuts runs without punctuation into clause-sized pieces
//	candidates.go  6. candidate sentences and their features
//	terms.go       7. words to scoring terms (stop words, stemmer, CJK bigrams)
//	vectorize.go   8. TF-IDF term vectors (idf.go: corpus IDF tables)
//	rank.go        9. scores (weights) and redundancy-controlled order
//	select.go     10. sentences picked under the length limits
//	keywords.go   11. keywords
//
// Around them: summarize.go (this documentation, the errors and the
// types Document, Options and Summary), summarizer.go (Config, New,
// languages loaded lazily, resolveLanguage: the given or detected
// language), language.go (the language table: one entry per language),
// analyzer.go (a language's pipeline assembled from its entry), options.go
// (Options validation), stemcache.go, and text.go (tokenizer and text
// helpers that several stages share).
//
// # Cost
//
// Every stage is linear in the input (the README's "Cost on adversarial input" has the measured
// figures for adversarial inputs from 10 KB to 1 MB): sentence centrality
// is computed against the sum of all sentence vectors rather than from an
// n² similarity matrix, at most 5,000 candidate sentences are scored (the
// rest of a longer text is ignored), and redundancy control compares each
// of at most 400 best sentences with the ones already picked. The context
// given to Summarize and Rank is checked between stages and inside their
// long loops, so a cancelled call stops at the next check instead of
// finishing the document.
//
// # Offsets
//
// Sentence.Start and Sentence.End are byte offsets into
// Document.Text exactly as given, so Text == doc.Text[Start:End] for any
// valid UTF-8 input; carriage returns and other control characters are read
// as spaces but never removed, so CRLF text keeps its offsets. Text with
// invalid UTF-8 is first repaired the way encoding/json repairs it, each
// invalid byte becoming U+FFFD (3 bytes): offsets then index that repaired
// text, which is exactly the string a JSON client receives, and
// Sentence.Text is always valid UTF-8.
package summarize

import (
	"errors"
	"strings"
)

// Errors returned by Summarize and Rank; callers branch on them with errors.Is.
var (
	// ErrEmptyText reports a document whose text is empty or only white space.
	ErrEmptyText = errors.New("summarize: text is empty")
	// ErrNoSentences reports a document in which no candidate sentence remains
	// once the title and page chrome are removed.
	ErrNoSentences = errors.New("summarize: no candidate sentences")
	// ErrUnsupportedLanguage reports a language code the summarizer has no model for.
	ErrUnsupportedLanguage = errors.New("summarize: unsupported language")
	// ErrInvalidOptions reports Options out of range; the error wrapping it
	// is an *OptionError naming the field.
	ErrInvalidOptions = errors.New("summarize: invalid options")
)

// Document is one article to summarize.
type Document struct {
	// Title is optional. When empty, the headline is detected: the first
	// headline-like line before the body that is not page chrome (a
	// consent banner, a menu, a site name, a byline).
	Title string
	// Text is the article body, possibly with page chrome around it.
	Text string
}

// Order says how the selected sentences are returned.
type Order string

// Orders accepted in Options.Order.
const (
	// OrderText returns sentences in article order (the default).
	OrderText Order = "text"
	// OrderScore returns sentences best first.
	OrderScore Order = "score"
)

// Options controls one summary. The zero value asks for three sentences in
// article order. When several length limits are set, the tightest wins.
type Options struct {
	// Sentences is the number of sentences to select (default 3 when no
	// other limit is set).
	Sentences int
	// Ratio is the fraction of candidate sentences to select, in (0, 1].
	Ratio float64
	// MaxWords caps the total number of words in the summary.
	MaxWords int
	// MaxChars caps the total number of bytes of sentence text in the summary.
	MaxChars int
	// Keywords is the number of keywords to return (0: none).
	Keywords int
	// Order is OrderText (default) or OrderScore.
	Order Order
	// AvoidQuotes penalizes sentences that are mostly a direct quotation.
	AvoidQuotes bool
	// AvoidQuestions penalizes questions. A one-sentence summary penalizes
	// them whatever this says: a question alone tells the reader nothing.
	AvoidQuestions bool
	// AvoidExclamations penalizes exclamations.
	AvoidExclamations bool
	// Language is an ISO 639-1 code or a language name or tag ("en",
	// "English", "en-GB"); "" or "auto" detects the language from the text.
	Language string
}

// Sentence is one sentence of the input with its position and score.
type Sentence struct {
	// Index is the sentence's position among the document's candidate sentences.
	Index int
	// Start is the byte offset of the sentence in Document.Text.
	Start int
	// End is the byte offset just past the sentence in Document.Text.
	End int
	// Text is Document.Text[Start:End].
	Text string
	// Score is the sentence's final score; higher is better.
	Score float64
}

// Keyword is a salient term of the document.
type Keyword struct {
	// Term is the keyword in a readable surface form, lowercased.
	Term string
	// Score is the keyword's weight; higher is better.
	Score float64
}

// Stats describes the reduction a summary achieves.
type Stats struct {
	// SentencesIn is the number of candidate sentences in the document.
	SentencesIn int
	// SentencesOut is the number of sentences in the summary.
	SentencesOut int
	// WordsIn is the number of words in the candidate sentences.
	WordsIn int
	// WordsOut is the number of words in the summary.
	WordsOut int
	// Reduction is 1 - WordsOut/WordsIn, the share of words left out.
	Reduction float64
}

// Summary is the result of Summarize.
type Summary struct {
	// Text is the selected sentences joined by single spaces.
	Text string
	// Title is the title given or detected, empty when there is none.
	Title string
	// Sentences are the selected sentences, in the order Options.Order asks.
	Sentences []Sentence
	// Keywords are the top terms of the document, best first.
	Keywords []Keyword
	// Stats describes the reduction.
	Stats Stats
	// OverLimit reports that every sentence is longer than Options.MaxWords
	// or Options.MaxChars allows, so the summary holds the best sentence
	// alone, over the limit, rather than nothing.
	OverLimit bool
	// Language is the code of the language the text was processed as.
	Language string
	// LanguageDetected reports that Language was detected, not given.
	LanguageDetected bool
	// LanguageSupport says how much of the language's pipeline was used.
	LanguageSupport Support
}

// Support says how much language-specific processing a summary had.
type Support string

// Levels of Summary.LanguageSupport.
const (
	// SupportFull means the language's own splitter, stop words and stemmer.
	SupportFull Support = "full"
	// SupportBasic means the language-neutral pipeline: punctuation and line
	// splitting, no stemming, stop words inferred from the document.
	SupportBasic Support = "basic"
)

// joinSentences joins sentence texts with single spaces, folding the
// internal line breaks and runs of white space of each sentence.
func joinSentences(sentences []Sentence) string {
	var b strings.Builder
	for i, s := range sentences {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.Join(strings.Fields(s.Text), " "))
	}
	return b.String()
}
