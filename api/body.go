package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"reflect"
	"strings"
	"time"
	"unsafe"

	"github.com/gin-gonic/gin"
	"golang.org/x/sync/semaphore"
)

// bodyKind is the content type of a request body.
type bodyKind int

const (
	kindJSON bodyKind = iota
	kindText
)

// mediaKind accepts application/json and text/plain, with an optional
// UTF-8 (or US-ASCII) charset parameter; anything else is a 415.
func mediaKind(contentType string) (bodyKind, error) {
	switch contentType { // fast path for the common spellings
	case "application/json", "application/json; charset=utf-8":
		return kindJSON, nil
	case "text/plain", "text/plain; charset=utf-8":
		return kindText, nil
	}
	unsupported := apiError(CodeUnsupportedMedia,
		"Content-Type must be application/json or text/plain; charset=utf-8, got %.100q", contentType)
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return 0, unsupported
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "us-ascii") {
		return 0, unsupported
	}
	switch mt {
	case "application/json":
		return kindJSON, nil
	case "text/plain":
		return kindText, nil
	}
	return 0, unsupported
}

// budget is the in-flight budget: a weighted semaphore over request body
// bytes. A request waits for it at most wait, then is refused; nothing
// queues without bound.
type budget struct {
	sem      *semaphore.Weighted
	capacity int64
	wait     time.Duration
	m        *metrics
}

func newBudget(capacity int64, wait time.Duration, m *metrics) *budget {
	return &budget{sem: semaphore.NewWeighted(capacity), capacity: capacity, wait: wait, m: m}
}

// errOverloaded is answered when the budget stays full for the whole wait.
var errOverloaded = &Error{Code: CodeOverloaded, Message: "the server is busy; retry after the Retry-After delay"}

// acquire takes n bytes of budget (clamped to [1, capacity]) and returns
// the amount taken.
func (b *budget) acquire(ctx context.Context, n int64) (int64, error) {
	n = min(max(n, 1), b.capacity)
	if !b.sem.TryAcquire(n) {
		wctx, cancel := context.WithTimeout(ctx, b.wait)
		err := b.sem.Acquire(wctx, n)
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return 0, fmt.Errorf("wait for in-flight budget: %w", ctx.Err())
			}
			b.m.rejected.Inc()
			return 0, errOverloaded
		}
	}
	b.m.inflightBytes.Add(float64(n))
	return n, nil
}

func (b *budget) release(n int64) {
	if n > 0 {
		b.m.inflightBytes.Sub(float64(n))
		b.sem.Release(n)
	}
}

// bodyReader reads request bodies under a size limit and the in-flight budget.
type bodyReader struct {
	budget *budget
	m      *metrics
}

// errBodyTooLarge builds the 413 of a limit.
func errBodyTooLarge(limit int64) *Error {
	return apiError(CodeBodyTooLarge,
		"request body exceeds the limit of %d bytes", limit)
}

// maxPooledBody is the largest body read into a pooled buffer; larger
// bodies get a buffer of their own, which a text/plain request then uses
// as its text without a copy.
const maxPooledBody = 64 << 10

// requestBody is a request body read whole.
type requestBody struct {
	data   []byte
	pooled *bytes.Buffer // data's buffer when it must go back to the pool
}

// text returns the body as a string: a copy for a pooled buffer, the bytes
// themselves otherwise (they are never written again).
func (b *requestBody) text() string {
	if b.pooled != nil {
		return string(b.data)
	}
	return unsafe.String(unsafe.SliceData(b.data), len(b.data))
}

// free gives a pooled buffer back; data must not be used afterwards.
func (b *requestBody) free() {
	if b.pooled != nil {
		putBuffer(b.pooled)
		b.pooled = nil
	}
	b.data = nil
}

// read reads the whole body, at most limit bytes, holding budget for it
// from before the first byte is read until release is called (after the
// response is written). Trailing bytes count toward the limit like any
// other. The caller frees the body as soon as it has decoded it.
func (br *bodyReader) read(c *gin.Context, limit int64) (body *requestBody, release func(), err error) {
	req := c.Request
	cl := req.ContentLength
	if cl > limit {
		return nil, nil, errBodyTooLarge(limit)
	}
	weight := limit // a chunked body is charged the limit until it is read
	if cl >= 0 {
		weight = cl
	}
	held, err := br.budget.acquire(req.Context(), weight)
	if err != nil {
		return nil, nil, err
	}
	release = func() { br.budget.release(held) }
	body = &requestBody{}
	switch {
	case cl >= 0 && cl <= maxPooledBody, cl < 0:
		buf := getBuffer()
		if cl > 0 {
			buf.Grow(int(cl) + bytes.MinRead) // ReadFrom wants MinRead of room to see EOF
		}
		_, err = buf.ReadFrom(io.LimitReader(req.Body, limit+1))
		if cl < 0 && buf.Cap() > maxPooledBody {
			body.data = buf.Bytes() // too big to pool: the body keeps the buffer
		} else {
			body.data, body.pooled = buf.Bytes(), buf
		}
	default: // a large body of known length: exactly its own buffer
		body.data = make([]byte, cl)
		_, err = io.ReadFull(req.Body, body.data)
	}
	n := int64(len(body.data))
	if err == nil && n > limit {
		err = errBodyTooLarge(limit)
	} else if err != nil {
		err = apiError(CodeInvalidBody, "could not read the request body: %v", err)
	}
	if err != nil {
		body.free()
		release()
		return nil, nil, err
	}
	if extra := held - max(n, 1); extra > 0 {
		br.budget.release(extra)
		held -= extra
	}
	br.m.inputBytes.WithLabelValues(routeLabel(c)).Observe(float64(n))
	return body, release, nil
}

// decodeJSON decodes a whole body into v, mapping decoder errors to the
// contract: malformed JSON and trailing data are invalid_json, a field of
// the wrong type is invalid_field.
func decodeJSON(body []byte, v any) error {
	err := json.Unmarshal(body, v)
	if err == nil {
		return nil
	}
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field == "":
		return apiError(CodeInvalidJSON, "the request body must be a JSON object")
	case errors.As(err, &typeErr):
		return apiError(CodeInvalidField,
			"field %q must be %s, got %s", wireField(typeErr.Field), jsonTypeName(typeErr.Type), typeErr.Value)
	case errors.As(err, &syntaxErr):
		return apiError(CodeInvalidJSON,
			"malformed JSON at byte %d: %s", syntaxErr.Offset, strings.TrimPrefix(syntaxErr.Error(), "json: "))
	default:
		return apiError(CodeInvalidJSON, "malformed JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
}

// wireField is the JSON path of a decoder error's field: encoding/json
// names the fields of an embedded struct after the Go type ("Options.sentences"),
// which a client never sees.
func wireField(field string) string {
	parts := strings.Split(field, ".")
	out := parts[:0]
	for _, p := range parts {
		if p != "Options" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ".")
}

// jsonTypeName names a Go type the way a JSON client thinks of it.
func jsonTypeName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return t.String()
}
