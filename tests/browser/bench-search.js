// Search benchmark (not a test; no timing assertions): generates a synthetic
// 10 000-entry site, builds it with rolebook, then reports what a search
// downloads (index, word shards, the result blocks of the first ten) and how
// long queries take with the theme's own search code.
//
//   node tests/browser/bench-search.js [entries] [rolebook binary]
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const vm = require('vm');
const { execFileSync } = require('child_process');

const COUNT = Number(process.argv[2] || 10000);
const REPO = path.join(__dirname, '..', '..');
// The newest of the release and debug binaries.
const BIN = process.argv[3] || ['release', 'debug'].map((p) => path.join(REPO, 'target', p, 'rolebook'))
  .filter((p) => fs.existsSync(p)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];

// Deterministic pseudo-random numbers.
let seed = 42;
function random() {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const pick = (list) => list[Math.floor(random() * list.length)];

const DOMAINS = ['Data', 'Platform', 'Product', 'Cloud', 'Security', 'Finance', 'Marketing', 'Sales', 'Risk', 'Supply',
  'Customer', 'Partner', 'Quality', 'Release', 'Service', 'Network', 'Research', 'Analytics', 'Billing', 'Mobile',
  'Payments', 'Identity', 'Content', 'Search', 'Growth', 'Compliance', 'Privacy', 'Training', 'Support', 'Logistics'];
const AREAS = ['Mesh', 'Catalog', 'Pipeline', 'Model', 'Contract', 'Portfolio', 'Backlog', 'Roadmap', 'Experience',
  'Operations', 'Governance', 'Strategy', 'Delivery', 'Integration', 'Architecture', 'Reliability', 'Insights',
  'Engineering', 'Design', 'Community', 'Migration', 'Observability', 'Automation', 'Lifecycle', 'Marketplace',
  'Warehouse', 'Lakehouse', 'Streaming', 'Reporting', 'Forecasting', 'Onboarding', 'Tooling', 'Standards'];
const ROLES = ['Owner', 'Manager', 'Lead', 'Steward', 'Architect', 'Engineer', 'Analyst', 'Champion', 'Coordinator',
  'Specialist', 'Director', 'Consultant'];
// A vocabulary of real-looking words with a Zipf-like spread.
const SYLLABLES = ['ba', 'co', 'de', 'fi', 'ga', 'hu', 'ki', 'lo', 'ma', 'ne', 'po', 'qua', 'ri', 'sa', 'te', 'vo',
  'xan', 'yo', 'zu', 'tri', 'ver', 'lin', 'mor', 'pra', 'sto'];
const VOCAB = [];
while (VOCAB.length < 12000) {
  let w = '';
  const n = 2 + Math.floor(random() * 3);
  for (let i = 0; i < n; i++) w += pick(SYLLABLES);
  VOCAB.push(w);
}
const word = () => VOCAB[Math.floor(VOCAB.length * Math.pow(random(), 2.2))];
const sentence = (n) => Array.from({ length: n }, word).join(' ');

function generate(dir) {
  fs.mkdirSync(path.join(dir, 'content'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'site.toml'), [
    'title = "Synthetic"', 'base_url = "/"',
    '[kinds.role]', 'label = "Role"', 'plural = "Roles"', 'role = true',
    '[kinds.concept]', 'label = "Concept"', 'plural = "Concepts"',
    '[relations.works_with]', 'label = "Works with"', 'symmetric = true',
    '[rules]', 'orphan = "allow"', 'missing-sources = "allow"', '',
  ].join('\n'));
  const titles = new Set();
  let n = 0;
  while (titles.size < COUNT) {
    const title = `${pick(DOMAINS)} ${pick(AREAS)} ${pick(ROLES)}` + (n++ > 11000 ? ` ${titles.size}` : '');
    titles.add(title);
  }
  let i = 0;
  for (const title of titles) {
    const abbr = title.split(' ').map((w) => w[0]).join('') + i.toString(36).toUpperCase();
    const body = Array.from({ length: 6 }, () => sentence(40) + '.').join('\n\n');
    // File names are slugs of the titles, as authors name them.
    const file = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const aliases = i % 5 === 0 ? `[${word()} ${title.split(' ').pop()} ${i}]` : '[]';
    fs.writeFileSync(path.join(dir, 'content', `${file}.md`), [
      '---', `title: ${title}`, `abbr: ${abbr}`, `aliases: ${aliases}`,
      `kind: ${i % 3 ? 'role' : 'concept'}`, `summary: ${sentence(22)}.`, `tags: [${word()}, ${word()}]`, '---',
      `## ${sentence(3)}`, '', body, '',
    ].join('\n'));
    i++;
  }
}

function loadScript(file, sandbox) {
  vm.runInContext(fs.readFileSync(file, 'utf8'), sandbox);
}

function time(fn, runs) {
  const samples = [];
  let result;
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    result = fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], max: samples[samples.length - 1], result };
}

