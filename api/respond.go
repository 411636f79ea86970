package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"sync"

	"github.com/gin-gonic/gin"
)

// bufferPool recycles the buffers responses are encoded into and request
// bodies are read into.
var bufferPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer keeps the buffers of large bodies and responses out of
// the pool, so that a burst of them does not stay allocated.
const maxPooledBuffer = 256 << 10

func getBuffer() *bytes.Buffer {
	b := bufferPool.Get().(*bytes.Buffer)
	b.Reset()
	return b
}

func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= maxPooledBuffer {
		bufferPool.Put(b)
	}
}

// writeJSON encodes v (without HTML escaping) and writes it with status and
// an exact Content-Length.
func writeJSON(c *gin.Context, status int, v any) {
	buf := getBuffer()
	defer putBuffer(buf)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only unencodable values (NaN scores) get here: a bug, not input.
		buf.Reset()
		status = http.StatusInternalServerError
		buf.WriteString(`{"error":{"code":"internal","message":"internal error","request_id":` +
			strconv.Quote(requestID(c)) + "}}\n")
	}
	h := c.Writer.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	c.Status(status)
	_, err := c.Writer.Write(buf.Bytes())
	if err == nil {
		err = flushResponse(c)
	}
	if err != nil {
		c.Set(writeErrorKey, err)
	}
}

// writeErrorKey is the gin context key of the error of writing the
// response, which the access log reports instead of the status.
const writeErrorKey = "skim.write_error"

// flushResponse sends the buffered response now, so that a write timeout
// or a connection the client closed shows up as an error here rather than
// after the handler, where nobody would see it. gin's writer hides the
// error, so the connection's own writer is flushed.
func flushResponse(c *gin.Context) error {
	var w http.ResponseWriter = c.Writer
	if u, ok := w.(interface{ Unwrap() http.ResponseWriter }); ok {
		w = u.Unwrap()
	}
	err := http.NewResponseController(w).Flush()
	if errors.Is(err, http.ErrNotSupported) {
		return nil
	}
	return err
}
