package summarize

import (
	"hash/maphash"
	"sync"
	"unicode"
	"unicode/utf8"
)

// forEachWord calls fn for every word of text with its byte offset. A word
// is a run of letters, digits and combining marks, held together by an
// inner hyphen ("high-speed") or by a period or comma between digits
// ("1.13", "464,000"). An apostrophe ends a word: English clitics ("'s",
// "n't") and French elisions ("l'", "d'") become separate short words that
// the stop lists drop. This is prose's word tokenizer restricted to words,
// in one pass and without allocating; the tests measure the agreement.
func forEachWord(text string, fn func(word string, start int)) {
	i := 0
	for i < len(text) {
		r, size := decodeRune(text, i)
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		i += size
		for i < len(text) {
			r, size = decodeRune(text, i)
			if isWordRune(r) {
				i += size
				continue
			}
			if (r == '-' || r == '.' || r == ',') && i+size < len(text) {
				next, _ := decodeRune(text, i+size)
				prev, _ := utf8.DecodeLastRuneInString(text[:i])
				joins := false
				if r == '-' {
					joins = isWordRune(next)
				} else {
					joins = isDigit(prev) && isDigit(next)
				}
				if joins {
					i += size
					continue
				}
			}
			break
		}
		fn(text[start:i], start)
	}
}

func decodeRune(text string, i int) (rune, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:])
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// appendLower appends the lower-case form of word to buf.
func appendLower(buf []byte, word string) []byte {
	ascii := true
	for i := 0; i < len(word); i++ {
		if word[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(word); i++ {
			c := word[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
		}
		return buf
	}
	for _, r := range word {
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	return buf
}

// stemEntry is what the stem cache knows of a lowercase word.
type stemEntry struct {
	stem string // "" for stop words and words too short to carry a topic
}

// stemCache maps lowercase words to their stems. It is safe for concurrent
// use and bounded: each shard is cleared when it outgrows its share of the
// capacity, so memory stays flat over millions of documents while the
// working vocabulary of news text (tens of thousands of words) stays hot.
type stemCache struct {
	seed     maphash.Seed
	shards   [stemShards]stemShard
	nShards  uint64 // shards in use: fewer than stemShards for tiny capacities
	perShard int
}

const stemShards = 32

// maxCachedWord is the longest word (in bytes) the stem cache keeps: the
// cap on entries bounds memory only if entries are small, and a page can
// hold arbitrarily long "words" (base64 blobs, runs of letters) that are
// never seen twice anyway.
const maxCachedWord = 64

type stemShard struct {
	mu sync.RWMutex
	m  map[string]stemEntry
}

func newStemCache(capacity int) *stemCache {
	capacity = max(capacity, 1)
	// Every shard in use holds at least one entry, so a capacity below the
	// shard count uses fewer shards: the total never exceeds the capacity.
	n := min(capacity, stemShards)
	c := &stemCache{seed: maphash.MakeSeed(), nShards: uint64(n), perShard: capacity / n}
	for i := range c.shards {
		c.shards[i].m = make(map[string]stemEntry)
	}
	return c
}

// lookup returns the entry of word (lowercase bytes), computing it with
// compute on a miss. The key is converted to a string only on a miss.
func (c *stemCache) lookup(word []byte, compute func(string) stemEntry) stemEntry {
	if len(word) > maxCachedWord {
		return compute(string(word))
	}
	shard := &c.shards[maphash.Bytes(c.seed, word)%c.nShards]
	shard.mu.RLock()
	e, ok := shard.m[string(word)]
	shard.mu.RUnlock()
	if ok {
		return e
	}
	key := string(word)
	e = compute(key)
	shard.mu.Lock()
	if len(shard.m) >= c.perShard {
		clear(shard.m)
	}
	shard.m[key] = e
	shard.mu.Unlock()
	return e
}

// len returns the number of cached words.
func (c *stemCache) len() int {
	n := 0
	for i := range c.shards {
		c.shards[i].mu.RLock()
		n += len(c.shards[i].m)
		c.shards[i].mu.RUnlock()
	}
	return n
}
