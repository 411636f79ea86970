package api

import (
	"strings"

	"github.com/skimhq/skim/summarize/corpus"
)

// notText returns the not_text error of a text that is binary rather than
// text, by the one rule skim has for it (corpus.CheckText: NUL bytes,
// mostly control characters or mostly invalid UTF-8), or nil.
func notText[T string | []byte](text T) error {
	err := corpus.CheckText(text)
	if err == nil {
		return nil
	}
	return &Error{Code: CodeNotText,
		Message: "the text is not UTF-8 text: " + strings.TrimPrefix(err.Error(), corpus.ErrNotText.Error()+": ")}
}
