package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/skimhq/skim/summarize"
)

// LanguagesResponse is the body of GET /languages.
type LanguagesResponse struct {
	// Languages are the supported languages, sorted by code.
	Languages []Language `json:"languages"`
}

// Language describes one supported language and what skim has for it.
type Language struct {
	// Code is the ISO 639-1 code the language field accepts.
	Code string `json:"code"`
	// Name is the English name.
	Name string `json:"name"`
	// Native is the language's name for itself.
	Native string `json:"native"`
	// Splitter is "punkt" (a trained model) or "rules".
	Splitter string `json:"splitter"`
	// Stemmer is the Snowball stemmer's name, or "none".
	Stemmer string `json:"stemmer"`
	// Terms is "words", or "bigrams" for Chinese and Japanese.
	Terms string `json:"terms"`
	// StopWords are the sources of the stop words ("document": inferred
	// from each document).
	StopWords []string `json:"stop_words"`
	// Chrome reports a page-chrome list of the language's own.
	Chrome bool `json:"chrome"`
}

// ListLanguages is the body of GET /languages (and of skim languages
// --format json): summarize.LanguageInfos in wire form.
func ListLanguages() LanguagesResponse {
	infos := summarize.LanguageInfos()
	out := LanguagesResponse{Languages: make([]Language, len(infos))}
	for i, l := range infos {
		stemmer := l.Stemmer
		if stemmer == "" {
			stemmer = "none"
		}
		out.Languages[i] = Language{
			Code: l.Code, Name: l.Name, Native: l.Native, Splitter: l.Splitter,
			Stemmer: stemmer, Terms: l.Terms, StopWords: l.StopWords, Chrome: l.Chrome,
		}
	}
	return out
}

// handleLanguages serves GET /languages, the list the page's language
// selector offers (besides "Detect").
func handleLanguages() gin.HandlerFunc {
	body := ListLanguages() // the table is fixed at build time
	return func(c *gin.Context) {
		writeJSON(c, http.StatusOK, body)
	}
}
