package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Page chrome: the user-interface strings of a web page ("Read more",
// "Share this article"), consent banners, bylines, datelines, captions,
// footers and related-article lists that surround an article pasted from a
// browser (its innerText). The chrome stage keeps the units that read as
// body text and strips the chrome glued to the start of a unit (a
// dateline, share-bar residue); the title stage skips chrome lines; the
// candidates stage drops chrome sentences too.
//
// Two kinds of knowledge: lists of exact strings (a language's own, the
// English page strings below that sites in every language use, and the
// configured ones), looked up in a map; and a few rules for chrome that no
// list can enumerate (a byline names a person, a consent banner words its
// request in many ways). The rules read only the first bytes of a line,
// look for a rare trigger before any further work and never allocate, so
// they cost no more than a pass over each short line.

// pageChrome are English page strings that sites use whatever their
// language, beside the language's own list: consent buttons, account
// prompts, player and caption labels, list headers.
var pageChrome = []string{
	"accept", "accept all", "accept all cookies", "accept cookies", "reject all", "i agree", "agree", "got it",
	"manage preferences", "manage cookies", "cookie settings", "cookie preferences", "manage my preferences",
	"privacy policy", "cookie policy", "terms of use", "terms and conditions", "terms of service",
	"privacy settings", "do not sell my personal information", "contact us", "about us",
	"sign in", "log in", "login", "register", "sign out", "my account", "subscribe now", "subscribe today",
	"create an account", "create a free account", "already a subscriber", "already have an account",
	"media playback is unsupported on your device", "listen to this article", "image source", "image caption",
	"image copyright", "getty images", "copy link", "copy this link", "share this with", "save",
	"load more", "show more", "more stories", "most popular", "most viewed", "popular", "trending",
	"latest news", "recommended", "you may also like", "related stories", "related topics", "related content",
	"topics", "tags", "watch", "listen", "live", "video", "newsletter", "newsletters", "sign up for our newsletter",
	"skip advertisement", "continue reading the main story", "story continues below advertisement",
	"skip to navigation", "search", "back to home", "your email address will not be published", "leave a reply",
	"leave a comment", "previous post", "next post", "reuse this content", "explore more on these topics",
}

// chromeList is the lookup table of one language's chrome strings, in the
// form chromeKey folds them to.
type chromeList map[string]struct{}

// newChromeList builds the table from lists of chrome strings and the
// English page strings.
func newChromeList(lists ...[]string) chromeList {
	m := make(chromeList)
	for _, list := range append(lists, pageChrome) {
		for _, s := range list {
			if k := chromeKey(s); k != "" {
				m[k] = struct{}{}
			}
		}
	}
	return m
}

// has reports whether a line or sentence is a listed chrome string.
func (c chromeList) has(text string) bool {
	text = trimChrome(text)
	if len(text) > maxChromeKey {
		return false // chromeKey is "", which no list holds
	}
	// An ASCII text is folded in a buffer on the stack: most lines and
	// sentences looked up are not chrome, and building their key as
	// chromeKey does would allocate three strings each.
	var buf [maxChromeKey]byte
	n, space := 0, false
	for i := 0; i < len(text); i++ {
		b := text[i]
		if b >= utf8.RuneSelf {
			_, ok := c[chromeKey(text)]
			return ok
		}
		if asciiSpace[b] {
			space = true
			continue
		}
		if space && n > 0 {
			buf[n] = ' '
			n++
		}
		space = false
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		buf[n] = b
		n++
	}
	_, ok := c[string(buf[:n])]
	return ok
}

// maxChromeKey is the length above which a trimmed text has no chrome key.
const maxChromeKey = 64

// asciiSpace marks the ASCII bytes unicode.IsSpace reports, at which
// strings.Fields splits.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// trimChrome trims the white space, punctuation and symbols around text
// as chromeKey does, without decoding when the outer bytes are ASCII
// letters or digits, as those of most text are.
func trimChrome(text string) string {
	if text != "" && isASCIIAlnum(text[0]) && isASCIIAlnum(text[len(text)-1]) {
		return text
	}
	return strings.TrimFunc(text, isChromeTrim)
}

// isASCIIAlnum reports an ASCII letter or digit, which trimChrome keeps.
func isASCIIAlnum(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9'
}

// isChromeTrim reports the runes chromeKey trims off a text.
func isChromeTrim(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
}

// isChrome reports whether a line or sentence is page chrome: a listed
// string or one of the rules (consent banner, account prompt, copyright
// line, byline, date line, caption, "Label: headline" teaser).
func (c chromeList) isChrome(text string) bool {
	return c.has(text) || chromeRule(text)
}

// chromeKey folds a line or sentence to the form page-chrome lists hold:
// lower case, single spaces, no surrounding punctuation or quotes.
func chromeKey(text string) string {
	text = trimChrome(text)
	if len(text) > maxChromeKey { // no chrome string is that long; skip the work
		return ""
	}
	return strings.ToLower(strings.Join(strings.Fields(text), " "))
}

// chromeStage selects the units that read as body text.
type chromeStage struct {
	body []unit
}

// bodyUnits returns the units of view that are neither chrome nor, lacking
// terminal punctuation, short labels, Title Case headlines or lines before
// the first sentence and blank line (a standfirst), nor part of a list of such (related
// headlines), nor in the footer that a copyright line opens; a dateline or share-bar residue at the
// start of a unit is cut off it. Only when no unit is left (text without
// any punctuation) are lines without punctuation read as body text after
// all, those of three words or more (a menu is not a transcript). The
// result is valid until the next call.
func (st *chromeStage) bodyUnits(view string, units []unit, chrome chromeList) []unit {
	st.body = st.body[:0]
	units = units[:footerStart(view, units)]
	for pass := 0; pass < 2 && len(st.body) == 0; pass++ {
		runEnd := 0 // units before runEnd were judged as part of a run that is no list
		// Before the first sentence and the first blank line, lines without
		// terminal punctuation are the page's header (headline, standfirst,
		// kicker), however long.
		header := true
		for i := 0; i < len(units); i++ {
			if pass == 0 && i >= runEnd {
				n, list := listRun(view, units[i:])
				if list {
					i += n - 1
					continue
				}
				runEnd = i + max(n, 1)
			}
			u := units[i]
			u.start += leadChrome(view[u.start:u.end])
			u.start, u.end = trimSpan(view, u.start, u.end)
			if u.start == u.end {
				continue
			}
			line := view[u.start:u.end]
			if chrome.isChrome(line) {
				continue
			}
			if u.paragraph > 0 {
				header = false // a plain article's lede, set apart, is body
			}
			if !endsSentence(line) {
				words := countWords(line)
				if pass == 0 && (header || words < minTerminatedWords || looksLikeHeadline(line)) ||
					pass == 1 && words < 3 && len(units) > 1 {
					continue
				}
			} else if header && countWords(line) >= 3 {
				header = false
			}
			st.body = append(st.body, u)
		}
	}
	return st.body
}

// footerBytes is how far from the end of a page its footer may start.
const footerBytes = 2048

// footerStart returns the index of the first unit of the page footer: the
// first copyright line among the units in the last footerBytes of the
// text, after which come only footer links and boilerplate ("The
// Associated Press is an independent global news organization..."); or
// len(units) when there is none.
func footerStart(view string, units []unit) int {
	footer := len(units)
	for i := len(units) - 1; i >= 0 && len(view)-units[i].start <= footerBytes; i-- {
		if isCopyright(view[units[i].start:units[i].end]) {
			footer = i
		}
	}
	return footer
}

// listRun reads the run of short one-line units of one paragraph that
// opens units and reports its length and whether it is a list of links
// (related headlines, a menu): at least three units, each of at most
// listItemWords words, of which at most a third end a sentence. A body of
// short sentences ends them all; a list of teasers ends few.
func listRun(view string, units []unit) (int, bool) {
	const listItemWords = 16
	n, terminated := 0, 0
	for _, u := range units {
		if u.paragraph != units[0].paragraph {
			break
		}
		line := view[u.start:u.end]
		if len(line) > listItemWords*12 || strings.IndexByte(line, '\n') >= 0 ||
			strings.Count(line, " ") >= listItemWords && countWords(line) > listItemWords {
			break
		}
		if endsSentence(line) {
			terminated++
		}
		n++
	}
	return n, n >= 3 && terminated*3 <= n
}

// chromeRule reports whether text is chrome by one of the rules that lists
// cannot express. Each rule first checks a cheap trigger (a prefix, a rare
// word); text over a kilobyte is a paragraph, never chrome.
func chromeRule(text string) bool {
	if len(text) == 0 || len(text) > 1024 { // no chrome is a long paragraph
		return false
	}
	if isByline(text) || isDateLine(text) || isCaption(text) || isTeaser(text) || isSearchBox(text) {
		return true
	}
	triggers := triggerWords(text)
	return triggers&triggerConsent != 0 && isConsent(text) ||
		triggers&triggerPrompt != 0 && isPrompt(text) ||
		(triggers&triggerRights != 0 || strings.HasPrefix(text, "©") || strings.HasPrefix(text, "(")) && isCopyright(text)
}

// Kinds of trigger words, whose presence lets a costlier rule run.
const (
	triggerConsent = 1 << iota
	triggerPrompt
	triggerRights
)

// triggers maps the lower-case words that consent banners, prompts and
// copyright lines cannot do without to the rules they trigger: one pass
// over the words and a map lookup each is far cheaper than searching a
// sentence for every phrase of every rule.
var triggers = map[string]uint8{
	"cookie": triggerConsent, "cookies": triggerConsent, "consent": triggerConsent, "consenting": triggerConsent,
	"privacy": triggerConsent, "personal": triggerConsent,
	"rights": triggerRights, "copyright": triggerRights,
}

// triggerFilter is a Bloom filter of the trigger words under their hash,
// and triggerInitial marks their first letters: most words of a sentence
// are skipped at their first letter or miss the filter, and never reach
// the map.
var (
	triggerFilter  [64]uint64
	triggerInitial [256]bool
)

func init() {
	for _, w := range strings.Fields(`subscribe subscriber subscribers subscription subscriptions sign log register
		account access journalism inbox email newsletter newsletters reading blocker whitelist contributed editing
		reporting amended corrected free articles article reprints paper`) {
		triggers[w] |= triggerPrompt
	}
	for w := range triggers {
		triggerInitial[w[0]] = true
		h := uint32(0)
		for i := 0; i < len(w); i++ {
			h = h*31 + uint32(w[i])
		}
		triggerFilter[h>>6&63] |= 1 << (h & 63)
	}
}

// triggerWords returns the kinds of trigger words text holds (ASCII words,
// compared in lower case, without allocating).
func triggerWords(text string) uint8 {
	var found uint8
	for i := 0; i < len(text); {
		c := asciiLower[text[i]]
		if c == 0 {
			i++
			continue
		}
		start := i
		if !triggerInitial[c] { // no trigger word starts with this letter
			for i++; i < len(text) && asciiLower[text[i]] != 0; i++ {
			}
			continue
		}
		h := uint32(0)
		for ; i < len(text); i++ {
			c = asciiLower[text[i]]
			if c == 0 {
				break
			}
			h = h*31 + uint32(c)
		}
		if n := i - start; n >= 3 && n <= 16 && triggerFilter[h>>6&63]&(1<<(h&63)) != 0 {
			var buf [16]byte
			for k := 0; k < n; k++ {
				buf[k] = asciiLower[text[start+k]]
			}
			found |= triggers[string(buf[:n])]
		}
	}
	return found
}

// asciiLower maps ASCII letters to lower case and every other byte to 0.
var asciiLower = func() (t [256]byte) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = byte(c), byte(c)
	}
	return t
}()

