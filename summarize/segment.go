package summarize

import (
	"context"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/neurosnap/sentences.v1"
)

// segmenter splits a unit into sentence spans, appending them to out. A
// segmenter that takes long on one unit checks ctx as it goes.
type segmenter interface {
	split(ctx context.Context, view string, u span, out []span) ([]span, error)
}

// segmentStage splits the body units into sentences.
type segmentStage struct {
	spans     []span
	paragraph []int // paragraph[i] is the paragraph of spans[i]
	clauses   clauseStage
}

// split returns the sentence spans of the units and the paragraph of each,
// valid until the next call. It stops once maxCandidates sentences are
// found, so that a book pasted into the box costs no more than its first
// pages.
func (st *segmentStage) split(ctx context.Context, view string, units []unit, splitter segmenter) ([]span, []int, error) {
	st.spans, st.paragraph = st.spans[:0], st.paragraph[:0]
	for i, u := range units {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
		}
		before := len(st.spans)
		var err error
		if st.spans, err = splitter.split(ctx, view, u.span, st.spans); err != nil {
			return nil, nil, err
		}
		st.spans = st.clauses.cut(view, st.spans, before) // text without punctuation
		for range len(st.spans) - before {
			st.paragraph = append(st.paragraph, u.paragraph)
		}
		if len(st.spans) >= maxCandidates {
			break
		}
	}
	return st.spans, st.paragraph, nil
}

// abbreviations are the words of a language that a period after them does
// not end a sentence with.
type abbreviations struct {
	listed   map[string]struct{} // no break before a capitalised word
	nonFinal map[string]struct{} // no break whatever follows
}

func newAbbreviations(listed, nonFinal []string) abbreviations {
	return abbreviations{listed: wordSet(listed), nonFinal: wordSet(nonFinal)}
}

// before reports whether the text before a period ends with a word that
// does not end a sentence: a listed abbreviation or a single letter (an
// initial, or the inner letters of "U.S."), unless it is glued to a figure.
func (a abbreviations) before(text string) bool {
	w := len(text)
	for w > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:w])
		if !unicode.IsLetter(r) && r != '.' && r != '-' {
			break
		}
		w -= size
	}
	word := strings.ToLower(strings.Trim(text[w:], "."))
	if word == "" {
		return false
	}
	if r, _ := utf8.DecodeLastRuneInString(text[:w]); unicode.IsDigit(r) {
		return false // a unit after a figure ("$5.5m."), not an initial
	}
	if utf8.RuneCountInString(word) == 1 {
		return true
	}
	_, ok := a.listed[word]
	return ok
}

// endsNonFinal reports whether text ends with an abbreviation that never
// ends a sentence ("Mr.", "e.g."), where punkt, seeing a capital next,
// may still break ("…books, e.g. The Hobbit").
func (a abbreviations) endsNonFinal(text string) bool {
	text = strings.TrimRightFunc(text, unicode.IsSpace)
	if !strings.HasSuffix(text, ".") {
		return false
	}
	w := len(text) - 1
	for w > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:w])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		w -= size
	}
	_, ok := a.nonFinal[strings.ToLower(strings.TrimSuffix(text[w:], "."))]
	return ok
}

// punktSegmenter uses the punkt model of gopkg.in/neurosnap/sentences,
// loaded once and shared: its tokenizer keeps no per-call state. The rules
// of ruleSegmenter run inside each sentence punkt finds, for the breaks
// punkt misses after figures and between glued sentences.
type punktSegmenter struct {
	tokenizer *sentences.DefaultSentenceTokenizer
	rules     ruleSegmenter
	// lowerContinues drops punkt's breaks before a lower-case word, which
	// follow an abbreviation the model does not know ("3 mln. di euro").
	// English keeps punkt's own judgement, which its evaluations were tuned
	// with.
	lowerContinues bool
}

func newPunktSegmenter(load func() (*sentences.DefaultSentenceTokenizer, error), rules ruleSegmenter) (*punktSegmenter, error) {
	if load == nil {
		return nil, errors.New("no punkt model")
	}
	tokenizer, err := load()
	if err != nil {
		return nil, err
	}
	return &punktSegmenter{tokenizer: tokenizer, rules: rules}, nil
}

// punktWindow is the size of the windows in which a long unit is handed to
// punkt. Punkt is linear but slow (~10 MB/s) and allocates a token per word,
// so a unit holding a whole book without a line break is segmented window
// by window, and only until maxCandidates sentences are found: the cost of
// the worst case is bounded by the candidate cap, not the input size.
const punktWindow = 32 << 10

