package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io/fs"
	"log/slog"
	"net/http"
	"regexp"
	"time"

	"github.com/gin-gonic/gin"
)

// Embedded files of the "Get a summary" widget and its demo page.
const (
	widgetFile      = "web/widget.js"
	demoArticleFile = "web/demo-article.html"
)

// inlineStyleRE and inlineScriptRE find the inline <style> and <script>
// elements of the pages, whose hashes their Content-Security-Policy
// allows.
var (
	inlineStyleRE  = regexp.MustCompile(`(?s)<style>(.*?)</style>`)
	inlineScriptRE = regexp.MustCompile(`(?s)<script>(.*?)</script>`)
)

// inlineHashes lists the CSP hash sources of the inline elements re finds.
func inlineHashes(re *regexp.Regexp, page []byte) string {
	hashes := ""
	for _, m := range re.FindAllSubmatch(page, -1) {
		sum := sha256.Sum256(m[1])
		hashes += " 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	return hashes
}

// indexCSP is the policy of the demo page at /: it is self-contained, so
// it runs only its own inline script and style (by hash), talks only to
// skim, and no other site may frame it.
func indexCSP(page []byte) string {
	return "default-src 'none'; script-src" + inlineHashes(inlineScriptRE, page) +
		"; style-src" + inlineHashes(inlineStyleRE, page) +
		"; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
}

// handleWidgetScript serves web/widget.js, the embeddable widget. Article
// pages on other origins load it with a plain <script src>, which needs no
// CORS; Cross-Origin-Resource-Policy lets pages that require CORP load it
// too. The ETag makes revalidation (Cache-Control: no-cache) cost a 304.
func handleWidgetScript(web fs.FS, logger *slog.Logger) gin.HandlerFunc {
	script, err := fs.ReadFile(web, widgetFile)
	if err != nil {
		return missingFile(logger, "no widget in this build")
	}
	sum := sha256.Sum256(script)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		h.Set("Cache-Control", "no-cache")
		h.Set("ETag", etag)
		h.Set("Cross-Origin-Resource-Policy", "cross-origin")
		http.ServeContent(c.Writer, c.Request, "widget.js", time.Time{}, bytes.NewReader(script))
	}
}

// handleDemoArticle serves web/demo-article.html, a made-up news article
// with the widget on it, under a strict Content-Security-Policy (no inline
// scripts, only hashed inline styles), the policy a careful news site has.
func handleDemoArticle(web fs.FS, logger *slog.Logger) gin.HandlerFunc {
	page, err := fs.ReadFile(web, demoArticleFile)
	if err != nil {
		return missingFile(logger, "no demo article in this build")
	}
	csp := demoArticleCSP(page)
	return func(c *gin.Context) {
		c.Header("Content-Security-Policy", csp)
		c.Header("Cache-Control", "no-cache")
		c.Data(http.StatusOK, "text/html; charset=utf-8", page)
	}
}

// demoArticleCSP is the policy of the demo page: scripts, requests and
// stylesheets only from skim itself, plus the page's own inline <style>
// elements by hash. The widget styles itself with constructable
// stylesheets, which such a policy does not block.
func demoArticleCSP(page []byte) string {
	styles := inlineHashes(inlineStyleRE, page)
	return "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'" + styles +
		"; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
}

// missingFile answers 404 for an embedded file a build left out.
func missingFile(logger *slog.Logger, msg string) gin.HandlerFunc {
	return func(c *gin.Context) {
		renderError(c, logger, apiError(CodeNotFound, "%s", msg))
	}
}