// isSearchBox reports a search field's label: "Search", "Search CNN...",
// "Search the site".
func isSearchBox(text string) bool {
	return hasPrefixFold(text, "search") && len(text) <= 40 && countWords(text) <= 4 &&
		(len(text) == len("search") || !isWordByte(text[len("search")]))
}

// consentVoice are the phrases with which a site, not an article, speaks
// of cookies: a line holding "cookie" and one of these is a consent banner
// ("We use cookies to improve your experience"), while an article about
// cookie law ("Regulators said sites that use cookies must ask") is not.
var consentVoice = []string{
	"we use", "we and our", "our use", "our site", "our website", "this site", "this website",
	"you agree", "you accept", "you consent", "your consent", "by continuing", "by using", "by clicking",
	"your experience", "your preferences", "your browser", "your device", "cookie policy", "cookie settings",
	"accept all", "manage preferences", "privacy policy", "with your permission", "your privacy", "we value",
	"you may", "your data", "your personal data",
}

// isConsent reports a cookie or consent banner; chromeRule calls it only
// on text holding one of the words banners are about (cookies, consent,
// privacy, personal data).
func isConsent(text string) bool {
	return containsAnyFold(text, consentVoice)
}

// promptVoice are the phrases of sign-in, subscription and newsletter
// prompts, which address the reader.
var promptVoice = []string{
	"subscribe to", "subscribe now", "subscribe for", "subscribe today", "subscribers only", "already a subscriber",
	"already have an account", "create a free account", "create an account", "to continue reading",
	"sign in to continue", "sign in to read", "log in to continue", "log in to read", "sign up to our", "sign up for our",
	"sign up to get", "sign up for free", "sign up now", "register for free", "register now",
	"unlimited access", "support our journalism", "support independent journalism",
	"to your inbox", "sent to your inbox", "in your inbox", "enter your email", "our newsletter",
	"newsletter sign up", "disable your ad blocker", "turn off your ad blocker", "whitelist us",
	// credits and corrections, the newsroom's voice
	"contributed to this report", "contributed reporting", "contributed to this story", "additional reporting by",
	"editing by", "free articles", "free article", "this story has been corrected",
	"a version of this article appears in print", "order reprints", "today's paper", "today’s paper", "this article has been amended", "this article was amended",
}

