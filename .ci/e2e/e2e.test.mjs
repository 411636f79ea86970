// Browser test of skim's "Get a summary" page (/) and embeddable widget
// (/widget.js on /demo/article and on article pages of other origins).
//
// run.sh builds skim, starts it on a free port with the origin
// http://127.0.0.1:ARTICLE_PORT allowed by CORS, and runs this file. The test
// serves article pages on that port (an allowed origin) and on a second,
// random port (an origin skim does not allow), under a strict CSP. It drives
// Debian's Chromium through playwright-core, which downloads no browser.
//
//   SKIM_URL      base URL of a running skim serve (required)
//   ARTICLE_PORT  port of the allowed origin (required)
//   CHROMIUM      browser binary (default /usr/bin/chromium)
//   SCREENSHOTS   directory for widget.png, widget-375.png and page.png (default ./screenshots)
//   SEED_DIR      shared seed articles; the seed page test is skipped without it
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const baseURL = process.env.SKIM_URL;
const articlePort = Number(process.env.ARTICLE_PORT);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const shots = process.env.SCREENSHOTS || join(here, 'screenshots');
const seedFile = join(process.env.SEED_DIR || join(here, '../../../shared/data/seed'), 'nato-vilnius-summit.txt');
const skimOrigin = baseURL && new URL(baseURL).origin;

// A different article from the page's sample, with non-ASCII before and
// inside the sentences likely to be picked: 2-byte (é, £), 3-byte (€, “ ”),
// Cyrillic and a 4-byte emoji (two UTF-16 code units), so byte offsets,
// code points and JavaScript string indices all disagree.
const ARTICLE = `Riverside library reopens after €12m rebuild

The Riverside public library in Kestrel Vale reopened on Saturday after a €12m rebuild that took almost three years and doubled its floor space. Hundreds of residents queued in the rain before the doors opened at nine o'clock, and one early visitor posted “Finally open 📚” within minutes.

The head librarian, Дмитрий Волков, said the new building had room for 80,000 books, a children's wing and a café run by a local charity. Volkov said visits in the first week were already three times higher than before the old building closed. The library will now stay open until 10pm on weekdays, which the council says is the latest of any library in the region.

The rebuild was paid for by the council, a national heritage fund and £1.5m raised by residents through concerts and sponsored walks. Some councillors had argued that the money should have gone to road repairs instead. The mayor, Renée Okafor, said the library was "the living room of the town" and that it had been worth every penny.

A second phase, adding a recording studio and a small theatre, is planned for 2027 if funding can be found.`;

const SENTENCES = 2;
const norm = (s) => s.replace(/\s+/g, ' ').trim();
const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

let context, page, userDataDir;
const pageErrors = [];
const servers = [];
let allowedOrigin, foreignOrigin, deadPort;

// ---- article pages on other origins -------------------------------------

