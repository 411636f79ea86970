package summarize

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxCandidates bounds the sentences a document contributes; beyond it (a
// book pasted into the box) the rest are not scored, so that the worst case
// stays linear in the input and bounded in time.
const maxCandidates = 5000

// candidate is one candidate sentence with its features.
type candidate struct {
	span
	paragraph int
	words     int
	// fingerprint hashes the sentence's letters and digits, lower-cased:
	// equal fingerprints are duplicates even when the term vectors cannot
	// tell (a sentence of stop words only has an empty vector).
	fingerprint uint64
	quote       bool // opens with or is mostly a direct quotation
	question    bool
	exclaim     bool
}

// candidateStage turns sentence spans into candidates.
type candidateStage struct {
	cands []candidate
}

// build returns the candidates among the sentences (not chrome, holding a
// word), at most maxCandidates, and their total word count; the slice is
// valid until the next call.
func (st *candidateStage) build(ctx context.Context, view string, spans []span, paragraph []int, chrome chromeList) ([]candidate, int, error) {
	st.cands = st.cands[:0]
	total := 0
	for i, sp := range spans {
		if len(st.cands) >= maxCandidates {
			break
		}
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		sentence := view[sp.start:sp.end]
		if chrome.isChrome(sentence) {
			continue
		}
		words := countWords(sentence)
		if words == 0 {
			continue
		}
		st.cands = append(st.cands, candidate{
			fingerprint: fingerprint(sentence),
			span:        sp, paragraph: paragraph[i], words: words,
			quote: isQuote(sentence), question: strings.ContainsAny(lastRunes(sentence), "?？"),
			exclaim: strings.ContainsAny(lastRunes(sentence), "!！"),
		})
		total += words
	}
	return st.cands, total, nil
}

// lastRunes returns the last few bytes of s, enough to hold closing quotes
// after a final question or exclamation mark.
func lastRunes(s string) string {
	if len(s) > 8 {
		i := len(s) - 8
		for i < len(s) && !utf8.RuneStart(s[i]) {
			i++
		}
		return s[i:]
	}
	return s
}

// isQuote reports whether a sentence is a direct quotation: it opens with a
// quotation mark, or quoted text makes up most of it.
func isQuote(sentence string) bool {
	r, _ := utf8.DecodeRuneInString(sentence)
	if r == '"' || r == '“' || r == '«' || r == '„' {
		return true
	}
	quoted, inside, start := 0, false, 0
	for i, r := range sentence {
		if r == '"' || r == '“' || r == '”' || r == '«' || r == '»' {
			if inside {
				quoted += i - start
			}
			inside = !inside
			start = i
		}
	}
	return quoted*2 > len(sentence)
}

// fingerprint is an FNV-1a hash of the lower-cased letters and digits of a
// sentence, so that copies differing only in spacing, case or punctuation
// hash alike.
func fingerprint(sentence string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for _, r := range sentence {
		if !isWordRune(r) {
			continue
		}
		r = unicode.ToLower(r)
		for r > 0 {
			h ^= uint64(r & 0xff)
			h *= prime
			r >>= 8
		}
	}
	return h
}
