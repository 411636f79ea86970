package corpus

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// warcRecord is one record of a test archive.
type warcRecord struct {
	typ, uri, contentType string
	block                 string
}

// bytes renders the record in the WARC 1.1 format.
func (r warcRecord) bytes(i int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\n", r.typ, i)
	fmt.Fprintf(&b, "WARC-Date: 2024-03-12T09:30:00Z\r\n")
	if r.uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", r.uri)
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", r.contentType, len(r.block), r.block)
	return b.Bytes()
}

// httpResponse builds an HTTP/1.1 response message.
func httpResponse(status string, headers map[string]string, body string) string {
	var b strings.Builder
	b.WriteString("HTTP/1.1 " + status + "\r\n")
	for k, v := range headers {
		b.WriteString(k + ": " + v + "\r\n")
	}
	if _, ok := headers["Transfer-Encoding"]; !ok {
		fmt.Fprintf(&b, "Content-Length: %d\r\n", len(body))
	}
	b.WriteString("\r\n" + body)
	return b.String()
}

func gzipString(s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.String()
}

func chunked(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		n := min(len(s), 7)
		fmt.Fprintf(&b, "%x\r\n%s\r\n", n, s[:n])
		s = s[n:]
	}
	b.WriteString("0\r\n\r\n")
	return b.String()
}

const (
	page1 = "<!doctype html><html><body><p>First page.</p></body></html>"
	page2 = "<html><body><p>Second page, gzip and chunked.</p></body></html>"
	page3 = "<html><body><p>Last page.</p></body></html>"
)

// testArchive returns the records of a small crawl: pages, and the other
// records a crawler writes around them.
func testArchive() []warcRecord {
	const httpType = "application/http; msgtype=response"
	html := map[string]string{"Content-Type": "text/html; charset=utf-8"}
	return []warcRecord{
		{"warcinfo", "", "application/warc-fields", "software: test\r\n"},
		{"request", "http://example.com/1", "application/http; msgtype=request", "GET /1 HTTP/1.1\r\nHost: example.com\r\n\r\n"},
		{"response", "http://example.com/1", httpType, httpResponse("200 OK", html, page1)},
		{"response", "http://example.com/logo.png", httpType, httpResponse("200 OK", map[string]string{"Content-Type": "image/png"}, "\x89PNG")},
		{"response", "http://example.com/missing", httpType, httpResponse("404 Not Found", html, "<p>Not found</p>")},
		{"response", "https://example.com/2", httpType, httpResponse("200 OK", map[string]string{
			"Content-Type": "application/xhtml+xml", "Content-Encoding": "gzip", "Transfer-Encoding": "chunked",
		}, chunked(gzipString(page2)))},
		{"metadata", "https://example.com/2", "application/warc-fields", "outlinks: none\r\n"},
		{"response", "dns:example.com", "text/dns", "20240312 example.com. 300 IN A 192.0.2.1\n"},
		{"response", "https://example.com/big", httpType, httpResponse("200 OK", html, "<p>"+strings.Repeat("big ", 1000)+"</p>")},
		{"response", "https://example.com/3", httpType, httpResponse("200 OK", html, page3)},
	}
}

// writeArchive writes records as a .warc (plain), a .warc.gz with one gzip
// member per record (the standard layout) or one member for the file.
func writeArchive(t *testing.T, recs []warcRecord, layout string) string {
	path, _ := writeArchiveAt(t, recs, layout)
	return path
}

