package corpus

import (
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestCountMatchesReaders: Count gives the number of records Open delivers,
// for every layout.
func TestCountMatchesReaders(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	gz := filepath.Join(dir, "news.jsonl.gz")
	data, err := os.ReadFile(filepath.Join("testdata", "jsonl", "news.jsonl"))
	must(t, err)
	f, err := os.Create(gz)
	must(t, err)
	zw := gzip.NewWriter(f)
	_, err = zw.Write(data)
	must(t, err)
	must(t, zw.Close())
	must(t, f.Close())
	blankTail := filepath.Join(dir, "tail.jsonl")
	must(t, os.WriteFile(blankTail, []byte("{\"text\":\"a\"}\n \t\n\n{\"text\":\"b\"}"), 0o644))

	for name, path := range map[string]string{
		"bbc":                 filepath.Join("testdata", "bbc"),
		"txt folder":          filepath.Join("testdata", "txt"),
		"jsonl":               filepath.Join("testdata", "jsonl", "news.jsonl"),
		"jsonl.gz":            gz,
		"blank lines, no EOL": blankTail,
		"txt file":            filepath.Join("testdata", "txt", "a.txt"),
	} {
		t.Run(name, func(t *testing.T) {
			n, err := Count(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			if want := len(openAll(t, path, Options{})); n != int64(want) {
				t.Errorf("Count = %d, Open delivers %d records", n, want)
			}
		})
	}
	if _, err := Count(context.Background(), "-"); err == nil {
		t.Error("Count(-) succeeded")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Count(ctx, filepath.Join("testdata", "txt")); err == nil {
		t.Error("Count with an ended context succeeded")
	}
}
