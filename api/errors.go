package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/skimhq/skim/summarize"
	"github.com/skimhq/skim/summarize/corpus"
	"github.com/skimhq/skim/summarize/extract"
)

// Code is a stable, machine-readable error code: the "code" of every error
// object, over HTTP and in the output lines of skim batch.
type Code string

// The error codes. statuses gives each its HTTP status; the README and
// openapi.json list exactly these (TestErrorCodesDocumented).
const (
	CodeInvalidJSON         Code = "invalid_json"           // malformed JSON or trailing data
	CodeInvalidBody         Code = "invalid_body"           // the body (or a batch record's file) could not be read
	CodeInvalidField        Code = "invalid_field"          // a field of the wrong type
	CodeInvalidOption       Code = "invalid_option"         // an option out of range
	CodeUnknownField        Code = "unknown_field"          // a JSON field or query parameter the request does not have
	CodeTextRequired        Code = "text_required"          // missing or blank text
	CodeNoSentences         Code = "no_sentences"           // no candidate sentence
	CodeNotText             Code = "not_text"               // binary data, or text in an encoding other than UTF-8
	CodeUnsupportedLanguage Code = "unsupported_language"   // a language skim does not have
	CodeDocumentsRequired   Code = "documents_required"     // a batch without documents
	CodeBodyTooLarge        Code = "body_too_large"         // over the body limit
	CodeTooManyDocuments    Code = "too_many_documents"     // over the batch cap
	CodeRecordTooLarge      Code = "record_too_large"       // a skim batch record over --max-record-bytes
	CodeUnsupportedMedia    Code = "unsupported_media_type" // neither JSON nor plain UTF-8 text
	CodeNotFound            Code = "not_found"              // no such route
	CodeMethodNotAllowed    Code = "method_not_allowed"     // a route with another method
	CodeOverloaded          Code = "overloaded"             // the in-flight budget stayed full
	CodeNotReady            Code = "not_ready"              // models loading, or draining
	CodeOverBudget          Code = "over_budget"            // the summary did not finish within the compute budget
	CodeClientClosed        Code = "client_closed"          // the client went away first (logged, never received)
	CodeFetchDisabled       Code = "fetch_disabled"         // a url to fetch, on a server started without --fetch
	CodeFetchRefused        Code = "fetch_refused"          // a url the fetcher will not contact (scheme, private address)
	CodeFetchFailed         Code = "fetch_failed"           // the page could not be fetched (network error, upstream status)
	CodeFetchTimeout        Code = "fetch_timeout"          // the page did not arrive within --fetch-timeout
	CodeUnsupportedContent  Code = "unsupported_content"    // a fetched page that is not HTML, XHTML or plain text
	CodePageTooLarge        Code = "page_too_large"         // a fetched page over --fetch-max-bytes
	CodeNoArticle           Code = "no_article"             // nothing article-like in the page
	CodeInternal            Code = "internal"               // a bug
)

// statuses is the one table of HTTP statuses, one per Code.
var statuses = map[Code]int{
	CodeInvalidJSON:         http.StatusBadRequest,
	CodeInvalidBody:         http.StatusBadRequest,
	CodeInvalidField:        http.StatusBadRequest,
	CodeInvalidOption:       http.StatusBadRequest,
	CodeUnknownField:        http.StatusBadRequest,
	CodeTextRequired:        http.StatusUnprocessableEntity,
	CodeNoSentences:         http.StatusUnprocessableEntity,
	CodeNotText:             http.StatusUnprocessableEntity,
	CodeUnsupportedLanguage: http.StatusUnprocessableEntity,
	CodeDocumentsRequired:   http.StatusUnprocessableEntity,
	CodeBodyTooLarge:        http.StatusRequestEntityTooLarge,
	CodeTooManyDocuments:    http.StatusRequestEntityTooLarge,
	CodeRecordTooLarge:      http.StatusRequestEntityTooLarge,
	CodeUnsupportedMedia:    http.StatusUnsupportedMediaType,
	CodeNotFound:            http.StatusNotFound,
	CodeMethodNotAllowed:    http.StatusMethodNotAllowed,
	CodeOverloaded:          http.StatusServiceUnavailable,
	CodeNotReady:            http.StatusServiceUnavailable,
	CodeOverBudget:          http.StatusServiceUnavailable,
	CodeClientClosed:        StatusClientClosed,
	CodeFetchDisabled:       http.StatusUnprocessableEntity,
	CodeFetchRefused:        http.StatusUnprocessableEntity,
	CodeFetchFailed:         http.StatusBadGateway,
	CodeFetchTimeout:        http.StatusGatewayTimeout,
	CodeUnsupportedContent:  http.StatusUnprocessableEntity,
	CodePageTooLarge:        http.StatusUnprocessableEntity,
	CodeNoArticle:           http.StatusUnprocessableEntity,
	CodeInternal:            http.StatusInternalServerError,
}