func (p *punktSegmenter) split(ctx context.Context, view string, u span, out []span) ([]span, error) {
	if !hasSentencePunct(view[u.start:u.end]) {
		// No sentence punctuation: nothing for punkt to find, and a long
		// run costs it a token per word; the clause stage cuts the run.
		return append(out, u), nil
	}
	start, window := u.start, punktWindow
	for start < u.end {
		if u.end-start > punktWindow { // a window takes milliseconds
			if err := ctx.Err(); err != nil {
				return out, err
			}
		}
		end := u.end
		if end-start > window {
			end = nextSpace(view, start+window, u.end)
		}
		final := end == u.end
		text := view[start:end]
		prev := 0
		for _, pos := range p.tokenizer.SentencePositions(text) {
			if pos <= prev || !keepPunktBreak(text, pos) || p.rules.abbr.endsNonFinal(text[:pos]) || p.rules.ordinalBefore(text[:pos]) ||
				p.lowerContinues && startsLower(text[pos:]) {
				continue
			}
			if pos >= len(text) && !final {
				break // the window's last sentence may run on past it
			}
			out = p.rules.splitWhere(view, span{start + prev, start + pos}, true, out)
			prev = pos
		}
		if final {
			if prev < len(text) {
				out = p.rules.splitWhere(view, span{start + prev, end}, true, out)
			}
			return out, nil
		}
		if len(out) >= maxCandidates {
			return out, nil
		}
		if prev == 0 {
			// One sentence fills the window: retry with a larger one, large
			// enough to reach past this window's end (which nextSpace may have
			// pushed far beyond start+window in text without spaces): a
			// smaller one would read the same text again, for nothing.
			for start+window <= end {
				window *= 2
			}
			continue
		}
		start, window = start+prev, punktWindow
	}
	return out, nil
}

// startsLower reports whether text, past white space and opening quotes,
// starts with a lower-case letter.
func startsLower(text string) bool {
	for _, r := range text {
		if unicode.IsSpace(r) || isOpener(r) {
			continue
		}
		return unicode.IsLower(r)
	}
	return false
}

// nextSpace returns the offset of the first white space at or after i in
// view[:end], or end.
func nextSpace(view string, i, end int) int {
	for i < end {
		c := view[i]
		if c == ' ' || c == '\n' || c == '\t' {
			return i
		}
		i++
	}
	return end
}

// keepPunktBreak reports whether a break that punkt puts at pos ends a
// sentence. Punkt breaks after a token, and a token with an inner period
// (`win."Next`) can carry a break that no sentence punctuation supports; and
// a quotation or bracket closed after its own terminal punctuation, or an
// exclamation or question mark, followed by a lower-case word continues the
// sentence (`"It is over." he said.`, `"Why?" she asked.`, `Yahoo! shares`).
func keepPunktBreak(text string, pos int) bool {
	if pos >= len(text) {
		return true
	}
	before := strings.TrimRightFunc(text[:pos], unicode.IsSpace)
	bare := strings.TrimRightFunc(before, isCloser)
	last, _ := utf8.DecodeLastRuneInString(bare)
	switch last {
	case '.', '!', '?', '…', '。', '！', '？':
	default:
		return false
	}
	next, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(text[pos:], unicode.IsSpace))
	if unicode.IsLower(next) && (len(bare) < len(before) || last == '!' || last == '?') {
		return false
	}
	return true
}

// afterNumber accepts a break after a word holding a digit: punkt reads
// "$10.9bn." or "2004." as a number token and will not end a sentence
// there, although news text ends many sentences with a figure.
func afterNumber(before string) bool {
	for i := len(before) - 1; i >= 0; i-- {
		c := before[i]
		if c == ' ' || c == '\t' || c == '\n' {
			return false
		}
		if c >= '0' && c <= '9' {
			return true
		}
	}
	return false
}

// ruleSegmenter splits at terminal punctuation followed by white space and
// a capital letter, digit or opening quote, except after known
// abbreviations and single-letter initials. It serves the languages for
// which no punkt model is embedded.
type ruleSegmenter struct {
	abbr abbreviations
	// ends are the language's sentence terminators ("" for ".!?…"): the
	// Arabic question mark and full stop, the danda, the ideographic and
	// full-width stops.
	ends string
	// ordinals: a period after a one- or two-digit number is an ordinal's
	// ("am 1. März"), not the end of a sentence.
	ordinals bool
}

