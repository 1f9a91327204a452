// Browser checks of issue 16 (reading, round two): no page wider than the
// screen, the decision matrix's sticky header and role filter, search order.
// Run: ROLEBOOK_SITE=public node --test tests/browser/
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { serve } = require('./server');
const { launch, newContext } = require('./browser');
const { pages } = require('./site');

let server;
let browser;
let context;

test.before(async () => {
  server = await serve(require('./site').SITE);
  browser = await launch();
  context = await newContext(browser);
});

test.after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

async function open(url, width = 1280, scheme = 'light') {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: width < 500 ? 812 : 900 });
  await page.emulateMedia({ colorScheme: scheme });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.errors = errors;
  await page.goto(server.url + url);
  return page;
}

for (const width of [375, 1280]) {
  test(`no page is wider than a ${width} px screen`, async () => {
    const page = await open('index.html', width);
    const wide = [];
    for (const url of pages()) {
      await page.goto(server.url + url);
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scroll > width) wide.push(`${url}: ${scroll} px`);
    }
    assert.deepEqual(wide, []);
    await page.close();
  });
}

test('the matrix scrolls in its own box with the header row and decision column in place', async () => {
  const page = await open('matrix.html', 1280);
  const box = page.locator('.matrix-wrap');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 1280);
  assert.equal(await page.isVisible('.scroll-hint'), await box.evaluate((b) => b.scrollWidth > b.clientWidth));
  const before = await page.evaluate(() => document.querySelector('.matrix thead th:nth-child(3)').getBoundingClientRect().top);
  await box.evaluate((b) => { b.scrollTop = 400; b.scrollLeft = 400; });
  const after = await page.evaluate(() => {
    const wrap = document.querySelector('.matrix-wrap').getBoundingClientRect();
    const head = document.querySelector('.matrix thead th:nth-child(3)').getBoundingClientRect();
    const row = document.querySelector('.matrix tbody tr:nth-child(8) th').getBoundingClientRect();
    return { headTop: head.top - wrap.top, rowLeft: row.left - wrap.left };
  });
  assert.ok(before > 0);
  assert.ok(Math.abs(after.headTop - 1) <= 1, `header row ${after.headTop} px below the box top`);
  assert.ok(Math.abs(after.rowLeft - 1) <= 1, `decision column ${after.rowLeft} px right of the box edge`);
  await page.close();
});