// writeArchiveAt is writeArchive that also returns the file offset at
// which the last record starts (for whole-file gzip, where the compressed
// data starts).
func writeArchiveAt(t *testing.T, recs []warcRecord, layout string) (string, int) {
	t.Helper()
	var out bytes.Buffer
	var whole *gzip.Writer
	if layout == "whole-gzip" {
		whole = gzip.NewWriter(&out)
	}
	last := 0
	for i, r := range recs {
		if layout != "whole-gzip" {
			last = out.Len()
		}
		switch layout {
		case "plain":
			out.Write(r.bytes(i))
		case "record-gzip":
			zw := gzip.NewWriter(&out)
			zw.Write(r.bytes(i))
			zw.Close()
		case "whole-gzip":
			whole.Write(r.bytes(i))
		}
	}
	if whole != nil {
		whole.Close()
	}
	name := "crawl.warc"
	if layout != "plain" {
		name += ".gz"
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, last
}

func TestWARC(t *testing.T) {
	for _, layout := range []string{"plain", "record-gzip", "whole-gzip"} {
		t.Run(layout, func(t *testing.T) {
			path := writeArchive(t, testArchive(), layout)
			r, err := OpenWARC(path, WARCOptions{MaxRecordBytes: 2000})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			var types []string
			var lastOffset int64 = -1
			for {
				rec, err := r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("Next: %v", err)
				}
				if r.Offset() <= lastOffset {
					t.Errorf("offset %d does not grow past %d", r.Offset(), lastOffset)
				}
				lastOffset = r.Offset()
				line := rec.ID + " " + strings.TrimPrefix(rec.Source, path) + " "
				if rec.Err != nil {
					line += "error: " + rec.Err.Error()
					if !errors.Is(rec.Err, ErrRecordTooLarge) {
						t.Errorf("error %v, want ErrRecordTooLarge", rec.Err)
					}
				} else {
					line += rec.Text
					types = append(types, r.ContentType())
				}
				got = append(got, line)
			}
			want := []string{
				"http://example.com/1 :3 " + page1,
				"https://example.com/2 :6 " + page2,
				"https://example.com/big :9 error",
				"https://example.com/3 :10 " + page3,
			}
			if len(got) != len(want) {
				t.Fatalf("records:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			for i := range want {
				if !strings.HasPrefix(got[i], want[i]) {
					t.Errorf("record %d = %q, want %q", i, got[i], want[i])
				}
			}
			if types[1] != "application/xhtml+xml" {
				t.Errorf("content types = %q", types)
			}
			// warcinfo, request, image, 404, metadata, dns.
			if r.Skipped() != 6 {
				t.Errorf("Skipped = %d, want 6", r.Skipped())
			}
			if err := r.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
			if _, err := r.Next(); !errors.Is(err, ErrClosed) {
				t.Errorf("Next after Close = %v, want ErrClosed", err)
			}
		})
	}
}

func TestWARCTruncated(t *testing.T) {
	pages := map[string]string{"http://example.com/1": page1, "https://example.com/2": page2, "https://example.com/3": page3}
	tests := []struct {
		layout string
		cut    func(size, last int) int // the length to keep
		exact  bool                     // the cut falls inside the last record
	}{
		{"plain", func(size, last int) int { return last + 30 }, true},               // inside the header
		{"plain", func(size, last int) int { return size - 50 }, true},               // inside the body
		{"record-gzip", func(size, last int) int { return (last + size) / 2 }, true}, // inside the last member
		{"record-gzip", func(size, last int) int { return size - 3 }, false},         // inside the gzip trailer
		{"whole-gzip", func(size, last int) int { return size - 10 }, false},
		{"whole-gzip", func(size, last int) int { return size / 2 }, false},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d", tt.layout, i), func(t *testing.T) {
			path, last := writeArchiveAt(t, testArchive(), tt.layout)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data[:tt.cut(len(data), last)], 0o644); err != nil {
				t.Fatal(err)
			}
			r, err := OpenWARC(path, WARCOptions{MaxRecordBytes: 2000})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			var ids []string
			var torn int
			for {
				rec, err := r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("Next: %v (truncation must be a record error)", err)
				}
				if torn > 0 {
					t.Errorf("record after the torn one: %+v", rec)
				}
				switch {
				case errors.Is(rec.Err, ErrRecordTooLarge):
				case rec.Err != nil:
					torn++
					if !errors.Is(rec.Err, io.ErrUnexpectedEOF) {
						t.Errorf("torn record error = %v, want io.ErrUnexpectedEOF", rec.Err)
					}
				case rec.Text != pages[rec.ID]:
					t.Errorf("page %s = %q, want %q", rec.ID, rec.Text, pages[rec.ID])
				default:
					ids = append(ids, rec.ID)
				}
			}
			if torn != 1 {
				t.Errorf("%d torn records, want 1", torn)
			}
			want := []string{"http://example.com/1", "https://example.com/2", "https://example.com/3"}
			if tt.exact {
				want = want[:2]
			}
			if len(ids) > len(want) || strings.Join(ids, " ") != strings.Join(want[:len(ids)], " ") ||
				(tt.exact && len(ids) != len(want)) {
				t.Errorf("pages %q, want %q", ids, want)
			}
		})
	}
}

func TestWARCDamagedHeader(t *testing.T) {
	recs := testArchive()
	var b bytes.Buffer
	for i, r := range recs {
		rb := r.bytes(i)
		if i == 2 {
			rb = []byte("WARC/1.1\r\nthis is not a header line\r\n\r\n")
		}
		b.Write(rb)
	}
	r, err := NewWARC(&b, "mem", WARCOptions{MaxRecordBytes: 100 << 10})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		if rec.Err == nil {
			ids = append(ids, rec.ID)
		}
	}
	if len(ids) == 0 || ids[len(ids)-1] != "https://example.com/3" {
		t.Errorf("pages = %q, want the pages after the damage read", ids)
	}
}

func TestIsWARCName(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"crawl.warc", true}, {"CC-MAIN-1.warc.gz", true}, {"A.WARC.GZ", true},
		{"crawl.warc.zst", false}, {"x.jsonl.gz", false}, {"warc", false},
	}
	for _, tt := range tests {
		if got := IsWARCName(tt.name); got != tt.want {
			t.Errorf("IsWARCName(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func FuzzWARC(f *testing.F) {
	var plain bytes.Buffer
	for i, r := range testArchive() {
		plain.Write(r.bytes(i))
	}
	f.Add(plain.Bytes())
	f.Add([]byte(gzipString(plain.String())))
	f.Add([]byte("WARC/1.1\r\nContent-Length: 99999999999\r\n\r\n"))
	f.Add([]byte("WARC/WARC/WARC/"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewWARC(bytes.NewReader(data), "fuzz", WARCOptions{MaxRecordBytes: 1 << 16})
		if err != nil {
			return
		}
		defer r.Close()
		// Every call makes progress, so a record per input byte (plus
		// the end) bounds the loop.
		for range len(data) + 2 {
			rec, err := r.Next()
			if err != nil {
				return
			}
			if rec.Err == nil && rec.ID == "" {
				t.Errorf("page without an id: %+v", rec)
			}
		}
		t.Fatalf("more records than input bytes")
	})
}
