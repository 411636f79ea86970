package summarize

import (
	"hash/maphash"
	"sync"
)

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
