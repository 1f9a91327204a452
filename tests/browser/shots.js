// The screenshot loop the shoot-*.js scripts share: every page at each
// width and colour scheme, after its own preparation, into one folder.
'use strict';
const fs = require('fs');
const { serve } = require('./server');
const { launch, newContext } = require('./browser');

/**
 * Serves `site` and shoots `pages` ([name, url, prepare or null]) into `out`.
 * `shots` lists [width, height, scheme]; `file(name, width, scheme)` names
 * each PNG; `fullPage` takes the whole page instead of the first screen.
 */
async function shoot({ site, out, pages, shots, file, fullPage = false }) {
  fs.mkdirSync(out, { recursive: true });
  const server = await serve(site);
  const browser = await launch();
  const context = await newContext(browser);
  const written = [];
  try {
    for (const [width, height, scheme] of shots) {
      for (const [name, url, prepare] of pages) {
        const page = await context.newPage();
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(server.url + url);
        if (prepare) await prepare(page);
        await page.waitForTimeout(150);
        const path = file(name, width, scheme);
        if (path) {
          await page.screenshot({ path, fullPage });
          written.push(path);
        }
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return written;
}

/** [width, height, scheme] for every width × both schemes. */
function everyScheme(sizes) {
  return sizes.flatMap(([width, height]) => ['light', 'dark'].map((scheme) => [width, height, scheme]));
}

/** Runs `main`, exiting 1 with the error printed if it fails. */
function run(main) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

module.exports = { shoot, everyScheme, run };