// hostPages builds the article pages the test servers serve: skim's own demo
// article with the widget loaded from skim, a variant whose endpoint is a
// dead port, a page with no sentences, and the seed article when present.
async function hostPages() {
  const res = await fetch(new URL('/demo/article', baseURL));
  assert.equal(res.status, 200, 'GET /demo/article');
  const demo = await res.text();
  assert.match(demo, /<script src="\/widget\.js" defer/);
  const withWidget = (html, attrs = '') => html.replace('<script src="/widget.js" defer', `<script src="${skimOrigin}/widget.js" defer ${attrs}`);
  const pages = {
    '/article': withWidget(demo),
    '/dead': withWidget(demo, `data-endpoint="http://127.0.0.1:${deadPort}/summarize"`),
    '/options': withWidget(demo, 'data-language="en" data-button-text="Summarize this story"').replace('data-sentences="3"', 'data-sentences="2"'),
    '/plain': plainPage(false),
    '/teasers': plainPage(true),
    '/chrome-only': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chrome only</title>
<script src="${skimOrigin}/widget.js" defer></script></head><body><article><h1>Menu</h1>
<p>Previous Article</p><p>Next Article</p></article></body></html>`,
  };
  if (existsSync(seedFile)) pages['/seed'] = seedPage(readFileSync(seedFile, 'utf8'));
  return pages;
}

// plainPage has no <article> or <main>: the widget must find the block with
// the most paragraph text, and leave the sidebar alone. With teasers, the
// story is one of several <article>s in a <main>, after a teaser.
function plainPage(teasers) {
  const [headline, ...paras] = ARTICLE.split('\n\n');
  const [open, close] = teasers ? ['<main><article class="teaser"><h2>Ferry fares</h2><p>Fares rise in January, the operator says.</p></article><article id="story">', '</article></main>'] : ['<div id="story">', '</div>'];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(headline)}</title>
<script src="${skimOrigin}/widget.js" defer></script></head><body>
<div class="top"><a href="#">Home</a> <a href="#">News</a></div>
${open}<h1>${esc(headline)}</h1>${paras.map((p) => `<p>${esc(p)}</p>`).join('\n')}${close}
<div id="sidebar"><p>Subscribe to our newsletter for weekly updates from Kestrel Vale.</p></div>
</body></html>`;
}

// seedPage lays the shared seed article out as its news site does: headline,
// "No time to read? Get a summary" (the site's own button, bound with
// data-skim-button), paragraphs, then Previous/Next Article links, all in
// one <article> with no semantic hint of which part is chrome.
function seedPage(text) {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const [headline, ...rest] = lines;
  const body = [];
  let cta = false;
  for (let i = 0; i < rest.length; i++) {
    const l = rest[i];
    if (l === 'No time to read?' || l === 'Get a summary') {
      if (!cta && l === 'No time to read?') {
        body.push('<div class="cta" data-skim-ignore>No time to read? <button type="button" data-skim-button>Get a summary</button></div>');
        cta = true;
      }
      continue;
    }
    if ((l === 'Previous Article' || l === 'Next Article') && rest[i + 1]) {
      body.push(`<div class="more"><a href="#">${esc(l)}</a> <a href="#">${esc(rest[++i])}</a></div>`);
      continue;
    }
    body.push(`<p>${esc(l)}</p>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(headline)}</title><script src="${skimOrigin}/widget.js" defer data-sentences="3"></script></head>
<body><article><h1>${esc(headline)}</h1>${body.join('\n')}</article></body></html>`;
}

// strictCSP is the policy of every host page: no inline scripts at all,
// scripts and requests only from skim (and the dead port of /dead), the
// page's own inline styles by hash only.
function strictCSP(html) {
  const hashes = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)]
    .map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  return `default-src 'none'; script-src ${skimOrigin}; connect-src ${skimOrigin} http://127.0.0.1:${deadPort}; ` +
    `style-src ${hashes.join(' ') || "'none'"}; img-src 'self' data:; base-uri 'none'; form-action 'none'`;
}

function serve(pages, port) {
  return new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      const path = new URL(req.url, 'http://x').pathname;
      const html = pages[path];
      if (html === undefined) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': strictCSP(html) }).end(html);
    });
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      servers.push(server);
      resolve(`http://127.0.0.1:${server.address().port}`);
    });
  });
}

// freePort returns a port nothing listens on (a dead skim).
function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// ---- browser ---------------------------------------------------------------

before(async () => {
  assert.ok(baseURL, 'SKIM_URL must point at a running `skim serve` (run.sh sets it)');
  assert.ok(articlePort > 0, 'ARTICLE_PORT must be the port skim allows by CORS (run.sh sets it)');
  mkdirSync(shots, { recursive: true });
  deadPort = await freePort();
  const pages = await hostPages();
  allowedOrigin = await serve(pages, articlePort);
  foreignOrigin = await serve(pages, 0);

  userDataDir = mkdtempSync(join(tmpdir(), 'skim-e2e-chromium-'));
  // launchPersistentContext takes the fresh profile directory that
  // --user-data-dir would name (Playwright refuses that flag in args).
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1000, height: 800 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
    reducedMotion: 'reduce',
    baseURL,
    timeout: 60_000,
  });
  context.setDefaultTimeout(15_000);
  // Record CSP violations: the widget must need no exception to a strict policy.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page = context.pages()[0] || (await context.newPage());
  page.on('pageerror', (err) => pageErrors.push(err));
});

afterEach(async () => {
  const errors = pageErrors.splice(0);
  assert.deepEqual(errors.map(String), [], 'uncaught errors in the page');
  await page.setViewportSize({ width: 1000, height: 800 });
});

