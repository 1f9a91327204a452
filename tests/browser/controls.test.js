// Issue 15: control characters and noncharacters in every field of an entry
// and in site.toml (tests/fixtures/controls) leave Nu-clean pages and
// exports without a trace of them.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(ROOT, 'tests/fixtures/controls');
const OUT = path.join(ROOT, 'target/controls-site');
// C0 and C1 controls but tab and line breaks, DEL, noncharacters.
function banned(text) {
  for (const c of text) {
    const code = c.codePointAt(0);
    const control = (code < 0x20 && !'\t\n\r'.includes(c)) || (code >= 0x7f && code <= 0x9f);
    if (control || (code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe) return code;
  }
  return null;
}

function files(dir, prefix = '') {
  const out = [];
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + item.name;
    if (item.isDirectory()) out.push(...files(path.join(dir, item.name), rel + '/'));
    else out.push(rel);
  }
  return out.sort();
}

test.before(() => {
  fs.rmSync(OUT, { recursive: true, force: true });
  const run = spawnSync('cargo', ['run', '--locked', '--quiet', '--', 'build', '--quiet', '--root', FIXTURE, '--output', OUT], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
});

test('controls: every output file is free of control characters and noncharacters', () => {
  let reached = 0;
  for (const rel of files(OUT)) {
    const text = fs.readFileSync(path.join(OUT, rel), 'utf8');
    const found = banned(text);
    assert.equal(found, null, `${rel}: U+${found && found.toString(16)}`);
    if (rel.endsWith('.json')) JSON.parse(text);
    if (text.includes('Controls')) reached += 1;
  }
  assert.ok(reached >= 8, `the entry reached only ${reached} files`);
  const csv = fs.readFileSync(path.join(OUT, 'glossary.csv'), 'utf8');
  assert.match(csv, /Controls.*Summary\./);
  const ttl = fs.readFileSync(path.join(OUT, 'glossary.ttl'), 'utf8');
  assert.match(ttl, /"Controls"/);
});

test('controls: vnu reports zero errors on every page', () => {
  const jar = require.resolve('vnu-jar/build/dist/vnu.jar');
  const run = spawnSync('java', ['-jar', jar, '--skip-non-html', '--errors-only', '--format', 'gnu', OUT], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.error, undefined, String(run.error));
  assert.equal((run.stdout + run.stderr).trim(), '');
  assert.equal(run.status, 0);
  const pages = files(OUT).filter((rel) => rel.endsWith('.html'));
  assert.ok(pages.length >= 10, `${pages.length} pages`);
});