test('the matrix role filter hides columns and keeps the choice in the address', async () => {
  const page = await open('matrix.html', 1280);
  const slugs = await page.$$eval('.matrix-filter input', (is) => is.map((i) => i.value));
  assert.ok(slugs.length >= 3);
  await page.click('.matrix-filter summary');
  await page.click('.matrix-filter button[data-all="0"]');
  assert.equal(await page.isVisible('#matrix-none'), true);
  await page.check(`.matrix-filter input[value="${slugs[1]}"]`);
  await page.check(`.matrix-filter input[value="${slugs[2]}"]`);
  assert.match(page.url(), new RegExp(`#r=${slugs[1]},${slugs[2]}$`));
  const visible = () => page.$$eval('.matrix thead th', (ths) => ths.filter((t) => !t.hidden).length);
  assert.equal(await visible(), 3);
  await page.goto(server.url + `matrix.html#r=${slugs[0]}`);
  await page.reload();
  assert.equal(await visible(), 2);
  assert.equal(await page.textContent('#matrix-shown'), `1 of ${slugs.length}`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('on a phone the matrix is one card per decision', async () => {
  const page = await open('matrix.html', 375);
  assert.equal(await page.isVisible('.matrix-wrap'), false);
  const rows = await page.$$eval('.matrix tbody tr', (trs) => trs.length);
  assert.equal(await page.$$eval('.matrix-cards > li', (cs) => cs.filter((c) => c.offsetHeight > 0).length), rows);
  const first = await page.textContent('.matrix-cards > li dl');
  assert.match(first, /decides|consulted|informed/);
  await page.close();
});

async function search(page, text, open = (p) => p.locator('body').press('/')) {
  await open(page);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input');
  await page.keyboard.type(text);
  await page.waitForFunction(
    (q) => {
      const panel = document.getElementById('search-panel');
      return !panel.hidden && panel.hasAttribute('data-complete') && document.getElementById('search-status').textContent.includes(q);
    },
    text,
  );
  return page.$$eval('#search-results .r-title', (nodes) => nodes.map((n) => n.textContent));
}

test('a misspelt role comes first: "prodcut ownr" finds Product Owner and the DPO', async () => {
  const page = await open('index.html');
  const titles = await search(page, 'prodcut ownr');
  assert.deepEqual(titles.slice(0, 2), ['Product Owner (PO)', 'Data Product Owner (DPO)'], titles.join(' | '));
  const marks = await page.$$eval('#search-results li:first-child .r-title mark', (ms) => ms.map((m) => m.textContent));
  assert.deepEqual(marks, ['Product', 'Owner']);
  await page.close();
});

test('"dpo" puts the DPO first and both DPO comparisons in the top five', async () => {
  const page = await open('index.html');
  const titles = await search(page, 'dpo', (p) => p.locator('body').press('Control+k'));
  assert.equal(titles[0], 'Data Product Owner (DPO)', titles.join(' | '));
  const top = titles.slice(0, 5);
  assert.ok(top.includes('Data Product Manager vs Data Product Owner'), top.join(' | '));
  assert.ok(top.includes('Data Owner vs Data Product Owner'), top.join(' | '));
  await page.close();
});

test('search shows the count and a control for more than ten results', async () => {
  const page = await open('index.html');
  const titles = await search(page, 'data');
  assert.equal(titles.length, 10);
  const status = await page.textContent('#search-status');
  const total = Number(/^(\d+) results/.exec(status)[1]);
  assert.ok(total > 10, status);
  await page.click('#search-more');
  await page.waitForFunction((n) => document.querySelectorAll('#search-results li').length === n, Math.min(20, total));
  await page.close();
});

test('a search that finds nothing suggests the closest names', async () => {
  const page = await open('index.html');
  await search(page, 'stakeholdxyz');
  assert.match(await page.textContent('#search-status'), /Nothing found/);
  const names = await page.$$eval('#search-suggest button', (bs) => bs.map((b) => b.textContent));
  assert.ok(names.includes('stakeholder'), names.join(' | '));
  await page.close();
});

test('the map draws roles as links with previews, legible on a phone', async () => {
  const page = await open('map.html', 375);
  const nodes = page.locator('#graph-role .role-graph a.xref');
  assert.ok(await nodes.count() >= 5);
  const font = await page.evaluate(() => {
    const t = document.querySelector('#graph-role .gt');
    return t.getBoundingClientRect().height;
  });
  assert.ok(font >= 10, `labels are ${font} px tall`);
  const href = await nodes.first().getAttribute('href');
  assert.match(href, /\.html$/);
  await nodes.first().focus();
  await page.waitForSelector('#link-preview:not([hidden])');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 375);
  if (await page.isVisible('.graph-switch')) {
    await page.click('.graph-switch button:nth-child(2)');
    assert.equal(await page.isVisible('#graph-role'), false);
  }
  await page.close();
});

test('an entry lists every section in its table of contents and marks the one in view', async () => {
  const page = await open('data-product-owner.html', 1280);
  const toc = await page.$$eval('.toc a', (as) => as.map((a) => a.textContent));
  for (const section of ['Responsibilities', 'Skills', 'Decisions', 'Related', 'Sources']) {
    assert.ok(toc.includes(section), `${section} missing from ${toc.join(' | ')}`);
  }
  const headings = await page.$$eval('.entry-main h2[id]', (hs) => hs.map((h) => h.id));
  const targets = await page.$$eval('.toc a', (as) => as.map((a) => a.getAttribute('href').slice(1)));
  assert.deepEqual(headings.filter((h) => !targets.includes(h)), [], 'every section heading is listed');
  await page.evaluate(() => document.getElementById('src-h').scrollIntoView());
  await page.waitForFunction(() => document.querySelector('.toc a[aria-current]')?.getAttribute('href') === '#src-h');
  // The header stays on screen, the anchors copy links, the menu marks the kind.
  assert.equal(await page.evaluate(() => document.querySelector('.site-header').getBoundingClientRect().top), 0);
  assert.ok(await page.$('#resp-h a.anchor[href="#resp-h"]'));
  assert.equal(await page.textContent('.site-nav a[aria-current]'), 'Roles');
  await page.close();
});

test('on a phone the table of contents starts closed and relations are listed once', async () => {
  const page = await open('data-product-owner.html', 375);
  assert.equal(await page.evaluate(() => document.querySelector('.toc details').open), false);
  // One list of relations, visible at once; the map's centre is drawn only on wider screens.
  assert.equal(await page.$('.relations svg, .relations details.relation-list'), null);
  assert.equal(await page.isVisible('.relation-group a.xref'), true);
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.relation-map'), '::before').content), 'none');
  await page.close();
});