after(async () => {
  await context?.close();
  for (const s of servers) s.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

// ---- the widget --------------------------------------------------------------

async function openArticle(url) {
  const res = await page.goto(url, { waitUntil: 'load' });
  assert.equal(res.status(), 200, url);
  await page.waitForFunction(() => window.skimWidget && typeof window.skimWidget.toggle === 'function');
}

const widgetButton = (name = 'Get a summary') => page.getByRole('button', { name, exact: true });
const summaryRegion = () => page.getByRole('region', { name: 'Article summary' });
const summaryItems = () => summaryRegion().getByRole('list', { name: 'Summary sentences' }).getByRole('listitem');

// clickAndWait presses the widget button (or runs action) and returns the
// POST /summarize response once the panel shows it.
async function clickAndWait(action) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/summarize' && r.request().method() === 'POST'),
    action ? action() : widgetButton().click(),
  ]);
  const body = await res.json();
  await page.waitForFunction(() => window.skimWidget && document.querySelector('skim-summary')
    ?.shadowRoot.querySelector('.panel'));
  return { status: res.status(), body, request: res.request().postDataJSON() };
}

// marksBySentence returns, for each summary sentence in the panel, the
// article text that clicking it marks as current, and checks it scrolled
// into view.
async function marksBySentence() {
  const items = summaryItems().getByRole('link');
  const out = [];
  for (let i = 0; i < (await items.count()); i++) {
    await items.nth(i).click();
    const current = page.locator('mark[data-skim-highlight][data-skim-current]');
    out.push(norm((await current.allTextContents()).join('')));
    const box = await current.first().boundingBox();
    const vp = page.viewportSize();
    assert.ok(box && box.y >= 0 && box.y + box.height <= vp.height, `sentence ${i + 1} scrolled into view: ${JSON.stringify(box)}`);
  }
  return out;
}

async function cspViolations() {
  return page.evaluate(() => window.__cspViolations);
}

test('widget: on an allowed origin, the button summarizes the article and highlights its own sentences', async () => {
  await openArticle(`${allowedOrigin}/article`);
  assert.equal(new URL(page.url()).origin !== skimOrigin, true, 'the article is on another origin than skim');
  await assert.doesNotReject(page.getByText('No time to read?').waitFor(), 'the lead-in is shown');
  const articleText = norm(await page.locator('article > p').allInnerTexts().then((t) => t.join(' ')));
  const before = await page.locator('article').evaluate((a) => [...a.querySelectorAll('p')].map((p) => [p.innerHTML, p.childNodes.length]));

  const { status, body, request } = await clickAndWait();
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(request.sentences, 3, 'data-sentences="3" of the demo page');
  assert.equal(request.title, 'Lakeport votes to run its ferries through the night from next summer');
  assert.ok(!('language' in request), 'no data-language: the server decides');
  assert.ok(!request.text.includes('Previous Article') && !request.text.includes('Ferry fares to rise'), 'chrome is not sent');

  // The summary is in an aria-live region, made of the article's own sentences.
  const region = summaryRegion();
  assert.equal(await region.getAttribute('aria-live'), 'polite');
  const items = (await summaryItems().allInnerTexts()).map(norm);
  assert.deepEqual(items, body.sentences.map((s) => norm(s.text)));
  assert.equal(items.length, 3);
  for (const s of items) assert.ok(articleText.includes(s), `"${s}" is a sentence of the article`);
  assert.match(await region.innerText(), new RegExp(`${Math.round(body.stats.reduction * 100)}% shorter`));
  for (const k of body.keywords) assert.ok((await region.innerText()).includes(k.term), `keyword ${k.term} shown`);

  // The same sentences are highlighted in the article, each exactly, and
  // clicking a summary sentence brings its highlight into view.
  assert.deepEqual(await marksBySentence(), items);
  const marked = await page.locator('mark[data-skim-highlight]').evaluateAll((ms) => ms.map((m) => [m.closest('article') !== null, m.closest('nav,aside,header') !== null]));
  assert.ok(marked.length >= 3);
  assert.ok(marked.every(([inArticle, inChrome]) => inArticle && !inChrome), 'highlights only in the article body');
  const chrome = await page.locator('nav, aside').allInnerTexts();
  for (const m of await page.locator('mark[data-skim-highlight]').allInnerTexts()) {
    assert.ok(!chrome.some((c) => c.includes(norm(m)) && norm(m).length > 3), `highlight "${m}" is not chrome`);
  }
  // The lead sentence runs through a link and an <em>: highlighted across them.
  if (items.some((s) => s.includes('night ferry service'))) {
    assert.ok(await page.locator('article a mark[data-skim-highlight]').count() >= 1, 'highlight inside the link');
    assert.ok(await page.locator('article em mark[data-skim-highlight]').count() >= 1, 'highlight inside the <em>');
  }

  // Styled under the host's strict CSP, without a single violation.
  const bg = await widgetButton('Hide summary').evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(bg, 'rgb(11, 87, 208)', 'the widget stylesheet applies under the CSP');
  assert.deepEqual(await cspViolations(), []);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('mark[data-skim-current]').evaluateAll((ms) => ms.forEach((m) => m.removeAttribute('data-skim-current')));
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(shots, 'widget.png'), fullPage: true });

  // A second click hides the panel and takes the highlights out, leaving the
  // article's DOM as it was (text nodes joined again).
  assert.equal(await widgetButton('Hide summary').getAttribute('aria-expanded'), 'true');
  await widgetButton('Hide summary').click();
  assert.equal(await page.locator('mark[data-skim-highlight]').count(), 0);
  assert.equal(await region.innerText(), '');
  assert.equal(await widgetButton().getAttribute('aria-expanded'), 'false');
  const afterHide = await page.locator('article').evaluate((a) => [...a.querySelectorAll('p')].map((p) => [p.innerHTML, p.childNodes.length]));
  assert.deepEqual(afterHide, before);

  // And a third click summarizes again.
  const again = await clickAndWait();
  assert.equal(again.status, 200);
  assert.equal(await page.locator('mark[data-skim-highlight]').count(), marked.length);
});

