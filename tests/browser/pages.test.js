// Browser checks of the default theme in headless Chromium (issue 4 and the
// CSP part of issue 6). Run: ROLEBOOK_SITE=public node --test tests/browser/
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { serve } = require('./server');
const { launch, newContext } = require('./browser');
const { violations } = require('./axe');
const { SITE, fileUrl } = require('./site');

const ENTRY = 'data-product-owner.html';
const COMPARISON = 'compare/dpm-vs-dpo.html';

let server;
let browser;
let context;

test.before(async () => {
  server = await serve(SITE);
  browser = await launch();
  context = await newContext(browser);
});

test.after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

async function open(url, scheme = 'light') {
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme: scheme });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.errors = errors;
  await page.goto(url.includes('://') ? url : server.url + url);
  return page;
}

async function search(page, text) {
  await page.locator('body').press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input', '/ must focus the search box');
  await page.keyboard.type(text);
  // The panel is marked complete once the lazily loaded word shards and
  // summaries for this query have arrived.
  await page.waitForFunction(
    (q) => {
      const panel = document.getElementById('search-panel');
      return !panel.hidden && panel.hasAttribute('data-complete') && document.getElementById('search-status').textContent.includes(q);
    },
    text,
  );
  return page.$$eval('#search-results .r-title', (nodes) => nodes.map((n) => n.textContent));
}

// The title a link's preview must show: the heading of the page it links to
// (previews load from assets/previews/ by the slug in the link's file name).
async function previewTitle(link) {
  const href = (await link.getAttribute('href')).split('#')[0];
  const html = require('node:fs').readFileSync(require('node:path').join(SITE, href), 'utf8');
  return html.match(/<h1>([^<]*)/)[1].trim().replace(/&amp;/g, '&');
}

async function pickRoles(page, slugs) {
  await page.waitForSelector('#picker:not([hidden])');
  for (let i = 0; i < slugs.length; i++) await page.selectOption(`#picker select[name=r${i + 1}]`, slugs[i]);
  await page.waitForSelector('#picked table');
}

test('axe finds real violations (the check can fail)', async () => {
  const page = await context.newPage();
  await page.setContent('<html><body><img src="x.png"><a href="#"></a></body></html>');
  const found = await violations(page);
  assert.ok(found.some((v) => v.startsWith('image-alt')), found.join('\n'));
  await page.close();
});

for (const scheme of ['light', 'dark']) {
  const cases = [
    ['index', 'index.html', null],
    ['an entry', ENTRY, null],
    ['a comparison', COMPARISON, null],
    ['search results', 'index.html', (page) => search(page, 'product')],
    ['the compare page with two roles', 'compare.html', (page) => pickRoles(page, ['data-product-manager', 'data-product-owner'])],
    ['the decision matrix', 'matrix.html', null],
    ['the A–Z index', 'a-z.html', null],
    ['the map', 'map.html', null],
  ];
  for (const [name, url, action] of cases) {
    test(`axe: no WCAG 2.1 AA violations on ${name} (${scheme})`, async () => {
      const page = await open(url, scheme);
      if (action) await action(page);
      const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(dark === 'rgb(255, 255, 255)', scheme === 'light', `background ${dark} in ${scheme}`);
      assert.deepEqual(await violations(page), []);
      assert.deepEqual(page.errors, []);
      await page.close();
    });
  }
}

test('"/" then "dpo" puts Data Product Owner first', async () => {
  const page = await open('index.html');
  const titles = await search(page, 'dpo');
  assert.equal(titles[0], 'Data Product Owner (DPO)', titles.join(' | '));
  await page.close();
});

test('"prodct ownr" still finds Product Owner', async () => {
  const page = await open(ENTRY);
  const titles = await search(page, 'prodct ownr');
  assert.ok(titles.slice(0, 3).includes('Product Owner (PO)') || titles.slice(0, 3).includes('Product Owner'), titles.join(' | '));
  await page.close();
});

test('search is keyboard driven: arrows move, Enter opens, Escape closes', async () => {
  const page = await open('index.html');
  const titles = await search(page, 'data mesh');
  assert.ok(titles.length >= 2, titles.join(' | '));
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.closest('#search-results') !== null), true);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Escape');
  assert.equal(await page.isHidden('#search-panel'), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input');
  await page.fill('#search-input', '');
  await page.keyboard.type('data mesh');
  await page.waitForSelector('#search-results a');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.match(page.url(), /data-mesh\.html$/);
  await page.close();
});

test('search finds words that only occur in a body', async () => {
  const page = await open('index.html');
  const titles = await search(page, 'circulation');
  assert.ok(titles.includes('Data Product Owner (DPO)'), titles.join(' | '));
  await page.close();
});

