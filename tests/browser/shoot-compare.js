// Issue 16: side-by-side comparisons at 375 px, two ways, to choose by
// looking: "cards" (the theme as built below 40rem: a card per row, each
// value under its role's name) and "columns" (the earlier layout, restored
// for the shot: one role per column, row labels sticky, a scroll cue).
//   node tests/browser/shoot-compare.js [site folder] [output folder]
// → docs/screenshots/compare-375-{columns,cards}-{two,three,picker}-{light,dark}.png
'use strict';
const path = require('path');
const fs = require('fs');
const { serve } = require('./server');
const { launch, newContext } = require('./browser');

const PAGES = [
  ['two', 'compare/dpm-vs-dpo.html', 'table.side-by-side'],
  ['three', 'compare/po-vs-pm-vs-domain-owner.html', 'table.side-by-side'],
  ['picker', 'compare.html#r=data-product-manager,data-product-owner,product-owner', '#picked table'],
];

// The columns layout as it was before cards: table display back, the
// header row shown, narrow role columns that scroll sideways.
const COLUMNS = `
  TABLE { display: table !important; }
  TABLE thead { display: table-header-group !important; }
  TABLE tbody { display: table-row-group !important; }
  TABLE tr { display: table-row !important; }
  TABLE th, TABLE td { display: table-cell !important; border-bottom: 1px solid var(--border) !important; }
  TABLE tr > :first-child { position: sticky !important; border-right: 1px solid var(--border) !important; width: 5.6rem !important; min-width: 5.6rem !important; }
  TABLE tbody td, TABLE thead th { min-width: 7.5rem !important; }
  TABLE td::before { content: none !important; }
`;

async function columns(page, selector) {
  await page.addStyleTag({ content: COLUMNS.replaceAll('TABLE', selector) });
  // Let the theme's script see the table overflow and show its cue.
  await page.evaluate(() => window.dispatchEvent(new Event('resize')));
}

async function main() {
  const site = process.argv[2] || 'public';
  const out = process.argv[3] || path.join(__dirname, '..', '..', 'docs', 'screenshots');
  fs.mkdirSync(out, { recursive: true });
  const server = await serve(site);
  const browser = await launch();
  // Only this script's restored style needs the CSP lifted.
  const context = await newContext(browser, { bypassCSP: true });
  try {
    for (const scheme of ['light', 'dark']) {
      for (const [name, url, selector] of PAGES) {
        for (const variant of ['columns', 'cards']) {
          const page = await context.newPage();
          await page.setViewportSize({ width: 375, height: 812 });
          await page.emulateMedia({ colorScheme: scheme });
          await page.goto(server.url + url);
          await page.waitForSelector(selector);
          if (variant === 'columns') await columns(page, selector);
          await page.evaluate((s) => {
            const table = document.querySelector(s);
            window.scrollTo(0, table.getBoundingClientRect().top + window.scrollY - 130);
          }, selector);
          const wide = await page.evaluate(() => document.documentElement.scrollWidth);
          const file = path.join(out, `compare-375-${variant}-${name}-${scheme}.png`);
          await page.screenshot({ path: file });
          console.log(`${file} (page ${wide} px wide)`);
          await page.close();
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
