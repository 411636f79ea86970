package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Errors a fetch reports, wrapped with details; test for them with
// errors.Is.
var (
	// ErrFetchRefused reports a URL the Fetcher will not contact: a scheme
	// other than http and https, or an address in a private or special
	// range while AllowPrivate is off.
	ErrFetchRefused = errors.New("fetch refused")
	// ErrFetchFailed reports a page that could not be fetched: a network
	// error, an upstream status other than 2xx, or too many redirects.
	ErrFetchFailed = errors.New("fetch failed")
	// ErrFetchTimeout reports a fetch that ran out of its time.
	ErrFetchTimeout = errors.New("fetch timed out")
	// ErrUnsupportedContent reports a response that is not HTML, XHTML or
	// plain text.
	ErrUnsupportedContent = errors.New("unsupported content type")
	// ErrTooLarge reports a response body larger than the Fetcher's
	// MaxBytes.
	ErrTooLarge = errors.New("response too large")
)

// Fetch defaults.
const (
	DefaultTimeout      = 10 * time.Second
	DefaultMaxBytes     = 5 << 20
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "skim (+https://github.com/skimhq/skim)"
)

// Fetcher downloads web pages with guards against server-side request
// forgery: only http and https; every connection's address, after DNS
// resolution and at dial time (so that a name re-resolving to another
// address cannot slip through, nor can a redirect), is refused when it is
// loopback, private, link-local, shared (CGNAT), multicast, unspecified or
// otherwise special, unless AllowPrivate is set; environment proxies are
// ignored, since they would hide the real address. A Fetcher is safe for
// concurrent use once configured; its zero value uses the defaults.
type Fetcher struct {
	// AllowPrivate permits private and special addresses (intranets,
	// tests).
	AllowPrivate bool
	// Timeout bounds the whole fetch, redirects and body included;
	// zero means DefaultTimeout.
	Timeout time.Duration
	// MaxBytes caps the body, after any Content-Encoding is undone; zero
	// means DefaultMaxBytes.
	MaxBytes int64
	// MaxRedirects is how many redirects are followed; zero means
	// DefaultMaxRedirects, a negative value none.
	MaxRedirects int
	// UserAgent is sent with every request; empty means
	// DefaultUserAgent.
	UserAgent string

	// checkAddr, when set, replaces the address check (tests use it to
	// allow one loopback server and refuse another).
	checkAddr func(addr netip.AddrPort) error

	once   sync.Once
	client *http.Client
}

// Page is a fetched web page.
type Page struct {
	// URL is the final address, after redirects.
	URL string
	// ContentType is the response's media type with its parameters, such
	// as "text/html; charset=utf-8".
	ContentType string
	// Body is the response body, at most MaxBytes long.
	Body []byte
}

// IsHTML reports whether the page is HTML or XHTML rather than plain text.
func (p *Page) IsHTML() bool {
	mt, _, _ := mime.ParseMediaType(p.ContentType)
	return mt != "text/plain"
}

func (f *Fetcher) init() {
	f.once.Do(func() {
		dialer := &net.Dialer{
			Timeout:   f.timeout(),
			KeepAlive: 30 * time.Second,
			Control:   f.control,
		}
		transport := &http.Transport{
			Proxy:                 nil, // a proxy would hide the address checked at dial time
			DialContext:           dialer.DialContext,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          16,
			IdleConnTimeout:       60 * time.Second,
			TLSHandshakeTimeout:   f.timeout(),
			ResponseHeaderTimeout: f.timeout(),
		}
		f.client = &http.Client{Transport: transport, CheckRedirect: f.checkRedirect}
	})
}

func (f *Fetcher) timeout() time.Duration {
	if f.Timeout > 0 {
		return f.Timeout
	}
	return DefaultTimeout
}

func (f *Fetcher) maxBytes() int64 {
	if f.MaxBytes > 0 {
		return f.MaxBytes
	}
	return DefaultMaxBytes
}

func (f *Fetcher) maxRedirects() int {
	switch {
	case f.MaxRedirects > 0:
		return f.MaxRedirects
	case f.MaxRedirects < 0:
		return 0
	}
	return DefaultMaxRedirects
}

// control runs after DNS resolution, just before each connection is made.
func (f *Fetcher) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: unparsable address %q", ErrFetchRefused, address)
	}
	if f.checkAddr != nil {
		return f.checkAddr(ap)
	}
	if f.AllowPrivate {
		return nil
	}
	if why := specialAddr(ap.Addr()); why != "" {
		return fmt.Errorf("%w: %s is a %s address", ErrFetchRefused, ap.Addr(), why)
	}
	return nil
}

func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if err := checkScheme(req.URL); err != nil {
		return err
	}
	if n := f.maxRedirects(); len(via) > n {
		return fmt.Errorf("%w: more than %d redirects", ErrFetchFailed, n)
	}
	return nil
}

func checkScheme(u *url.URL) error {
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return fmt.Errorf("%w: scheme %q (want http or https)", ErrFetchRefused, u.Scheme)
	}
	if u.Host == "" {
		return fmt.Errorf("%w: no host in %q", ErrFetchRefused, u.Redacted())
	}
	return nil
}

