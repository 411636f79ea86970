// Package rouge computes ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum scores of a
// candidate summary against a reference summary.
//
// It is independent of the summarizer: it imports nothing of skim, and the
// summarizer does not import it, so that the metric cannot share a
// tokenizer or stemmer bug with the system it scores; skim eval joins the
// two.
//
// For English the numbers follow Google's rouge_score package
// (rouge_scorer.RougeScorer with use_stemmer=True):
//
//   - text is lowercased, every run of characters outside [a-z0-9] becomes a
//     space, and the result is split on white space;
//   - tokens longer than 3 characters are stemmed, stop words included;
//   - ROUGE-N counts n-gram overlap with clipped counts (the minimum of the
//     candidate and reference counts of each n-gram);
//   - ROUGE-L is the longest common subsequence (LCS) of the whole candidate
//     and the whole reference, sentence boundaries ignored;
//   - ROUGE-Lsum is the summary-level LCS of section 3.2 of the ROUGE paper:
//     for every reference sentence the union of its LCS with each candidate
//     sentence is taken, and a token is counted as a hit only while it has
//     unused occurrences in both summaries, as rouge_score and ROUGE-1.5.5 do.
//
// One difference is deliberate: the stemmer is Snowball's English stemmer
// (Porter2, github.com/kljensen/snowball/english), not the original 1980
// Porter algorithm that rouge_score uses through NLTK. The two agree on most
// words, so scores are close to rouge_score's but not always identical.
//
// The ASCII tokenizer would erase every accented letter, so for the other
// supported languages text is lowercased and each run of Unicode letters and
// digits is a token (combining marks stay inside the token they follow);
// tokens longer than 3 runes are stemmed with that language's Snowball
// stemmer where it has one (kljensen/snowball for French, Spanish, Russian,
// Swedish, Norwegian and Hungarian, blevesearch/snowballstem for the others).
// In Chinese and Japanese each ideograph or kana is a token.
//
// Precision is hits over candidate units, recall hits over reference units,
// and F1 = 2PR/(P+R), or 0 when P+R is 0. An empty candidate or reference
// scores 0 everywhere.
package rouge

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/irish"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/romanian"
	"github.com/blevesearch/snowballstem/tamil"
	"github.com/blevesearch/snowballstem/turkish"
	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/hungarian"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"
)

// Score is the precision, recall and F1 of one ROUGE measure, each in [0, 1].
type Score struct {
	Precision float64 `json:"p"`
	Recall    float64 `json:"r"`
	F1        float64 `json:"f"`
}

// Scores holds the four ROUGE measures of one candidate against one reference.
type Scores struct {
	Rouge1    Score `json:"rouge1"`
	Rouge2    Score `json:"rouge2"`
	RougeL    Score `json:"rougeL"`
	RougeLsum Score `json:"rougeLsum"`
}

// Mean returns the arithmetic mean of each precision, recall and F1 over
// scores (F1 is the mean of the per-summary F1, as rouge_score's aggregator
// reports it). It returns the zero Scores for an empty slice.
func Mean(scores []Scores) Scores {
	var m Scores
	if len(scores) == 0 {
		return m
	}
	for _, s := range scores {
		m.Rouge1.add(s.Rouge1)
		m.Rouge2.add(s.Rouge2)
		m.RougeL.add(s.RougeL)
		m.RougeLsum.add(s.RougeLsum)
	}
	n := float64(len(scores))
	m.Rouge1.scale(n)
	m.Rouge2.scale(n)
	m.RougeL.scale(n)
	m.RougeLsum.scale(n)
	return m
}

func (s *Score) add(o Score) {
	s.Precision += o.Precision
	s.Recall += o.Recall
	s.F1 += o.F1
}

func (s *Score) scale(n float64) {
	s.Precision /= n
	s.Recall /= n
	s.F1 /= n
}

// newScore builds a Score from a hit count and the candidate and reference
// sizes, with the same floating-point operations as rouge_score so that
// results agree to the last bit.
func newScore(hits, candidate, reference int) Score {
	if hits == 0 || candidate == 0 || reference == 0 {
		return Score{}
	}
	p := float64(hits) / float64(candidate)
	r := float64(hits) / float64(reference)
	return Score{Precision: p, Recall: r, F1: fmeasure(p, r)}
}

