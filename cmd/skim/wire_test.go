package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/skimhq/skim/api"
	"github.com/skimhq/skim/summarize"
)

// TestOneWireObject: skim summarize --format json, a skim batch line and
// POST /summarize/batch print the same object for the same article and
// options (took_ms aside), with nothing the object does not declare.
func TestOneWireObject(t *testing.T) {
	t.Parallel()
	article, err := os.ReadFile("../../testdata/articles/harbour-bridge.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(article) + "\nAn invalid byte \xff here, and an emoji 🌉 there."
	strict := func(data []byte, v any) {
		t.Helper()
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(v); err != nil {
			t.Fatalf("decode %.300s: %v", data, err)
		}
	}
	normalize := func(s *api.SummaryResponse) string {
		t.Helper()
		if s == nil || s.Language == "" || s.LanguageSupport == "" || s.Stats.TookMS < 0 {
			t.Fatalf("incomplete summary object %+v", s)
		}
		c := *s
		c.Stats.TookMS = 0
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	var stdout, stderr bytes.Buffer
	args := []string{"summarize", "--format", "json", "--sentences", "2", "--keywords", "3"}
	if err := run(context.Background(), args, strings.NewReader(text), &stdout, &stderr, noEnv); err != nil {
		t.Fatalf("skim summarize: %v\n%s", err, stderr.String())
	}
	var fromSummarize api.SummaryResponse
	strict(stdout.Bytes(), &fromSummarize)

	line := mustJSON(map[string]string{"id": "a1", "text": text}) + "\n"
	out, errOut, err := runSkim(t, line, "batch", "--in", "-", "--out", "-", "--sentences", "2", "--keywords", "3")
	if err != nil {
		t.Fatalf("skim batch: %v\n%s", err, errOut)
	}
	var fromBatch batchLine
	strict([]byte(out), &fromBatch)

	s, err := newSummarizer(summarize.Config{})
	if err != nil {
		t.Fatal(err)
	}
	body := mustJSON(api.BatchRequest{Documents: []api.BatchDocument{{ID: "a1", Text: text}}, Options: api.Options{Sentences: 2, Keywords: &[]int{3}[0]}})
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/summarize/batch", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	api.NewServer(s, api.Config{}).ServeHTTP(rec, req)
	var fromAPI api.BatchResponse
	strict(rec.Body.Bytes(), &fromAPI)
	if len(fromAPI.Results) != 1 {
		t.Fatalf("API batch: %s", rec.Body)
	}

	want := normalize(&fromSummarize)
	if got := normalize(fromBatch.SummaryResponse); got != want {
		t.Errorf("skim batch line differs from skim summarize --format json:\n%s\n%s", got, want)
	}
	if got := normalize(fromAPI.Results[0].SummaryResponse); got != want {
		t.Errorf("POST /summarize/batch result differs from skim summarize --format json:\n%s\n%s", got, want)
	}
}