test('hovering a cross-link shows its preview', async () => {
  const page = await open(ENTRY);
  const link = page.locator('.body a.xref').first();
  const title = await previewTitle(link);
  await link.hover();
  await page.waitForSelector('#link-preview:not([hidden])');
  assert.equal(await page.textContent('#link-preview .p-title'), title);
  assert.ok((await page.textContent('#link-preview .p-summary')).length > 20);
  await page.mouse.move(1, 1);
  await page.waitForSelector('#link-preview', { state: 'hidden' });
  await page.close();
});

test('focusing a cross-link shows its preview; Escape dismisses it', async () => {
  const page = await open(ENTRY);
  const link = page.locator('.relations a.xref').first();
  await link.focus();
  await page.waitForSelector('#link-preview:not([hidden])');
  assert.equal(await link.getAttribute('aria-describedby'), 'link-preview');
  assert.equal(await page.textContent('#link-preview .p-title'), await previewTitle(link));
  assert.equal(await link.getAttribute('data-summary'), null, 'links carry only their slug');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#link-preview', { state: 'hidden' });
  await page.close();
});

// Paths of the compare data scripts a page requests, in order.
function compareRequests(page) {
  const paths = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/\/assets\/compare[-/]/.test(path)) paths.push(path.replace(/^.*\/assets\//, ''));
  });
  return paths;
}

test('picking two roles on the compare page fills the table', async () => {
  const page = await context.newPage();
  const requests = compareRequests(page);
  await page.goto(server.url + 'compare.html');
  assert.equal(await page.isVisible('.needs-js'), false);
  // The menus hold every role, from the names file alone.
  const roles = await page.evaluate(() => window.ROLEBOOK_COMPARE.roles.length);
  assert.equal(await page.$$eval('#picker select[name=r1] option', (os) => os.length), roles + 1);
  assert.equal(typeof await page.evaluate(() => window.ROLEBOOK_COMPARE.roles[0][1]), 'string');
  await pickRoles(page, ['data-product-manager', 'product-owner']);
  const heads = await page.$$eval('#picked thead th', (ths) => ths.map((t) => t.textContent));
  assert.deepEqual(heads, ['Data Product Manager', 'Product Owner']);
  const rows = await page.$$eval('#picked tbody tr', (trs) => trs.map((t) => t.querySelector('th').textContent));
  assert.ok(rows.includes('Primary focus') && rows.includes('Responsibilities'), rows.join(' | '));
  assert.ok(rows.length > 5, rows.join(' | '));
  assert.match(page.url(), /#r=data-product-manager,product-owner$/);
  // Only the details block of the picked roles, once: a third pick from
  // the same block loads nothing more.
  const block = await page.evaluate(() => window.ROLEBOOK_COMPARE.block);
  const index = await page.evaluate(() => window.ROLEBOOK_COMPARE.roles.findIndex((r) => r[1] === 'Product Owner'));
  assert.deepEqual(requests, ['compare-data.js', `compare/c-${Math.floor(index / block)}.js`]);
  await page.selectOption('#picker select[name=r3]', 'data-product-owner');
  await page.waitForFunction(() => document.querySelectorAll('#picked thead th').length === 3);
  assert.equal(requests.length, 2, requests.join(' '));
  await page.close();
});

test('the compare page restores its picks from the address', async () => {
  const page = await open('compare.html#r=product-owner,data-product-owner');
  await page.waitForSelector('#picked table');
  const heads = await page.$$eval('#picked thead th', (ths) => ths.map((t) => t.textContent));
  assert.deepEqual(heads, ['Product Owner', 'Data Product Owner']);
  assert.equal(await page.textContent('#picked-status'), 'Comparing Product Owner, Data Product Owner.');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a pick changed while its details load draws no stale table', async () => {
  const page = await open('compare.html');
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/assets/compare/c-*.js', async (route) => { await held; await route.continue(); });
  await page.waitForSelector('#picker:not([hidden])');
  await page.selectOption('#picker select[name=r1]', 'data-product-manager');
  await page.selectOption('#picker select[name=r2]', 'product-owner');
  assert.equal(await page.textContent('#picked-status'), 'Loading Data Product Manager, Product Owner…');
  await page.selectOption('#picker select[name=r2]', '');
  assert.equal(await page.textContent('#picked-status'), 'Pick at least one more role.');
  release();
  await page.waitForFunction(() => window.ROLEBOOK_ROLES && Object.keys(window.ROLEBOOK_ROLES).length > 0);
  // Let the loaded script's callbacks run.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  assert.equal(await page.$('#picked table'), null, 'the first pick was drawn after it changed');
  assert.equal(await page.textContent('#picked-status'), 'Pick at least one more role.');
  await page.selectOption('#picker select[name=r2]', 'data-product-owner');
  await page.waitForSelector('#picked table');
  const heads = await page.$$eval('#picked thead th', (ths) => ths.map((t) => t.textContent));
  assert.deepEqual(heads, ['Data Product Manager', 'Data Product Owner']);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('details that cannot load say so, and a later pick tries again', async () => {
  const page = await open('compare.html');
  await page.route('**/assets/compare/c-*.js', (route) => route.abort());
  await page.waitForSelector('#picker:not([hidden])');
  await page.selectOption('#picker select[name=r1]', 'data-product-manager');
  await page.selectOption('#picker select[name=r2]', 'product-owner');
  await page.waitForFunction(() => document.getElementById('picked-status').textContent === 'The role data could not be loaded.');
  assert.equal(await page.$('#picked table'), null);
  await page.unroute('**/assets/compare/c-*.js');
  await page.selectOption('#picker select[name=r2]', 'data-product-owner');
  await page.waitForSelector('#picked table');
  await page.close();
});

test('the site works from file://: navigate, search, preview, compare', async () => {
  const page = await open(fileUrl('index.html'));
  await Promise.all([page.waitForNavigation(), page.click(`a[href="${ENTRY}"]`)]);
  assert.equal(await page.textContent('h1 abbr'), 'DPO');
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('js')), true);
  const titles = await search(page, 'dpm');
  assert.equal(titles[0], 'Data Product Manager (DPM)', titles.join(' | '));
  await page.goto(fileUrl('compare.html'));
  await pickRoles(page, ['data-product-owner', 'product-owner']);
  assert.deepEqual(page.errors, []);
  await page.close();
});

for (const where of ['http', 'file']) {
  test(`the CSP blocks inline script but not the theme's own scripts (${where})`, async () => {
    const page = await open(where === 'http' ? ENTRY : fileUrl(ENTRY));
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    const result = await page.evaluate(() => new Promise((resolve) => {
      let violated = false;
      document.addEventListener('securitypolicyviolation', () => { violated = true; });
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true;';
      document.body.appendChild(s);
      const a = document.createElement('div');
      a.innerHTML = '<img src="x" onerror="window.__handler = true">';
      document.body.appendChild(a);
      setTimeout(() => resolve({ violated, injected: !!window.__injected, handler: !!window.__handler }), 300);
    }));
    assert.deepEqual(result, { violated: true, injected: false, handler: false });
    assert.equal(await page.evaluate(() => typeof window.ROLEBOOK_SEARCH), 'undefined', 'search index loads lazily');
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('js')), true, 'theme.js ran');
    await page.close();
  });
}