// StatusClientClosed is the status logged (and counted in the metrics) for
// a request whose client went away before the answer: the 499 of nginx.
// Nobody receives it.
const StatusClientClosed = 499

// Status returns the HTTP status of the code (500 for a code not in the
// table, which is a bug).
func (c Code) Status() int {
	if s, ok := statuses[c]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// Error is an API error: the "error" object of an error response, of a
// failed batch item and of a failed skim batch line.
type Error struct {
	// Code is a stable machine-readable code.
	Code Code `json:"code"`
	// Message is a human-readable explanation naming the JSON field at fault.
	Message string `json:"message"`
	// RequestID is the request's X-Request-ID (on whole-response errors only).
	RequestID string `json:"request_id,omitempty"`
}

// Error implements error.
func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// ErrorResponse is the body of every error response.
type ErrorResponse struct {
	// Error describes what went wrong.
	Error *Error `json:"error"`
}

func apiError(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Classify maps an error of the summarizer, of a corpus reader or of this
// package to its code; anything it does not know is CodeInternal.
func Classify(err error) Code {
	var (
		e      *Error
		syntax *json.SyntaxError
		typ    *json.UnmarshalTypeError
	)
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	// The fetch errors come first: a fetch timeout also wraps the
	// context's error, and it is the page that was slow, not skim.
	case errors.Is(err, extract.ErrFetchTimeout):
		return CodeFetchTimeout
	case errors.Is(err, extract.ErrFetchRefused):
		return CodeFetchRefused
	case errors.Is(err, extract.ErrFetchFailed):
		return CodeFetchFailed
	case errors.Is(err, extract.ErrUnsupportedContent):
		return CodeUnsupportedContent
	case errors.Is(err, extract.ErrTooLarge):
		return CodePageTooLarge
	case errors.Is(err, context.DeadlineExceeded):
		return CodeOverBudget
	case errors.Is(err, context.Canceled):
		return CodeClientClosed
	case errors.Is(err, summarize.ErrInvalidOptions):
		return CodeInvalidOption
	case errors.Is(err, summarize.ErrEmptyText), errors.Is(err, corpus.ErrMissingField):
		return CodeTextRequired
	case errors.Is(err, summarize.ErrNoSentences):
		return CodeNoSentences
	case errors.Is(err, summarize.ErrUnsupportedLanguage):
		return CodeUnsupportedLanguage
	case errors.Is(err, extract.ErrNoArticle):
		return CodeNoArticle
	case errors.Is(err, corpus.ErrRecordTooLarge):
		return CodeRecordTooLarge
	case errors.Is(err, corpus.ErrNotText):
		return CodeNotText
	case errors.Is(err, corpus.ErrFieldType), errors.As(err, &typ):
		return CodeInvalidField
	case errors.As(err, &syntax):
		return CodeInvalidJSON
	}
	return CodeInternal
}

// ToError maps any error to the contract: its code and a message for the
// client. The message of an internal error says nothing of its cause,
// which belongs in the log.
func ToError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	code := Classify(err)
	switch code {
	case CodeInternal:
		return apiError(code, "internal error")
	case CodeClientClosed:
		// Nobody reads this: it is for the log.
		return apiError(code, "the client went away before the answer")
	case CodeOverBudget:
		return apiError(code, "the summary did not finish within the server's compute budget; "+
			"send a shorter text, or retry after the Retry-After delay if the server was busy")
	case CodeTextRequired:
		return apiError(code, "text must not be empty")
	case CodeNoSentences:
		return apiError(code, "no candidate sentence remains in the text once the title and page chrome are removed")
	case CodeUnsupportedLanguage:
		return apiError(code, "%s", strings.TrimPrefix(err.Error(), "summarize: "))
	case CodeNoArticle:
		return apiError(code, "no article found in the page: it holds no paragraphs of text once menus, banners and footers are removed")
	}
	var opt *summarize.OptionError
	if errors.As(err, &opt) {
		return apiError(code, "%s", opt.Error())
	}
	return apiError(code, "%s", err.Error())
}

// renderError is the one error renderer: it maps err, logs server errors
// with their cause, and writes the JSON error body with the request id.
func renderError(c *gin.Context, logger *slog.Logger, err error) {
	e := *ToError(err) // copy: mapped errors may be shared values
	e.RequestID = requestID(c)
	status := e.Code.Status()
	if e.Code == CodeInternal {
		logger.LogAttrs(c.Request.Context(), slog.LevelError, "request failed",
			slog.String("request_id", e.RequestID), slog.String("error", err.Error()))
	}
	if e.Code == CodeOverloaded || e.Code == CodeOverBudget {
		c.Header("Retry-After", "1")
	}
	if status == http.StatusRequestEntityTooLarge {
		// The rest of the body is not read: do not keep the connection.
		c.Header("Connection", "close")
	}
	c.Abort()
	writeJSON(c, status, ErrorResponse{Error: &e})
}