// specialRanges are the blocks that are not public unicast addresses and
// that netip's predicates do not cover (IANA special-purpose registries).
var specialRanges = []struct {
	prefix netip.Prefix
	name   string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "\"this network\""},
	{netip.MustParsePrefix("100.64.0.0/10"), "shared (CGNAT)"},
	{netip.MustParsePrefix("192.0.0.0/24"), "IETF protocol"},
	{netip.MustParsePrefix("192.0.2.0/24"), "documentation"},
	{netip.MustParsePrefix("198.18.0.0/15"), "benchmarking"},
	{netip.MustParsePrefix("198.51.100.0/24"), "documentation"},
	{netip.MustParsePrefix("203.0.113.0/24"), "documentation"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved"},
	{netip.MustParsePrefix("::/96"), "IPv4-compatible"},
	{netip.MustParsePrefix("64:ff9b::/96"), "NAT64"},
	{netip.MustParsePrefix("64:ff9b:1::/48"), "NAT64"},
	{netip.MustParsePrefix("100::/64"), "discard"},
	{netip.MustParsePrefix("2001::/23"), "IETF protocol"},
	{netip.MustParsePrefix("2001:db8::/32"), "documentation"},
	{netip.MustParsePrefix("2002::/16"), "6to4"},
	{netip.MustParsePrefix("fec0::/10"), "site-local"},
}

// specialAddr names the kind of a non-public address, or returns "" for a
// public unicast one. IPv4-mapped IPv6 addresses are judged as IPv4.
func specialAddr(a netip.Addr) string {
	a = a.Unmap()
	switch {
	case !a.IsValid():
		return "invalid"
	case a.IsUnspecified():
		return "unspecified"
	case a.IsLoopback():
		return "loopback"
	case a.IsPrivate():
		return "private"
	case a.IsLinkLocalUnicast():
		return "link-local"
	case a.IsMulticast():
		return "multicast"
	case a.Is4() && a == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return "broadcast"
	}
	for _, r := range specialRanges {
		if r.prefix.Contains(a) {
			return r.name
		}
	}
	return ""
}

// allowedTypes are the media types a page may have.
var allowedTypes = map[string]bool{
	"text/html":             true,
	"application/xhtml+xml": true,
	"text/plain":            true,
}

// Fetch downloads the page at rawURL, following up to MaxRedirects
// redirects, within Timeout and MaxBytes. A response without a
// Content-Type is accepted when its body looks like HTML.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (*Page, error) {
	f.init()
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFetchRefused, err)
	}
	if err := checkScheme(u); err != nil {
		return nil, err
	}
	parent := ctx
	ctx, cancel := context.WithTimeoutCause(ctx, f.timeout(), ErrFetchTimeout)
	defer cancel()
	page, err := f.fetch(ctx, u)
	if err != nil {
		if perr := parent.Err(); perr != nil {
			return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), perr)
		}
		if context.Cause(ctx) == ErrFetchTimeout || isTimeout(err) {
			return nil, fmt.Errorf("%w: %s after %v", ErrFetchTimeout, u.Redacted(), f.timeout())
		}
		return nil, err
	}
	return page, nil
}

func (f *Fetcher) fetch(ctx context.Context, u *url.URL) (*Page, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFetchRefused, err)
	}
	ua := f.UserAgent
	if ua == "" {
		ua = DefaultUserAgent
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1")
	resp, err := f.client.Do(req)
	if err != nil {
		if isTimeout(err) {
			return nil, err // Fetch reports the timeout
		}
		for _, sentinel := range []error{ErrFetchRefused, ErrFetchFailed} {
			if errors.Is(err, sentinel) {
				return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), unwrapURLError(err))
			}
		}
		return nil, fmt.Errorf("%w: %s: %v", ErrFetchFailed, u.Redacted(), unwrapURLError(err))
	}
	defer resp.Body.Close()
	final := resp.Request.URL.String()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("%w: %s: upstream status %s", ErrFetchFailed, final, resp.Status)
	}
	ct := resp.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if ct != "" && (err != nil || !allowedTypes[mt]) {
		return nil, fmt.Errorf("%w: %s is %q (want text/html, application/xhtml+xml or text/plain)",
			ErrUnsupportedContent, final, ct)
	}
	limit := f.maxBytes()
	if resp.ContentLength > limit {
		return nil, fmt.Errorf("%w: %s announces %d bytes (limit %d)", ErrTooLarge, final, resp.ContentLength, limit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		if isTimeout(err) || ctx.Err() != nil {
			return nil, err // Fetch reports the timeout
		}
		return nil, fmt.Errorf("%w: %s: reading the body: %v", ErrFetchFailed, final, err)
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("%w: %s is over %d bytes", ErrTooLarge, final, limit)
	}
	if ct == "" {
		if !LooksLikeHTML(body) {
			return nil, fmt.Errorf("%w: %s has no Content-Type and does not look like HTML", ErrUnsupportedContent, final)
		}
		ct = "text/html"
	}
	return &Page{URL: final, ContentType: ct, Body: body}, nil
}

// unwrapURLError drops the *url.Error wrapper, whose message repeats the
// method and URL.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
