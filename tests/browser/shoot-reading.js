// Screenshots of the pages issue 16 changed, at 375 px and 1280 px, light and
// dark, first screen only (small files), into docs/screenshots/reading-*.png.
//   node tests/browser/shoot-reading.js [site folder] [output folder]
'use strict';
const path = require('path');
const { shoot, everyScheme, run } = require('./shots');

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

run(async () => {
  const out = process.argv[3] || path.join(__dirname, '..', '..', 'docs', 'screenshots');
  const written = await shoot({
    site: process.argv[2] || 'public',
    out,
    pages: PAGES,
    shots: everyScheme([[375, 812], [1280, 900]]),
    file: (name, width, scheme) => path.join(out, `reading-${name}-${width}${scheme === 'dark' ? '-dark' : ''}.png`),
  });
  console.log('wrote', written.length, 'screenshots to', out);
});
