// Where the built site is: $ROLEBOOK_SITE or ./public.
'use strict';
const fs = require('fs');
const path = require('path');

const SITE = path.resolve(process.env.ROLEBOOK_SITE || 'public');
if (!fs.existsSync(path.join(SITE, 'index.html'))) {
  throw new Error(`no built site at ${SITE}: run \`rolebook build\` first or set ROLEBOOK_SITE`);
}

/** Every .html file under the site, relative and sorted. */
function pages(dir = SITE, prefix = '') {
  const out = [];
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + item.name;
    if (item.isDirectory()) out.push(...pages(path.join(dir, item.name), rel + '/'));
    else if (item.name.endsWith('.html')) out.push(rel);
  }
  return out.sort();
}

module.exports = { SITE, pages, fileUrl: (rel) => 'file://' + path.join(SITE, rel) };
