package summarize

import (
	"context"
	"slices"
	"testing"
)

// benchDocs are a ~2 KB article (BBC-sized: the target is 3,000 articles/s
// on one core), and ~20 KB and ~1 MB articles built from the paragraphs of
// the test articles.
func benchDocs(b *testing.B) []struct {
	name string
	doc  Document
} {
	b.Helper()
	paras := bodyParagraphs(b)
	headline := "Council approves new harbour bridge after decade of delays\n\n"
	return []struct {
		name string
		doc  Document
	}{
		{"2KB", Document{Text: loadArticle(b, "harbour-bridge").text}},
		{"20KB", Document{Text: headline + buildArticle(paras, 20<<10, "\n\n")}},
		{"1MB", Document{Text: headline + buildArticle(paras, 1<<20, "\n\n")}},
	}
}

// BenchmarkSummarize: go test -run XXX -bench . -benchmem -cpu 1 ./summarize
func BenchmarkSummarize(b *testing.B) {
	s, err := newIn("en", Config{})
	if err != nil {
		b.Fatal(err)
	}
	opts := Options{Sentences: 3, Keywords: 5}
	for _, bd := range benchDocs(b) {
		b.Run(bd.name, func(b *testing.B) {
			if _, err := s.Summarize(bd.doc, opts); err != nil { // warm the stem cache
				b.Fatal(err)
			}
			b.SetBytes(int64(len(bd.doc.Text)))
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				if _, err := s.Summarize(bd.doc, opts); err != nil {
					b.Fatal(err)
				}
				n++
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// BenchmarkSummarizeParallel runs the ~2 KB article from GOMAXPROCS
// goroutines on one Summarizer.
func BenchmarkSummarizeParallel(b *testing.B) {
	s, err := newIn("en", Config{})
	if err != nil {
		b.Fatal(err)
	}
	doc := benchDocs(b)[0].doc
	opts := Options{Sentences: 3, Keywords: 5}
	if _, err := s.Summarize(doc, opts); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := s.Summarize(doc, opts); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkRank is Rank on the ~2 KB article: what `skim eval` pays per
// article.
func BenchmarkRank(b *testing.B) {
	s, err := newIn("en", Config{})
	if err != nil {
		b.Fatal(err)
	}
	doc := benchDocs(b)[0].doc
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Rank(doc, Options{Sentences: 3}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStages times the stages of the pipeline on the ~2 KB article
// on their own, to tell where the time of BenchmarkSummarize goes.
func BenchmarkStages(b *testing.B) {
	s, err := newIn("en", Config{})
	if err != nil {
		b.Fatal(err)
	}
	a := s.an()
	ctx := context.Background()
	text := benchDocs(b)[0].doc.Text
	view := normalizeView(ValidUTF8(text))
	w := newWorkspace()
	units := slices.Clone(w.units.split(view))
	_, units = w.title.find(view, units, "", a.chrome, a.terms.isStop)
	body := slices.Clone(w.chrome.bodyUnits(view, units, a.chrome))
	spans, paragraphs, err := w.segment.split(ctx, view, body, a.splitter)
	if err != nil {
		b.Fatal(err)
	}
	spans, paragraphs = slices.Clone(spans), slices.Clone(paragraphs)
	cands, words, err := w.cands.build(ctx, view, spans, paragraphs, a.chrome)
	if err != nil {
		b.Fatal(err)
	}
	cands = slices.Clone(cands)
	vecs, err := w.vectors.build(ctx, view, cands, "", a.terms, nil, a.weights.idfExponent)
	if err != nil {
		b.Fatal(err)
	}
	stages := []struct {
		name string
		run  func()
	}{
		{"normalize+units", func() { w.units.split(normalizeView(ValidUTF8(text))) }},
		{"chrome", func() { w.chrome.bodyUnits(view, units, a.chrome) }},
		{"segment", func() { _, _, _ = w.segment.split(ctx, view, body, a.splitter) }},
		{"candidates", func() { _, _, _ = w.cands.build(ctx, view, spans, paragraphs, a.chrome) }},
		{"vectors", func() { _, _ = w.vectors.build(ctx, view, cands, "", a.terms, nil, a.weights.idfExponent) }},
		{"rank", func() { _, _ = w.rank.rank(ctx, cands, words, vecs, &a.weights, Options{Sentences: 3}, 3) }},
	}
	for _, st := range stages {
		b.Run(st.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				st.run()
			}
		})
	}
}

// BenchmarkSummarizeLanguage measures what detection adds: the ~2 KB
// article with its language given ("en") and detected (""), alternately.
//
//	go test -run XXX -bench SummarizeLanguage -benchmem -cpu 1 -count 5 ./summarize
func BenchmarkSummarizeLanguage(b *testing.B) {
	s, err := New(Config{})
	if err != nil {
		b.Fatal(err)
	}
	doc := Document{Text: loadArticle(b, "harbour-bridge").text}
	for _, lang := range []string{"en", ""} {
		name := lang
		if name == "" {
			name = "detect"
		}
		b.Run(name, func(b *testing.B) {
			opts := Options{Sentences: 3, Keywords: 5, Language: lang}
			if _, err := s.Summarize(context.Background(), doc, opts); err != nil { // warm the caches
				b.Fatal(err)
			}
			b.SetBytes(int64(len(doc.Text)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Summarize(context.Background(), doc, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