test('widget: data-sentences, data-language and data-button-text are obeyed', async () => {
  await openArticle(`${allowedOrigin}/options`);
  const { status, request } = await clickAndWait(() => widgetButton('Summarize this story').click());
  assert.equal(status, 200);
  assert.equal(request.sentences, 2);
  assert.equal(request.language, 'en');
  assert.equal(await summaryItems().count(), 2);
});

for (const path of ['/plain', '/teasers']) {
  test(`widget: ${path === '/plain' ? 'without <article> or <main>' : 'among several <article>s'}, the block with the most paragraph text is the article`, async () => {
    await openArticle(`${allowedOrigin}${path}`);
    const { status, body, request } = await clickAndWait();
    assert.equal(status, 200, JSON.stringify(body));
    for (const other of ['newsletter', 'Home', 'Fares rise in January']) assert.ok(!request.text.includes(other), `"${other}" is not sent`);
    assert.ok(!request.text.includes('Riverside library reopens'), 'the headline goes as the title');
    assert.equal(request.title, 'Riverside library reopens after €12m rebuild');
    const inStory = await page.locator('mark[data-skim-highlight]').evaluateAll((ms) => ms.map((m) => m.closest('#story') !== null));
    assert.ok(inStory.length >= 3 && inStory.every(Boolean));
    // Non-ASCII before and inside the sentences (€, Cyrillic, 📚): offsets are UTF-16.
    assert.deepEqual(await marksBySentence(), body.sentences.map((s) => norm(s.text)));
  });
}

test('widget: skim\'s own /demo/article works under its strict CSP', async () => {
  const res = await page.goto('/demo/article', { waitUntil: 'load' });
  assert.match(res.headers()['content-security-policy'], /script-src 'self'/);
  await page.waitForFunction(() => window.skimWidget && window.skimWidget.toggle);
  const { status } = await clickAndWait();
  assert.equal(status, 200);
  assert.equal(await summaryItems().count(), 3);
  assert.ok(await page.locator('mark[data-skim-highlight]').count() >= 3);
  assert.deepEqual(await cspViolations(), []);
});

test('widget: keyboard only — Tab to the button, Enter', async () => {
  await openArticle(`${allowedOrigin}/article`);
  let found = false;
  for (let i = 0; i < 40 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => {
      const a = document.activeElement;
      return a?.tagName === 'SKIM-SUMMARY' && a.shadowRoot.activeElement?.textContent === 'Get a summary';
    });
  }
  assert.ok(found, 'Tab reaches the Get a summary button');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement.shadowRoot.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'keyboard focus is visible');
  const { status } = await clickAndWait(() => page.keyboard.press('Enter'));
  assert.equal(status, 200);
  assert.equal(await summaryItems().count(), 3);
  // Tab on into the summary and Enter on a sentence jumps to its highlight.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('mark[data-skim-current]').count() > 0, true);
});

test('widget: at 375 px the panel fits without horizontal scrolling', async () => {
  await page.setViewportSize({ width: 375, height: 740 });
  await openArticle(`${allowedOrigin}/article`);
  await clickAndWait();
  const fit = await page.evaluate(() => {
    const panel = document.querySelector('skim-summary').shadowRoot.querySelector('.panel').getBoundingClientRect();
    return { scroll: document.documentElement.scrollWidth, width: innerWidth, left: panel.left, right: panel.right };
  });
  assert.ok(fit.scroll <= fit.width, `page scrolls sideways: ${JSON.stringify(fit)}`);
  assert.ok(fit.left >= 0 && fit.right <= fit.width, `panel outside the viewport: ${JSON.stringify(fit)}`);
  await page.locator('skim-summary').scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(shots, 'widget-375.png') });
});