// ordinalBefore reports whether, in a language that writes ordinals with a
// period, the text before a period ends with a one- or two-digit number.
func (r *ruleSegmenter) ordinalBefore(before string) bool {
	if !r.ordinals {
		return false
	}
	before = strings.TrimSuffix(strings.TrimRightFunc(before, unicode.IsSpace), ".")
	n := 0
	for n < len(before) && n < 3 && isDigit(rune(before[len(before)-1-n])) {
		n++
	}
	if n == 0 || n > 2 {
		return false
	}
	if rest := before[:len(before)-n]; rest != "" {
		r, _ := utf8.DecodeLastRuneInString(rest)
		return unicode.IsSpace(r) || r == '(' // "am 1." but not "v1." or "3.1."
	}
	return true
}

// asciiTerminators are every ASCII byte that ends a sentence in some
// language: '.', '!' and '?' everywhere, ';' in Greek.
const asciiTerminators = ".!?;"

// isASCIITerminator marks the bytes of asciiTerminators.
var isASCIITerminator = func() (t [utf8.RuneSelf]bool) {
	for i := 0; i < len(asciiTerminators); i++ {
		t[asciiTerminators[i]] = true
	}
	return t
}()

// isEnd reports whether c ends a sentence.
func (r *ruleSegmenter) isEnd(c rune) bool {
	switch c {
	case '.', '!', '?', '…':
		return true
	}
	return r.ends != "" && strings.ContainsRune(r.ends, c)
}

// inRun reports whether c continues a run of terminal punctuation: the
// marks that end a sentence, bar the ellipsis in the Latin default set.
func (r *ruleSegmenter) inRun(c rune) bool {
	switch c {
	case '.', '!', '?':
		return true
	}
	return r.ends != "" && strings.ContainsRune(r.ends, c)
}

// isWideEnd reports whether c is a terminator of the scripts written
// without spaces between sentences (Chinese, Japanese): a sentence ends
// there whatever follows.
func isWideEnd(c rune) bool {
	switch c {
	case '。', '！', '？', '．', '｡':
		return true
	}
	return false
}

// split needs no context: it is one linear pass, fast next to punkt.
func (r *ruleSegmenter) split(_ context.Context, view string, u span, out []span) ([]span, error) {
	return r.splitWhere(view, u, false, out), nil
}

// splitWhere splits like split, but when onlyAfterNumber is set only where
// the word before the break holds a digit (see afterNumber).
//
// Every rune of a run of terminal punctuation and closing quotes (".?!..."
// or `."'`) leads to the same end of the run and the same next word, so
// the run is scanned once; and what rejects a break at one mark of the run
// rejects it at the following marks (the same mark again, or any mark when
// the word before is not a figure), so they are skipped: a run of a
// million periods costs linear time.
func (r *ruleSegmenter) splitWhere(view string, u span, onlyAfterNumber bool, out []span) []span {
	start := u.start
	runFrom, runEnd, runJ := -1, -1, 0 // the run scanned from runFrom ends at runEnd; the break would fall at runJ
	runVerdict := 0                    // 0: the next word may start a sentence; 1: never in this run; 2: the unit ends
	for i := u.start; i < u.end; {
		// Most bytes are ASCII letters, digits and spaces, none of which
		// ends a sentence in any language (asciiTerminators are the only
		// ASCII terminators): skip them without decoding.
		if b := view[i]; b < utf8.RuneSelf && !isASCIITerminator[b] {
			i++
			continue
		}
		c, size := utf8.DecodeRuneInString(view[i:u.end])
		i += size
		if !r.isEnd(c) {
			continue
		}
		if !(runFrom >= 0 && i > runFrom && i <= runEnd) {
			runFrom = i
			runEnd, runJ, runVerdict = r.scanRun(view, i, u.end)
		}
		j := runJ
		switch runVerdict {
		case 2:
			i = u.end
			continue
		case 1:
			i = max(i, runEnd)
			continue
		}
		if c == '.' && r.abbr.before(view[start:i-1]) {
			for i < runEnd && view[i] == '.' {
				i++ // the same abbreviation again
			}
			continue
		}
		if c == '.' && r.ordinalBefore(view[start:i-1]) {
			continue
		}
		if onlyAfterNumber && !afterNumber(view[start:i-1]) {
			i = max(i, runEnd) // no mark of the run follows a figure
			continue
		}
		out = splitGlued(view, start, j, r.abbr, out)
		start = j
		i = j
	}
	if start < u.end {
		out = splitGlued(view, start, u.end, r.abbr, out)
	}
	return out
}

