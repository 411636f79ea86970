package summarize

import (
	"strings"
	"unicode"
)

// Page chrome: the user-interface strings of a web page ("Read more",
// "Share this article"), related-article links and labels that surround an
// article pasted from a browser. The chrome stage keeps the units that read
// as body text; the candidates stage drops chrome sentences too.

// chromeList is the lookup table of one language's chrome strings, in the
// form chromeKey folds them to.
type chromeList map[string]struct{}

// newChromeList builds the table from lists of chrome strings.
func newChromeList(lists ...[]string) chromeList {
	m := make(chromeList)
	for _, list := range lists {
		for _, s := range list {
			if k := chromeKey(s); k != "" {
				m[k] = struct{}{}
			}
		}
	}
	return m
}

// has reports whether a line or sentence is page chrome.
func (c chromeList) has(text string) bool {
	_, ok := c[chromeKey(text)]
	return ok
}

// chromeKey folds a line or sentence to the form page-chrome lists hold:
// lower case, single spaces, no surrounding punctuation or quotes.
func chromeKey(text string) string {
	text = strings.TrimFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
	})
	if len(text) > 64 { // no chrome string is that long; skip the work
		return ""
	}
	return strings.ToLower(strings.Join(strings.Fields(text), " "))
}

// chromeStage selects the units that read as body text.
type chromeStage struct {
	body []unit
}

// bodyUnits returns the units of view that are neither chrome strings nor,
// lacking terminal punctuation, short labels or Title Case headlines. Only
// when no unit is left (text without any punctuation) are those lines read
// as body text after all. The result is valid until the next call.
func (st *chromeStage) bodyUnits(view string, units []unit, chrome chromeList) []unit {
	st.body = st.body[:0]
	for pass := 0; pass < 2 && len(st.body) == 0; pass++ {
		for _, u := range units {
			line := view[u.start:u.end]
			if chrome.has(line) {
				continue
			}
			if pass == 0 && !endsSentence(line) && (countWords(line) < minTerminatedWords || looksLikeHeadline(line)) {
				continue
			}
			st.body = append(st.body, u)
		}
	}
	return st.body
}