test('widget: a site skim does not allow gets a readable message, not a silent failure', async () => {
  await openArticle(`${foreignOrigin}/article`);
  await widgetButton().click();
  const panel = summaryRegion().locator('.panel');
  await panel.waitFor();
  assert.match(await panel.innerText(), /could not be reached from this page \(server down or this site is not allowed to call it\)/);
  assert.equal(await page.locator('mark[data-skim-highlight]').count(), 0);
  assert.equal(await widgetButton().isEnabled(), true, 'the button can be pressed again');
});

test('widget: skim down (dead port) reads as plain words, the page keeps working', async () => {
  await openArticle(`${allowedOrigin}/dead`);
  await widgetButton().click();
  const panel = summaryRegion().locator('.panel');
  await panel.waitFor();
  assert.match(await panel.innerText(), /could not be reached/);
  assert.deepEqual(await cspViolations(), []);
});

test('widget: an article with no sentences (a real 422) says so', async () => {
  await openArticle(`${allowedOrigin}/chrome-only`);
  const { status, body } = await clickAndWait();
  assert.equal(status, 422);
  assert.equal(body.error.code, 'no_sentences');
  assert.match(await summaryRegion().innerText(), /too short to summarize/);
});

test('widget: server errors show the error JSON in plain words', async () => {
  const cases = [
    { name: '503', fulfill: { status: 503, headers: { 'Retry-After': '7' }, contentType: 'application/json', body: '{"error":{"code":"overloaded","message":"server busy"}}' }, want: /busy right now[\s\S]*in 7 seconds/ },
    { name: '500', fulfill: { status: 500, contentType: 'application/json', body: '{"error":{"code":"internal","message":"internal error","request_id":"req-9"}}' }, want: /went wrong on the skim server \(HTTP 500\)[\s\S]*internal error[\s\S]*req-9/ },
    { name: '400', fulfill: { status: 400, contentType: 'application/json', body: '{"error":{"code":"invalid_option","message":"sentences must be 1..1000"}}' }, want: /could not summarize this article \(HTTP 400\)[\s\S]*sentences must be 1\.\.1000/ },
    { name: 'not JSON', fulfill: { status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' }, want: /HTTP 502/ },
  ];
  for (const c of cases) {
    await page.route('**/summarize', (route) => route.fulfill(c.fulfill));
    try {
      await page.goto('/demo/article', { waitUntil: 'load' });
      await page.waitForFunction(() => window.skimWidget && window.skimWidget.toggle);
      await widgetButton().click();
      const panel = summaryRegion().locator('.panel');
      await panel.waitFor();
      assert.match(await panel.innerText(), c.want, c.name);
    } finally {
      await page.unroute('**/summarize');
    }
  }
});

test('widget: the seed article page, with its own data-skim-button', { skip: !existsSync(seedFile) && `no seed article at ${seedFile}` }, async () => {
  const seed = readFileSync(seedFile, 'utf8');
  await openArticle(`${allowedOrigin}/seed`);
  assert.equal(await page.locator('skim-summary').evaluate((h) => h.shadowRoot.querySelector('.go')), null, 'no second button');
  const { status, body, request } = await clickAndWait();
  assert.equal(status, 200, JSON.stringify(body));
  assert.ok(!request.text.includes('No time to read?'), 'the call to action is not article text');
  const items = (await summaryItems().allInnerTexts()).map(norm);
  assert.equal(items.length, 3);
  for (const s of items) assert.ok(norm(seed).includes(s), `"${s}" is a sentence of the seed`);
  assert.deepEqual(await marksBySentence(), items);
  const marks = norm((await page.locator('mark[data-skim-highlight]').allInnerTexts()).join(' '));
  for (const chrome of ['Previous Article', 'Next Article', 'Iberdrola and Disfrimur', 'Changan Hunter Plus', 'No time to read', 'NATO Vilnius Summit Advances']) {
    assert.ok(!marks.includes(chrome), `chrome "${chrome}" is not highlighted`);
  }
  assert.equal(await page.getByRole('button', { name: 'Get a summary' }).getAttribute('aria-expanded'), 'true');
});

// ---- the paste page (/) ----------------------------------------------------

async function open() {
  const res = await page.goto('/', { waitUntil: 'load' });
  assert.equal(res.status(), 200);
  await page.locator('#form[data-ready="true"]').waitFor();
}

// summarizeAndWait presses the button (or runs the given action) and returns
// the request body and parsed response once the page has handled it.
async function summarizeAndWait(action) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/summarize') && r.request().method() === 'POST'),
    action ? action() : page.getByRole('button', { name: 'Get a summary' }).click(),
  ]);
  const body = await res.json();
  await page.locator('#result[aria-busy="false"]').waitFor();
  return { status: res.status(), body, request: res.request().postDataJSON() };
}