func fmeasure(p, r float64) float64 {
	if p+r > 0 {
		return 2 * p * r / (p + r)
	}
	return 0
}

// A language describes how text of one language is tokenized and stemmed.
type language struct {
	code  string
	ascii bool                                         // rouge_score's [a-z0-9] tokenizer
	chars bool                                         // each ideograph or kana is a token (Chinese, Japanese)
	stem  func(word string, stemStopWords bool) string // nil: no stemming
}

// snowballStem adapts a stemmer of github.com/blevesearch/snowballstem.
func snowballStem(stem func(*snowballstem.Env) bool) func(string, bool) string {
	return func(word string, _ bool) string {
		env := snowballstem.NewEnv(word)
		stem(env)
		return env.Current()
	}
}

var languages = map[string]*language{
	// Languages whose Snowball stemmer github.com/blevesearch/snowballstem has
	// (the summarizer's languages beyond the seven above).
	"ar": {code: "ar", stem: snowballStem(arabic.Stem)},
	"da": {code: "da", stem: snowballStem(danish.Stem)},
	"de": {code: "de", stem: snowballStem(german.Stem)},
	"fi": {code: "fi", stem: snowballStem(finnish.Stem)},
	"ga": {code: "ga", stem: snowballStem(irish.Stem)},
	"it": {code: "it", stem: snowballStem(italian.Stem)},
	"nl": {code: "nl", stem: snowballStem(dutch.Stem)},
	"pt": {code: "pt", stem: snowballStem(portuguese.Stem)},
	"ro": {code: "ro", stem: snowballStem(romanian.Stem)},
	"ta": {code: "ta", stem: snowballStem(tamil.Stem)},
	"tr": {code: "tr", stem: snowballStem(turkish.Stem)},
	// Languages without a Snowball stemmer: tokens are not stemmed; Chinese
	// and Japanese count each ideograph or kana as a token. "und" scores
	// text of an unknown language the same way.
	"bg": {code: "bg"}, "ca": {code: "ca"}, "cs": {code: "cs"}, "el": {code: "el"},
	"et": {code: "et"}, "fa": {code: "fa"}, "hi": {code: "hi"}, "id": {code: "id"},
	"ko": {code: "ko"}, "pl": {code: "pl"}, "sl": {code: "sl"}, "uk": {code: "uk"},
	"vi": {code: "vi"}, "und": {code: "und"},
	"ja": {code: "ja", chars: true}, "zh": {code: "zh", chars: true},

	"en": {code: "en", ascii: true, stem: english.Stem},
	"fr": {code: "fr", stem: french.Stem},
	"es": {code: "es", stem: spanish.Stem},
	"ru": {code: "ru", stem: russian.Stem},
	"sv": {code: "sv", stem: swedish.Stem},
	"no": {code: "no", stem: norwegian.Stem},
	"hu": {code: "hu", stem: hungarian.Stem},
}

var languageAliases = map[string]string{
	"":          "en",
	"english":   "en",
	"french":    "fr",
	"spanish":   "es",
	"russian":   "ru",
	"swedish":   "sv",
	"norwegian": "no",
	"nb":        "no",
	"nn":        "no",
	"hungarian": "hu",
}

// Languages lists the language codes New accepts (besides their English
// names, such as "french", and region-qualified tags such as "en-GB").
func Languages() []string {
	out := make([]string, 0, len(languages))
	for code := range languages {
		out = append(out, code)
	}
	sort.Strings(out)
	return out
}

// maxStemCache bounds the number of words a Scorer remembers the stem of.
// A large evaluation sees well under this many distinct words.
const maxStemCache = 1 << 18

// A Scorer computes ROUGE scores for one language. It caches stems and
// reuses scratch memory between calls, and is safe for concurrent use by
// multiple goroutines. Create one with New; the zero Scorer is not usable.
type Scorer struct {
	lang *language

	stems     sync.Map // string -> string
	stemCount atomic.Int64

	pool sync.Pool // *workspace
}

