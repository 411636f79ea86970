package api

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/skimhq/skim/summarize"
)

// Models loads one summarizer per language on first use and keeps it:
// summarize.New loads models, so it runs once per language, never per
// request. It implements Summarizers and is safe for concurrent use.
type Models struct {
	idf         *summarize.IDF
	defaultLang string
	ready       atomic.Bool

	mu      sync.RWMutex
	entries map[string]*modelEntry
}

type modelEntry struct {
	done chan struct{} // closed when s and err are set
	s    *summarize.Summarizer
	err  error
}

// maxLanguageLen bounds the language strings worth a model lookup.
const maxLanguageLen = 32

// NewModels returns an empty registry whose default language is
// defaultLang ("en" when empty). An optional IDF table is used for the
// language it was built for; other languages use in-document IDF. Call
// Preload to load the default language before serving.
func NewModels(defaultLang string, idf *summarize.IDF) *Models {
	if defaultLang == "" {
		defaultLang = DefaultLanguage
	}
	return &Models{idf: idf, defaultLang: defaultLang, entries: make(map[string]*modelEntry)}
}

// Preload loads the default language and, when an IDF table is set, the
// table's language, so that a bad table fails start-up rather than a
// request. Ready reports true once it has succeeded.
func (m *Models) Preload() error {
	if _, err := m.Summarizer(m.defaultLang); err != nil {
		return fmt.Errorf("load default language %q: %w", m.defaultLang, err)
	}
	if m.idf != nil {
		s, err := m.Summarizer(m.idf.Language)
		if err != nil {
			return fmt.Errorf("load idf language %q: %w", m.idf.Language, err)
		}
		if s.Language() != m.idf.Language {
			return fmt.Errorf("%w: table language %q resolves to %q", summarize.ErrBadIDF, m.idf.Language, s.Language())
		}
	}
	m.ready.Store(true)
	return nil
}

// Ready reports whether Preload has succeeded.
func (m *Models) Ready() bool { return m.ready.Load() }

// Summarizer returns the summarizer of language, loading it on first use.
// Concurrent first requests for a language share one load; failed loads are
// not kept, so unknown language strings cannot grow the registry.
func (m *Models) Summarizer(language string) (*summarize.Summarizer, error) {
	key := strings.ToLower(strings.TrimSpace(language))
	if key == "" {
		key = m.defaultLang
	}
	m.mu.RLock()
	e := m.entries[key]
	m.mu.RUnlock()
	if e == nil {
		if len(key) > maxLanguageLen {
			return nil, fmt.Errorf("%w: %.32q…", summarize.ErrUnsupportedLanguage, key)
		}
		m.mu.Lock()
		e = m.entries[key]
		if e == nil {
			e = &modelEntry{done: make(chan struct{})}
			m.entries[key] = e
			m.mu.Unlock()
			m.load(key, e)
		} else {
			m.mu.Unlock()
		}
	}
	<-e.done
	return e.s, e.err
}

// load builds the summarizer of key into e and publishes it.
func (m *Models) load(key string, e *modelEntry) {
	defer close(e.done)
	s, err := m.build(key)
	m.mu.Lock()
	defer m.mu.Unlock()
	if err != nil {
		e.err = fmt.Errorf("load language %q: %w", key, err)
		delete(m.entries, key)
		return
	}
	// Aliases ("english", "en-GB") share the summarizer of their code.
	canonical := s.Language()
	if other := m.entries[canonical]; other != nil && other != e {
		select {
		case <-other.done:
			if other.err == nil {
				s = other.s
			}
		default:
		}
	} else if other == nil {
		m.entries[canonical] = e
	}
	e.s = s
}

// build calls summarize.New, with the IDF table when it matches the language.
func (m *Models) build(key string) (*summarize.Summarizer, error) {
	if m.idf == nil {
		return summarize.New(summarize.Config{Language: key})
	}
	s, err := summarize.New(summarize.Config{Language: key, IDF: m.idf})
	if !errors.Is(err, summarize.ErrBadIDF) {
		return s, err
	}
	// The table is for another language, or it does not fit this one.
	plain, perr := summarize.New(summarize.Config{Language: key})
	if perr != nil {
		return nil, perr
	}
	if plain.Language() == m.idf.Language {
		return nil, err // the table's own language rejects it
	}
	return plain, nil
}
