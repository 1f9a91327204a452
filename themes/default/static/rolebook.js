// rolebook default theme: theme toggle, search, link previews, compare picker.
// No framework and no network: data files are scripts that assign globals,
// loaded with <script> elements so everything also works from file://.
(function (global) {
  'use strict';

  // ---------------------------------------------------------------- search core
  // Pure functions over the index (no DOM), so node can benchmark them.

  function fold(text) {
    return String(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  function words(text) {
    return fold(text).split(/[^a-z0-9]+/).filter(Boolean);
  }

  // Must match simple_slug() in src/render/search_index.rs.
  function simpleSlug(title) {
    if (/[^\x00-\x7f]/.test(title)) return '';
    return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  }

  // Levenshtein distance, or max + 1 once it is certainly larger than max.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev = new Array(b.length + 1), cur = new Array(b.length + 1), i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur[0] = i;
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (cur[j] < best) best = cur[j];
      }
      if (best > max) return max + 1;
      var t = prev; prev = cur; cur = t;
    }
    return prev[b.length];
  }

  // How well query word q matches index word w: 1 exact, 0.75 prefix, less for typos.
  function closeness(q, w) {
    if (q === w) return 1;
    if (q.length >= 2 && w.lastIndexOf(q, 0) === 0) return 0.75;
    if (q.length < 4) return 0;
    var max = q.length >= 8 ? 2 : 1;
    var d = distance(q, w, max);
    if (d <= max) return 0.55 - 0.1 * d;
    // A typo in a word typed only in part: compare with w's prefix.
    if (w.length > q.length) {
      d = distance(q, w.slice(0, q.length), max);
      if (d <= max) return 0.45 - 0.1 * d;
    }
    return 0;
  }

  function decode(postings) {
    var out = [], id = 0, parts = postings.split(',');
    for (var i = 0; i < parts.length; i++) { id += parseInt(parts[i], 36); out.push(id); }
    return out;
  }

  // Field weights for name words.
  var TITLE = 3, ABBR = 4, ALIAS = 2.5, TAG = 1.5, SUMMARY = 1.2, BODY = 0.6;

  function Engine(data) {
    this.data = data;
    this.entries = data.e;
    this.names = new Map(); // whole normalized name → [[entry, bonus]]
    this.vocab = new Map(); // word → [entry, weight, entry, weight, …]
    var self = this;
    function addName(text, entry, bonus) {
      var key = words(text).join(' ');
      if (!key) return;
      if (!self.names.has(key)) self.names.set(key, []);
      self.names.get(key).push(entry, bonus);
    }
    function addWords(text, entry, weight) {
      var ws = words(text);
      for (var i = 0; i < ws.length; i++) {
        var list = self.vocab.get(ws[i]);
        if (!list) { list = []; self.vocab.set(ws[i], list); }
        if (list[list.length - 2] === entry) {
          if (list[list.length - 1] < weight) list[list.length - 1] = weight;
        } else list.push(entry, weight);
      }
    }
    for (var i = 0; i < this.entries.length; i++) {
      var e = this.entries[i];
      addName(e[0], i, 1000);
      addWords(e[0], i, TITLE);
      if (e[2]) { addName(e[2], i, 1200); addWords(e[2], i, ABBR); }
      for (var a = 0; a < e[3].length; a++) { addName(e[3][a], i, 900); addWords(e[3][a], i, ALIAS); }
      for (var t = 0; t < e[5].length; t++) addWords(data.tags[e[5][t]], i, TAG);
    }
    this.words = Array.from(this.vocab.keys());
    this.terms = {}; // shard number → {s: {word: postings}, b: {…}}
    this.decoded = new Map();
  }

  Engine.prototype.url = function (i) {
    var e = this.entries[i];
    return (e[1] === 0 ? simpleSlug(e[0]) : e[1]) + '.html';
  };

  // The last shard whose first word is <= word (-1 before the first).
  Engine.prototype.shardOf = function (word) {
    var shards = this.data.shards, lo = 0, hi = shards.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (shards[mid] <= word) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  };

  // Shards holding `word` and the words it begins (at most 3).
  Engine.prototype.shardsFor = function (word) {
    if (word.length < 3 || !this.data.shards.length) return [];
    var from = Math.max(0, this.shardOf(word)), to = Math.min(this.shardOf(word + '\uffff'), from + 2), out = [];
    for (var n = from; n <= to; n++) out.push(n);
    return out;
  };

  // Shards the query needs that are not loaded yet.
  Engine.prototype.missingShards = function (query) {
    var out = [], qs = words(query), self = this;
    qs.forEach(function (q) {
      self.shardsFor(q).forEach(function (n) { if (!self.terms[n] && out.indexOf(n) < 0) out.push(n); });
    });
    return out;
  };

  Engine.prototype.postings = function (shard, field, word) {
    var key = shard + field + word, got = this.decoded.get(key);
    if (!got) { got = decode(this.terms[shard][field][word]); this.decoded.set(key, got); }
    return got;
  };

  // Ranked entry numbers for a query: every query word must match somewhere
  // (a name word, a summary word or a body word); exact names come first.
  Engine.prototype.search = function (query, limit) {
    var qs = words(query).filter(function (w, i, all) { return all.indexOf(w) === i; }).slice(0, 8);
    if (!qs.length) return [];
    var score = new Map(), mask = new Map(), i, j;
    function hit(entry, points, bit) {
      score.set(entry, (score.get(entry) || 0) + points);
      mask.set(entry, (mask.get(entry) || 0) | bit);
    }
    var whole = this.names.get(qs.join(' '));
    if (whole) for (i = 0; i < whole.length; i += 2) hit(whole[i], whole[i + 1], 0);
    for (j = 0; j < qs.length; j++) {
      var q = qs[j], bit = 1 << j, best = new Map();
      for (i = 0; i < this.words.length; i++) {
        var c = closeness(q, this.words[i]);
        if (!c) continue;
        var list = this.vocab.get(this.words[i]);
        for (var k = 0; k < list.length; k += 2) {
          var p = list[k + 1] * c * 10;
          if ((best.get(list[k]) || 0) < p) best.set(list[k], p);
        }
      }
      var shards = this.shardsFor(q);
      for (var sh = 0; sh < shards.length; sh++) {
        var shard = shards[sh], terms = this.terms[shard];
        if (!terms) continue;
        for (var f = 0; f < 2; f++) {
          var field = f ? 'b' : 's', weight = f ? BODY : SUMMARY, map = terms[field];
          for (var w in map) {
            var cl = w === q ? 1 : (q.length >= 3 && w.lastIndexOf(q, 0) === 0 ? 0.6 : 0);
            if (!cl) continue;
            var ids = this.postings(shard, field, w);
            for (var m = 0; m < ids.length; m++) {
              var pts = weight * cl * 10;
              if ((best.get(ids[m]) || 0) < pts) best.set(ids[m], pts);
            }
          }
        }
      }
      best.forEach(function (points, entry) { hit(entry, points, bit); });
    }
    var full = (1 << qs.length) - 1, results = [];
    mask.forEach(function (bits, entry) {
      var n = 0;
      for (var b = bits; b; b &= b - 1) n++;
      results.push([entry, n, score.get(entry), bits === full]);
    });
    var entries = this.entries;
    function deprecated(r) { return entries[r[0]][6] === 'deprecated' ? 1 : 0; }
    results.sort(function (a, b) {
      return (b[3] - a[3]) || (deprecated(a) - deprecated(b)) || (b[1] - a[1]) || (b[2] - a[2]) ||
        (entries[a[0]][0].length - entries[b[0]][0].length) || (a[0] - b[0]);
    });
    if (results.length && results[0][3]) results = results.filter(function (r) { return r[3]; });
    return results.slice(0, limit || 10).map(function (r) { return r[0]; });
  };

  var core = { Engine: Engine, words: words, fold: fold, distance: distance, simpleSlug: simpleSlug, decode: decode };
  if (typeof module === 'object' && module.exports) module.exports = core;
  if (typeof document === 'undefined') return;

  // ---------------------------------------------------------------- page helpers
  var doc = document, root = doc.body ? doc.body.getAttribute('data-root') || '' : '';
  var loading = {};

  // Loads assets/<name> once; resolves when the script has run.
  function load(name) {
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        var s = doc.createElement('script');
        s.src = root + 'assets/' + name;
        s.onload = resolve;
        s.onerror = function () { delete loading[name]; reject(new Error('could not load ' + name)); };
        doc.head.appendChild(s);
      });
    }
    return loading[name];
  }

  function el(tag, className, text) {
    var node = doc.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  // ---------------------------------------------------------------- theme toggle
  function setupTheme() {
    var button = doc.getElementById('theme-toggle');
    if (!button) return;
    var html = doc.documentElement, media = global.matchMedia('(prefers-color-scheme: dark)');
    function isDark() {
      var chosen = html.getAttribute('data-theme');
      return chosen ? chosen === 'dark' : media.matches;
    }
    function show() {
      var dark = isDark();
      button.setAttribute('aria-pressed', dark ? 'true' : 'false');
      button.title = dark ? 'Switch to the light theme' : 'Switch to the dark theme';
    }
    button.addEventListener('click', function () {
      var next = isDark() ? 'light' : 'dark';
      html.setAttribute('data-theme', next);
      try { localStorage.setItem('rolebook-theme', next); } catch (e) { /* private mode */ }
      show();
    });
    if (media.addEventListener) media.addEventListener('change', show);
    show();
  }

  // ---------------------------------------------------------------- search UI
  function setupSearch() {
    var input = doc.getElementById('search-input');
    var panel = doc.getElementById('search-panel');
    var status = doc.getElementById('search-status');
    var list = doc.getElementById('search-results');
    if (!input || !panel) return;
    var engine = null, pending = null, timer = 0;

    function ready() {
      if (!pending) {
        pending = load('search-index.js').then(function () {
          engine = new Engine(global.ROLEBOOK_SEARCH);
          return engine;
        });
        pending.catch(function () { pending = null; status.textContent = 'The search index could not be loaded.'; panel.hidden = false; });
      }
      return pending;
    }

    function open(show) {
      panel.hidden = !show;
    }

    function summaries(ids) {
      var block = engine.data.block, need = [];
      ids.forEach(function (i) {
        var n = Math.floor(i / block);
        if (need.indexOf(n) < 0) need.push(n);
      });
      return Promise.all(need.map(function (n) { return load('search/s-' + n + '.js'); }));
    }

    function summaryOf(i) {
      var block = engine.data.block, all = global.ROLEBOOK_SUMMARIES || {}, part = all[Math.floor(i / block)];
      return part ? part[i % block] : '';
    }

    function render(query, ids) {
      list.textContent = '';
      if (!query.trim()) { open(false); return; }
      status.textContent = ids.length ? ids.length + (ids.length === 1 ? ' result' : ' results') + ' for “' + query + '”' : 'Nothing found for “' + query + '”. Try fewer or shorter words.';
      ids.forEach(function (i) {
        var e = engine.entries[i], li = el('li'), a = el('a');
        a.href = root + engine.url(i);
        a.appendChild(el('span', 'r-title', e[0] + (e[2] ? ' (' + e[2] + ')' : '')));
        a.appendChild(el('span', 'r-kind', engine.data.kinds[e[4]] || ''));
        if (e[6]) a.appendChild(el('span', 'status-badge status-' + e[6], e[6]));
        a.appendChild(el('span', 'r-sum', summaryOf(i)));
        li.appendChild(a);
        list.appendChild(li);
      });
      open(true);
    }

    function run() {
      var query = input.value;
      panel.removeAttribute('data-complete');
      function complete() { if (input.value === query) panel.setAttribute('data-complete', ''); }
      ready().then(function () {
        if (input.value !== query) return;
        var ids = engine.search(query, 10);
        render(query, ids);
        var needed = engine.missingShards(query);
        var extra = needed.map(function (n) {
          return load('search/t-' + n + '.js').then(function () { engine.terms[n] = global.ROLEBOOK_TERMS[n]; });
        });
        Promise.all(extra).then(function () {
          if (input.value !== query) return;
          if (needed.length) ids = engine.search(query, 10);
          return summaries(ids).then(function () { if (input.value === query) render(query, ids); });
        }).catch(function () { /* keep the name results */ }).then(complete);
      });
    }

    input.addEventListener('focus', function () { ready(); });
    input.addEventListener('click', function () { if (input.value.trim() && list.children.length) open(true); });
    input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(run, 60); });
    function links() { return Array.prototype.slice.call(list.querySelectorAll('a')); }
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' && links().length) { event.preventDefault(); links()[0].focus(); }
      else if (event.key === 'Enter') {
        event.preventDefault();
        var query = input.value;
        ready().then(function () {
          var first = engine.search(query, 1)[0];
          if (first != null) global.location.href = root + engine.url(first);
        });
      } else if (event.key === 'Escape') { open(false); }
    });
    list.addEventListener('keydown', function (event) {
      var all = links(), at = all.indexOf(doc.activeElement);
      if (event.key === 'ArrowDown' && at < all.length - 1) { event.preventDefault(); all[at + 1].focus(); }
      else if (event.key === 'ArrowUp') { event.preventDefault(); (at > 0 ? all[at - 1] : input).focus(); }
      else if (event.key === 'Escape') { event.preventDefault(); open(false); input.focus(); }
    });
    doc.addEventListener('keydown', function (event) {
      var t = event.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        input.focus();
        input.select();
      }
    });
    doc.addEventListener('click', function (event) {
      if (!panel.hidden && !panel.contains(event.target) && event.target !== input) open(false);
    });
    panel.addEventListener('focusout', function (event) {
      if (event.relatedTarget && !panel.contains(event.relatedTarget) && event.relatedTarget !== input) open(false);
    });
  }

  // ---------------------------------------------------------------- link previews
  // Every cross-reference carries data-title/-kind/-summary, so no download.
  function setupPreviews() {
    var box = el('div', 'preview'), current = null, showTimer = 0, hideTimer = 0, pressTimer = 0, pressed = null;
    box.id = 'link-preview';
    box.setAttribute('role', 'tooltip');
    box.hidden = true;
    doc.body.appendChild(box);

    function target(node) {
      return node && node.closest ? node.closest('a.xref') : null;
    }
    // Only the first link to a target carries the data; later ones name its slug.
    function source(link) {
      if (link.hasAttribute('data-summary')) return link;
      var slug = link.getAttribute('data-slug');
      return (slug && doc.querySelector('a.xref[data-slug="' + slug.replace(/["\\]/g, '') + '"][data-summary]')) || null;
    }
    function show(link) {
      var data = source(link);
      if (!data) return;
      clearTimeout(hideTimer);
      if (current && current !== link) current.removeAttribute('aria-describedby');
      current = link;
      box.textContent = '';
      box.appendChild(el('span', 'p-kind', data.getAttribute('data-kind') || ''));
      box.appendChild(el('span', 'p-title', data.getAttribute('data-title') || link.textContent));
      box.appendChild(el('p', 'p-summary', data.getAttribute('data-summary') || ''));
      box.hidden = false;
      link.setAttribute('aria-describedby', box.id);
      var r = link.getBoundingClientRect(), w = box.offsetWidth, h = box.offsetHeight;
      var left = Math.max(8, Math.min(r.left, doc.documentElement.clientWidth - w - 8));
      var top = r.bottom + 8;
      if (top + h > global.innerHeight && r.top - h - 8 > 0) top = r.top - h - 8;
      box.style.left = left + global.scrollX + 'px';
      box.style.top = top + global.scrollY + 'px';
    }
    function hide() {
      clearTimeout(showTimer);
      box.hidden = true;
      if (current) current.removeAttribute('aria-describedby');
      current = null;
    }
    doc.addEventListener('mouseover', function (event) {
      var link = target(event.target);
      if (link) { clearTimeout(hideTimer); clearTimeout(showTimer); showTimer = setTimeout(function () { show(link); }, 250); }
      else if (box.contains(event.target)) clearTimeout(hideTimer);
    });
    doc.addEventListener('mouseout', function (event) {
      if (target(event.target) || box.contains(event.target)) {
        clearTimeout(showTimer);
        hideTimer = setTimeout(hide, 200);
      }
    });
    doc.addEventListener('focusin', function (event) {
      var link = target(event.target);
      if (link) show(link); else if (current) hide();
    });
    doc.addEventListener('focusout', function (event) { if (target(event.target)) hide(); });
    doc.addEventListener('keydown', function (event) { if (event.key === 'Escape' && !box.hidden) hide(); });
    // Touch: a long press previews instead of following the link.
    doc.addEventListener('touchstart', function (event) {
      var link = target(event.target);
      if (!link) { if (!box.hidden && !box.contains(event.target)) hide(); return; }
      pressed = null;
      pressTimer = setTimeout(function () { pressed = link; show(link); }, 450);
    }, { passive: true });
    ['touchend', 'touchmove', 'touchcancel'].forEach(function (type) {
      doc.addEventListener(type, function () { clearTimeout(pressTimer); }, { passive: true });
    });
    doc.addEventListener('click', function (event) {
      if (pressed && target(event.target) === pressed) { event.preventDefault(); pressed = null; }
    });
    doc.addEventListener('contextmenu', function (event) {
      if (pressed && target(event.target) === pressed) event.preventDefault();
    });
  }

  // ---------------------------------------------------------------- compare picker
  // The menus come from compare-data.js (slug, title, abbreviation of every
  // role); the table's details from compare/c-N.js, which holds roles
  // N * block .. in the same order, loaded only for the roles picked.
  function setupPicker() {
    var form = doc.getElementById('picker');
    if (!form) return;
    var out = doc.getElementById('picked'), status = doc.getElementById('picked-status');
    var selects = Array.prototype.slice.call(form.querySelectorAll('select'));
    var failed = 'The role data could not be loaded.';
    load('compare-data.js').then(function () {
      var data = global.ROLEBOOK_COMPARE, bySlug = Object.create(null), slugs = [], blocks = {}, generation = 0;
      // The options are built once and copied into each menu.
      var options = doc.createDocumentFragment();
      data.roles.forEach(function (row, i) {
        var slug = row[0] || simpleSlug(row[1]), o = el('option', null, row[1] + (row[2] ? ' (' + row[2] + ')' : '') + (row[3] ? ' — ' + row[3] : ''));
        bySlug[slug] = i;
        slugs.push(slug);
        o.value = slug;
        options.appendChild(o);
      });
      selects.forEach(function (s, i) { s.appendChild(i < selects.length - 1 ? options.cloneNode(true) : options); });
      form.hidden = false;
      var hash = /(?:^#|&)r=([^&]*)/.exec(global.location.hash), wanted = [];
      try { if (hash) wanted = decodeURIComponent(hash[1]).split(','); } catch (e) { /* a malformed address picks nothing */ }
      wanted.slice(0, 4).forEach(function (slug, i) { if (slug in bySlug) selects[i].value = slug; });
      // Indexes of the picked roles, first pick first, no repeats.
      function picked() {
        var seen = [];
        selects.forEach(function (s) {
          var i = s.value in bySlug ? bySlug[s.value] : -1;
          if (i >= 0 && seen.indexOf(i) < 0) seen.push(i);
        });
        return seen;
      }
      // Loads the details files that hold these roles (each once).
      function details(ids) {
        var need = [];
        ids.forEach(function (i) {
          var n = Math.floor(i / data.block);
          if (!blocks[n] && need.indexOf(n) < 0) need.push(n);
        });
        return Promise.all(need.map(function (n) {
          return load('compare/c-' + n + '.js').then(function () {
            var block = global.ROLEBOOK_ROLES && global.ROLEBOOK_ROLES[n];
            if (!block) throw new Error('no roles in compare/c-' + n + '.js');
            blocks[n] = block;
          });
        }));
      }
      function role(i) {
        var row = data.roles[i], d = blocks[Math.floor(i / data.block)][i % data.block];
        return { slug: slugs[i], title: row[1], kind: d.kind, url: d.url, summary: d.summary, facets: d.facets,
          responsibilities: d.responsibilities, decisions: d.decisions };
      }
      function update() {
        var ids = picked(), run = ++generation;
        out.textContent = '';
        if (ids.length < 2) {
          status.textContent = ids.length ? 'Pick at least one more role.' : 'Pick two to four roles.';
          return;
        }
        var titles = ids.map(function (i) { return data.roles[i][1]; }).join(', ');
        if (ids.some(function (i) { return !blocks[Math.floor(i / data.block)]; })) {
          status.textContent = 'Loading ' + titles + '…';
        }
        details(ids).then(function () {
          // A newer pick has drawn or will draw its own table.
          if (run !== generation) return;
          var roles = ids.map(role);
          status.textContent = 'Comparing ' + titles + '.';
          out.appendChild(table(data, roles));
          if (global.history && global.history.replaceState) {
            global.history.replaceState(null, '', '#r=' + roles.map(function (r) { return r.slug; }).join(','));
          }
        }).catch(function () { if (run === generation) status.textContent = failed; });
      }
      form.addEventListener('change', update);
      update();
    }, function () { status.textContent = failed; });
  }

  function table(data, roles) {
    var wrap = el('div', 'table-wrap'), t = el('table', 'side-by-side picked-table');
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('aria-label', 'Compared roles');
    wrap.tabIndex = 0;
    t.appendChild(el('caption', 'visually-hidden', 'Side by side: ' + roles.map(function (r) { return r.title; }).join(', ')));
    var head = el('thead'), hr = el('tr');
    hr.appendChild(el('td'));
    roles.forEach(function (r) {
      var th = el('th'), a = el('a', 'xref', r.title);
      th.scope = 'col';
      a.href = root + r.url;
      a.setAttribute('data-title', r.title);
      a.setAttribute('data-kind', r.kind);
      a.setAttribute('data-summary', r.summary);
      th.appendChild(a);
      hr.appendChild(th);
    });
    head.appendChild(hr);
    t.appendChild(head);
    var body = el('tbody');
    function row(label, cell) {
      var tr = el('tr'), th = el('th', null, label);
      th.scope = 'row';
      tr.appendChild(th);
      roles.forEach(function (r) { var td = el('td'); cell(r, td); tr.appendChild(td); });
      body.appendChild(tr);
    }
    function dash(td) { td.appendChild(el('span', 'muted', '—')); }
    row('Summary', function (r, td) { td.textContent = r.summary; });
    data.facets.forEach(function (f) {
      if (!roles.some(function (r) { return r.facets[f[0]]; })) return;
      row(f[1], function (r, td) { if (r.facets[f[0]]) td.textContent = r.facets[f[0]]; else dash(td); });
    });
    row('Responsibilities', function (r, td) {
      if (!r.responsibilities.length) return dash(td);
      var ul = el('ul');
      r.responsibilities.forEach(function (x) { ul.appendChild(el('li', null, x)); });
      td.appendChild(ul);
    });
    var decisions = [], seen = {};
    roles.forEach(function (r) {
      r.decisions.forEach(function (d) {
        var key = fold(d[0]).replace(/\s+/g, ' ').replace(/\.$/, '').trim();
        if (!seen[key]) { seen[key] = true; decisions.push([key, d[0]]); }
      });
    });
    decisions.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
    decisions.forEach(function (d) {
      row(d[1], function (r, td) {
        var part = null;
        r.decisions.forEach(function (x) { if (fold(x[0]).replace(/\s+/g, ' ').replace(/\.$/, '').trim() === d[0]) part = x[1]; });
        if (part) td.appendChild(el('span', 'part part-' + part, part)); else dash(td);
      });
    });
    t.appendChild(body);
    wrap.appendChild(t);
    return wrap;
  }

  function start() {
    setupTheme();
    setupSearch();
    setupPreviews();
    setupPicker();
  }
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start); else start();
})(typeof window !== 'undefined' ? window : globalThis);