// New returns a Scorer for the language with the given code ("en", "fr",
// "es", "ru", "sv", "no" or "hu"; an English name such as "french" or a tag
// such as "fr-CA" works too). The empty string means English. An unknown
// language is an error.
func New(lang string) (*Scorer, error) {
	key := strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(key, "-_"); i >= 0 {
		key = key[:i]
	}
	if alias, ok := languageAliases[key]; ok {
		key = alias
	}
	l, ok := languages[key]
	if !ok {
		return nil, fmt.Errorf("rouge: unsupported language %q (supported: %s)",
			lang, strings.Join(Languages(), ", "))
	}
	return &Scorer{lang: l}, nil
}

// Language returns the canonical code of the Scorer's language, such as "en".
func (s *Scorer) Language() string { return s.lang.code }

// Score scores candidate sentences against a reference summary.
//
// ROUGE-1, ROUGE-2 and ROUGE-L compare the candidate sentences joined by
// spaces with the whole reference. ROUGE-Lsum compares the candidate
// sentences, one per line, with the reference split by SplitReference. It is
// ScoreSentences(candidateSentences, SplitReference(reference)): splitting
// never changes the reference's tokens, only where its sentences end.
func (s *Scorer) Score(candidateSentences []string, reference string) Scores {
	return s.ScoreSentences(candidateSentences, SplitReference(reference))
}

// ScoreSentences scores candidate sentences against reference sentences,
// both used as given. ROUGE-1, ROUGE-2 and ROUGE-L compare the
// concatenations of the two lists (n-grams and the LCS run across sentence
// boundaries); ROUGE-Lsum compares them sentence by sentence.
func (s *Scorer) ScoreSentences(candidateSentences, referenceSentences []string) Scores {
	w := s.workspace(candidateSentences, referenceSentences)
	defer s.pool.Put(w)
	var sc Scores
	sc.Rouge1 = w.rouge1()
	sc.Rouge2 = w.rouge2()
	sc.RougeL = w.rougeL()
	sc.RougeLsum = w.rougeLsum() // consumes the unigram counts: last
	return sc
}

// ScoreLsum returns the summary-level ROUGE-Lsum of candidate sentences
// against reference sentences, both used as given (a sentence is not split
// further, even at a newline). It costs time proportional to the product of
// the two summaries' lengths in tokens, and memory to the product of the
// longest sentences' lengths, in bits.
func (s *Scorer) ScoreLsum(candidateSentences, referenceSentences []string) Score {
	w := s.workspace(candidateSentences, referenceSentences)
	defer s.pool.Put(w)
	w.countUnigrams()
	return w.rougeLsum()
}

// workspace tokenizes both sides into a pooled workspace.
func (s *Scorer) workspace(cand, ref []string) *workspace {
	w, _ := s.pool.Get().(*workspace)
	if w == nil {
		w = &workspace{ids: make(map[string]int32)}
	}
	w.reset()
	for _, sent := range cand {
		w.cand = s.appendIDs(w, w.cand, sent)
		w.candEnds = append(w.candEnds, len(w.cand))
	}
	for _, sent := range ref {
		w.ref = s.appendIDs(w, w.ref, sent)
		w.refEnds = append(w.refEnds, len(w.ref))
	}
	return w
}

// appendIDs tokenizes text and appends the interned id of each token to dst.
func (s *Scorer) appendIDs(w *workspace, dst []int32, text string) []int32 {
	w.buf = s.forEachToken(w.buf[:0], text, func(tok string) {
		id, ok := w.ids[tok]
		if !ok {
			id = int32(len(w.ids))
			w.ids[tok] = id
		}
		dst = append(dst, id)
	})
	return dst
}

// Tokens returns the tokens of text after normalization and stemming, as
// ROUGE compares them.
func (s *Scorer) Tokens(text string) []string {
	var toks []string
	s.forEachToken(nil, text, func(tok string) { toks = append(toks, tok) })
	return toks
}
