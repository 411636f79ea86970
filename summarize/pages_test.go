package summarize

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pagesDir holds pages pasted from a browser (their innerText), written for
// these tests: news sites of several layouts, a blog, a live page, each
// with the chrome a reader's paste carries (consent banners, menus,
// bylines, datelines, share bars, captions, related links, footers).
const pagesDir = "../testdata/pages"

// pageExpect is the sidecar <name>.json of a page.
type pageExpect struct {
	// Title is the page's headline, which the title rule must find.
	Title string `json:"title"`
	// BodyStart and BodyEnd open and close the article body: every
	// candidate sentence lies between them.
	BodyStart string `json:"body_start"`
	BodyEnd   string `json:"body_end"`
	// Never are chrome phrases no summary sentence or title may hold
	// (compared case-insensitively), including chrome inside the body.
	Never []string `json:"never"`
}

type page struct {
	name   string
	text   string
	expect pageExpect
}

func loadPages(t *testing.T) []page {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(pagesDir, "*.txt"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(paths), 8, "pages missing in %s", pagesDir)
	sort.Strings(paths)
	var out []page
	for _, p := range paths {
		text, err := os.ReadFile(p)
		require.NoError(t, err)
		side, err := os.ReadFile(strings.TrimSuffix(p, ".txt") + ".json")
		require.NoError(t, err)
		var e pageExpect
		require.NoError(t, json.Unmarshal(side, &e), p)
		require.NotEmpty(t, e.Title, p)
		require.Contains(t, string(text), e.BodyStart, p)
		require.Contains(t, string(text), e.BodyEnd, p)
		out = append(out, page{name: strings.TrimSuffix(filepath.Base(p), ".txt"), text: string(text), expect: e})
	}
	return out
}

// assertBody fails for a sentence outside the article body or holding a
// chrome phrase.
func (p page) assertBody(t *testing.T, sents []Sentence) {
	t.Helper()
	bodyStart := strings.Index(p.text, p.expect.BodyStart)
	bodyEnd := strings.Index(p.text, p.expect.BodyEnd) + len(p.expect.BodyEnd)
	for _, s := range sents {
		assert.True(t, s.Start >= bodyStart && s.End <= bodyEnd, "sentence %d is not article body: %q", s.Index, s.Text)
		for _, never := range p.expect.Never {
			assert.NotContains(t, strings.ToLower(s.Text), strings.ToLower(never), "chrome in sentence %d", s.Index)
		}
	}
}

// TestPages runs the pasted pages at 1, 3 and 8 sentences and a word
// budget, with and without the title given: the headline is the title,
// and every summary sentence, indeed every candidate, is article body
// without chrome.
func TestPages(t *testing.T) {
	t.Parallel()
	s := enSummarizer(t)
	for _, p := range loadPages(t) {
		t.Run(p.name, func(t *testing.T) {
			ranked, err := s.Rank(Document{Text: p.text}, Options{Ratio: 1})
			require.NoError(t, err)
			p.assertBody(t, ranked)
			for _, given := range []string{"", p.expect.Title} {
				for _, opts := range []Options{{Sentences: 1}, {Sentences: 3}, {Sentences: 8}, {MaxWords: 80}} {
					t.Run(fmt.Sprintf("title %t/sentences %d/max words %d", given != "", opts.Sentences, opts.MaxWords), func(t *testing.T) {
						sum, _ := summarizeAndRank(t, s, Document{Title: given, Text: p.text}, opts)
						assert.Equal(t, p.expect.Title, sum.Title)
						require.NotEmpty(t, sum.Sentences)
						p.assertBody(t, sum.Sentences)
						for _, never := range p.expect.Never {
							assert.NotContains(t, strings.ToLower(sum.Title), strings.ToLower(never), "chrome in the title")
						}
					})
				}
			}
		})
	}
}