test('page: served with the sample article, labelled controls and a live region', async () => {
  await open();
  const article = page.getByLabel('Article', { exact: true });
  assert.match(await article.inputValue(), /£600m/);
  assert.match(await article.inputValue(), /[\u0400-\u04FF]/, 'sample has a Cyrillic name');
  assert.equal(await page.getByLabel('Length by').inputValue(), 'sentences');
  assert.equal(await page.getByLabel('Sentences', { exact: true }).inputValue(), '3');
  assert.equal(await page.getByLabel('Language').inputValue(), '', 'language defaults to Detect');
  assert.equal(await page.getByLabel('Language').locator('option').first().textContent(), 'Detect');
  const health = await (await fetch(new URL('/healthz', baseURL))).json();
  assert.equal(await page.getByLabel('Web page address').isVisible(), health.fetch === true, 'the URL field is there when the server fetches pages');
  assert.equal(await page.locator('#result').getAttribute('aria-live'), 'polite');
  assert.equal(await page.getByRole('button', { name: 'Get a summary' }).isEnabled(), true);
});

test('page: the sample article is summarized and highlighted (screenshot)', async () => {
  await open();
  const { status, body, request } = await summarizeAndWait();
  assert.equal(status, 200);
  assert.deepEqual(Object.keys(request).sort(), ['keywords', 'sentences', 'text']);
  assert.equal(body.sentences.length, 3);
  const marks = await page.locator('#article-view mark').allTextContents();
  assert.deepEqual(marks, [...body.sentences].sort((a, b) => a.start_utf16 - b.start_utf16).map((s) => s.text));
  await page.screenshot({ path: join(shots, 'page.png'), fullPage: true });
});

test('page: a pasted article is summarized to the requested sentences, highlighted in place', async () => {
  await open();
  const article = page.getByLabel('Article', { exact: true });
  await article.fill(ARTICLE);
  await page.getByLabel('Sentences', { exact: true }).fill(String(SENTENCES));

  const { status, body } = await summarizeAndWait();
  assert.equal(status, 200, JSON.stringify(body));
  const items = await page.locator('#summary li').allTextContents();
  assert.equal(items.length, SENTENCES);
  assert.deepEqual(items, body.sentences.map((s) => norm(s.text)));
  assert.match(await page.locator('#reduction').textContent(), /^\d+% shorter/);
  assert.ok((await page.locator('#keywords li').count()) > 0, 'keywords are shown');

  // Those sentences, and only those, are highlighted in the article view, and
  // the view is the pasted article unchanged (text nodes, not HTML).
  const marks = await page.locator('#article-view mark').allTextContents();
  assert.equal(marks.length, SENTENCES);
  assert.deepEqual(marks.map(norm).sort(), items.slice().sort());
  for (const m of marks) assert.ok(ARTICLE.includes(m), `highlight ${JSON.stringify(m)} is a span of the article`);
  assert.equal(await page.locator('#article-view').textContent(), ARTICLE);

  // Independent of the server's UTF-16 offsets: the byte offsets, converted
  // here, must point at the same highlighted text.
  const bytes = Buffer.from(ARTICLE, 'utf8');
  const fromBytes = body.sentences.map((s) => bytes.subarray(s.start, s.end).toString('utf8'));
  assert.deepEqual(fromBytes.sort(), marks.slice().sort());

  assert.equal(await page.evaluate(() => document.activeElement?.id), 'result-heading');
  assert.equal(await page.getByRole('button', { name: 'Get a summary' }).getAttribute('aria-busy'), 'false');
});

