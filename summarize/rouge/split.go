package rouge

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// SplitSentences splits text into sentences with simple rules, for
// ROUGE-Lsum. Every line break ends a sentence (as in rouge_score, where
// ROUGE-Lsum reads one sentence per line). Within a line a sentence ends
// after '.', '!', '?' or '…' (and any closing quotes or brackets) when white
// space and then an uppercase letter, a digit, an opening quote or bracket,
// or a dash or bullet before an uppercase letter follow, unless the period ends a known abbreviation ("Mr.", "e.g."), an
// initial ("J.") or an acronym ("U.S."). Sentences are trimmed; empty ones
// are dropped.
//
// Splitting only ever cuts at white space, so the sentences hold the same
// ROUGE tokens as text.
func SplitSentences(text string) []string {
	var out []string
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		out = appendLineSentences(out, line)
	}
	return out
}

// SplitReference splits a reference summary into sentences. Reference
// summaries are often concatenated sentences without a space between them
// (the BBC News Summary set has "$10.9bn.For the full-year"), so a space is
// first put back after sentence-final punctuation directly followed by an
// uppercase letter, an opening quote or a dash before an uppercase letter
// ("$10.9bn. For"), then the text is split with SplitSentences. Abbreviations, initials and acronyms such as
// "U.S.Army" are left alone.
//
// Inserting spaces between punctuation and a letter never changes the ROUGE
// tokens, so the sentences hold the same tokens as reference.
func SplitReference(reference string) []string {
	return SplitSentences(unglue(reference))
}

// unglue inserts a space where a sentence ends and the next begins with no
// space between them.
func unglue(text string) string {
	var b strings.Builder
	last := 0 // text[:last] is written to b
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isTerminal(r) || i == 0 {
			i += size
			continue
		}
		end := skipTerminals(text, i)
		// At most one straight quote closes the sentence: in `."The` the
		// quote closes, in `.""The` the second one opens the next sentence.
		if q, qs := utf8.DecodeRuneInString(text[end:]); q == '"' || q == '\'' {
			end += qs
		} else {
			end = skipClosers(text, end)
		}
		next, _ := utf8.DecodeRuneInString(text[end:])
		if end < len(text) && !unicode.IsDigit(next) && startsSentence(text[end:]) &&
			!(r == '.' && skipTerminals(text, i) == i+1 && isAbbreviation(text[:i], next)) {
			if b.Len() == 0 {
				b.Grow(len(text) + 16)
			}
			b.WriteString(text[last:end])
			b.WriteByte(' ')
			last = end
		}
		i = end
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// appendLineSentences appends the sentences of one line to out.
func appendLineSentences(out []string, line string) []string {
	start := 0
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		if !isTerminal(r) {
			i += size
			continue
		}
		end := skipClosers(line, skipTerminals(line, i))
		next := end
		for next < len(line) && isSpaceByte(line[next]) {
			next++
		}
		if next == end || next == len(line) {
			i = end
			continue
		}
		nr, _ := utf8.DecodeRuneInString(line[next:])
		if !startsSentence(line[next:]) ||
			(r == '.' && skipTerminals(line, i) == i+1 && isAbbreviation(line[start:i], nr)) {
			i = end
			continue
		}
		if s := strings.TrimSpace(line[start:end]); s != "" {
			out = append(out, s)
		}
		start, i = next, next
	}
	if s := strings.TrimSpace(line[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// startsSentence reports whether s, which follows sentence-final punctuation
// and white space, looks like the start of a sentence: an uppercase letter,
// a digit, an opening quote or bracket, or a dash or bullet before an
// uppercase letter ("- Le groupe").
func startsSentence(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	switch {
	case unicode.IsUpper(r), unicode.IsDigit(r), isOpener(r):
		return true
	case r == '-', r == '–', r == '—', r == '•':
		r, _ = utf8.DecodeRuneInString(strings.TrimLeft(s[size:], " "))
		return unicode.IsUpper(r)
	}
	return false
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'
}

// isTerminal reports whether r can end a sentence.
func isTerminal(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '。', '！', '？':
		return true
	}
	return false
}

// skipTerminals returns the offset after the run of terminal punctuation
// starting at i.
func skipTerminals(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isTerminal(r) {
			break
		}
		i += size
	}
	return i
}

// skipClosers returns the offset after the run of closing quotes and
// brackets starting at i.
func skipClosers(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isCloser(r) {
			break
		}
		i += size
	}
	return i
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '}', '”', '’', '»', '›':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '(', '[', '{', '“', '‘', '«', '‹', '„', '¿', '¡', '`':
		return true
	}
	return false
}

// abbreviations are lowercased words that are usually followed by a period
// inside a sentence (mostly titles before a name), in the supported
// languages. Words that often end a sentence ("etc.", "Inc.") are left out.
var abbreviations = map[string]bool{
	// English
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
	"jr": true, "sr": true, "gen": true, "gov": true, "sen": true, "rep": true,
	"col": true, "lt": true, "sgt": true, "capt": true, "maj": true,
	"cmdr": true, "adm": true, "rev": true, "hon": true, "mt": true,
	"vs": true, "fig": true, "approx": true, "cf": true, "al": true,
	"dept": true, "jan": true, "feb": true, "apr": true, "aug": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "pp": true,
	// French, Spanish
	"mme": true, "mmes": true, "mlle": true, "mlles": true, "mm": true,
	"sra": true, "srta": true, "dra": true, "pág": true,
	// Norwegian, Swedish, Hungarian, Russian
	"bl.a": true, "f.eks": true, "ca": true, "kl": true, "ld": true,
	"им": true, "пр": true,
}

// numberAbbreviations are abbreviations only when a number follows ("No. 10").
var numberAbbreviations = map[string]bool{
	"no": true, "nos": true, "nr": true, "vol": true, "p": true, "art": true,
}

// isAbbreviation reports whether the word ending prefix (just before a
// period) is an abbreviation, an initial or an acronym, given the first
// character of the text after the period.
func isAbbreviation(prefix string, next rune) bool {
	word := prefix[strings.LastIndexFunc(prefix, unicode.IsSpace)+1:]
	word = strings.TrimLeftFunc(word, func(r rune) bool { return isOpener(r) || r == '-' })
	if word == "" {
		return false
	}
	lower := strings.ToLower(word)
	if abbreviations[lower] || (numberAbbreviations[lower] && unicode.IsDigit(next)) {
		return true
	}
	// An initial ("J") or an acronym with periods ("U.S", "e.g"): single
	// letters separated by periods.
	for part := range strings.SplitSeq(word, ".") {
		r, size := utf8.DecodeRuneInString(part)
		if size != len(part) || !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