function main() {
  if (!BIN) throw new Error('build rolebook first (cargo build)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rolebook-bench-'));
  try {
    generate(dir);
    const start = Date.now();
    execFileSync(BIN, ['build', '--quiet', '--root', dir, '--output', path.join(dir, 'public')], { stdio: 'inherit' });
    console.log(`built ${COUNT} entries with ${path.relative(REPO, BIN)} in ${((Date.now() - start) / 1000).toFixed(1)} s`);
    const assets = path.join(dir, 'public', 'assets');
    const size = (f) => fs.statSync(path.join(assets, f)).size;
    const shards = fs.readdirSync(path.join(assets, 'search')).filter((f) => f.startsWith('t-'));
    const blocks = fs.readdirSync(path.join(assets, 'search')).filter((f) => f.startsWith('s-'));
    const shardSizes = shards.map((f) => size('search/' + f));
    console.log(`search-index.js: ${(size('search-index.js') / 1024).toFixed(0)} KB`);
    console.log(`word shards: ${shards.length}, largest ${(Math.max(...shardSizes) / 1024).toFixed(0)} KB, total ${(shardSizes.reduce((a, b) => a + b, 0) / 1024).toFixed(0)} KB`);
    console.log(`result blocks: ${blocks.length} × ~${(size('search/s-0.js') / 1024).toFixed(1)} KB`);

    const sandbox = vm.createContext({});
    sandbox.window = sandbox;
    loadScript(path.join(assets, 'search-index.js'), sandbox);
    const core = require(path.join(REPO, 'themes', 'default', 'static', 'rolebook.js'));
    const build = time(() => new core.Engine(sandbox.ROLEBOOK_SEARCH), 3);
    console.log(`index load (once per page): ${build.median.toFixed(1)} ms`);
    const engine = build.result;
    const queries = ['dpo', 'data', 'prodct ownr', 'finance strategy lead', 'platfrm architct', 'observ',
      word(), `${word()} ${word()}`, 'securty', 'zzzz'];
    for (const q of queries) {
      const needed = engine.missingShards(q);
      for (const n of needed) {
        loadScript(path.join(assets, 'search', `t-${n}.js`), sandbox);
        engine.terms[n] = sandbox.ROLEBOOK_TERMS[n];
      }
      const run = time(() => engine.search(q), 15);
      const ids = run.result.slice(0, 10);
      const used = new Set(ids.map((i) => Math.floor(i / engine.data.block)));
      for (const b of used) loadScript(path.join(assets, 'search', `s-${b}.js`), sandbox);
      const download = size('search-index.js') +
        needed.reduce((a, n) => a + size(`search/t-${n}.js`), 0) +
        [...used].reduce((a, b) => a + size(`search/s-${b}.js`), 0);
      const first = ids.length ? engine.row(ids[0], sandbox.ROLEBOOK_RESULTS)[0] : '-';
      console.log(`query ${JSON.stringify(q).padEnd(26)} median ${run.median.toFixed(1).padStart(5)} ms, max ${run.max.toFixed(1).padStart(5)} ms; downloads ${(download / 1024).toFixed(0)} KB; ${run.result.length} results, first: ${first}`);
    }
  } finally {
    if (process.env.KEEP) console.log('kept', dir); else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