// isPrompt reports a sign-in, subscription or newsletter prompt, or a
// credit line; prompts are short, so a long paragraph that mentions a
// newsletter is not one. chromeRule calls it only on text holding one of
// the words of such prompts.
func isPrompt(text string) bool {
	return len(text) <= 400 && containsAnyFold(text, promptVoice)
}

// isCopyright reports a copyright or footer line: "© 2024 City News Ltd.",
// "Copyright 2024 ...", "... All rights reserved.".
func isCopyright(text string) bool {
	if len(text) > 300 {
		return false
	}
	if strings.HasPrefix(text, "©") || strings.HasPrefix(text, "(c) ") || strings.HasPrefix(text, "(C) ") {
		return true
	}
	if hasPrefixFold(text, "copyright ") {
		r, _ := utf8.DecodeRuneInString(text[len("copyright "):])
		if r == '©' || isDigit(r) || r == '(' {
			return true
		}
	}
	// "ved" and "VED" open with a rare letter, which strings.Contains
	// skips to fast, unlike "reserved".
	return (strings.Contains(text, "ved") || strings.Contains(text, "VED")) &&
		containsFold(text, "all rights reserved")
}

// isByline reports a byline: "By Jane Smith", "By Jane Smith and John Doe,
// Local Affairs Reporter · 12 March 2024", "Written by ...". The words
// after "By" up to a separator are capitalised names, and the line does not
// read as a sentence: it ends without a period, or it is a short "By Jane
// Smith." ("By Friday, Kyiv said it had retaken the town." is a sentence).
func isByline(text string) bool {
	if len(text) > 200 {
		return false
	}
	rest, ok := cutBy(text)
	if !ok {
		return false
	}
	if endsSentence(text) && countWords(text) > 6 {
		return false
	}
	return namesFollow(rest)
}

