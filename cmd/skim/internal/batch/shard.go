// Package batch holds the machinery of skim batch that is not about reading
// or summarizing articles: stable sharding of records by their input
// position, resuming a JSONL output file after a crash, and a bounded
// parallel pipeline that can keep input order.
package batch

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// EnvJobIndex is the environment variable Kubernetes Indexed Jobs set to the
// completion index of a pod; ParseShard reads it for "auto/N".
const EnvJobIndex = "JOB_COMPLETION_INDEX"

// Shard selects the records of shard Index out of Count by a stable hash of
// their key (their position in the input, see corpus.Record.Key), so Count
// processes cover an archive with no overlap and no coordination, whatever
// the records' ids. The zero value (Count 0) selects every record.
type Shard struct {
	Index, Count int
}

// ParseShard parses "I/N" (0 <= I < N) or "auto/N", where I is read from
// $JOB_COMPLETION_INDEX through getenv. An empty spec is the whole archive.
func ParseShard(spec string, getenv func(string) string) (Shard, error) {
	if spec == "" {
		return Shard{}, nil
	}
	i, n, ok := strings.Cut(spec, "/")
	if !ok {
		return Shard{}, fmt.Errorf("shard %q: want I/N or auto/N", spec)
	}
	count, err := strconv.Atoi(n)
	if err != nil || count < 1 {
		return Shard{}, fmt.Errorf("shard %q: N must be a positive integer", spec)
	}
	if i == "auto" {
		v := getenv(EnvJobIndex)
		if v == "" {
			return Shard{}, fmt.Errorf("shard %q: $%s is not set (auto/N is for Kubernetes Indexed Jobs)", spec, EnvJobIndex)
		}
		i = v
	}
	index, err := strconv.Atoi(i)
	if err != nil || index < 0 || index >= count {
		return Shard{}, fmt.Errorf("shard %q: index %q must be an integer in [0,%d)", spec, i, count)
	}
	return Shard{Index: index, Count: count}, nil
}

// Of returns the shard a key belongs to out of count: FNV-1a (64 bit) of
// the key's bytes, mod count. It is stable across runs, machines and
// versions.
func Of(key string, count int) int {
	h := fnv.New64a()
	h.Write([]byte(key))
	return int(h.Sum64() % uint64(count))
}

// Contains reports whether the record with this key belongs to the shard.
func (s Shard) Contains(key string) bool {
	return s.Count <= 1 || Of(key, s.Count) == s.Index
}

// String returns "I/N", or "" for the whole archive.
func (s Shard) String() string {
	if s.Count == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}
