// Governance in the browser (issue 19), on the governance fixture built by
// the debug binary (or $ROLEBOOK_BIN): status badges and banners pass axe in
// both colour schemes, search results carry the badge and rank deprecated
// entries last.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { serve } = require('./server');
const { launch, newContext } = require('./browser');
const { violations } = require('./axe');

const REPO = path.join(__dirname, '..', '..');
const BIN = process.env.ROLEBOOK_BIN || path.join(REPO, 'target', 'debug', 'rolebook');

let site;
let server;
let browser;
let context;

test.before(async () => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'rolebook-govern-'));
  execFileSync(BIN, ['build', '--quiet', '--root', path.join(REPO, 'tests', 'fixtures', 'governance'), '--output', site]);
  server = await serve(site);
  browser = await launch();
  context = await newContext(browser);
});

test.after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

async function open(url, scheme = 'light') {
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme: scheme });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.errors = errors;
  await page.goto(server.url + url);
  return page;
}

for (const scheme of ['light', 'dark']) {
  for (const url of ['data-custodian.html', 'data-steward.html', 'kinds/role.html']) {
    test(`axe: badges and banners on ${url} pass (${scheme})`, async () => {
      const page = await open(url, scheme);
      assert.ok(await page.isVisible('.status-badge'), 'no visible status badge');
      assert.deepEqual(await violations(page), []);
      assert.deepEqual(page.errors, []);
      await page.close();
    });
  }
}

// [title, badge text] of every result for `query`.
async function results(page, query) {
  await page.fill('#search-input', '');
  await page.locator('#search-input').focus();
  await page.keyboard.type(query);
  await page.waitForFunction((q) => {
    const panel = document.getElementById('search-panel');
    return panel.hasAttribute('data-complete') && document.getElementById('search-status').textContent.includes(q);
  }, query);
  return page.$$eval('#search-results a', (links) => links.map((a) => [
    a.querySelector('.r-title').textContent,
    (a.querySelector('.status-badge') || { textContent: '' }).textContent,
  ]));
}

test('search badges proposed and deprecated results and ranks deprecated ones last', async () => {
  const page = await open('index.html');
  await page.locator('body').press('/');
  const all = await results(page, 'data');
  const statuses = all.map((r) => r[1]);
  assert.ok(statuses.includes('proposed'), JSON.stringify(all));
  const first = statuses.indexOf('deprecated');
  assert.ok(first > 0, `a deprecated result, not first: ${JSON.stringify(all)}`);
  assert.ok(statuses.slice(first).every((s) => s === 'deprecated'), `deprecated results last: ${JSON.stringify(all)}`);
  // The name itself still loses to a live entry whose body mentions it.
  const named = await results(page, 'records keeper');
  assert.deepEqual(named.map((r) => r[0]), ['Data Steward', 'Records Keeper'], JSON.stringify(named));
  assert.deepEqual(named.map((r) => r[1]), ['proposed', 'deprecated']);
  assert.deepEqual(page.errors, []);
  await page.close();
});
