package summarize

import (
	"context"
	"slices"
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
	// anaphoric: the sentence opens with a word that points back to
	// something said before (see anaphoricOpeners). Only the first
	// candidate's is computed: the ranking reads it to tell a lede from an
	// opening that continues a story whose lede is missing.
	anaphoric bool
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
		words := sentenceWords(sentence)
		if words == 0 {
			continue
		}
		st.cands = append(st.cands, candidate{
			fingerprint: fingerprint(sentence),
			span:        sp, paragraph: paragraph[i], words: words,
			quote: isQuote(sentence), question: strings.ContainsAny(lastRunes(sentence), "?？"),
			exclaim:   strings.ContainsAny(lastRunes(sentence), "!！"),
			anaphoric: len(st.cands) == 0 && opensAnaphoric(sentence),
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

// anaphoricOpeners are English words that, opening a text, refer back to
// something the reader was told before: personal and demonstrative
// pronouns, the definite article, connectives that continue an argument,
// and the honorifics that British style uses only after a first full-name
// mention. A text that opens this way has likely lost its lede (cut off,
// pasted from the middle). The definite article also opens intact ledes
// ("The European Central Bank has left…", 15% of BBC's), which is why the
// ranking only halves its trust on this sign. The list is English: other
// languages' texts seldom open with these words, so it stays silent there
// until the language table gains lists of its own.
var anaphoricOpeners = strings.Fields(`the it he she they this these those his her
	their its but and however also mr mrs ms dr so yet meanwhile then there such both`)

// opensAnaphoric reports whether the first word of sentence is one of the
// anaphoricOpeners, in any case.
func opensAnaphoric(sentence string) bool {
	start := strings.IndexFunc(sentence, isWordRune)
	if start < 0 {
		return false
	}
	word := sentence[start:]
	if end := strings.IndexFunc(word, func(r rune) bool { return !isWordRune(r) }); end >= 0 {
		word = word[:end]
	}
	// A scan with EqualFold: no lower-cased copy to allocate, and the list
	// is read once per document.
	return slices.ContainsFunc(anaphoricOpeners, func(opener string) bool { return strings.EqualFold(word, opener) })
}
