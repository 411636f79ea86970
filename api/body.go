package api

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"reflect"
	"regexp"
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
	kindHTML
)

// mediaKind accepts application/json and text/plain, with an optional
// UTF-8 (or US-ASCII) charset parameter, and text/html or
// application/xhtml+xml in any charset (the extraction decodes it);
// anything else is a 415.
func mediaKind(contentType string) (bodyKind, error) {
	switch contentType { // fast path for the common spellings
	case "application/json", "application/json; charset=utf-8":
		return kindJSON, nil
	case "text/plain", "text/plain; charset=utf-8":
		return kindText, nil
	}
	unsupported := apiError(CodeUnsupportedMedia,
		"Content-Type must be application/json, text/plain; charset=utf-8 or text/html, got %.100q", contentType)
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return 0, unsupported
	}
	if mt == "text/html" || mt == "application/xhtml+xml" {
		return kindHTML, nil
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

// chargeStep is the budget a body is charged ahead of the bytes it has
// sent: a connection that announces 10 MiB and stalls holds this much,
// not 10 MiB.
const chargeStep = 64 << 10

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

// meteredBody is a request body being read: decompressed, limited, and
// charged to the in-flight budget as its bytes arrive rather than at the
// announced Content-Length, so that connections which announce large
// bodies and stall cannot hold the budget. Its errors are *Error values
// of the contract, and they stick.
type meteredBody struct {
	r      io.Reader
	ctx    context.Context
	budget *budget
	limit  int64 // bytes allowed
	length int64 // bytes announced (-1: unknown, or compressed)
	n      int64 // bytes read
	held   int64 // budget held
	err    error
}

// Read implements io.Reader. It charges the budget ahead of the bytes it
// asks for, at least chargeStep at a time, and never reads more than it
// holds, until the body holds the whole budget or has been read whole.
func (m *meteredBody) Read(p []byte) (int, error) {
	if m.err != nil {
		return 0, m.err
	}
	if len(p) == 0 {
		return 0, nil
	}
	ceiling := min(m.limit+1, m.budget.capacity)
	if m.length >= 0 {
		ceiling = min(ceiling, m.length)
	}
	if want := m.n + int64(len(p)); want > m.held && m.held < ceiling {
		got, err := m.budget.acquire(m.ctx, min(max(want, m.held+chargeStep), ceiling)-m.held)
		if err != nil {
			m.err = err
			return 0, err
		}
		m.held += got
	}
	if room := m.held - m.n; room > 0 && room < int64(len(p)) {
		p = p[:room]
	}
	n, err := m.r.Read(p)
	m.n += int64(n)
	switch {
	case m.n > m.limit:
		m.err = errBodyTooLarge(m.limit)
	case err == io.EOF:
		return n, err
	case err != nil:
		var e *Error
		if !errors.As(err, &e) {
			e = apiError(CodeInvalidBody, "could not read the request body: %v", err)
		}
		m.err = e
	}
	return n, m.err
}

// keep releases the budget held beyond n bytes (at least 1 is kept while
// the request is being worked on).
func (m *meteredBody) keep(n int64) {
	if extra := m.held - max(n, 1); extra > 0 {
		m.budget.release(extra)
		m.held -= extra
	}
}

// release gives back all the budget the body holds.
func (m *meteredBody) release() {
	m.budget.release(m.held)
	m.held = 0
}

// open starts reading the request body under limit (checked after
// decompression). Content-Encoding gzip and deflate are decoded; any
// other encoding is a 415.
func (br *bodyReader) open(c *gin.Context, limit int64) (*meteredBody, error) {
	req := c.Request
	if req.ContentLength > limit {
		return nil, errBodyTooLarge(limit)
	}
	r, decoded, err := decodeContent(req.Header.Get("Content-Encoding"), clientBody{req.Body})
	if err != nil {
		return nil, err
	}
	length := req.ContentLength
	if decoded {
		length = -1 // the decompressed size is unknown until read
	}
	return &meteredBody{r: r, ctx: req.Context(), budget: br.budget, limit: limit, length: length}, nil
}

// errClientGone is the error of a body whose connection closed before its
// announced end: the client went away, so nobody reads the answer.
var errClientGone = &Error{Code: CodeClientClosed, Message: "the client closed the connection while sending the body"}

// clientBody tells a client that went away mid-body (net/http reports
// io.ErrUnexpectedEOF) from a body that is malformed, so that the first is
// logged as client_closed and not as a 400 nobody receives.
type clientBody struct{ r io.Reader }

func (b clientBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = errClientGone
	}
	return n, err
}

// decodeContent wraps body in the decompressor of a Content-Encoding:
// gzip, or deflate (a zlib stream, RFC 9110). A body that does not start
// as its encoding says is invalid_body; an unknown encoding is a 415.
func decodeContent(encoding string, body io.Reader) (r io.Reader, decoded bool, err error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "", "identity":
		return body, false, nil
	case "gzip", "x-gzip":
		r, err = gzip.NewReader(body)
	case "deflate":
		r, err = zlib.NewReader(body)
	default:
		return nil, false, apiError(CodeUnsupportedMedia,
			"Content-Encoding must be gzip, deflate or identity, got %.40q", encoding)
	}
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return nil, false, e
		}
		return nil, false, apiError(CodeInvalidBody, "could not decompress the %s request body: %v", encoding, err)
	}
	return r, true, nil
}