// Each case sets one control of the page and checks the request field it
// drives and, where the server's answer shows it, the effect.
const controlCases = [
  {
    name: 'length by sentences', set: async () => page.getByLabel('Sentences', { exact: true }).fill('2'),
    check: (req, res) => { assert.equal(req.sentences, 2); assert.equal(res.sentences.length, 2); },
  },
  {
    name: 'length by percent of sentences',
    set: async () => { await page.getByLabel('Length by').selectOption('ratio'); await page.getByLabel('Percent', { exact: true }).fill('50'); },
    check: (req, res) => {
      assert.equal(req.ratio, 0.5); assert.ok(!('sentences' in req));
      assert.ok(res.sentences.length >= 1 && res.sentences.length <= Math.ceil(0.5 * res.stats.sentences_in), `${res.sentences.length} of ${res.stats.sentences_in}`);
    },
  },
  {
    name: 'length by words',
    set: async () => { await page.getByLabel('Length by').selectOption('max_words'); await page.getByLabel('Words', { exact: true }).fill('40'); },
    check: (req, res) => { assert.equal(req.max_words, 40); assert.ok(!('sentences' in req)); assert.ok(res.stats.words_out <= 40, `${res.stats.words_out} words`); },
  },
  {
    name: 'title', set: async () => page.getByLabel('Title').fill('Morfa Bay lagoon'),
    check: async (req, res) => { assert.equal(req.title, 'Morfa Bay lagoon'); assert.equal(await page.locator('#result-heading').textContent(), 'Summary: Morfa Bay lagoon'); },
  },
  {
    name: 'language', set: async () => page.getByLabel('Language').selectOption('en'),
    check: (req) => assert.equal(req.language, 'en'),
  },
  {
    name: 'keywords', set: async () => { await page.getByText('More options').click(); await page.getByLabel('Keywords').fill('2'); },
    check: async (req, res) => { assert.equal(req.keywords, 2); assert.equal(res.keywords.length, 2); assert.equal(await page.locator('#keywords li').count(), 2); },
  },
  {
    name: 'at most characters', set: async () => { await page.getByText('More options').click(); await page.getByLabel('At most characters').fill('400'); },
    check: (req, res) => { assert.equal(req.max_chars, 400); assert.ok([...res.sentences.map((s) => s.text).join('')].length <= 400); },
  },
  {
    name: 'order', set: async () => { await page.getByText('More options').click(); await page.getByLabel('Order').selectOption('score'); },
    check: (req, res) => { assert.equal(req.order, 'score'); const sc = res.sentences.map((s) => s.score); assert.deepEqual(sc, [...sc].sort((a, b) => b - a)); },
  },
  ...['quotes', 'questions', 'exclamations'].map((what) => ({
    name: `avoid ${what}`, set: async () => { await page.getByText('More options').click(); await page.getByLabel(`Avoid ${what}`).check(); },
    check: (req) => assert.equal(req[`avoid_${what}`], true),
  })),
];

for (const c of controlCases) {
  test(`page: the "${c.name}" control drives the API`, async () => {
    await open();
    await c.set();
    const { status, body, request } = await summarizeAndWait();
    assert.equal(status, 200, JSON.stringify(body));
    await c.check(request, body);
    assert.ok(await page.locator('#summary li').count() >= 1);
  });
}

test('page: Detect sends no language; the list comes from GET /languages when the server has it', async () => {
  await page.route('**/languages', (route) => route.fulfill({ json: { languages: [{ code: 'en', name: 'English' }, { code: 'xx', name: 'Testish' }] } }));
  try {
    await open();
    const options = await page.getByLabel('Language').locator('option').allTextContents();
    assert.deepEqual(options, ['Detect', 'English (en)', 'Testish (xx)']);
  } finally {
    await page.unroute('**/languages');
  }
  await open();
  assert.ok((await page.getByLabel('Language').locator('option').count()) > 1, 'a language list without /languages too');
  const { request } = await summarizeAndWait();
  assert.ok(!('language' in request));
});

