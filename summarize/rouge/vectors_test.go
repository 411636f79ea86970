package rouge

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sharedData returns the shared data folder: $SKIM_CORPUS, or the first
// shared/data found walking up from the working directory (CI has it at
// ../shared/data from the repository root). It skips the test when absent.
// It repeats summarize/internal/shareddata on purpose: the metric, tests
// included, imports nothing of skim.
func sharedData(t testing.TB) string {
	t.Helper()
	if dir := os.Getenv("SKIM_CORPUS"); dir != "" {
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			return dir
		}
		t.Skipf("SKIM_CORPUS=%s is not a folder; skipping test on shared data", dir)
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		cand := filepath.Join(dir, "shared", "data")
		if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
			return cand
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("shared data not found: set SKIM_CORPUS to the shared/data folder")
		}
		dir = parent
	}
}

type vector struct {
	ID                 string           `json:"id"`
	Language           string           `json:"language"`
	CandidateSentences []string         `json:"candidate_sentences"`
	Reference          string           `json:"reference"`
	ReferenceSentences []string         `json:"reference_sentences"`
	Expected           map[string]Score `json:"expected"`
}

func loadVectors(t testing.TB) []vector {
	t.Helper()
	path := filepath.Join(sharedData(t), "rouge-vectors.jsonl")
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		t.Skipf("%s not found", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var vs []vector
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v vector
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		vs = append(vs, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(vs) == 0 {
		t.Fatalf("%s holds no vectors", path)
	}
	return vs
}

func scorerFor(t testing.TB, lang string) *Scorer {
	t.Helper()
	s, err := New(lang)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestVectors reproduces every vector of shared/data/rouge-vectors.jsonl to
// 1e-6: ROUGE-1/2/L of the candidate sentences joined by spaces against the
// raw reference, ROUGE-Lsum of the sentence lists as given.
func TestVectors(t *testing.T) {
	const tol = 1e-6
	scorers := map[string]*Scorer{}
	for _, v := range loadVectors(t) {
		t.Run(v.Language+"/"+v.ID, func(t *testing.T) {
			s := scorers[v.Language]
			if s == nil {
				s = scorerFor(t, v.Language)
				scorers[v.Language] = s
			}
			got := s.Score(v.CandidateSentences, v.Reference)
			got.RougeLsum = s.ScoreLsum(v.CandidateSentences, v.ReferenceSentences)
			for name, g := range map[string]Score{
				"rouge1": got.Rouge1, "rouge2": got.Rouge2,
				"rougeL": got.RougeL, "rougeLsum": got.RougeLsum,
			} {
				want, ok := v.Expected[name]
				if !ok {
					t.Fatalf("vector has no %s", name)
				}
				if !scoreNear(g, want, tol) {
					t.Errorf("%s = %+v, want %+v", name, g, want)
				}
			}

			// The reference sentences hold the raw reference's tokens, and
			// so does SplitReference's split of it.
			want := s.Tokens(v.Reference)
			if got := s.Tokens(strings.Join(v.ReferenceSentences, " ")); !slices.Equal(got, want) {
				t.Errorf("tokens of reference_sentences differ from the reference's")
			}
			if got := s.Tokens(strings.Join(SplitReference(v.Reference), "\n")); !slices.Equal(got, want) {
				t.Errorf("tokens of SplitReference(reference) differ from the reference's")
			}

			// ScoreSentences on the given sentence lists agrees with both.
			if all := s.ScoreSentences(v.CandidateSentences, v.ReferenceSentences); all != got {
				t.Errorf("ScoreSentences = %+v, want %+v", all, got)
			}
		})
	}
}

// TestSplitReferenceVectors checks that SplitReference agrees with the
// vectors' reference_sentences on most references and reports the rate.
func TestSplitReferenceVectors(t *testing.T) {
	vs := loadVectors(t)
	sameCount, sameSentences := 0, 0
	for _, v := range vs {
		got := SplitReference(v.Reference)
		if len(got) == len(v.ReferenceSentences) {
			sameCount++
		} else {
			t.Logf("%s: %d sentences, reference_sentences has %d", v.ID, len(got), len(v.ReferenceSentences))
		}
		if slices.Equal(got, v.ReferenceSentences) {
			sameSentences++
		}
	}
	rate := float64(sameCount) / float64(len(vs))
	t.Logf("SplitReference: same sentence count on %d/%d vectors (%.0f%%), identical sentences on %d",
		sameCount, len(vs), 100*rate, sameSentences)
	if rate < 0.8 {
		t.Errorf("same sentence count on only %.0f%% of the vectors, want at least 80%%", 100*rate)
	}
}

func scoreNear(got, want Score, tol float64) bool {
	return math.Abs(got.Precision-want.Precision) <= tol &&
		math.Abs(got.Recall-want.Recall) <= tol &&
		math.Abs(got.F1-want.F1) <= tol
}

// TestVectorsExact reports how many expected values are reproduced to the
// last bit (informational; the contract is 1e-6).
func TestVectorsExact(t *testing.T) {
	exact, total := 0, 0
	for _, v := range loadVectors(t) {
		s := scorerFor(t, v.Language)
		got := s.Score(v.CandidateSentences, v.Reference)
		got.RougeLsum = s.ScoreLsum(v.CandidateSentences, v.ReferenceSentences)
		for _, p := range [][2]Score{
			{got.Rouge1, v.Expected["rouge1"]}, {got.Rouge2, v.Expected["rouge2"]},
			{got.RougeL, v.Expected["rougeL"]}, {got.RougeLsum, v.Expected["rougeLsum"]},
		} {
			for _, f := range [][2]float64{
				{p[0].Precision, p[1].Precision}, {p[0].Recall, p[1].Recall}, {p[0].F1, p[1].F1},
			} {
				total++
				if f[0] == f[1] || math.Abs(f[0]-f[1]) <= 1e-15 {
					exact++
				}
			}
		}
	}
	t.Logf("%d/%d expected values reproduced to within 1e-15", exact, total)
}
