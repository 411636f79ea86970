package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/skimhq/skim/summarize"
)

func buildIDF(t *testing.T, in string, args ...string) *summarize.IDF {
	t.Helper()
	out := filepath.Join(t.TempDir(), "idf.json")
	_, stderr, err := runSkim(t, "", append([]string{"idf", "--in", in, "--out", out}, args...)...)
	if err != nil {
		t.Fatalf("skim idf: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "idf: ") || !strings.Contains(stderr, "documents") {
		t.Errorf("no summary line on stderr:\n%s", stderr)
	}
	table, err := loadIDF(out)
	if err != nil {
		t.Fatal(err)
	}
	return table
}

func TestIDFRoundTrip(t *testing.T) {
	t.Parallel()
	in := writeJSONL(t, 60)
	// A record without text and a broken line are skipped, not counted.
	f, _ := os.OpenFile(in, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString("{\"id\":\"empty\",\"text\":\"\"}\nnot json\n")
	f.Close()

	table := buildIDF(t, in, "--min-df", "2", "--workers", "3")
	if table.Documents != 60 || table.Language != "en" || table.Stemmer == "" {
		t.Fatalf("table: %d documents, language %q, stemmer %q; want 60, en, the English stemmer", table.Documents, table.Language, table.Stemmer)
	}
	s, err := summarize.New(summarize.Config{})
	if err != nil {
		t.Fatal(err)
	}
	// Every article has one of five topics and the same council vocabulary.
	for word, want := range map[string]int{"hospitals": 12, "railways": 12, "council": 60} {
		terms, err := s.Terms("en", word)
		if err != nil || len(terms) != 1 {
			t.Fatalf("Terms(%q) = %v, %v", word, terms, err)
		}
		stem := terms[0]
		if got := table.DF[stem]; got != want {
			t.Errorf("df[%s] (%s) = %d, want %d", stem, word, got, want)
		}
	}
	if _, ok := table.DF["the"]; ok {
		t.Error("stop word counted")
	}
	for term, n := range table.DF {
		if n < 2 {
			t.Errorf("term %q has df %d below --min-df 2", term, n)
		}
	}

	// The same table, whatever the number of workers.
	if one := buildIDF(t, in, "--min-df", "2", "--workers", "1"); !reflect.DeepEqual(one, table) {
		t.Error("tables built with 1 and 3 workers differ")
	}

	// The table serves its language.
	en, err := summarize.New(summarize.Config{IDF: table})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := en.Summarize(context.Background(), summarize.Document{Text: testArticle(5)}, summarize.Options{Language: "en"}); err != nil {
		t.Fatal(err)
	}
}

func TestIDFFlagErrorsAtStartup(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := writeJSONL(t, 20)
	idf := filepath.Join(dir, "idf.json")
	if _, stderr, err := runSkim(t, "", "idf", "--in", in, "--out", idf, "--min-df", "1"); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	corrupt := filepath.Join(dir, "corrupt.json")
	os.WriteFile(corrupt, []byte(`{"format":"skim-idf/1","language":"en","stemmer":"english","documents":3,"df":{"x":9}}`), 0o644)

	// skim batch with a table of the wrong language or a corrupt one fails
	// before it reads a record or creates its output.
	for _, c := range []struct{ idf, lang, want string }{
		{idf, "fr", "language"},
		{corrupt, "en", "df 9"},
	} {
		out := filepath.Join(dir, "out.jsonl")
		_, _, err := runSkim(t, "", "batch", "--in", in, "--out", out, "--idf", c.idf, "--language", c.lang)
		if err == nil || !errors.Is(err, summarize.ErrBadIDF) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("batch --idf %s --language %s: %v, want a bad idf error mentioning %q", filepath.Base(c.idf), c.lang, err, c.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("batch created its output despite a bad --idf")
		}
	}
	if _, _, err := runSkim(t, "", "idf", "--in", in, "--out", filepath.Join(dir, "x.json"), "--language", "xx"); !errors.Is(err, summarize.ErrUnsupportedLanguage) {
		t.Errorf("idf --language xx: %v", err)
	}
	if _, _, err := runSkim(t, "", "idf", "--in", filepath.Join(dir, "none.jsonl"), "--out", filepath.Join(dir, "x.json")); err == nil {
		t.Error("idf on a missing input succeeded")
	}
}
