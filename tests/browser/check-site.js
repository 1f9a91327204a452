// Issue 16's "How it will be checked", on any built site: a sample of every
// page type at 375 and 1280 px, light and dark, must not be wider than the
// screen; the matrix header stays put while its box scrolls; map nodes are
// links with legible labels; entry TOCs list every section; axe finds
// nothing on the sample; budgets hold.
//   node tests/browser/check-site.js <site folder>
// Prints one line per check and exits 1 when any fails.
'use strict';
const fs = require('fs');
const path = require('path');
const { serve } = require('./server');
const { launch, newContext } = require('./browser');
const { violations } = require('./axe');

function sample(site) {
  const all = [];
  (function walk(dir, prefix) {
    for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
      const rel = prefix + item.name;
      if (item.isDirectory()) { if (item.name !== 'assets') walk(path.join(dir, item.name), rel + '/'); } else if (rel.endsWith('.html')) all.push(rel);
    }
  })(site, '');
  all.sort();
  const pick = (re, n) => all.filter((p) => re.test(p)).slice(0, n);
  const entries = all.filter((p) => !p.includes('/') && !/^(index|a-z|map|matrix|compare|changes|404)\.html$/.test(p));
  const biggest = entries.map((p) => [fs.statSync(path.join(site, p)).size, p]).sort((a, b) => b[0] - a[0]);
  return {
    all,
    entries,
    biggest,
    pages: [
      'index.html', 'a-z.html', 'map.html', 'matrix.html', 'compare.html', '404.html',
      ...(all.includes('changes.html') ? ['changes.html'] : []),
      ...entries.slice(0, 3), biggest[0][1],
      ...pick(/^compare\//, 4), ...pick(/^kinds\//, 2), ...pick(/^tags\//, 2), ...pick(/^a-z\//, 1),
    ],
  };
}

async function main() {
  const site = path.resolve(process.argv[2] || 'public');
  const { all, entries, biggest, pages } = sample(site);
  const server = await serve(site);
  const browser = await launch();
  const failures = [];
  const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) failures.push(what); };
  try {
    for (const width of [375, 1280]) {
      for (const scheme of ['light', 'dark']) {
        const context = await newContext(browser, { viewport: { width, height: 900 } });
        const page = await context.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        const wide = [];
        const axe = [];
        for (const url of [...new Set(pages)]) {
          await page.goto(server.url + url);
          const w = await page.evaluate(() => document.documentElement.scrollWidth);
          if (w > width) wide.push(`${url} ${w}px`);
          axe.push(...(await violations(page)).map((v) => `${url}: ${v}`));
        }
        check(axe.length === 0, `${width} ${scheme}: axe clean on the sample ${axe.join('\n')}`);
        // Search results open in the header panel.
        await page.goto(server.url + 'index.html');
        await page.locator('body').press('/');
        await page.keyboard.type('data');
        await page.waitForSelector('#search-panel[data-complete]', { timeout: 15000 }).catch(() => {});
        const w = await page.evaluate(() => document.documentElement.scrollWidth);
        if (w > width) wide.push(`search ${w}px`);
        check(wide.length === 0, `${width} ${scheme}: ${new Set(pages).size} pages + search no wider than the screen ${wide.join(', ')}`);
        // Matrix: header row and decision column stay while the box scrolls.
        await page.goto(server.url + 'matrix.html');
        const sticky = await page.evaluate(() => {
          const box = document.querySelector('.matrix-wrap');
          const th = document.querySelector('.matrix thead th:nth-child(2)');
          if (!box || !th || getComputedStyle(box).display === 'none') return 'cards';
          box.scrollTop = 200; box.scrollLeft = 200;
          return Math.round(th.getBoundingClientRect().top - box.getBoundingClientRect().top);
        });
        check(sticky === 'cards' || Math.abs(sticky) <= 2, `${width} ${scheme}: matrix header sticky (${sticky === 'cards' ? 'cards on this width' : sticky + ' px from the box top'})`);
        // Map: every node a link; labels legible.
        await page.goto(server.url + 'map.html');
        const map = await page.evaluate(() => {
          const svg = document.querySelector('svg.role-graph');
          if (!svg || !svg.getBoundingClientRect().width) return { shown: false, list: document.querySelectorAll('main a').length };
          const nodes = [...svg.querySelectorAll('circle.gn')];
          const links = nodes.filter((n) => n.closest('a[href]')).length;
          const scale = svg.getBoundingClientRect().width / (svg.viewBox.baseVal.width || svg.getBoundingClientRect().width);
          const sizes = [...svg.querySelectorAll('text.gt')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
          return { shown: true, nodes: nodes.length, links, min: Math.min(...sizes) };
        });
        check(!map.shown ? map.list > 0 : map.nodes > 0 && map.links === map.nodes && map.min >= 11,
          `${width} ${scheme}: map ${map.shown ? `${map.links}/${map.nodes} nodes are links, smallest label ${map.min.toFixed(1)} px` : `graph hidden, ${map.list} links in the lists`}`);
        await context.close();
      }
    }
    // TOC: every h2 of an entry is in its table of contents.
    const context = await newContext(browser);
    const page = await context.newPage();
    const missing = [];
    for (const url of [...entries.slice(0, 5), biggest[0][1], ...all.filter((p) => p.startsWith('compare/')).slice(0, 3)]) {
      await page.goto(server.url + url);
      const gap = await page.evaluate(() => {
        const toc = document.querySelector('nav.toc');
        if (!toc) return document.querySelectorAll('main h2').length > 2 ? ['no TOC'] : [];
        const linked = new Set([...toc.querySelectorAll('a')].map((a) => a.getAttribute('href').slice(1)));
        return [...document.querySelectorAll('main h2[id]')].filter((h) => !h.closest('nav, aside, .visually-hidden') && h.offsetParent !== null && !linked.has(h.id)).map((h) => h.id);
      });
      if (gap.length) missing.push(`${url}: ${gap.join(' ')}`);
    }
    check(missing.length === 0, `TOC lists every visible section ${missing.join('; ')}`);
    await context.close();
    // Budgets.
    check(biggest[0][0] <= 40 * 1024, `largest entry page ${biggest[0][1]} ${biggest[0][0]} bytes ≤ 40 KB`);
    const theme = ['style.css', 'rolebook.js', 'theme.js'].map((f) => fs.statSync(path.join(site, 'assets', f)).size).reduce((a, b) => a + b);
    check(theme <= 60 * 1024, `theme CSS + JS ${theme} bytes ≤ 60 KB`);
  } finally {
    await browser.close();
    await server.close();
  }
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(2); });
