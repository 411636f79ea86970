/* skim "Get a summary" widget: <script src="https://SKIM-HOST/widget.js" defer></script>
 * Options on it: data-sentences, data-language, data-endpoint, data-button-text.
 * Page markers: [data-skim-article], [data-skim-button]. One global: window.skimWidget. */
(() => {
"use strict";
if (window.skimWidget) return; // loaded twice
const script = document.currentScript || document.querySelector('script[src*="/widget.js"]');
const SKIP = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|IFRAME|OBJECT|EMBED|SVG|CANVAS|VIDEO|AUDIO|BUTTON|INPUT|SELECT|TEXTAREA|FORM|NAV|ASIDE|FOOTER|HEADER|FIGURE|H1|SKIM-SUMMARY)$/;
const BLOCK = /^(P|H[2-6]|LI|BLOCKQUOTE|PRE|DIV|SECTION|ARTICLE|MAIN|TD|TH|DD|DT|UL|OL|DL|TABLE|TR|FIGCAPTION|CAPTION|ADDRESS|BODY)$/;
const CSS = `:host{display:block;margin:1em 0;font-size:16px;line-height:1.5;color:#1b1b1b}
*{box-sizing:border-box}p{margin:0}
.bar{display:flex;flex-wrap:wrap;align-items:center;gap:.5em .75em}.lead{font-weight:600}
.go{font:inherit;background:#0b57d0;color:#fff;border:0;border-radius:999px;padding:.5em 1.15em;font-weight:600;cursor:pointer;min-height:44px}
.go:hover{background:#0842a0}[aria-busy=true]{cursor:progress;opacity:.85}
:focus-visible{outline:3px solid #e8710a;outline-offset:2px}
.panel{margin-top:.75em;padding:1em 1.1em;border:1px solid #c9d2e0;border-left:4px solid #0b57d0;border-radius:8px;background:#f7f9fc;overflow-wrap:anywhere}
.err{border-left-color:#b3261e;background:#fdf1f0}.t{font-weight:600}
.head{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25em 1em;margin-bottom:.5em}.pct{color:#4a5568}
ol{margin:0;padding-left:1.3em}li{margin:.35em 0}
.s{color:inherit;text-decoration:none}.s:hover{text-decoration:underline}
.kw{list-style:none;padding:0;margin:.6em 0 0;display:flex;flex-wrap:wrap;gap:.35em}
.kw li{margin:0;background:#e3eaf6;border-radius:999px;padding:.05em .6em;font-size:.9em}
.note{margin-top:.6em;font-size:.85em;color:#4a5568}`;
// Highlights are in the host page: their attribute-scoped rules go on the document.
const PAGE_CSS = `mark[data-skim-highlight]{background:#fff0a0;color:inherit;box-decoration-break:clone;-webkit-box-decoration-break:clone}
mark[data-skim-highlight][data-skim-current]{background:#ffd54f;outline:2px solid #e8710a}`;

const attr = (name) => ((script && script.getAttribute(name)) || "").trim();
const el = (tag, cls, text, attrs = {}) => {
  const n = document.createElement(tag);
  if (cls) n.className = cls;
  if (text != null) n.textContent = text;
  for (const k in attrs) n.setAttribute(k, attrs[k]);
  return n;
};
// A host's CSP style-src blocks <style> elements, not constructable stylesheets.
const sheet = (css) => {
  try { const s = new CSSStyleSheet(); s.replaceSync(css); return s; } catch { return null; }
};

// [data-skim-article], else the <article>/<main>/parent with the most <p> text.
function findArticle() {
  let best = document.querySelector("[data-skim-article]"), most = 0;
  if (best) return best;
  const score = new Map();
  for (const p of document.querySelectorAll("p")) {
    const box = p.closest("article,main,[role=main]") || p.parentElement, n = (score.get(box) || 0) + p.textContent.length;
    score.set(box, n);
    if (n > most) { most = n; best = box; }
  }
  return best || document.querySelector("article,main") || document.body;
}

const skipped = (n) => SKIP.test(n.nodeName.toUpperCase()) || n.hidden || n.getAttribute("aria-hidden") === "true" ||
  n.hasAttribute("data-skim-ignore") || /^(navigation|complementary|button)$/.test(n.getAttribute("role")) ||
  getComputedStyle(n).display === "none";

const blockOf = (node, root) => {
  for (let n = node.parentNode; n && n !== root; n = n.parentNode) if (BLOCK.test(n.nodeName)) return n;
  return root;
};

// collect returns the article's text (paragraphs apart by blank lines, spaces
// folded) and segs mapping it to the DOM: seg.map[i] is the offset in seg.node
// of character seg.start+i. Offsets are UTF-16 units, as the API's start_utf16.
function collect(root) {
  const out = [], segs = [];
  let len = 0, seg = null, block = null, space = null, brk = "";
  const put = (node, off, ch) => {
    if (!seg || seg.node !== node) segs.push(seg = { node, start: len, map: [] });
    seg.map.push(off);
    out.push(ch);
    len++;
  };
  const walker = document.createTreeWalker(root, 5 /* elements, text */, {
    acceptNode: (n) => (n.nodeType === 1 && skipped(n) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === 1) {
      if (node.nodeName === "BR" && len && !brk) brk = "\n";
      continue;
    }
    const b = blockOf(node, root), s = node.data;
    if (b !== block) { if (len) brk = "\n\n"; block = b; }
    for (let i = 0; i < s.length; i++) {
      if (/[\s\u00a0]/.test(s[i])) {
        if (len && !brk && !space) space = { node, i };
        continue;
      }
      if (brk) { out.push(brk); len += brk.length; seg = null; brk = ""; space = null; }
      if (space) { put(space.node, space.i, " "); space = null; }
      put(node, i, s[i]);
    }
  }
  return { text: out.join(""), segs };
}

// pieces: [start, end) of the collected text as DOM ranges, one per text node.
const pieces = (col, start, end) => col.segs.filter((g) => g.start < end && g.start + g.map.length > start).map((g) => {
  const a = Math.max(start, g.start) - g.start, b = Math.min(end, g.start + g.map.length) - g.start - 1;
  return { node: g.node, from: g.map[a], to: g.map[b] + 1, at: g.start + a };
});

class Widget {
  constructor() {
    this.article = findArticle();
    this.sentences = Math.min(Math.max(parseInt(attr("data-sentences"), 10) || 3, 1), 50);
    this.language = /^auto$/i.test(attr("data-language")) ? "" : attr("data-language");
    let origin = location.origin;
    try { origin = new URL(script.src, location.href).origin; } catch { /* inline: same origin */ }
    this.endpoint = attr("data-endpoint") ? new URL(attr("data-endpoint"), origin + "/").href : origin + "/summarize";
    this.label = attr("data-button-text") || "Get a summary";
    this.state = "idle";
    this.marks = [];
    this.build();
  }

  build() {
    const host = document.createElement("skim-summary");
    const root = host.attachShadow({ mode: "open" });
    const own = sheet(CSS), page = sheet(PAGE_CSS);
    if (own && "adoptedStyleSheets" in root) root.adoptedStyleSheets = [own];
    else root.append(el("style", null, CSS));
    if (page && "adoptedStyleSheets" in document) document.adoptedStyleSheets = [...document.adoptedStyleSheets, page];

    const bound = document.querySelector("[data-skim-button]");
    if (bound) {
      this.button = bound;
      if (!/^(BUTTON|A)$/.test(bound.nodeName)) {
        bound.setAttribute("role", "button");
        if (!bound.hasAttribute("tabindex")) bound.tabIndex = 0;
        bound.addEventListener("keydown", (e) => {
          if (e.key === "Enter" || e.key === " ") { e.preventDefault(); this.toggle(); }
        });
      }
      bound.after(host);
    } else {
      const bar = el("div", "bar");
      this.button = el("button", "go", this.label);
      this.button.type = "button";
      bar.append(el("p", "lead", "No time to read?"), this.button);
      root.append(bar);
      // After the headline, or its header (byline included).
      const h1 = this.article.querySelector("h1"), head = h1 && h1.closest("header");
      const after = head && this.article.contains(head) && head !== this.article ? head : h1;
      if (after) after.after(host);
      else this.article.prepend(host);
    }
    this.button.setAttribute("aria-expanded", "false");
    this.button.addEventListener("click", (e) => { e.preventDefault(); this.toggle(); });
    root.append(this.live = el("div", null, null, { role: "region", "aria-live": "polite", "aria-label": "Article summary" }));
  }

  setState(state) {
    this.state = state;
    const b = this.button;
    b.setAttribute("aria-busy", String(state === "busy"));
    b.setAttribute("aria-expanded", String(state === "shown"));
    if (b.className === "go") b.textContent = state === "busy" ? "Summarizing\u2026" : state === "shown" ? "Hide summary" : this.label;
  }

  async toggle() {
    if (this.state === "shown") return this.hide();
    if (this.state !== "busy") await this.show().catch(() => this.error("The summary widget failed on this page.", ""));
  }

  hide() {
    this.unmark();
    this.live.textContent = "";
    this.setState("idle");
  }

  async show() {
    this.unmark();
    const col = collect(this.article);
    if (!col.text) return this.error("No article text was found on this page.", "");
    const body = { text: col.text, sentences: this.sentences, keywords: 5 };
    const h1 = this.article.querySelector("h1") || document.querySelector("h1");
    const title = h1 && h1.textContent.replace(/\s+/g, " ").trim();
    if (title && title.length < 500) body.title = title;
    if (this.language) body.language = this.language;
    this.setState("busy");
    const ctl = new AbortController(), timer = setTimeout(() => ctl.abort(), 20000);
    let res, data = null;
    try {
      res = await fetch(this.endpoint, {
        method: "POST", signal: ctl.signal,
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      data = await res.json().catch(() => null);
    } catch {
      // A CORS refusal is the same TypeError as a server that is down.
      if (ctl.signal.aborted) return this.error("skim took too long to answer.", "Please try again in a moment.");
      return this.error("skim could not be reached from this page (server down or this site is not allowed to call it).",
        "Please try again later. Site owners: check that skim is running and lists this site's origin in --cors-origins.");
    } finally {
      clearTimeout(timer);
    }
    if (res.ok && data && Array.isArray(data.sentences)) return this.render(col, data);
    if (res.ok) return this.error("skim sent an answer this page cannot read.", "");
    this.failed(res, data);
  }

  failed(res, data) {
    const err = (data && data.error) || {}, id = err.request_id || res.headers.get("X-Request-ID");
    const said = err.message ? "skim said: " + err.message + "." : "";
    if (err.code === "no_sentences" || err.code === "text_required") {
      return this.error("This article is too short to summarize.", "skim found no sentences worth picking in it.");
    }
    if (res.status === 429 || res.status === 503) {
      const wait = parseInt(res.headers.get("Retry-After"), 10);
      return this.error("skim is busy right now.", "Please try again " + (wait > 0 ? "in " + wait + " seconds." : "in a moment."));
    }
    if (res.status === 413) return this.error("This article is too long for skim.", said);
    this.error((res.status >= 500 ? "Something went wrong on the skim server" : "skim could not summarize this article") +
      " (HTTP " + res.status + ").", said + (id ? " Request ID " + id + "." : ""));
  }

  panel(cls) {
    const p = el("div", cls);
    this.live.replaceChildren(p);
    return p;
  }

  error(title, detail) {
    this.setState("error");
    const p = this.panel("panel err");
    p.append(el("p", "t", title));
    if (detail) p.append(el("p", "note", detail));
  }

  render(col, data) {
    const text = col.text, p = this.panel("panel"), head = el("p", "head");
    const pct = Math.round((Number(data.stats && data.stats.reduction) || 0) * 100);
    head.append(el("strong", null, "Summary"), el("span", "pct", pct > 0 ? pct + "% shorter" : "As long as the article"));
    const spans = data.sentences.map((s) => {
      const t = String(s.text);
      let start = s.start_utf16, end = s.end_utf16;
      if (!(start >= 0 && end > start && end <= text.length) || text.slice(start, end) !== t) {
        start = text.indexOf(t); // offsets disagree with the text: search
        end = start + t.length;
      }
      return start >= 0 && t ? [start, end] : null;
    });
    const marks = this.markAll(col, spans), ol = el("ol", null, null, { "aria-label": "Summary sentences" });
    data.sentences.forEach((s, i) => {
      // A link, as it moves within the page.
      const t = String(s.text).replace(/\s+/g, " ").trim(), li = el("li"), a = marks[i].length ? el("a", "s", t) : t;
      if (a !== t) {
        a.href = "#";
        a.addEventListener("click", (e) => { e.preventDefault(); this.jump(marks[i]); });
      }
      li.append(a);
      ol.append(li);
    });
    p.append(head, ol);
    const kw = Array.isArray(data.keywords) ? data.keywords : [];
    if (kw.length) {
      const ul = el("ul", "kw", null, { "aria-label": "Keywords" });
      kw.forEach((k) => ul.append(el("li", null, String(k.term))));
      p.append(ul);
    }
    if (this.marks.length) p.append(el("p", "note", "Highlighted in the article: select a sentence to jump to it."));
    this.setState("shown");
  }

  // markAll wraps each span in <mark data-skim-highlight>s, one per text node
  // (links, <em>, ...), and returns each span's marks.
  markAll(col, spans) {
    const all = [], made = spans.map(() => []);
    spans.forEach((sp, k) => { if (sp) for (const pc of pieces(col, sp[0], sp[1])) all.push({ ...pc, k }); });
    // Back to front: a split keeps the offsets of earlier pieces valid.
    all.sort((a, b) => b.at - a.at);
    for (const pc of all) {
      let n = pc.node;
      if (!n.parentNode || pc.to > n.length || pc.from >= pc.to) continue;
      if (pc.to < n.length) n.splitText(pc.to);
      if (pc.from > 0) n = n.splitText(pc.from);
      const m = el("mark", null, null, { "data-skim-highlight": "" });
      n.before(m);
      m.append(n);
      made[pc.k].unshift(m);
      this.marks.push(m);
    }
    return made;
  }

  jump(marks) {
    for (const m of this.marks) m.removeAttribute("data-skim-current");
    for (const m of marks) m.setAttribute("data-skim-current", "");
    const still = matchMedia("(prefers-reduced-motion: reduce)").matches;
    marks[0].scrollIntoView({ behavior: still ? "auto" : "smooth", block: "center" });
    marks[0].tabIndex = -1; // focus (and screen readers) follow
    marks[0].focus({ preventScroll: true });
  }

  // unmark removes the highlights and rejoins the text nodes markAll split.
  unmark() {
    const parents = new Set();
    for (const m of this.marks) {
      if (!m.parentNode) continue;
      parents.add(m.parentNode);
      m.replaceWith(...m.childNodes);
    }
    for (const p of parents) p.normalize();
    this.marks = [];
  }
}

const start = () => {
  try {
    const w = new Widget();
    Object.assign(window.skimWidget, { toggle: () => w.toggle(), hide: () => w.hide() });
  } catch (e) {
    // The host page keeps working; the reason goes to the console only.
    console.warn("skim widget:", e);
  }
};
window.skimWidget = { version: 1 };
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
})();
