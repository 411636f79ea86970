package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/skimhq/skim/summarize"
)

// Error codes of the error contract. Every error response is
// {"error": {"code": ..., "message": ..., "request_id": ...}}.
const (
	CodeInvalidJSON         = "invalid_json"           // 400: malformed JSON or trailing data
	CodeInvalidBody         = "invalid_body"           // 400: the body could not be read
	CodeInvalidField        = "invalid_field"          // 400: a field of the wrong type
	CodeInvalidOption       = "invalid_option"         // 400: an option out of range
	CodeTextRequired        = "text_required"          // 422: missing or blank text
	CodeNoSentences         = "no_sentences"           // 422: no candidate sentence
	CodeUnsupportedLanguage = "unsupported_language"   // 422
	CodeDocumentsRequired   = "documents_required"     // 422: a batch without documents
	CodeBodyTooLarge        = "body_too_large"         // 413
	CodeTooManyDocuments    = "too_many_documents"     // 413: over the batch cap
	CodeUnsupportedMedia    = "unsupported_media_type" // 415
	CodeNotFound            = "not_found"              // 404
	CodeMethodNotAllowed    = "method_not_allowed"     // 405
	CodeOverloaded          = "overloaded"             // 503 with Retry-After
	CodeNotReady            = "not_ready"              // 503 from /readyz
	CodeInternal            = "internal"               // 500
)

// Error is an API error: the "error" object of an error response and of a
// failed batch item.
type Error struct {
	// Status is the HTTP status the error is answered with.
	Status int `json:"-"`
	// Code is a stable machine-readable code (see the Code constants).
	Code string `json:"code"`
	// Message is a human-readable explanation.
	Message string `json:"message"`
	// RequestID is the request's X-Request-ID (on whole-response errors only).
	RequestID string `json:"request_id,omitempty"`
}

// Error implements error.
func (e *Error) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message) }

// ErrorResponse is the body of every error response.
type ErrorResponse struct {
	// Error describes what went wrong.
	Error *Error `json:"error"`
}

func apiError(status int, code, format string, args ...any) *Error {
	return &Error{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// toError maps any error to the contract. It is the one place where library
// errors become statuses; anything unknown is a 500 whose details stay in
// the log.
func toError(err error) *Error {
	var e *Error
	switch {
	case errors.As(err, &e):
		return e
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		// The client left while the request waited; nobody reads this.
		return apiError(http.StatusServiceUnavailable, CodeOverloaded, "the request was cancelled before it was served")
	case errors.Is(err, summarize.ErrEmptyText):
		return apiError(http.StatusUnprocessableEntity, CodeTextRequired, "text must not be empty")
	case errors.Is(err, summarize.ErrNoSentences):
		return apiError(http.StatusUnprocessableEntity, CodeNoSentences,
			"no candidate sentence remains in the text once the title and page chrome are removed")
	case errors.Is(err, summarize.ErrUnsupportedLanguage):
		return apiError(http.StatusUnprocessableEntity, CodeUnsupportedLanguage,
			"unsupported language (supported: %s)", strings.Join(summarize.Languages(), ", "))
	default:
		return apiError(http.StatusInternalServerError, CodeInternal, "internal error")
	}
}

// renderError is the one error renderer: it maps err, logs server errors
// with their cause, and writes the JSON error body with the request id.
func renderError(c *gin.Context, logger *slog.Logger, err error) {
	e := *toError(err) // copy: mapped errors may be shared values
	e.RequestID = requestID(c)
	if e.Status >= 500 && e.Code == CodeInternal {
		logger.LogAttrs(c.Request.Context(), slog.LevelError, "request failed",
			slog.String("request_id", e.RequestID), slog.String("error", err.Error()))
	}
	if e.Status == http.StatusServiceUnavailable && e.Code == CodeOverloaded {
		c.Header("Retry-After", "1")
	}
	if e.Status == http.StatusRequestEntityTooLarge {
		// The rest of the body is not read: do not keep the connection.
		c.Header("Connection", "close")
	}
	c.Abort()
	writeJSON(c, e.Status, ErrorResponse{Error: &e})
}
