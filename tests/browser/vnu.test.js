// Every generated page passes the Nu HTML Checker with zero errors.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('child_process');
const { SITE, pages } = require('./site');

test('vnu: zero errors on every generated page', () => {
  const jar = require.resolve('vnu-jar/build/dist/vnu.jar');
  const run = spawnSync('java', ['-jar', jar, '--skip-non-html', '--errors-only', '--format', 'gnu', SITE], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.error, undefined, String(run.error));
  const errors = (run.stdout + run.stderr).split('\n').filter((line) => line.includes('error'));
  assert.deepEqual(errors, [], `${errors.length} errors`);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  console.log(`vnu checked ${pages().length} pages: 0 errors`);
});