test('the theme toggle switches and remembers the choice without a flash', async () => {
  const page = await open(ENTRY, 'light');
  await page.click('#theme-toggle');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.equal(await page.getAttribute('#theme-toggle', 'aria-pressed'), 'true');
  await page.reload({ waitUntil: 'commit' });
  await page.waitForSelector('body');
  // theme.js runs in <head>, before the body paints.
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(bg, 'rgb(255, 255, 255)');
  await page.click('#theme-toggle');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
  await page.close();
});

test('pages work with JavaScript off', async () => {
  const off = await newContext(browser, { javaScriptEnabled: false });
  const page = await off.newPage();
  await page.goto(server.url + ENTRY);
  assert.equal(await page.textContent('h1 abbr'), 'DPO');
  assert.equal(await page.isVisible('#search-input'), false, 'a search box that cannot work is hidden');
  assert.ok(await page.isVisible('.relations a[href$=".html"]'), 'relations are links without script too');
  await page.goto(server.url + 'compare.html');
  assert.equal(await page.isVisible('.needs-js'), true);
  assert.ok((await page.$$('#written-h + ul a')).length > 0, 'links to the hand-written comparisons');
  assert.deepEqual(off.outside, []);
  await off.close();
});

test('print hides navigation and shows external link addresses', async () => {
  const page = await open(ENTRY);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('.site-header'), false);
  assert.equal(await page.isVisible('.toc'), false);
  const after = await page.evaluate(() => {
    const a = document.querySelector('.sources a[href^="http"]');
    return a ? getComputedStyle(a, '::after').content : 'none';
  });
  assert.match(after, /^"? ?\(|attr|http/);
  await page.close();
});

test('no request ever left the site', async () => {
  // Runs last in this file: every page above was loaded in `context`.
  assert.deepEqual(context.outside, []);
});
