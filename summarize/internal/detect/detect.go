// Package detect guesses the language of a text among the languages of
// langdata, cheaply enough to run before every summary.
//
// It looks at a bounded prefix (PrefixBytes) only. The script decides alone
// where one language of the table owns it (Han without kana → zh, kana → ja,
// Hangul → ko, Greek, Devanagari, Tamil). For Latin, Cyrillic and Arabic text
// the words of the prefix vote through the vendored stop lists: each stop word
// gives one vote, split between the languages that list it, so words only one
// language uses decide between close relatives (Danish "af" vs Norwegian
// "av"); the scan stops once the vote is decisive. Only a thin, close or
// menu-like vote goes to github.com/abadojack/whatlanggo, restricted to the
// candidates: whatlanggo alone costs 0.4-1.5 ms a call whatever the text
// length, 25-100 times the budget, and lingua-go more (MEASUREMENTS.md).
//
// Detection allocates nothing on the vote path; the index of stop words is
// built on the first call (~3 MB, shared by all callers).
package detect

import (
	"math/bits"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"

	"github.com/skimhq/skim/summarize/internal/langdata"
)

// PrefixBytes is how much of the text Detect reads. Longer prefixes add cost
// without accuracy on news text (MEASUREMENTS.md).
const PrefixBytes = 2048

// Tuning, from the measurements in MEASUREMENTS.md.
const (
	// minVotes is the stop-word vote total below which the vote is unsure.
	minVotes = 3.0
	// sureMargin is the lead (as a fraction of the winner's votes) above
	// which the vote decides without asking whatlanggo.
	sureMargin = 0.2
	// minConfidence is the whatlanggo confidence below which Detect is
	// unsure.
	minConfidence = 0.2
	// minCoverage is the share of words that must be stop words of the
	// winner: 15-50% in news prose, less for menus and for languages
	// outside the table (Welsh read as Slovene).
	minCoverage = 0.12
	// fallbackBytes is how much of the prefix whatlanggo reads: its cost
	// grows with the text (a trigram map), its accuracy barely does.
	fallbackBytes = 256
	// scriptWindow is the number of letters after which a script that
	// settles the language alone stops the scan.
	scriptWindow = 200
	// Early stop: from earlyWords words on, every earlyEvery words, the scan
	// stops when the vote is at least earlyVotes, leads by earlyMargin and
	// the winner's stop words cover earlyCoverage of the words.
	earlyWords    = 128
	earlyEvery    = 32
	earlyVotes    = 15.0
	earlyMargin   = 0.5
	earlyCoverage = 0.25
	// minShare is the fraction of letters a script must hold to decide.
	minShare = 0.5
	// maxWordBytes bounds the words looked up; stop words are short.
	maxWordBytes = 32
)

// script classes the prefix is counted by.
const (
	scLatin = iota
	scCyrillic
	scArabic
	scGreek
	scDevanagari
	scTamil
	scHan
	scKana
	scHangul
	scOther
	nScripts
)

// voting holds, for each script decided by word votes, its index: which
// languages list each stop word.
type voting struct {
	langs []*langdata.Language // bit i of a mask is langs[i]
	words map[string]uint64
	// byScript is the mask of the languages written in each script class.
	byScript [nScripts]uint64
	// whatlang maps a language bit to whatlanggo's code (-1: unknown to it).
	whatlang []whatlanggo.Lang
}

// fallbacks counts the calls that needed whatlanggo, for the accuracy test's
// report of how often the slow path runs.
var fallbacks atomic.Int64

// index is built on the first Detect: it reads every language's stop list.
var index = sync.OnceValue(buildIndex)

