// Screenshots of the index, an entry and a comparison at 375 px and 1280 px
// into docs/screenshots/ (light theme; plus dark at 1280 px for the entry).
//   node tests/browser/shoot.js [site folder] [output folder]
'use strict';
const path = require('path');
const { shoot, run } = require('./shots');

const PAGES = [
  ['index', 'index.html', null],
  ['entry', 'data-product-owner.html', null],
  ['comparison', 'compare/dpm-vs-dpo.html', null],
];

run(async () => {
  const out = process.argv[3] || path.join(__dirname, '..', '..', 'docs', 'screenshots');
  const written = await shoot({
    site: process.argv[2] || 'public',
    out,
    pages: PAGES,
    shots: [[375, 812, 'light'], [1280, 900, 'light'], [1280, 900, 'dark']],
    file: (name, width, scheme) =>
      scheme === 'dark' && name !== 'entry' ? null : path.join(out, `${name}-${width}${scheme === 'dark' ? '-dark' : ''}.png`),
    fullPage: true,
  });
  written.forEach((file) => console.log('wrote', file));
});
