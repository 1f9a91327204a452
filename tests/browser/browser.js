// Launches Debian's Chromium through playwright-core (a fresh temporary
// profile per launch, no background traffic) and records every request that
// leaves the site's own origin.
'use strict';
const { chromium } = require('playwright-core');

const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/** Starts Chromium; resolves to the playwright Browser. */
function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: FLAGS });
}

/** Whether a request URL stays on this machine (file:, loopback, inline data). */
function isLocal(url) {
  if (/^(file|data|blob|about):/.test(url)) return true;
  try {
    const { protocol, hostname } = new URL(url);
    return (protocol === 'http:' || protocol === 'https:') && (hostname === '127.0.0.1' || hostname === 'localhost');
  } catch {
    return false;
  }
}

/** A new context whose non-local requests are collected in `context.outside`. */
async function newContext(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  context.outside = [];
  context.on('request', (request) => {
    if (!isLocal(request.url())) context.outside.push(request.url());
  });
  // Belt and braces: nothing non-local is ever answered.
  await context.route((url) => !isLocal(url.href), (route) => route.abort());
  return context;
}

module.exports = { launch, newContext, isLocal };
