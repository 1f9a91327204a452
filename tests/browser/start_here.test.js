// Issue 20.4: the home page's "Start here" block is above the fold on a
// phone (375 × 667) and a laptop (1280 × 800), in light and dark.
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

for (const [width, height] of [[375, 667], [1280, 800]]) {
  for (const scheme of ['light', 'dark']) {
    test(`"Start here" is above the fold at ${width} × ${height}, ${scheme}`, async () => {
      const context = await newContext(browser, { viewport: { width, height } });
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(server.url + 'index.html');
      const block = page.locator('nav.start-here');
      const box = await block.boundingBox();
      assert.ok(box, 'no Start here block on the home page');
      assert.ok(box.y >= 0 && box.y + box.height <= height, `the block spans ${box.y}–${box.y + box.height} px of ${height}`);
      const links = await block.locator('li > a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.deepEqual(links, ['which-role-do-you-need.html', 'compare/dpm-vs-dpo.html', 'matrix.html']);
      const reasons = await block.locator('li > p').allTextContents();
      assert.equal(reasons.length, 3);
      assert.ok(reasons.every((r) => r.trim().length > 10), reasons.join(' | '));
      await context.close();
    });
  }
}