// cutBy returns the text after a byline's opening word ("By ", "Written
// by ", "Words by ", "Reporting by "), or false when there is none.
func cutBy(text string) (string, bool) {
	for _, p := range []string{"by ", "written by ", "words by ", "reporting by ", "report by ", "story by ", "edited by ", "posted by ", "published by "} {
		if hasPrefixFold(text, p) {
			return text[len(p):], true
		}
	}
	return "", false
}

// namesFollow reports whether text opens with one to four capitalised
// words (a name, "Jane Smith", "JANE SMITH", "Ana de la Cruz") ended by
// the end of the text or a byline separator (",", "·", "|", "-", "and",
// "in", "for"), and the first word is not a weekday or month ("By Friday").
func namesFollow(text string) bool {
	names := 0
	for text != "" {
		text = strings.TrimLeft(text, " \t")
		if text == "" {
			break
		}
		end := strings.IndexAny(text, " \t,·|")
		word := text
		if end >= 0 {
			word = text[:end]
		}
		sep := end >= 0 && text[end] != ' ' && text[end] != '\t'
		r, _ := utf8.DecodeRuneInString(word)
		switch {
		case unicode.IsUpper(r):
			if names == 0 && isDateWord(strings.ToLower(strings.TrimRight(word, ".,"))) {
				return false
			}
			names++
		case names > 0 && (word == "and" || word == "in" || word == "for" || word == "-" || word == "–" || word == "—" || word == "&"):
			return names <= 4
		case names > 0 && (word == "de" || word == "da" || word == "van" || word == "von" || word == "la" || word == "del" || word == "bin"):
			// particles inside a name
		default:
			return false
		}
		if sep || names > 4 {
			return names >= 1 && names <= 4
		}
		if end < 0 {
			break
		}
		text = text[end:]
	}
	return names >= 1 && names <= 4
}