test('page: pasted HTML is sent as html, and the answer (summary or the server\'s message) is shown', async () => {
  await open();
  const html = `<!doctype html><html><body><article><h1>Library reopens</h1>${ARTICLE.split('\n\n').slice(1).map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
  await page.getByLabel('Article', { exact: true }).fill(html);
  assert.match(await page.locator('#format').textContent(), /Recognized as HTML/);
  const { status, body, request } = await summarizeAndWait();
  assert.equal(request.html, html);
  assert.ok(!('text' in request));
  if (status === 200) {
    assert.ok(await page.locator('#summary li').count() >= 1);
  } else {
    // A server without HTML support: its own message, in plain words.
    assert.ok(body.error?.message);
    assert.ok((await page.locator('#error').textContent()).includes(body.error.message));
  }
});

test('page: a web page address is offered when the server fetches pages, and sent as url', async () => {
  const text = 'The council approved the plan on Monday. It will cost €3m. Work starts in May.';
  await page.route('**/healthz', (route) => route.fulfill({ json: { status: 'ok', fetch: true } }));
  await page.route('**/summarize', (route) => route.fulfill({
    json: {
      summary: 'The council approved the plan on Monday.', title: 'Plan approved', text,
      sentences: [{ index: 0, start: 0, end: 40, start_utf16: 0, end_utf16: 40, text: 'The council approved the plan on Monday.', score: 1 }],
      keywords: [{ term: 'council', score: 1 }], stats: { sentences_in: 3, sentences_out: 1, words_in: 15, words_out: 7, reduction: 0.53 },
    },
  }));
  try {
    await open();
    const url = page.getByLabel('Web page address');
    assert.equal(await url.isVisible(), true);
    await url.fill('https://news.example/story');
    const { request } = await summarizeAndWait();
    assert.equal(request.url, 'https://news.example/story');
    assert.ok(!('text' in request) && !('html' in request));
    assert.deepEqual(await page.locator('#article-view mark').allTextContents(), ['The council approved the plan on Monday.']);
    await url.fill('not a url');
    await page.getByRole('button', { name: 'Get a summary' }).click();
    assert.match(await page.locator('#error').textContent(), /web address does not look right/);
    assert.equal(await url.getAttribute('aria-invalid'), 'true');
  } finally {
    await page.unroute('**/healthz');
    await page.unroute('**/summarize');
  }
});

test('page: an empty article shows a plain-words error in the live region; the button stays usable', async () => {
  await open();
  await page.getByLabel('Article', { exact: true }).fill('');
  const { status, body } = await summarizeAndWait();
  assert.equal(status, 422);
  assert.equal(body.error.code, 'text_required');
  const live = page.locator('[aria-live] #error');
  await live.waitFor();
  assert.match(await live.textContent(), /The article is empty/);
  assert.equal(await page.getByLabel('Article', { exact: true }).getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByRole('button', { name: 'Get a summary' }).isEnabled(), true);
  assert.equal(await page.locator('#summary').count(), 0);
});

test('page: out-of-range lengths are caught before sending', async () => {
  await open();
  await page.getByLabel('Length by').selectOption('ratio');
  await page.getByLabel('Percent', { exact: true }).fill('150');
  await page.getByRole('button', { name: 'Get a summary' }).click();
  assert.match(await page.locator('#error').textContent(), /from 1 to 100 in “Percent”/);
  assert.equal(await page.getByLabel('Percent', { exact: true }).getAttribute('aria-invalid'), 'true');
});

test('page: the keyboard alone works: Ctrl+Enter in the article summarizes', async () => {
  await open();
  await page.getByLabel('Article', { exact: true }).focus();
  const { status } = await summarizeAndWait(() => page.keyboard.press('Control+Enter'));
  assert.equal(status, 200);
  assert.equal(await page.locator('#summary li').count(), 3);
});

test('page: server and network failures read as plain words', async () => {
  const cases = [
    { name: '503', fulfill: { status: 503, headers: { 'Retry-After': '2' }, contentType: 'application/json', body: '{"error":{"code":"overloaded","message":"server busy"}}' }, want: /busy right now[\s\S]*in 2 seconds/ },
    { name: '413', fulfill: { status: 413, contentType: 'application/json', body: '{"error":{"code":"body_too_large","message":"request body too large"}}' }, want: /too long/ },
    { name: '500', fulfill: { status: 500, headers: { 'X-Request-ID': 'req-123' }, contentType: 'application/json', body: '{"error":{"code":"internal","message":"internal error"}}' }, want: /went wrong[\s\S]*req-123/ },
    { name: '400', fulfill: { status: 400, contentType: 'application/json', body: '{"error":{"code":"invalid_option","message":"keywords must be 0..1000"}}' }, want: /not accepted[\s\S]*keywords must be 0\.\.1000/ },
    { name: 'network', abort: true, want: /Could not reach the server/ },
  ];
  for (const c of cases) {
    await open();
    await page.route('**/summarize', (route) => (c.abort ? route.abort('connectionrefused') : route.fulfill(c.fulfill)));
    try {
      await page.getByRole('button', { name: 'Get a summary' }).click();
      const live = page.locator('[aria-live] #error');
      await live.waitFor();
      assert.match(await live.textContent(), c.want, c.name);
      await page.locator('#submit[aria-busy="false"]').waitFor();
    } finally {
      await page.unroute('**/summarize');
    }
  }
});
