package summarize

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// termExtractor turns words into scoring terms: lower case, stop words and
// one-letter words dropped, the rest stemmed (figures are kept as they
// are). Stems are cached, as stemming is the costliest step per word.
// In languages written without spaces (unspaced) a run of Han or kana is
// not one word but a phrase: its terms are its character bigrams.
type termExtractor struct {
	stem     func(word string, stemStopWords bool) string // nil: no stemming
	isStop   func(word string) bool
	cache    *stemCache // nil: no cache (per-document stop words)
	unspaced bool
}

func newTermExtractor(stem func(string, bool) string, isStop func(string) bool, cacheSize int) *termExtractor {
	return &termExtractor{stem: stem, isStop: isStop, cache: newStemCache(cacheSize)}
}

// term returns the scoring term of a word, or "" when it has none; buf is
// scratch space for the lower-case form, returned for reuse.
func (t *termExtractor) term(buf []byte, word string) (string, []byte) {
	buf = appendLower(buf[:0], word)
	if t.cache == nil {
		return t.compute(string(buf)).stem, buf
	}
	return t.cache.lookup(buf, t.compute).stem, buf
}

// compute is term without the cache, for a lowercase word.
func (t *termExtractor) compute(word string) stemEntry {
	if len(word) < 2 || t.isStop(word) {
		return stemEntry{}
	}
	if isNumber(word) || t.stem == nil {
		return stemEntry{stem: word}
	}
	return stemEntry{stem: t.stem(word, false)}
}

// forEachTerm calls fn with every term of text and the lower-case surface
// form it came from (valid during the call); buf is scratch space.
func (t *termExtractor) forEachTerm(text string, buf *[]byte, fn func(term string, surface []byte)) {
	forEachWord(text, func(word string, _ int) {
		if t.unspaced && hasIdeographs(word) {
			t.forEachGram(word, buf, fn)
			return
		}
		var term string
		term, *buf = t.term(*buf, word)
		if term != "" {
			fn(term, *buf)
		}
	})
}

// forEachGram splits a word of an unspaced language into runs of one
// script. Runs of Han ideographs give their character bigrams (or the one
// character of a run of one): a bigram is the commonest length of a Chinese
// word and needs no dictionary. A katakana run is one word (a loanword or
// name: "パネル"); hiragana runs, Japanese particles and inflections, give
// none. Runs of other letters (Latin names, figures) are words. A bigram is
// dropped when it is a stop word or holds a one-character stop word ("的").
func (t *termExtractor) forEachGram(word string, buf *[]byte, fn func(term string, surface []byte)) {
	emit := func(gram string) {
		if !t.isStop(gram) {
			*buf = append((*buf)[:0], gram...)
			fn(gram, *buf)
		}
	}
	for i := 0; i < len(word); {
		r, size := utf8.DecodeRuneInString(word[i:])
		class := scriptRun(r)
		k, runes := i+size, 1
		for k < len(word) {
			r2, s2 := utf8.DecodeRuneInString(word[k:])
			if scriptRun(r2) != class {
				break
			}
			k += s2
			runes++
		}
		run := word[i:k]
		i = k
		switch {
		case class == runOther:
			var term string
			if term, *buf = t.term(*buf, run); term != "" {
				fn(term, *buf)
			}
		case class == runHiragana:
		case class == runKatakana || runes == 1:
			emit(run)
		default:
			for p := 0; ; {
				_, s1 := utf8.DecodeRuneInString(run[p:])
				q := p + s1
				if q >= len(run) {
					break
				}
				_, s2 := utf8.DecodeRuneInString(run[q:])
				if !t.isStop(run[p:q]) && !t.isStop(run[q:q+s2]) {
					emit(run[p : q+s2])
				}
				p = q
			}
		}
	}
}

// Script runs of forEachGram.
const (
	runOther = iota
	runHan
	runHiragana
	runKatakana
)

func scriptRun(r rune) int {
	switch {
	case !isIdeographic(r):
		return runOther
	case isHiragana(r):
		return runHiragana
	case r >= 0x30A0 && r < 0x3100 || unicode.Is(unicode.Katakana, r):
		return runKatakana
	}
	return runHan
}

// isIdeographic reports whether r is a Han ideograph or kana, the
// characters of Chinese and Japanese words.
func isIdeographic(r rune) bool {
	switch {
	case r < 0x3040:
		return false
	case r >= 0x4E00 && r < 0xA000, r >= 0x3040 && r < 0x3100, r >= 0x3400 && r < 0x4DC0, r >= 0xF900 && r < 0xFB00:
		return true
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

func isHiragana(r rune) bool { return r >= 0x3040 && r < 0x30A0 }

// hasIdeographs reports whether a word holds a Han ideograph or kana.
func hasIdeographs(word string) bool {
	for _, r := range word {
		if isIdeographic(r) {
			return true
		}
	}
	return false
}

func isNumber(word string) bool {
	for i := 0; i < len(word); i++ {
		if c := word[i]; !(c >= '0' && c <= '9' || c == '.' || c == ',') {
			return false
		}
	}
	return true
}

// Stop words inferred from a document, for the languages without a stop
// list: function words are short and spread evenly through a text, so the
// short words found in the most sentences are taken as its stop words.
const (
	// inferBytes bounds the text read: function words show within pages.
	inferBytes = 64 << 10
	// inferMaxRunes is the longest stop word inferred, in letters.
	inferMaxRunes = 4
	// inferShare is the share of sentences a stop word must be found in:
	// function words ("the", "of", "a") are found in 25-60% of a news
	// article's sentences, a topic word of four letters or fewer rarely is.
	inferShare = 0.25
	// inferMax is the number of stop words inferred at most.
	inferMax = 30
)

// inferStopWords returns the stop words of a document: the words of at most
// inferMaxRunes letters that occur in at least two and at least inferShare
// of its sentences (cut at any terminator or line break), the inferMax
// most widespread.
func inferStopWords(view, terminators string) map[string]struct{} {
	if len(view) > inferBytes {
		view = view[:inferBytes]
	}
	type count struct {
		df   int
		last int // the last sentence that counted the word
	}
	counts := make(map[string]*count)
	sentence, sentences := 0, 1
	var buf []byte
	prev := 0
	forEachWord(view, func(word string, start int) {
		if strings.ContainsAny(view[prev:start], "\n"+terminators) {
			sentence++
			sentences++
		}
		prev = start + len(word)
		if utf8.RuneCountInString(word) > inferMaxRunes {
			return
		}
		buf = appendLower(buf[:0], word)
		c, ok := counts[string(buf)]
		if !ok {
			c = &count{last: -1}
			counts[string(buf)] = c
		}
		if c.last != sentence {
			c.last = sentence
			c.df++
		}
	})
	type cand struct {
		word string
		df   int
	}
	var cands []cand
	floor := max(2, int(math.Ceil(inferShare*float64(sentences))))
	for w, c := range counts {
		if c.df >= floor && !isNumber(w) {
			cands = append(cands, cand{w, c.df})
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if a.df != b.df {
			return b.df - a.df
		}
		return strings.Compare(a.word, b.word)
	})
	out := make(map[string]struct{}, min(len(cands), inferMax))
	for _, c := range cands[:min(len(cands), inferMax)] {
		out[c.word] = struct{}{}
	}
	return out
}
