// Screenshots of the index, an entry and a comparison at 375 px and 1280 px
// into docs/screenshots/ (light theme; plus dark at 1280 px for the entry).
//   node tests/browser/shoot.js [site folder] [output folder]
'use strict';
const path = require('path');
const fs = require('fs');
const { serve } = require('./server');
const { launch, newContext } = require('./browser');

const PAGES = [
  ['index', 'index.html'],
  ['entry', 'data-product-owner.html'],
  ['comparison', 'compare/dpm-vs-dpo.html'],
];

async function main() {
  const site = process.argv[2] || 'public';
  const out = process.argv[3] || path.join(__dirname, '..', '..', 'docs', 'screenshots');
  fs.mkdirSync(out, { recursive: true });
  const server = await serve(site);
  const browser = await launch();
  const context = await newContext(browser);
  try {
    for (const [width, height] of [[375, 812], [1280, 900]]) {
      for (const scheme of width === 1280 ? ['light', 'dark'] : ['light']) {
        const page = await context.newPage();
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme: scheme });
        for (const [name, url] of PAGES) {
          if (scheme === 'dark' && name !== 'entry') continue;
          await page.goto(server.url + url);
          const file = path.join(out, `${name}-${width}${scheme === 'dark' ? '-dark' : ''}.png`);
          await page.screenshot({ path: file, fullPage: true });
          console.log('wrote', file);
        }
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
