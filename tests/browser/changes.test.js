// The recent-changes page (issue 16): built from the repository's git
// history, so present on CI's clone; no sideways scrolling at 375 and 1280
// px, axe clean in light and dark, the footer links it, and the Atom feed
// beside it parses. Skipped (with a note) on a site built without git.
// Run: ROLEBOOK_SITE=public node --test tests/browser/
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { serve } = require('./server');
const { launch, newContext } = require('./browser');
const { violations } = require('./axe');
const { SITE } = require('./site');

const present = fs.existsSync(path.join(SITE, 'changes.html'));
let server;
let browser;

test.before(async () => {
  if (!present) return;
  server = await serve(SITE);
  browser = await launch();
});

test.after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

for (const width of [375, 1280]) {
  for (const scheme of ['light', 'dark']) {
    test(`changes.html at ${width} px, ${scheme}: no overflow, axe clean, linked from the footer`, { skip: !present && 'built without git' }, async () => {
      const context = await newContext(browser, { viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(server.url + 'index.html');
      await Promise.all([page.waitForURL(/changes\.html$/), page.click('.site-footer a[href="changes.html"]')]);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), width);
      const rows = await page.$$eval('main .card-list li', (lis) => lis.map((li) => li.textContent.trim()));
      assert.ok(rows.length > 0, 'no changes listed');
      assert.ok(rows.every((r) => r.length > 5), rows.join(' | '));
      assert.deepEqual(await violations(page), []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

test('changes.xml is an Atom feed with one entry per listed change', { skip: !present && 'built without git' }, async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(server.url + 'changes.html');
  const listed = await page.$$eval('main .card-list li', (lis) => lis.length);
  // The page's CSP allows no fetch: hand the feed's text to its parser.
  const xml = fs.readFileSync(path.join(SITE, 'changes.xml'), 'utf8');
  const feed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    const ns = 'http://www.w3.org/2005/Atom';
    const error = doc.getElementsByTagName('parsererror').length;
    const entries = [...doc.getElementsByTagNameNS(ns, 'entry')];
    return {
      error,
      root: doc.documentElement.localName,
      entries: entries.length,
      complete: entries.every((e) => ['id', 'title', 'updated', 'link', 'summary'].every((n) => e.getElementsByTagNameNS(ns, n).length === 1)),
      self: !!doc.querySelector('feed > link[rel="self"]'),
    };
  }, xml);
  assert.equal(feed.error, 0);
  assert.equal(feed.root, 'feed');
  assert.equal(feed.entries, listed);
  assert.ok(feed.complete && feed.self);
  await context.close();
});