// read reads the whole body, at most limit bytes, charging the budget as
// the bytes arrive and holding it until release is called (after the
// response is written). Trailing bytes count toward the limit like any
// other. The caller frees the body as soon as it has decoded it.
func (br *bodyReader) read(c *gin.Context, limit int64) (body *requestBody, release func(), err error) {
	mb, err := br.open(c, limit)
	if err != nil {
		return nil, nil, err
	}
	body = &requestBody{}
	if mb.length >= 0 && mb.length <= maxPooledBody {
		buf := getBuffer()
		buf.Grow(int(mb.length) + bytes.MinRead) // ReadFrom wants MinRead of room to see EOF
		_, err = buf.ReadFrom(mb)
		body.data, body.pooled = buf.Bytes(), buf
	} else {
		body.data, err = readGrowing(mb, mb.length)
	}
	if err != nil {
		body.free()
		mb.release()
		return nil, nil, err
	}
	n := int64(len(body.data))
	mb.keep(n)
	br.m.inputBytes.WithLabelValues(routeLabel(c)).Observe(float64(n))
	return body, mb.release, nil
}

// readGrowing reads r to its end into a buffer of its own that grows as
// bytes arrive, so that memory follows what was sent, not what was
// announced; with a known length the buffer ends exactly that long.
func readGrowing(r io.Reader, length int64) ([]byte, error) {
	size := int64(4 << 10)
	if length >= 0 {
		size = min(length, chargeStep)
	}
	buf := make([]byte, 0, size)
	for {
		if len(buf) == cap(buf) {
			if length >= 0 && int64(len(buf)) == length {
				var probe [1]byte // the end is due: confirm it without growing
				n, err := io.ReadFull(r, probe[:])
				switch {
				case n == 0 && err == io.EOF:
					return buf, nil
				case err != nil && n == 0:
					return nil, err
				}
				buf = append(buf, probe[0]) // more than announced: keep reading toward the limit
				continue
			}
			next := 2 * int64(cap(buf))
			if length >= 0 && int64(len(buf)) < length {
				next = min(next, length)
			}
			grown := make([]byte, len(buf), next)
			copy(grown, buf)
			buf = grown
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// utf8BOM is the byte order mark some clients write before JSON; it is
// skipped.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeJSON decodes a whole body into v, rejecting unknown fields and
// trailing data; errors are mapped by jsonError.
func decodeJSON(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(body, utf8BOM)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err, "")
	}
	return expectEnd(dec)
}

// expectEnd checks that only whitespace follows the JSON value.
func expectEnd(dec *json.Decoder) error {
	_, err := dec.Token()
	switch {
	case err == io.EOF:
		return nil
	case err == nil:
		return apiError(CodeInvalidJSON, "malformed JSON: data after the object at byte %d", dec.InputOffset())
	}
	return jsonError(err, "")
}

// errUnknownField matches the error encoding/json gives for a field a
// struct does not have (it has no type of its own).
var errUnknownField = regexp.MustCompile(`^json: unknown field "(.*)"$`)

// jsonError maps a decoder error to the contract: malformed JSON and
// trailing data are invalid_json, a field of the wrong type is
// invalid_field, a field the request does not have is unknown_field, and
// the errors of reading the body keep their own codes. where prefixes
// field names ("documents[3]." for a batch document).
func jsonError(err error, where string) *Error {
	var (
		e         *Error
		typeErr   *json.UnmarshalTypeError
		syntaxErr *json.SyntaxError
	)
	switch {
	case errors.As(err, &e):
		return e
	case errors.As(err, &typeErr) && typeErr.Field == "" && where == "":
		return apiError(CodeInvalidJSON, "the request body must be a JSON object")
	case errors.As(err, &typeErr) && typeErr.Field == "":
		return apiError(CodeInvalidField, "%s must be an object, got %s", strings.TrimSuffix(where, "."), typeErr.Value)
	case errors.As(err, &typeErr):
		return apiError(CodeInvalidField,
			"field %q must be %s, got %s", where+wireField(typeErr.Field), jsonTypeName(typeErr.Type), typeErr.Value)
	case errors.As(err, &syntaxErr):
		return apiError(CodeInvalidJSON,
			"malformed JSON at byte %d: %s", syntaxErr.Offset, strings.TrimPrefix(syntaxErr.Error(), "json: "))
	case err == io.EOF:
		return apiError(CodeInvalidJSON, "the request body is empty; it must be a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return apiError(CodeInvalidJSON, "malformed JSON: unexpected end of the body")
	}
	if m := errUnknownField.FindStringSubmatch(err.Error()); m != nil {
		return apiError(CodeUnknownField, "unknown field %q", where+m[1])
	}
	return apiError(CodeInvalidJSON, "malformed JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
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
