// Issue 16: side-by-side comparisons are one card per row on a phone (each
// value under its role's name) and one role per column on a wide screen;
// the picker's table follows. See docs/decisions/compare-on-phones.md.
// Run: ROLEBOOK_SITE=public node --test tests/browser/
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { serve } = require('./server');
const { launch, newContext } = require('./browser');
const { SITE } = require('./site');

let server;
let browser;

test.before(async () => {
  server = await serve(SITE);
  browser = await launch();
});

test.after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

const PAGES = [
  ['compare/po-vs-pm-vs-domain-owner.html', 'table.side-by-side', ['Product Owner', 'Product Manager', 'Domain Owner']],
  ['compare.html#r=data-product-manager,data-product-owner,product-owner', '#picked table',
    ['Data Product Manager', 'Data Product Owner', 'Product Owner']],
];

for (const [url, selector, roles] of PAGES) {
  for (const width of [375, 1280]) {
    test(`${url.split('#')[0]} at ${width} px: ${width < 500 ? 'cards' : 'columns'}`, async () => {
      const context = await newContext(browser, { viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(server.url + url);
      await page.waitForSelector(selector);
      const shape = await page.evaluate((s) => {
        const table = document.querySelector(s);
        const cell = table.querySelector('tbody td');
        return {
          head: getComputedStyle(table.querySelector('thead')).display,
          label: getComputedStyle(cell, '::before').content,
          right: table.getBoundingClientRect().right,
          page: document.documentElement.scrollWidth,
          labels: [...table.querySelector('tbody tr').querySelectorAll('td')].map((td) => td.dataset.role),
        };
      }, selector);
      assert.deepEqual(shape.labels, roles);
      assert.equal(shape.page, width);
      if (width < 500) {
        assert.equal(shape.head, 'none');
        assert.equal(shape.label, `"${roles[0]}: "`);
        assert.ok(shape.right <= width, `the cards end at ${shape.right} px`);
      } else {
        assert.equal(shape.head, 'table-header-group');
        assert.equal(shape.label, 'none');
      }
      await context.close();
    });
  }
}
