package summarize

// termExtractor turns words into scoring terms: lower case, stop words and
// one-letter words dropped, the rest stemmed (figures are kept as they
// are). Stems are cached, as stemming is the costliest step per word.
type termExtractor struct {
	stem   func(word string, stemStopWords bool) string
	isStop func(word string) bool
	cache  *stemCache
}

func newTermExtractor(stem func(string, bool) string, isStop func(string) bool, cacheSize int) *termExtractor {
	return &termExtractor{stem: stem, isStop: isStop, cache: newStemCache(cacheSize)}
}

// term returns the scoring term of a word, or "" when it has none; buf is
// scratch space for the lower-case form, returned for reuse.
func (t *termExtractor) term(buf []byte, word string) (string, []byte) {
	buf = appendLower(buf[:0], word)
	return t.cache.lookup(buf, t.compute).stem, buf
}

// compute is term without the cache, for a lowercase word.
func (t *termExtractor) compute(word string) stemEntry {
	if len(word) < 2 || t.isStop(word) {
		return stemEntry{}
	}
	if isNumber(word) {
		return stemEntry{stem: word}
	}
	return stemEntry{stem: t.stem(word, false)}
}

func isNumber(word string) bool {
	for i := 0; i < len(word); i++ {
		if c := word[i]; !(c >= '0' && c <= '9' || c == '.' || c == ',') {
			return false
		}
	}
	return true
}