// bylineStart returns the offset in line of a byline glued to the end of a
// headline ("Council approves bike lanes By Jane Smith, Reporter"), or -1.
func bylineStart(line string) int {
	for i := 0; i+4 < len(line); {
		j := strings.Index(line[i:], " By ")
		if j < 0 {
			j = strings.Index(line[i:], " BY ")
		}
		if j < 0 {
			return -1
		}
		at := i + j + 1
		if isByline(line[at:]) {
			return at
		}
		i = at + 3
	}
	return -1
}

// dateWords are the words of a date or time line ("Published 12 March
// 2024, 10:45 GMT", "Updated 3 hours ago", "5 min read").
var dateWords = wordSet(strings.Fields(`published updated posted last modified on at ago
	just now today yesterday hour hours hr hrs minute minutes min mins second seconds day days week weeks month months year years read
	am pm a.m p.m gmt bst utc cet cest et est edt pt pst pdt ist aest
	jan feb mar apr may jun jul aug sep sept oct nov dec
	january february march april june july august september october november december
	monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun`))

func isDateWord(w string) bool {
	_, ok := dateWords[w]
	return ok
}

// isDateLine reports a line made only of date and time words and figures,
// with at least one figure or a relative time ("ago", "today"), or a
// line that opens with "Posted", "Published" or "Updated" and has a figure
// and no terminal punctuation ("Posted on March 3, 2024 by Sam Lee").
func isDateLine(text string) bool {
	if len(text) > 80 {
		return false
	}
	for _, p := range []string{"posted ", "published ", "updated ", "last updated "} {
		if hasPrefixFold(text, p) && !endsSentence(text) && strings.ContainsAny(text, "0123456789") {
			return true
		}
	}
	figure, words := false, 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) && !(r == '.' || r == ':') {
				break
			}
			i += size
		}
		w := strings.TrimRight(text[start:i], ".:")
		words++
		if isDigit(r0(w)) {
			figure = true
			continue
		}
		var buf [16]byte
		if len(w) > len(buf) || !isDateWord(string(appendLower(buf[:0], w))) {
			return false
		}
		if strings.EqualFold(w, "ago") || strings.EqualFold(w, "today") || strings.EqualFold(w, "yesterday") {
			figure = true
		}
	}
	return words > 0 && figure
}

