// Screenshots of the pages issue 16 changed, at 375 px and 1280 px, light and
// dark, first screen only (small files), into docs/screenshots/reading-*.png.
//   node tests/browser/shoot-reading.js [site folder] [output folder]
'use strict';
const path = require('path');
const fs = require('fs');
const { serve } = require('./server');
const { launch, newContext } = require('./browser');

// [name, url, what to do before the shot]
const PAGES = [
  ['index', 'index.html', null],
  ['entry', 'data-product-owner.html', null],
  ['entry-related', 'data-product-owner.html', (p) => p.evaluate(() => document.getElementById('rel-h').scrollIntoView())],
  ['comparison', 'compare/dpm-vs-dpo.html', null],
  ['comparison-table', 'compare/dpm-vs-dpo.html', (p) => p.evaluate(() => document.getElementById('side-by-side').scrollIntoView())],
  ['generated-comparison', 'compare/product-backlog-vs-product-roadmap.html', null],
  ['picker', 'compare.html#r=data-product-manager,data-product-owner,product-owner',
    (p) => p.waitForSelector('#picked table').then(() => p.evaluate(() => document.getElementById('picked').scrollIntoView()))],
  ['matrix', 'matrix.html', null],
  ['matrix-scrolled', 'matrix.html', (p) => p.evaluate(() => {
    const box = document.querySelector('.matrix-wrap');
    box.scrollIntoView();
    box.scrollTop = 300; box.scrollLeft = 300;
  })],
  ['map', 'map.html', (p) => p.evaluate(() => document.querySelector('.graph').scrollIntoView())],
  ['body-table', 'data-product-lifecycle.html', (p) => p.evaluate(() => document.querySelector('.prose .table-wrap').scrollIntoView())],
  ['search', 'index.html', async (p) => {
    await p.locator('body').press('/');
    await p.keyboard.type('prodcut ownr');
    await p.waitForSelector('#search-panel[data-complete]');
  }],
];

async function main() {
  const site = process.argv[2] || 'public';
  const out = process.argv[3] || path.join(__dirname, '..', '..', 'docs', 'screenshots');
  fs.mkdirSync(out, { recursive: true });
  const server = await serve(site);
  const browser = await launch();
  const context = await newContext(browser);
  try {
    for (const width of [375, 1280]) {
      for (const scheme of ['light', 'dark']) {
        for (const [name, url, action] of PAGES) {
          const page = await context.newPage();
          await page.setViewportSize({ width, height: width < 500 ? 812 : 900 });
          await page.emulateMedia({ colorScheme: scheme });
          await page.goto(server.url + url);
          if (action) await action(page);
          await page.waitForTimeout(150);
          const file = path.join(out, `reading-${name}-${width}${scheme === 'dark' ? '-dark' : ''}.png`);
          await page.screenshot({ path: file });
          await page.close();
        }
      }
    }
    console.log('wrote', PAGES.length * 4, 'screenshots to', out);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
