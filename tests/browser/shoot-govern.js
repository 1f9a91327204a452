// Screenshots of governance on a page (issue 19), first screen only, at
// 375 px and 1280 px, light and dark, into docs/screenshots/govern-*.png.
// Builds the governance fixture with target/debug/rolebook (or $ROLEBOOK_BIN).
//   node tests/browser/shoot-govern.js [output folder]
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const { execFileSync } = require('child_process');
const { serve } = require('./server');
const { launch, newContext } = require('./browser');

const REPO = path.join(__dirname, '..', '..');
const BIN = process.env.ROLEBOOK_BIN || path.join(REPO, 'target', 'debug', 'rolebook');

// [name, url, what to do before the shot]
const PAGES = [
  ['proposed', 'data-steward.html', null],
  ['deprecated', 'data-custodian.html', null],
  ['search', 'index.html', async (p) => {
    await p.locator('body').press('/');
    await p.keyboard.type('records keeper');
    await p.waitForSelector('#search-panel[data-complete]');
  }],
];

async function main() {
  const out = process.argv[2] || path.join(REPO, 'docs', 'screenshots');
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'rolebook-shoot-'));
  execFileSync(BIN, ['build', '--quiet', '--root', path.join(REPO, 'tests', 'fixtures', 'governance'), '--output', site]);
  fs.mkdirSync(out, { recursive: true });
  const server = await serve(site);
  const browser = await launch();
  const context = await newContext(browser);
  try {
    for (const width of [375, 1280]) {
      for (const scheme of ['light', 'dark']) {
        for (const [name, url, action] of PAGES) {
          const page = await context.newPage();
          await page.setViewportSize({ width, height: width < 500 ? 667 : 720 });
          await page.emulateMedia({ colorScheme: scheme });
          await page.goto(server.url + url);
          if (action) await action(page);
          await page.waitForTimeout(150);
          await page.screenshot({ path: path.join(out, `govern-${name}-${width}-${scheme}.png`) });
          await page.close();
        }
      }
    }
    console.log('wrote', PAGES.length * 4, 'screenshots to', out);
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(site, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