// r0 returns the first rune of s.
func r0(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// captionMarks open or close image captions and credits.
var captionMarks = []string{"Photograph:", "Photo:", "Picture:", "Image:", "Credit:", "Photo credit:", "Illustration:", "Pictured:"}

// isCaption reports an image caption or credit line: one opening with a
// caption label ("Image caption, Protesters outside...", "Photo: Reuters")
// or carrying a credit ("Protesters gathered on Monday. Photograph: Jane
// Smith/City News", "... (Getty Images)").
func isCaption(text string) bool {
	if len(text) > 400 {
		return false
	}
	for _, p := range []string{"image caption", "image source", "image copyright", "media caption", "caption"} {
		if hasPrefixFold(text, p) && len(text) > len(p) && !isWordByte(text[len(p)]) {
			return true
		}
	}
	if strings.IndexByte(text, ':') >= 0 {
		for _, m := range captionMarks {
			if strings.Contains(text, m) {
				return true
			}
		}
	}
	if hasCreditMark(text) {
		return true // "…on Tuesday.Credit...Alejandro Cegarra for The New York Times"
	}
	trimmed := strings.TrimRight(text, ").] ")
	if trimmed == "" {
		return false
	}
	// Every credit suffix below ends in 's', 'P' or 'A': most sentences
	// end otherwise and need no comparison.
	if c := trimmed[len(trimmed)-1]; c != 's' && c != 'P' && c != 'A' {
		return false
	}
	return strings.HasSuffix(trimmed, "Getty Images") || strings.HasSuffix(trimmed, "/Reuters") ||
		strings.HasSuffix(trimmed, "/AP") || strings.HasSuffix(trimmed, "/AFP") || strings.HasSuffix(trimmed, "/PA")
}

// teaserLabels open a link to another article: "Read more: Council tax to
// rise", "WATCH: ...".
var teaserLabels = []string{"read more", "read also", "also read", "see also", "related", "more", "watch", "listen", "recommended", "must read", "read next", "more on this", "don't miss", "opinion", "analysis"}

// hasCreditMark reports whether text holds "Credit..." or "Credit…", in
// one pass over it.
func hasCreditMark(text string) bool {
	for {
		i := strings.Index(text, "Credit")
		if i < 0 {
			return false
		}
		text = text[i+len("Credit"):]
		if strings.HasPrefix(text, "...") || strings.HasPrefix(text, "…") {
			return true
		}
	}
}

// isTeaser reports a "Label: headline" link to another article.
func isTeaser(text string) bool {
	colon := strings.IndexByte(text, ':')
	if colon <= 0 || colon > 16 || len(text) > 200 {
		return false
	}
	label := strings.TrimSpace(text[:colon])
	for _, l := range teaserLabels {
		if strings.EqualFold(label, l) {
			return true
		}
	}
	return false
}

// leadChrome returns the length of the chrome glued to the start of a
// line: share-bar residue ("Share this withEmailFacebook…Copy this link")
// and a dateline ("Boston (CNN)", "LONDON (Reuters) -", "(CNN) --",
// "WASHINGTON —"), so that the sentence they open starts after them.
func leadChrome(line string) int {
	n := 0
	if k := shareResidue(line); k > 0 {
		n = k
		line = line[k:]
	}
	return n + dateline(line)
}

// shareResidue returns the length of a share bar's text at the start of
// line: "Share this with" and the platform names glued to it, through
// "Copy this link" (possibly broken across lines), or 0.
func shareResidue(line string) int {
	if !hasPrefixFold(line, "share this with") {
		return 0
	}
	rest := line[len("share this with"):]
	limit := min(len(rest), 300)
	if i := strings.Index(rest[:limit], "Copy"); i >= 0 {
		j := skipSpaces(rest, i+len("Copy"), len(rest))
		if hasPrefixFold(rest[j:], "this link") {
			return len("share this with") + j + len("this link")
		}
		return len("share this with") + i + len("Copy")
	}
	// No "Copy this link": the platform names run glued up to a space.
	if i := strings.IndexAny(rest[:limit], " \t\n"); i >= 0 {
		return len("share this with") + i
	}
	return len(line)
}

// newsAgencies are the wire services and broadcasters whose dateline may
// have neither a dash nor a glued word after it: "WASHINGTON (AP) The".
var newsAgencies = wordSet(strings.Fields("cnn reuters ap afp dpa upi ap/afp bloomberg pa efe ansa xinhua tass ians pti bbc cnbc nbc abc cbs ewn aap kyodo yonhap anadolu bernama"))

// dateline returns the length of a dateline at the start of line, with
// the separator and spaces after it, or 0. A dateline is a place of up to
// six capitalised words or figures ("Boston", "NEW YORK, March 12",
// "BANGKOK, Thailand"), possibly none, then a news agency in brackets
// ("(CNN)", "(Reuters)") followed by a dash, a glued capitalised word
// ("(CNN)Guilty"), or, for a known agency, anything; or a place in
// capitals followed by a dash ("WASHINGTON —").
func dateline(line string) int {
	i, words, caps := 0, 0, true
	for words <= 6 && i < len(line) && line[i] != '(' {
		r, _ := utf8.DecodeRuneInString(line[i:])
		if !unicode.IsUpper(r) && !(isDigit(r) && words > 0) { // a place opens with a name, not a figure
			break
		}
		end := i
		for end < len(line) && line[end] != ' ' && line[end] != '(' {
			end++
		}
		word := strings.TrimRight(line[i:end], ",.")
		for _, c := range word {
			if unicode.IsLower(c) {
				caps = false
				break
			}
		}
		words++
		i = end
		for i < len(line) && line[i] == ' ' {
			i++
		}
	}
	if i < len(line) && line[i] == '(' {
		closing := strings.IndexByte(line[i:min(len(line), i+32)], ')')
		if closing < 2 {
			return 0
		}
		agency := line[i+1 : i+closing]
		if r, _ := utf8.DecodeRuneInString(agency); !unicode.IsUpper(r) || strings.ContainsAny(agency, ".,;:") {
			return 0
		}
		j := i + closing + 1
		if k, ok := dashAfter(line, j); ok {
			return k
		}
		_, known := newsAgencies[strings.ToLower(agency)]
		if r, _ := utf8.DecodeRuneInString(line[j:]); j < len(line) && (known || isAllCaps(agency)) &&
			(unicode.IsUpper(r) || r == '"' || r == '“' || r == '‘' || isDigit(r)) {
			return j // glued: "(CNN)Guilty", not "Pascal Gauzere (France)For"
		}
		if known {
			return skipSpaces(line, j, len(line))
		}
		return 0
	}
	if words > 0 && caps && i > 2 {
		if k, ok := dashAfter(line, i); ok {
			return k
		}
	}
	return 0
}

// isAllCaps reports whether s has letters and no lower-case one.
func isAllCaps(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

// dashAfter reports whether spaces and a dash ("-", "--", "—", "–") follow
// offset i of line, and returns the offset of the text after them.
func dashAfter(line string, i int) (int, bool) {
	j := skipSpaces(line, i, len(line))
	switch {
	case strings.HasPrefix(line[j:], "--"):
		j += 2
	case strings.HasPrefix(line[j:], "—"), strings.HasPrefix(line[j:], "–"):
		j += len("—")
	case strings.HasPrefix(line[j:], "-"):
		j++
	default:
		return 0, false
	}
	if j < len(line) && line[j] != ' ' && line[j] != '\t' && line[j] != '\n' {
		return 0, false // a hyphenated word, not a separator
	}
	return skipSpaces(line, j, len(line)), true
}

// containsFold reports whether s holds sub, a lower-case ASCII string,
// ignoring ASCII case, without allocating.
func containsFold(s, sub string) bool {
	if len(sub) == 0 {
		return true
	}
	first := sub[0]
	upper := first
	if first >= 'a' && first <= 'z' {
		upper -= 'a' - 'A'
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		if c := s[i]; (c == first || c == upper) && asciiEqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// containsAnyFold reports whether s holds any of subs (see containsFold).
func containsAnyFold(s string, subs []string) bool {
	for _, sub := range subs {
		if containsFold(s, sub) {
			return true
		}
	}
	return false
}

// hasPrefixFold reports whether s opens with prefix, a lower-case ASCII
// string, ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && asciiEqualFold(s[:len(prefix)], prefix)
}

// asciiEqualFold compares s with lower, a lower-case ASCII string of the
// same length, ignoring ASCII case.
func asciiEqualFold(s, lower string) bool {
	for i := 0; i < len(lower); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= utf8.RuneSelf
}
