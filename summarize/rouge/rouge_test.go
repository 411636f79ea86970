package rouge

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func sc(p, r float64) Score { return Score{Precision: p, Recall: r, F1: fmeasure(p, r)} }

func TestNew(t *testing.T) {
	tests := []struct {
		name, lang, want string
		wantErr          bool
	}{
		{name: "default", lang: "", want: "en"},
		{name: "code", lang: "en", want: "en"},
		{name: "upper case", lang: "FR", want: "fr"},
		{name: "region tag", lang: "en-GB", want: "en"},
		{name: "underscore tag", lang: "fr_CA", want: "fr"},
		{name: "english name", lang: "Spanish", want: "es"},
		{name: "bokmal", lang: "nb", want: "no"},
		{name: "russian", lang: "ru", want: "ru"},
		{name: "swedish", lang: "sv", want: "sv"},
		{name: "hungarian", lang: "hungarian", want: "hu"},
		{name: "german", lang: "de", want: "de"},
		{name: "indonesian", lang: "id", want: "id"},
		{name: "unsupported", lang: "tlh", wantErr: true},
		{name: "garbage", lang: "??", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := New(tt.lang)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("New(%q) = %v, want error", tt.lang, s.Language())
				}
				if !strings.Contains(err.Error(), fmt.Sprintf("%q", tt.lang)) {
					t.Errorf("error %q does not name the language", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Language(); got != tt.want {
				t.Errorf("Language() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []string
	}{
		{name: "empty", lang: "en", text: "", want: nil},
		{name: "punctuation only", lang: "en", text: " -- ... !", want: nil},
		{name: "lowercase and stem", lang: "en", text: "Running DOGS", want: []string{"run", "dog"}},
		{name: "short words unstemmed", lang: "en", text: "the dog runs", want: []string{"the", "dog", "run"}},
		{name: "stop words stemmed", lang: "en", text: "being during", want: []string{"be", "dure"}},
		{name: "non-alphanumerics split", lang: "en", text: "Don't stop-believing, 2004's $3.5bn",
			want: []string{"don", "t", "stop", "believ", "2004", "s", "3", "5bn"}},
		// rouge_score's tokenizer erases accented letters: that is why
		// other languages have their own tokenizer.
		{name: "accents erased in English", lang: "en", text: "élève", want: []string{"l", "ve"}},
		// Python's str.lower maps these two into [a-z].
		{name: "kelvin sign", lang: "en", text: "\u212aelvin", want: []string{"kelvin"}},
		{name: "dotted capital I", lang: "en", text: "İstanbul", want: []string{"i", "stanbul"}},
		{name: "invalid utf8", lang: "en", text: "abc\xffdef", want: []string{"abc", "def"}},
		{name: "french accents kept", lang: "fr", text: "L'élève étudie à l'école.",
			want: []string{"l", "élev", "étud", "à", "l", "écol"}},
		{name: "french short words", lang: "fr", text: "Où êtes-vous", want: []string{"où", "ête", "vous"}},
		{name: "combining mark stays in token", lang: "fr", text: "e\u0301te\u0301", want: []string{"e\u0301te\u0301"}},
		{name: "russian", lang: "ru", text: "Книги читают!", want: []string{"книг", "чита"}},
		{name: "digits", lang: "sv", text: "år 2004, 3,5%", want: []string{"år", "2004", "3", "5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := scorerFor(t, tt.lang).Tokens(tt.text)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Tokens(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestScore checks hand-computed examples; each comment gives the tokens and
// the counts behind the expected values.
func TestScore(t *testing.T) {
	tests := []struct {
		name      string
		lang      string
		candidate []string
		reference string
		want      Scores
	}{
		{
			// cand: the cat sat on the mat; ref: the cat is on the mat.
			// unigrams: the 2, cat, on, mat = 5 of 6 and 6.
			// bigrams: the-cat, on-the, the-mat = 3 of 5 and 5.
			// LCS: the cat on the mat = 5.
			name:      "one sentence",
			candidate: []string{"The cat sat on the mat."},
			reference: "The cat is on the mat.",
			want: Scores{
				Rouge1: sc(5.0/6, 5.0/6), Rouge2: sc(3.0/5, 3.0/5),
				RougeL: sc(5.0/6, 5.0/6), RougeLsum: sc(5.0/6, 5.0/6),
			},
		},
		{
			// Counts are clipped: "the" x4 in the candidate matches once.
			// cand: the the the the; ref: the cat.
			// unigrams 1 of 4 and 2; bigrams the-the x3 vs the-cat: 0.
			name:      "repeated n-grams are clipped",
			candidate: []string{"the the the the"},
			reference: "the cat",
			want: Scores{
				Rouge1: sc(1.0/4, 1.0/2), RougeL: sc(1.0/4, 1.0/2), RougeLsum: sc(1.0/4, 1.0/2),
			},
		},
		{
			// Repeated bigrams: cand a b a b a b (bigrams ab x3, ba x2),
			// ref a b a b (ab x2, ba x1): overlap 2+1 = 3 of 5 and 3.
			name:      "repeated bigrams are clipped",
			candidate: []string{"a b a b a b"},
			reference: "a b a b",
			want: Scores{
				Rouge1: sc(4.0/6, 1), Rouge2: sc(3.0/5, 1),
				RougeL: sc(4.0/6, 1), RougeLsum: sc(4.0/6, 1),
			},
		},
		{
			// Stemming: cand run dog; ref the dog run.
			// unigrams 2 of 2 and 3; no common bigram; LCS 1 (dog or run).
			name:      "stemmed",
			candidate: []string{"Running dogs"},
			reference: "The dog runs.",
			want: Scores{
				Rouge1: sc(1, 2.0/3), RougeL: sc(1.0/2, 1.0/3), RougeLsum: sc(1.0/2, 1.0/3),
			},
		},
		{
			// Summary level (section 3.2 of the ROUGE paper): r = w1..w5,
			// c1 = w1 w2 w6 w7 w8, c2 = w1 w3 w8 w9 w5. LCS(r,c1) = w1 w2,
			// LCS(r,c2) = w1 w3 w5, union w1 w2 w3 w5: 4 hits of 10 and 5.
			// The whole-text LCS is also w1 w2 w3 w5. Unigrams: w1 (clipped
			// to 1), w2, w3, w5. Bigrams: w1-w2 only, of 9 and 4.
			name:      "union LCS",
			candidate: []string{"w1 w2 w6 w7 w8", "w1 w3 w8 w9 w5"},
			reference: "w1 w2 w3 w4 w5",
			want: Scores{
				Rouge1: sc(4.0/10, 4.0/5), Rouge2: sc(1.0/9, 1.0/4),
				RougeL: sc(4.0/10, 4.0/5), RougeLsum: sc(4.0/10, 4.0/5),
			},
		},
		{
			// French keeps accents: cand les élev étudient à l écol,
			// ref l élev étud à l écol. unigrams élev à l écol = 4 of 6
			// and 6; bigrams à-l, l-écol = 2 of 5 and 5; LCS élev à l écol.
			name:      "french accents",
			lang:      "fr",
			candidate: []string{"Les élèves étudient à l'école."},
			reference: "L'élève étudie à l'école.",
			want: Scores{
				Rouge1: sc(4.0/6, 4.0/6), Rouge2: sc(2.0/5, 2.0/5),
				RougeL: sc(4.0/6, 4.0/6), RougeLsum: sc(4.0/6, 4.0/6),
			},
		},
		{
			// The same pair with the English tokenizer, which erases accented
			// letters: les l ves tudient l cole vs l l ve tudi l cole.
			// unigrams l 2, cole 1 = 3 of 6 and 6; bigram l-cole; LCS l l cole.
			name:      "french text with the english tokenizer",
			lang:      "en",
			candidate: []string{"Les élèves étudient à l'école."},
			reference: "L'élève étudie à l'école.",
			want: Scores{
				Rouge1: sc(3.0/6, 3.0/6), Rouge2: sc(1.0/5, 1.0/5),
				RougeL: sc(3.0/6, 3.0/6), RougeLsum: sc(3.0/6, 3.0/6),
			},
		},
		{name: "empty candidate", candidate: nil, reference: "The cat sat."},
		{name: "empty candidate sentence", candidate: []string{""}, reference: "The cat sat."},
		{name: "candidate without tokens", candidate: []string{"...", "--"}, reference: "The cat sat."},
		{name: "empty reference", candidate: []string{"The cat sat."}, reference: ""},
		{name: "reference without tokens", candidate: []string{"The cat sat."}, reference: " ?! "},
		{name: "no overlap", candidate: []string{"dogs bark"}, reference: "cats sleep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := scorerFor(t, tt.lang).Score(tt.candidate, tt.reference)
			checkScores(t, got, tt.want)
		})
	}
}

func checkScores(t *testing.T, got, want Scores) {
	t.Helper()
	for _, m := range []struct {
		name      string
		got, want Score
	}{
		{"rouge1", got.Rouge1, want.Rouge1},
		{"rouge2", got.Rouge2, want.Rouge2},
		{"rougeL", got.RougeL, want.RougeL},
		{"rougeLsum", got.RougeLsum, want.RougeLsum},
	} {
		if !scoreNear(m.got, m.want, 1e-12) {
			t.Errorf("%s = %+v, want %+v", m.name, m.got, m.want)
		}
	}
}

func TestScoreLsum(t *testing.T) {
	tests := []struct {
		name      string
		candidate []string
		reference []string
		want      Score
	}{
		{
			// A token is a hit only while it has unused occurrences on both
			// sides: the second "a b" of the reference finds the
			// candidate's tokens used up. 2 hits of 2 and 4.
			name:      "no double counting",
			candidate: []string{"a b"},
			reference: []string{"a b", "a b"},
			want:      sc(1, 2.0/4),
		},
		{
			// LCS("a b", "b a") is "a" or "b"; rouge_score's backtracking
			// takes "a", which leaves "b" for the second reference
			// sentence: 2 hits of 2 and 3. Taking "b" would give 1 hit.
			name:      "backtracking tie-break",
			candidate: []string{"b a"},
			reference: []string{"a b", "b"},
			want:      sc(1, 2.0/3),
		},
		{
			// Sentence order does not matter at summary level.
			name:      "sentence order",
			candidate: []string{"c d", "a b"},
			reference: []string{"a b", "c d"},
			want:      sc(1, 1),
		},
		{
			// Sentences are used as given: a newline does not split one.
			name:      "sentences as given",
			candidate: []string{"x y\nz"},
			reference: []string{"x y z"},
			want:      sc(1, 1),
		},
		{name: "empty candidate", candidate: nil, reference: []string{"a b"}},
		{name: "empty reference", candidate: []string{"a b"}, reference: nil},
		{name: "empty sentences", candidate: []string{"", "."}, reference: []string{"", "a"}},
	}
	s := scorerFor(t, "en")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := s.ScoreLsum(tt.candidate, tt.reference)
			if !scoreNear(got, tt.want, 1e-12) {
				t.Errorf("ScoreLsum = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestScoreJSON(t *testing.T) {
	b, err := json.Marshal(Scores{Rouge1: Score{Precision: 0.5, Recall: 0.25, F1: 1}})
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"rouge1":{"p":0.5,"r":0.25,"f":1},"rouge2":{"p":0,"r":0,"f":0},` +
		`"rougeL":{"p":0,"r":0,"f":0},"rougeLsum":{"p":0,"r":0,"f":0}}`
	if string(b) != want {
		t.Errorf("JSON = %s, want %s", b, want)
	}
}

func TestMean(t *testing.T) {
	if got := Mean(nil); got != (Scores{}) {
		t.Errorf("Mean(nil) = %+v, want zero", got)
	}
	got := Mean([]Scores{
		{Rouge1: Score{1, 0.5, 0.2}, RougeLsum: Score{0, 1, 0.5}},
		{Rouge1: Score{0, 0.5, 0.4}, Rouge2: Score{1, 1, 1}},
	})
	want := Scores{
		Rouge1: Score{0.5, 0.5, 0.3}, Rouge2: Score{0.5, 0.5, 0.5},
		RougeLsum: Score{0, 0.5, 0.25},
	}
	checkScores(t, got, want)
}

func TestFMeasure(t *testing.T) {
	if got := fmeasure(0, 0); got != 0 {
		t.Errorf("fmeasure(0, 0) = %v, want 0", got)
	}
	if got := fmeasure(0.5, 1); math.Abs(got-2.0/3) > 1e-15 {
		t.Errorf("fmeasure(0.5, 1) = %v, want 2/3", got)
	}
}

// TestScoreConcurrent runs one Scorer from many goroutines (run with -race).
func TestScoreConcurrent(t *testing.T) {
	s := scorerFor(t, "en")
	cands := [][]string{
		{"The quick brown fox jumps.", "It was running fast."},
		{"Nothing in common here"},
		{"A lazy dog sleeps all day."},
	}
	const ref = "The quick brown fox jumped over the lazy dog.It ran fast."
	want := make([]Scores, len(cands))
	for i, c := range cands {
		want[i] = s.Score(c, ref)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				k := (g + i) % len(cands)
				if got := s.Score(cands[k], ref); got != want[k] {
					t.Errorf("concurrent Score = %+v, want %+v", got, want[k])
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{name: "empty", text: "", want: nil},
		{name: "blank lines", text: "\n \n\t\n", want: nil},
		{name: "simple", text: "One. Two! Three? Four", want: []string{"One.", "Two!", "Three?", "Four"}},
		{name: "newlines split", text: "no period\nsecond line\r\n\nthird", want: []string{"no period", "second line", "third"}},
		{name: "lowercase continues", text: "Prices rose 4.7% in Jan. and fell. But then", want: []string{"Prices rose 4.7% in Jan. and fell.", "But then"}},
		{name: "closing quote", text: `He said: "Go." Then he left.`, want: []string{`He said: "Go."`, "Then he left."}},
		{name: "opening quote", text: `It ended. "Why?" she asked.`, want: []string{"It ended.", `"Why?" she asked.`}},
		{name: "title abbreviation", text: "Mr. Blair met Dr. Smith. They talked.", want: []string{"Mr. Blair met Dr. Smith.", "They talked."}},
		{name: "initials", text: "J. K. Rowling wrote it. She did.", want: []string{"J. K. Rowling wrote it.", "She did."}},
		{name: "acronym", text: "He moved to the U.S. Army base.", want: []string{"He moved to the U.S. Army base."}},
		{name: "number abbreviation", text: "He lives at No. 10 Downing Street. Yes. No. Maybe.", want: []string{"He lives at No. 10 Downing Street.", "Yes.", "No.", "Maybe."}},
		{name: "ellipsis", text: "Wait... Then go.", want: []string{"Wait...", "Then go."}},
		{name: "digit start", text: "It was 2004. 2005 was better.", want: []string{"It was 2004.", "2005 was better."}},
		{name: "tokenized text", text: "we 're close to finding alien life . Indications within a decade ; `` 20 to 30 years , '' she said .",
			want: []string{"we 're close to finding alien life .", "Indications within a decade ; `` 20 to 30 years , '' she said ."}},
		{name: "dash bullet", text: "concert caritatif. -Le prince Harry", want: []string{"concert caritatif.", "-Le prince Harry"}},
		{name: "french abbreviation", text: "Selon Mme. Dupont, oui. Non.", want: []string{"Selon Mme. Dupont, oui.", "Non."}},
		{name: "accented uppercase", text: "Il est parti. État de choc.", want: []string{"Il est parti.", "État de choc."}},
		{name: "glued is not split", text: "$10.9bn.For the year", want: []string{"$10.9bn.For the year"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SplitSentences(tt.text)
			if !slices.Equal(got, tt.want) {
				t.Errorf("SplitSentences(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestSplitReference(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{name: "glued", text: "Sales rose to $10.9bn.For the year, profit grew.It lost.",
			want: []string{"Sales rose to $10.9bn.", "For the year, profit grew.", "It lost."}},
		{name: "glued after closing quote", text: `BDO said."The UK is strong," he said.`,
			want: []string{`BDO said."`, `The UK is strong," he said.`}},
		{name: "glued before opening quote", text: `not charity.""The poorest pay.`,
			want: []string{`not charity."`, `"The poorest pay.`}},
		{name: "quote then period", text: `a "valued friend".One of the few.`,
			want: []string{`a "valued friend".`, "One of the few."}},
		{name: "closing bracket", text: "S Jones (Trafford AC).H Clitheroe (Preston).",
			want: []string{"S Jones (Trafford AC).", "H Clitheroe (Preston)."}},
		{name: "glued dash", text: "he argues.- Upgrading security - Creating a body.",
			want: []string{"he argues.", "- Upgrading security - Creating a body."}},
		{name: "glued question", text: "Why?Because.", want: []string{"Why?", "Because."}},
		{name: "french glued", text: "publiés lundi.Élections demain.", want: []string{"publiés lundi.", "Élections demain."}},
		{name: "decimal kept", text: "It rose 4.7% to $42.09bn.", want: []string{"It rose 4.7% to $42.09bn."}},
		{name: "acronym kept", text: "The U.S.Army and Mr.Smith left.", want: []string{"The U.S.Army and Mr.Smith left."}},
		{name: "domain kept", text: "See bbc.co.uk now.", want: []string{"See bbc.co.uk now."}},
		{name: "already spaced", text: "One. Two.", want: []string{"One.", "Two."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SplitReference(tt.text)
			if !slices.Equal(got, tt.want) {
				t.Errorf("SplitReference(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

// FuzzScore checks that scoring never panics, that scores stay in [0, 1],
// that identical texts score 1 and that splitting a reference never changes
// its tokens.
func FuzzScore(f *testing.F) {
	for _, s := range []string{
		"", "The cat sat.", "$10.9bn.For the year", "Élève.\"Été\"", "a\xffb. C",
		"Mr. X. Y.Z. \u212a İ", "- Le. -La", "…!?", "\u0301e\u0301. É",
	} {
		f.Add(s, "The cat sat on the mat. It was happy.")
	}
	scorers := []*Scorer{scorerFor(f, "en"), scorerFor(f, "fr"), scorerFor(f, "ru")}
	f.Fuzz(func(t *testing.T, cand, ref string) {
		for _, s := range scorers {
			got := s.Score(SplitSentences(cand), ref)
			for _, m := range []Score{got.Rouge1, got.Rouge2, got.RougeL, got.RougeLsum} {
				for _, v := range []float64{m.Precision, m.Recall, m.F1} {
					if !(v >= 0 && v <= 1) {
						t.Fatalf("%s: score %v out of [0, 1] in %+v", s.Language(), v, got)
					}
				}
			}
			want := s.Tokens(ref)
			split := SplitReference(ref)
			if got := s.Tokens(strings.Join(split, "\n")); !slices.Equal(got, want) {
				t.Fatalf("%s: SplitReference changed tokens: %q -> %q", s.Language(), want, got)
			}
			for _, sent := range split {
				if sent == "" || !utf8.ValidString(sent) && utf8.ValidString(ref) {
					t.Fatalf("bad sentence %q", sent)
				}
			}
			if len(want) > 0 {
				self := s.Score(split, ref)
				if self.Rouge1 != sc(1, 1) || self.RougeL != sc(1, 1) || self.RougeLsum != sc(1, 1) {
					t.Fatalf("%s: reference against itself = %+v", s.Language(), self)
				}
			}
		}
	})
}

func BenchmarkScore(b *testing.B) {
	vs := loadVectors(b)
	s := scorerFor(b, "en")
	b.ReportAllocs()
	for b.Loop() {
		for _, v := range vs {
			s.Score(v.CandidateSentences, v.Reference)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(vs)), "ns/pair")
}
