package api

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// emptyDocuments generates {"documents":[{},{},…,{}]} of size bytes
// without holding it in memory, so that a test measures the server's
// allocations, not its own.
type emptyDocuments struct {
	size, off int64
}

// newEmptyDocuments returns the largest such body of at most size bytes.
func newEmptyDocuments(size int64) *emptyDocuments {
	fixed := int64(len(emptyDocsHead) + len(emptyDocsTail))
	return &emptyDocuments{size: fixed + (size-fixed)/3*3}
}

const (
	emptyDocsHead = `{"documents":[`
	emptyDocsTail = `{}]}`
)

func (e *emptyDocuments) Read(p []byte) (int, error) {
	if e.off >= e.size {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && e.off < e.size {
		var c byte
		switch tail := e.size - e.off; {
		case e.off < int64(len(emptyDocsHead)):
			c = emptyDocsHead[e.off]
		case tail <= int64(len(emptyDocsTail)):
			c = emptyDocsTail[int64(len(emptyDocsTail))-tail]
		default:
			c = "{},"[(e.off-int64(len(emptyDocsHead)))%3]
		}
		p[n] = c
		n++
		e.off++
	}
	return n, nil
}

// TestBatchDocumentCapBoundsMemory sends six concurrent 10 MiB bodies of
// empty documents: each gets 413 too_many_documents, and the server
// allocates far less than one body for all six, because it stops decoding
// at the cap instead of decoding millions of documents first. Not
// parallel: it measures the process's allocations.
func TestBatchDocumentCapBoundsMemory(t *testing.T) {
	h := newTestEngine(t, nil)
	const clients = 6
	size := newEmptyDocuments(DefaultBatchMaxBody).size
	// The generator must produce valid JSON of the announced size.
	if b, _ := io.ReadAll(newEmptyDocuments(50)); !json.Valid(b) || int64(len(b)) != newEmptyDocuments(50).size {
		t.Fatalf("generator: %q", b)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	began := time.Now()
	var wg sync.WaitGroup
	recs := make([]*httptest.ResponseRecorder, clients)
	for i := range recs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := httptest.NewRequest(http.MethodPost, "/summarize/batch", newEmptyDocuments(size))
			req.ContentLength = size
			req.Header.Set("Content-Type", "application/json")
			recs[i] = httptest.NewRecorder()
			h.ServeHTTP(recs[i], req)
		}()
	}
	wg.Wait()
	took := time.Since(began)
	runtime.ReadMemStats(&after)
	for i, rec := range recs {
		if rec.Code != http.StatusRequestEntityTooLarge {
			t.Fatalf("client %d: status %d, want 413; body %.200s", i, rec.Code, rec.Body)
		}
		if e := decodeError(t, rec); e.Code != CodeTooManyDocuments {
			t.Errorf("client %d: code %q, want %q", i, e.Code, CodeTooManyDocuments)
		}
	}
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d × %.1f MiB batches of empty documents: %.1f MiB allocated in all, %v", clients, float64(size)/(1<<20), float64(allocated)/(1<<20), took)
	if limit := uint64(size); allocated > limit {
		t.Errorf("the server allocated %.1f MiB for %d rejected batches, want under %.1f MiB (one body)",
			float64(allocated)/(1<<20), clients, float64(limit)/(1<<20))
	}
}

// TestIdleConnectionsDoNotHoldTheBudget opens ten real connections that
// announce large bodies (six 10 MiB batches, four 1 MiB articles), send a
// few bytes and stall; a normal POST /summarize must still be answered 200
// without waiting for budget.
func TestIdleConnectionsDoNotHoldTheBudget(t *testing.T) {
	t.Parallel()
	h := newTestEngine(t, func(c *Config) { c.InflightWait = 2 * time.Second })
	srv := httptest.NewServer(h)
	defer srv.Close()
	addr := srv.Listener.Addr().String()

	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	open := func(path string, length int) {
		c, err := net.DialTimeout("tcp", addr, 2*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", path, length)
		if _, err := io.WriteString(c, head+`{"documents":[`+strings.Repeat(`{"text":"stall"},`, 90)); err != nil {
			t.Fatal(err)
		}
	}
	for range 6 {
		open("/summarize/batch", DefaultBatchMaxBody)
	}
	for range 4 {
		open("/summarize", DefaultMaxBody)
	}
	// Wait until the server is reading all ten bodies.
	metric := func(name string) float64 {
		rec := do(t, h, request{method: http.MethodGet, path: "/metrics"})
		sc := bufio.NewScanner(rec.Body)
		for sc.Scan() {
			var v float64
			if _, err := fmt.Sscanf(sc.Text(), name+" %g", &v); err == nil {
				return v
			}
		}
		return -1
	}
	for deadline := time.Now().Add(5 * time.Second); metric("skim_http_requests_in_flight") < 10; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the server never read the ten stalled requests")
		}
	}
	time.Sleep(50 * time.Millisecond) // let each charge what it charges

	began := time.Now()
	resp, err := http.Post(srv.URL+"/summarize", "text/plain", strings.NewReader(article))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(began)
	t.Logf("POST /summarize beside 10 stalled uploads: %d in %v; budget held by them: %.0f KiB",
		resp.StatusCode, took, metric("skim_inflight_bytes")/1024)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200: %s", resp.StatusCode, body)
	}
	if n := metric("skim_overload_rejections_total"); n != 0 {
		t.Errorf("%g overload rejections, want 0", n)
	}
}