func buildIndex() *voting {
	v := &voting{words: make(map[string]uint64)}
	byCode := make(map[string]whatlanggo.Lang)
	for l := range whatlanggo.Lang(100) {
		if c := l.Iso6391(); c != "" {
			byCode[c] = l
		}
	}
	byCode["no"] = whatlanggo.Nob
	for _, l := range langdata.All() {
		scripts := l.Spec().Scripts
		if len(scripts) == 0 {
			continue
		}
		class := scriptClass(scripts[0])
		if class != scLatin && class != scCyrillic && class != scArabic {
			continue
		}
		if len(v.langs) == 64 {
			// Masks are 64 bits; TestDetectSamples fails for any language
			// left out, long before the table gets there.
			break
		}
		bit := uint64(1) << len(v.langs)
		v.langs = append(v.langs, l)
		v.byScript[class] |= bit
		wl, ok := byCode[l.Code()]
		if !ok {
			wl = -1
		}
		v.whatlang = append(v.whatlang, wl)
		for _, w := range stopWordsFor(l) {
			v.words[w] |= bit
		}
	}
	return v
}

// stopWordsFor picks the list a language votes with: the curated Snowball
// or Lucene list where there is one, since stopwords-iso's larger lists
// share many words across languages (with them Danish and Norwegian blur:
// MEASUREMENTS.md); every vendored list otherwise.
func stopWordsFor(l *langdata.Language) []string {
	for _, src := range []langdata.Source{langdata.SourceSnowball, langdata.SourceLucene} {
		if s := l.StopList(src); s.Len() > 0 {
			return s.Words()
		}
	}
	return l.StopWords().Words()
}

func scriptClass(name string) int {
	switch name {
	case "Latin":
		return scLatin
	case "Cyrillic":
		return scCyrillic
	case "Arabic":
		return scArabic
	case "Greek":
		return scGreek
	case "Devanagari":
		return scDevanagari
	case "Tamil":
		return scTamil
	case "Han":
		return scHan
	case "Hiragana", "Katakana":
		return scKana
	case "Hangul":
		return scHangul
	}
	return scOther
}

// runeClass returns the script class of a letter. The common blocks are
// tested as ranges first: unicode.Is is a binary search per call.
func runeClass(r rune) int {
	switch {
	case r < 0x250:
		return scLatin // ASCII, Latin-1 and Latin Extended-A/B letters
	case r >= 0x400 && r < 0x530:
		return scCyrillic
	case r >= 0x600 && r < 0x700:
		return scArabic
	case r >= 0x370 && r < 0x400:
		return scGreek
	case r >= 0x900 && r < 0x980:
		return scDevanagari
	case r >= 0xB80 && r < 0xC00:
		return scTamil
	case r >= 0x4E00 && r < 0xA000:
		return scHan
	case r >= 0x3040 && r < 0x3100:
		return scKana
	case r >= 0xAC00 && r < 0xD7B0:
		return scHangul
	case unicode.Is(unicode.Latin, r):
		return scLatin
	case unicode.Is(unicode.Cyrillic, r):
		return scCyrillic
	case unicode.Is(unicode.Arabic, r):
		return scArabic
	case unicode.Is(unicode.Greek, r):
		return scGreek
	case unicode.Is(unicode.Han, r):
		return scHan
	case unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r):
		return scKana
	case unicode.Is(unicode.Hangul, r):
		return scHangul
	}
	return scOther
}

