// Screenshots of governance on a page (issue 19), first screen only, at
// 375 px and 1280 px, light and dark, into docs/screenshots/govern-*.png.
// Builds the governance fixture with target/debug/rolebook (or $ROLEBOOK_BIN).
//   node tests/browser/shoot-govern.js [output folder]
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const { execFileSync } = require('child_process');
const { shoot, everyScheme, run } = require('./shots');

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

run(async () => {
  const out = process.argv[2] || path.join(REPO, 'docs', 'screenshots');
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'rolebook-shoot-'));
  try {
    const fixture = path.join(REPO, 'tests', 'fixtures', 'governance');
    execFileSync(BIN, ['build', '--quiet', '--root', fixture, '--output', site]);
    const written = await shoot({
      site,
      out,
      pages: PAGES,
      shots: everyScheme([[375, 667], [1280, 720]]),
      file: (name, width, scheme) => path.join(out, `govern-${name}-${width}-${scheme}.png`),
    });
    console.log('wrote', written.length, 'screenshots to', out);
  } finally {
    fs.rmSync(site, { recursive: true, force: true });
  }
});
