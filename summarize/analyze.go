package summarize

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxCandidates bounds the sentences a document contributes; beyond it (a
// book pasted into the box) the rest are not scored, so that the worst case
// stays linear in the input and bounded in time.
const maxCandidates = 5000

// candidate is one candidate sentence with its scoring features.
type candidate struct {
	span
	paragraph int
	words     int
	terms     []termWeight // unit-length weighted term vector, sorted by id
	// fingerprint hashes the sentence's letters and digits, lower-cased:
	// equal fingerprints are duplicates even when the term vectors cannot
	// tell (a sentence of stop words only has an empty vector).
	fingerprint uint64
	quote       bool // opens with or is mostly a direct quotation
	question    bool
	exclaim     bool
}

type termWeight struct {
	id     int32
	weight float32
}

// workspace holds the per-call buffers, pooled to keep the hot path
// allocation-light. Nothing in it outlives a call except through copies.
type workspace struct {
	text, view    string
	title         string
	titleTerms    []int32
	units         []unit
	spans         []span
	spanParagraph []int
	cands         []candidate
	words         int

	vocab     map[string]int32
	surface   []string // term id → first surface form seen
	stemsByID []string // term id → stem
	docFreq   []int32  // term id → sentences containing it
	termFreq  []int32  // term id → occurrences in the document
	lastSeen  []int32  // term id → last candidate that counted it in docFreq
	rawTerms  []int32  // term ids of all candidates, concatenated
	bounds    []int    // candidate i's terms are rawTerms[bounds[i]:bounds[i+1]]
	weights   []termWeight
	lower     []byte

	idf      []float64 // term id → idf weight
	centroid []float64 // term id → sum of the unit sentence vectors
	byScore  []int
	scores   []float64
	centr    []float64
	order    []int
	maxSim   []float64
	used     []bool
	ranked   int
	deferred []int
}

func newWorkspace() *workspace {
	return &workspace{vocab: make(map[string]int32, 512)}
}

func (w *workspace) reset(text, view string) {
	w.text, w.view, w.title = text, view, ""
	w.titleTerms = w.titleTerms[:0]
	w.units = w.units[:0]
	w.spans = w.spans[:0]
	w.spanParagraph = w.spanParagraph[:0]
	w.stemsByID = w.stemsByID[:0]
	w.cands = w.cands[:0]
	w.words = 0
	clear(w.vocab)
	w.surface = w.surface[:0]
	w.docFreq = w.docFreq[:0]
	w.termFreq = w.termFreq[:0]
	w.lastSeen = w.lastSeen[:0]
	w.rawTerms = w.rawTerms[:0]
	w.bounds = w.bounds[:0]
	w.weights = w.weights[:0]
}

// sentence returns candidate i as a Sentence with its score.
func (w *workspace) sentence(i int) Sentence {
	c := &w.cands[i]
	return Sentence{Index: i, Start: c.start, End: c.end, Text: w.text[c.start:c.end], Score: w.scores[i]}
}

// analyze normalizes and segments doc into candidate sentences with their
// term vectors.
func (s *analyzer) analyze(w *workspace, doc Document) error {
	text := ValidUTF8(doc.Text)
	view := normalizeView(text)
	if strings.TrimSpace(view) == "" { // control characters read as spaces
		return ErrEmptyText
	}
	w.reset(text, view)
	w.units = splitUnits(view, w.units)

	// Title: given, or the first line when it reads as a headline.
	w.title = strings.Join(strings.Fields(doc.Title), " ")
	units := w.units
	if w.title != "" && len(units) > 0 {
		if start, cut := cutTitle(view, units[0].span, w.title); cut {
			if start < 0 {
				units = units[1:]
			} else {
				units[0].start = start
			}
		}
	} else if len(units) > 1 {
		first := view[units[0].start:units[0].end]
		if !endsSentence(first) && len(first) <= 300 {
			if _, chrome := s.chrome[chromeKey(first)]; !chrome {
				w.title = strings.Join(strings.Fields(first), " ")
			}
			units = units[1:]
		}
	}

	// Sentences of the units that read as body text.
	for pass := 0; pass < 2 && len(w.spans) == 0; pass++ {
		for _, u := range units {
			line := view[u.start:u.end]
			if _, chrome := s.chrome[chromeKey(line)]; chrome {
				continue
			}
			// Lines without terminal punctuation are headlines, links and
			// labels; only when nothing else is left (text without any
			// punctuation) are they read as sentences.
			if pass == 0 && !endsSentence(line) && (countWords(line) < minTerminatedWords || looksLikeHeadline(line)) {
				continue
			}
			before := len(w.spans)
			w.spans = s.segmenter.split(view, u.span, w.spans)
			for range len(w.spans) - before {
				w.spanParagraph = append(w.spanParagraph, u.paragraph)
			}
			if len(w.spans) >= maxCandidates {
				break
			}
		}
	}

	for i, sp := range w.spans {
		if len(w.cands) >= maxCandidates {
			break
		}
		sentence := view[sp.start:sp.end]
		if _, chrome := s.chrome[chromeKey(sentence)]; chrome {
			continue
		}
		words := countWords(sentence)
		if words == 0 {
			continue
		}
		w.cands = append(w.cands, candidate{
			fingerprint: fingerprint(sentence),
			span:        sp, paragraph: w.spanParagraph[i], words: words,
			quote: isQuote(sentence), question: strings.ContainsAny(lastRunes(sentence), "?？"),
			exclaim: strings.ContainsAny(lastRunes(sentence), "!！"),
		})
		w.words += words
	}
	if len(w.cands) == 0 {
		return ErrNoSentences
	}
	s.vectorize(w)
	return nil
}

// lastRunes returns the last few bytes of s, enough to hold closing quotes
// after a final question or exclamation mark.
func lastRunes(s string) string {
	if len(s) > 8 {
		i := len(s) - 8
		for i < len(s) && !utf8.RuneStart(s[i]) {
			i++
		}
		return s[i:]
	}
	return s
}

// isQuote reports whether a sentence is a direct quotation: it opens with a
// quotation mark, or quoted text makes up most of it.
func isQuote(sentence string) bool {
	r, _ := utf8.DecodeRuneInString(sentence)
	if r == '"' || r == '“' || r == '«' || r == '„' {
		return true
	}
	quoted, inside, start := 0, false, 0
	for i, r := range sentence {
		if r == '"' || r == '“' || r == '”' || r == '«' || r == '»' {
			if inside {
				quoted += i - start
			}
			inside = !inside
			start = i
		}
	}
	return quoted*2 > len(sentence)
}

// vectorize builds each candidate's unit-length term vector:
// (1 + ln tf) · idf^idfExponent, where idf comes from the corpus table when
// configured and from the document's own sentences otherwise.
func (s *analyzer) vectorize(w *workspace) {
	w.bounds = append(w.bounds, 0)
	for i := range w.cands {
		c := &w.cands[i]
		forEachWord(w.view[c.start:c.end], func(word string, _ int) {
			w.lower = appendLower(w.lower[:0], word)
			stem := s.stems.lookup(w.lower, s.computeStem).stem
			if stem == "" {
				return
			}
			id, ok := w.vocab[stem]
			if !ok {
				id = int32(len(w.surface))
				w.vocab[stem] = id
				w.surface = append(w.surface, string(w.lower))
				w.stemsByID = append(w.stemsByID, stem)
				w.docFreq = append(w.docFreq, 0)
				w.termFreq = append(w.termFreq, 0)
				w.lastSeen = append(w.lastSeen, -1)
			}
			w.termFreq[id]++
			if w.lastSeen[id] != int32(i) {
				w.lastSeen[id] = int32(i)
				w.docFreq[id]++
			}
			w.rawTerms = append(w.rawTerms, id)
		})
		w.bounds = append(w.bounds, len(w.rawTerms))
	}
	if w.title != "" {
		forEachWord(w.title, func(word string, _ int) {
			w.lower = appendLower(w.lower[:0], word)
			if stem := s.stems.lookup(w.lower, s.computeStem).stem; stem != "" {
				if id, ok := w.vocab[stem]; ok {
					w.titleTerms = append(w.titleTerms, id)
				}
			}
		})
		w.titleTerms = sortUnique(w.titleTerms)
	}

	n := float64(len(w.cands))
	w.idf = resize(w.idf, len(w.surface))
	idf := w.idf
	for id := range idf {
		var v float64
		if s.idf != nil {
			v = s.idf.Weight(w.stemsByID[id])
		} else {
			v = math.Log(1 + n/float64(w.docFreq[id]))
		}
		idf[id] = math.Pow(v, s.weights.idfExponent)
	}
	for i := range w.cands {
		ids := w.rawTerms[w.bounds[i]:w.bounds[i+1]]
		sortInt32(ids)
		start := len(w.weights)
		var norm float64
		for j := 0; j < len(ids); {
			k := j
			for k < len(ids) && ids[k] == ids[j] {
				k++
			}
			weight := (1 + math.Log(float64(k-j))) * idf[ids[j]]
			norm += weight * weight
			w.weights = append(w.weights, termWeight{id: ids[j], weight: float32(weight)})
			j = k
		}
		vec := w.weights[start:]
		if norm > 0 {
			inv := 1 / math.Sqrt(norm)
			for j := range vec {
				vec[j].weight = float32(float64(vec[j].weight) * inv)
			}
		}
		w.cands[i].terms = vec[:len(vec):len(vec)]
	}
	// w.weights may have moved while growing: re-slice every vector.
	off := 0
	for i := range w.cands {
		n := len(w.cands[i].terms)
		w.cands[i].terms = w.weights[off : off+n : off+n]
		off += n
	}
}

// fingerprint is an FNV-1a hash of the lower-cased letters and digits of a
// sentence, so that copies differing only in spacing, case or punctuation
// hash alike.
func fingerprint(sentence string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for _, r := range sentence {
		if !isWordRune(r) {
			continue
		}
		r = unicode.ToLower(r)
		for r > 0 {
			h ^= uint64(r & 0xff)
			h *= prime
			r >>= 8
		}
	}
	return h
}
