package api

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"math"
	"sync"

	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/skimhq/skim/summarize"
)

// cacheKey identifies a result: a SHA-256 of the canonical language,
// options, title and text.
type cacheKey [sha256.Size]byte

// maxCachedBytes keeps very long results (a thousand sentences of a 1 MiB
// article) out of the cache, so that its memory stays bounded by about
// size × 64 KiB.
const maxCachedBytes = 64 << 10

// resultCache is an LRU of summaries. A nil *resultCache is a disabled cache.
type resultCache struct {
	lru *lru.Cache[cacheKey, *SummaryResponse]
	m   *metrics
}

func newResultCache(size int, m *metrics) *resultCache {
	if size <= 0 {
		return nil
	}
	c, err := lru.New[cacheKey, *SummaryResponse](size)
	if err != nil { // only for size <= 0, excluded above
		panic(err)
	}
	return &resultCache{lru: c, m: m}
}

// get returns the cached result of key, counting the hit or miss.
func (c *resultCache) get(key cacheKey) (*SummaryResponse, bool) {
	if c == nil {
		return nil, false
	}
	r, ok := c.lru.Get(key)
	if ok {
		c.m.cacheHits.Inc()
	} else {
		c.m.cacheMisses.Inc()
	}
	return r, ok
}

// add stores r unless it is too large to be worth keeping. r holds copies
// of its strings (NewSummaryResponse), so it does not keep the request's
// text alive.
func (c *resultCache) add(key cacheKey, r *SummaryResponse) {
	if c == nil || r.size() > maxCachedBytes {
		return
	}
	c.lru.Add(key, r)
}

// hasher is a pooled SHA-256 with a scratch buffer to feed strings through
// without copying them whole.
type hasher struct {
	h   hash.Hash
	buf [4096]byte
}

var hasherPool = sync.Pool{New: func() any { return &hasher{h: sha256.New()} }}

// resultKey hashes everything a summary depends on. Fields are length
// prefixed so that no two inputs share an encoding.
func resultKey(language string, opts summarize.Options, title, text string) cacheKey {
	hs := hasherPool.Get().(*hasher)
	defer hasherPool.Put(hs)
	h := hs.h
	h.Reset()
	putInt := func(v uint64) {
		binary.LittleEndian.PutUint64(hs.buf[:8], v)
		h.Write(hs.buf[:8])
	}
	putString := func(s string) {
		putInt(uint64(len(s)))
		for len(s) > 0 {
			n := copy(hs.buf[:], s)
			h.Write(hs.buf[:n])
			s = s[n:]
		}
	}
	flags := uint64(0)
	for i, b := range []bool{opts.AvoidQuotes, opts.AvoidQuestions, opts.AvoidExclamations} {
		if b {
			flags |= 1 << i
		}
	}
	putString(language)
	putInt(uint64(opts.Sentences))
	putInt(math.Float64bits(opts.Ratio))
	putInt(uint64(opts.MaxWords))
	putInt(uint64(opts.MaxChars))
	putInt(uint64(opts.Keywords))
	putString(string(opts.Order))
	putInt(flags)
	putString(title)
	putString(text)
	var k cacheKey
	h.Sum(k[:0])
	return k
}
