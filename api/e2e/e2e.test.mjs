// Browser test of the "Get a summary" page served by `skim serve`.
//
// run.sh builds skim, starts it on a free port and runs this file with
// SKIM_URL set (e.g. http://127.0.0.1:41234/). It drives Debian's Chromium
// through playwright-core, which downloads no browser of its own.
//
//   SKIM_URL        base URL of a running skim serve (required)
//   CHROMIUM        browser binary (default /usr/bin/chromium)
//   SCREENSHOT      where to write the screenshot (default ./screenshot.png)
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const baseURL = process.env.SKIM_URL;
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const screenshotPath = process.env.SCREENSHOT || join(here, 'screenshot.png');

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

let context, page, userDataDir;
const pageErrors = [];

before(async () => {
  assert.ok(baseURL, 'SKIM_URL must point at a running `skim serve` (run.sh sets it)');
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
  page = context.pages()[0] || (await context.newPage());
  page.on('pageerror', (err) => pageErrors.push(err));
});

afterEach(() => {
  const errors = pageErrors.splice(0);
  assert.deepEqual(errors.map(String), [], 'uncaught errors in the page');
});

after(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

async function open() {
  const res = await page.goto('/', { waitUntil: 'load' });
  assert.equal(res.status(), 200);
}

// summarizeAndWait presses the button (or runs the given action) and returns
// the parsed POST /summarize response once the page has handled it.
async function summarizeAndWait(action) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/summarize') && r.request().method() === 'POST'),
    action ? action() : page.getByRole('button', { name: 'Get a summary' }).click(),
  ]);
  const body = await res.json();
  await page.locator('#result[aria-busy="false"]').waitFor();
  return { status: res.status(), body };
}

const norm = (s) => s.replace(/\s+/g, ' ').trim();

test('the page is served with the sample article, labelled controls and a live region', async () => {
  await open();
  const article = page.getByLabel('Article', { exact: true });
  assert.match(await article.inputValue(), /£600m/);
  assert.match(await article.inputValue(), /[\u0400-\u04FF]/, 'sample has a Cyrillic name');
  assert.equal(await page.getByLabel('Sentences').inputValue(), '3');
  assert.equal(await page.locator('#result').getAttribute('aria-live'), 'polite');
  const button = page.getByRole('button', { name: 'Get a summary' });
  assert.equal(await button.isEnabled(), true);
});

test('the sample article is summarized and highlighted (screenshot)', async () => {
  await open();
  const { status, body } = await summarizeAndWait();
  assert.equal(status, 200);
  assert.equal(body.sentences.length, 3);
  const marks = await page.locator('#article-view mark').allTextContents();
  assert.deepEqual(marks, [...body.sentences].sort((a, b) => a.start_utf16 - b.start_utf16).map((s) => s.text));
  await page.screenshot({ path: screenshotPath });
});

test('a pasted article is summarized to the requested sentences, highlighted in place', async () => {
  await open();
  const article = page.getByLabel('Article', { exact: true });
  await article.fill(''); // select-all + paste would do the same; fill replaces the text
  await article.fill(ARTICLE);
  await page.getByLabel('Sentences').fill(String(SENTENCES));

  const { status, body } = await summarizeAndWait();
  assert.equal(status, 200, JSON.stringify(body));

  // The summary appears, with the requested number of sentences.
  const items = await page.locator('#summary li').allTextContents();
  assert.equal(items.length, SENTENCES);
  assert.equal(body.sentences.length, SENTENCES);
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

  // Focus moved to the result heading; the button is back to normal.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'result-heading');
  const button = page.getByRole('button', { name: 'Get a summary' });
  assert.equal(await button.getAttribute('aria-busy'), 'false');
});

test('an empty article shows a plain-words error in the live region; the button stays usable', async () => {
  await open();
  await page.getByLabel('Article', { exact: true }).fill('');
  const { status, body } = await summarizeAndWait();
  assert.equal(status, 422);
  assert.equal(body.error.code, 'text_required');
  const live = page.locator('[aria-live] #error');
  await live.waitFor();
  assert.match(await live.textContent(), /The article is empty/);
  assert.equal(await page.getByLabel('Article', { exact: true }).getAttribute('aria-invalid'), 'true');
  const button = page.getByRole('button', { name: 'Get a summary' });
  assert.equal(await button.isEnabled(), true);
  assert.equal(await page.locator('#summary').count(), 0);
});

test('the keyboard alone works: Ctrl+Enter in the article summarizes', async () => {
  await open();
  await page.getByLabel('Article', { exact: true }).focus();
  const { status } = await summarizeAndWait(() => page.keyboard.press('Control+Enter'));
  assert.equal(status, 200);
  assert.equal(await page.locator('#summary li').count(), 3);
});

test('server and network failures read as plain words', async () => {
  const cases = [
    { name: '503', fulfill: { status: 503, headers: { 'Retry-After': '2' }, contentType: 'application/json', body: '{"error":{"code":"overloaded","message":"server busy"}}' }, want: /busy right now[\s\S]*in 2 seconds/ },
    { name: '413', fulfill: { status: 413, contentType: 'application/json', body: '{"error":{"code":"body_too_large","message":"request body too large"}}' }, want: /too long/ },
    { name: '500', fulfill: { status: 500, headers: { 'X-Request-ID': 'req-123' }, contentType: 'application/json', body: '{"error":{"code":"internal","message":"internal error"}}' }, want: /went wrong[\s\S]*req-123/ },
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