// scanRun reads the run of terminal punctuation and closing quotes at i in
// view[:end]. It returns where the run ends, where a break after it would
// fall (after any closing quotes and further punctuation, and a French
// closing guillemet set off by a space), and whether what follows can open
// a sentence: 0 when white space and a capital letter, digit or opening
// quote follow, 1 when not, 2 when the unit ends.
func (r *ruleSegmenter) scanRun(view string, i, end int) (runEnd, j, verdict int) {
	j = i
	// The verdict must be the same from every mark of the run (splitWhere
	// skips the rest of a run once one mark is judged), so it depends on the
	// run's last terminator and last rune only.
	lastEnd, _ := utf8.DecodeLastRuneInString(view[:i])
	for j < end {
		c2, s2 := utf8.DecodeRuneInString(view[j:end])
		if !isCloser(c2) && !r.inRun(c2) {
			break
		}
		if !isCloser(c2) {
			lastEnd = c2
		}
		j += s2
	}
	runEnd = j
	// French sets a space before the closing guillemet: "fin. » Il".
	if k := skipSpaces(view, j, end); k > j && strings.HasPrefix(view[k:end], "»") {
		j = k + len("»")
	}
	if j >= end {
		return runEnd, j, 2
	}
	next, _ := utf8.DecodeRuneInString(view[j:end])
	if isWideEnd(lastEnd) { // an ideographic or full-width stop
		last, _ := utf8.DecodeLastRuneInString(view[:runEnd])
		switch {
		case lastEnd == '．' && unicode.IsDigit(next): // "３．５"
			return runEnd, j, 1
		case isCloser(last) && !unicode.IsSpace(next):
			return runEnd, j, 1 // a quotation goes on: "「雨だ。」と言った"
		}
		return runEnd, j, 0 // "。次" ends a sentence without a space
	}
	if !unicode.IsSpace(next) {
		return runEnd, j, 1
	}
	k := skipSpaces(view, j, end)
	first, _ := utf8.DecodeRuneInString(view[k:end])
	for isOpener(first) && k < end {
		_, s2 := utf8.DecodeRuneInString(view[k:end])
		k = skipSpaces(view, k+s2, end) // "« C'est", "- Next"
		first, _ = utf8.DecodeRuneInString(view[k:end])
	}
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) && !isCaseless(first) {
		return runEnd, j, 1
	}
	return runEnd, j, 0
}

// isCaseless reports whether r is a letter of a script without case
// (Arabic, Devanagari, Han, Hangul, Hebrew): a sentence may start with any
// of them.
func isCaseless(r rune) bool {
	return r >= 0x370 && unicode.IsLetter(r) && !unicode.IsLower(r) && !unicode.IsUpper(r) && !unicode.IsTitle(r)
}

// splitGlued appends the sentence [s, e), trimmed, after splitting it where
// two sentences are glued without a space ("$10.9bn.For the full-year"): a
// period, exclamation or question mark between a lower-case letter, digit or
// closing bracket and a capitalised word, unless the word before it is an
// abbreviation ("Mr.Smith").
func splitGlued(view string, s, e int, abbr abbreviations, out []span) []span {
	s, e = trimSpan(view, s, e)
	if s == e {
		return out
	}
	start := s
	for i := s + 1; i+2 < e; i++ {
		c := view[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		prev := view[i-1]
		if !(prev >= 'a' && prev <= 'z' || prev >= '0' && prev <= '9' || prev == ')' || prev == '%') {
			if prev < utf8.RuneSelf {
				continue
			}
			r, _ := utf8.DecodeLastRuneInString(view[s:i])
			if !unicode.IsLower(r) {
				continue
			}
		}
		j := i + 1
		if view[j] == '"' || view[j] == '\'' {
			j++
		} else if strings.HasPrefix(view[j:e], "”") || strings.HasPrefix(view[j:e], "’") {
			j += len("”")
		}
		if j+1 >= e {
			continue
		}
		r1, n1 := utf8.DecodeRuneInString(view[j:e])
		r2, _ := utf8.DecodeRuneInString(view[j+n1 : e])
		if !unicode.IsUpper(r1) || !unicode.IsLower(r2) {
			continue
		}
		if c == '.' && abbr.before(view[start:i]) {
			continue
		}
		out = append(out, span{start, j})
		start = j
	}
	return append(out, span{start, e})
}