// dominant returns the script class with the most letters.
func dominant(counts *[nScripts]int) int {
	best := scOther
	for c := range counts {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// decideByScript names the language when the letters' script belongs to one
// language of the table (Japanese: Han with at least 5% kana).
func decideByScript(counts *[nScripts]int, letters int) (string, float64, bool) {
	cjk := counts[scHan] + counts[scKana]
	switch {
	case cjk*2 >= letters && counts[scKana]*20 >= cjk && counts[scKana] > 0:
		return "ja", share(cjk, letters), true
	case counts[scHan]*2 >= letters:
		return "zh", share(counts[scHan], letters), true
	}
	best := dominant(counts)
	if c := byScriptOnly[best]; c != "" && float64(counts[best]) >= minShare*float64(letters) {
		return c, share(counts[best], letters), true
	}
	return "", 0, false
}

// byScriptOnly names the language a script class settles alone.
var byScriptOnly = [nScripts]string{scGreek: "el", scDevanagari: "hi", scTamil: "ta", scHangul: "ko"}

// Detect guesses the language of text from its first PrefixBytes bytes. It
// returns the ISO 639-1 code of a langdata language and a confidence in
// [0, 1]; ok is false when it is unsure or the language is not supported,
// and callers then use a language-neutral pipeline. Invalid UTF-8 is skipped.
func Detect(text string) (code string, confidence float64, ok bool) {
	return detect(text, PrefixBytes)
}

// detect is Detect on a prefix of max bytes (tests measure other lengths).
func detect(text string, max int) (string, float64, bool) {
	p := Prefix(text, max)
	v := index()

	var counts [nScripts]int
	var votes [64]float64
	var hits [64]int // words in each language's list, for coverage
	words := 0
	var word [maxWordBytes]byte
	n, letters := 0, 0
	long, checked, early := false, false, false
	flush := func() {
		if n > 0 && !long {
			words++
			if words%earlyEvery == 0 && words >= earlyWords {
				early = true
			}
			if mask := v.words[string(word[:n])]; mask != 0 {
				share := 1 / float64(bits.OnesCount64(mask))
				for m := mask; m != 0; m &= m - 1 {
					i := bits.TrailingZeros64(m)
					votes[i] += share
					hits[i]++
				}
			}
		}
		n, long = 0, false
	}
	for _, r := range p {
		if r < utf8.RuneSelf {
			// ASCII fast path; apostrophes split words too, since the
			// stop lists hold "l", "d", "qu".
			switch {
			case 'a' <= r && r <= 'z':
			case 'A' <= r && r <= 'Z':
				r += 'a' - 'A'
			default:
				flush()
				if early {
					early = false
					if code, conf, ok := v.decisive(&counts, letters, &votes, &hits, words); ok {
						return code, conf, true
					}
				}
				continue
			}
			counts[scLatin]++
			letters++
			if n < maxWordBytes {
				word[n] = byte(r)
				n++
			} else {
				long = true
			}
			continue
		}
		if !checked && letters >= scriptWindow {
			// A script only one language of the table uses settles it
			// without reading further.
			checked = true
			if code, conf, ok := decideByScript(&counts, letters); ok {
				return code, conf, true
			}
		}
		// Combining marks (Devanagari, Tamil vowel signs) and ZWNJ (Persian)
		// are inside words.
		var isLetter bool
		switch {
		case r >= 0x400 && r < 0x460: // basic Cyrillic, all letters
			isLetter = true
			if r < 0x410 {
				r += 0x50
			} else if r < 0x430 {
				r += 0x20
			}
		case r >= 0x621 && r <= 0x64a: // Arabic letters, caseless
			isLetter = true
		default:
			isLetter = unicode.IsLetter(r)
			r = unicode.ToLower(r)
		}
		if !isLetter && !unicode.In(r, unicode.Mn, unicode.Mc) && r != '\u200c' {
			flush()
			continue
		}
		if isLetter {
			counts[runeClass(r)]++
			letters++
		}
		if n+utf8.RuneLen(r) > maxWordBytes {
			long = true
			continue
		}
		n += utf8.EncodeRune(word[n:], r)
	}
	flush()
	if letters == 0 {
		return "", 0, false
	}

	if code, conf, ok := decideByScript(&counts, letters); ok {
		return code, conf, true
	}
	best := dominant(&counts)
	if float64(counts[best]) < minShare*float64(letters) {
		return "", 0, false
	}
	if v.byScript[best] == 0 {
		return "", 0, false
	}
	return v.vote(p, &votes, coverage(&hits, words), v.byScript[best])
}

// decisive returns the vote's winner when the words read so far already
// settle it beyond doubt, so that clear prose stops the scan early: one
// script, a large and clear vote, prose-like stop-word coverage.
func (v *voting) decisive(counts *[nScripts]int, letters int, votes *[64]float64, hits *[64]int, words int) (string, float64, bool) {
	best := dominant(counts)
	if counts[best]*10 < letters*9 || v.byScript[best] == 0 {
		return "", 0, false
	}
	first, second := -1, -1
	for m := v.byScript[best]; m != 0; m &= m - 1 {
		i := bits.TrailingZeros64(m)
		switch {
		case first < 0 || votes[i] > votes[first]:
			first, second = i, first
		case second < 0 || votes[i] > votes[second]:
			second = i
		}
	}
	if first < 0 || votes[first] < earlyVotes || float64(hits[first]) < earlyCoverage*float64(words) {
		return "", 0, false
	}
	lead := 1.0
	if second >= 0 {
		lead = (votes[first] - votes[second]) / votes[first]
	}
	if lead < earlyMargin {
		return "", 0, false
	}
	return v.langs[first].Code(), 0.5 + lead/2, true
}

// vote picks the language with the most stop-word votes among those in
// mask. A vote that is thin or close goes to whatlanggo, restricted to the
// candidates it knows.
func (v *voting) vote(p string, votes *[64]float64, cover func(int) float64, mask uint64) (string, float64, bool) {
	first, second := -1, -1
	for m := mask; m != 0; m &= m - 1 {
		i := bits.TrailingZeros64(m)
		switch {
		case first < 0 || votes[i] > votes[first]:
			first, second = i, first
		case second < 0 || votes[i] > votes[second]:
			second = i
		}
	}
	if first < 0 {
		return "", 0, false
	}
	lead := 1.0
	if second >= 0 && votes[first] > 0 {
		lead = (votes[first] - votes[second]) / votes[first]
	}
	// A vote is sure when it is large, clear, and enough of the words are
	// the winner's function words (few are for a language the table lacks,
	// Welsh read as Slovene, or for menus rather than prose).
	if votes[first] >= minVotes && lead >= sureMargin && cover(first) >= minCoverage {
		return v.langs[first].Code(), 0.5 + lead/2, true
	}
	if votes[first] > 0 && v.whatlang[first] < 0 && lead >= sureMargin && cover(first) >= minCoverage {
		// whatlanggo cannot name this language (Catalan, Irish): a thin
		// but clear vote is all there is.
		return v.langs[first].Code(), lead / 2, true
	}
	white := make(map[whatlanggo.Lang]bool)
	for m := mask; m != 0; m &= m - 1 {
		i := bits.TrailingZeros64(m)
		// Candidates: the languages with votes, or the whole script when no
		// word voted.
		if v.whatlang[i] >= 0 && (votes[i] > 0 || votes[first] == 0) {
			white[v.whatlang[i]] = true
		}
	}
	if len(white) == 0 {
		return "", 0, false
	}
	fallbacks.Add(1)
	info := whatlanggo.DetectWithOptions(Prefix(p, fallbackBytes), whatlanggo.Options{Whitelist: white})
	for m := mask; m != 0; m &= m - 1 {
		i := bits.TrailingZeros64(m)
		if info.Lang >= 0 && v.whatlang[i] == info.Lang && info.Confidence >= minConfidence {
			return v.langs[i].Code(), info.Confidence, true
		}
	}
	return "", 0, false
}

// coverage returns the share of the prefix's words in language i's list.
func coverage(hits *[64]int, words int) func(int) float64 {
	return func(i int) float64 {
		if words == 0 {
			return 0
		}
		return float64(hits[i]) / float64(words)
	}
}

func share(part, whole int) float64 { return float64(part) / float64(whole) }

// Prefix returns at most max bytes of text, cut at a rune boundary and,
// when one is near, at a space, so the last word is whole.
func Prefix(text string, max int) string {
	if len(text) <= max {
		return text
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	for i := cut; i > cut-maxWordBytes && i > 0; i-- {
		if text[i] == ' ' || text[i] == '\n' {
			return text[:i]
		}
	}
	return text[:cut]
}
