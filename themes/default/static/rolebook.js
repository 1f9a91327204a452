// rolebook default theme: theme toggle, search, link previews, compare picker.
// No framework and no network: data files are scripts that assign globals,
// loaded with <script> elements so everything also works from file://.
(function (global) {
  'use strict';

  // == search core
  // Pure functions over the index (no DOM), so node can benchmark them.
  // The files are described in src/render/search_index.rs.

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

  // Edit distance counting a swap of neighbours as one edit (so "prodcut"
  // is one edit from "product"), or max + 1 once it is certainly larger.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var rows = [], i, j;
    for (i = 0; i <= a.length; i++) { rows.push(new Array(b.length + 1)); rows[i][0] = i; }
    for (j = 0; j <= b.length; j++) rows[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
        rows[i][j] = d;
        if (d < best) best = d;
      }
      if (best > max) return max + 1;
    }
    return rows[a.length][b.length];
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

  // Field weights; t2 = a word of a two-word title, l1 of a one-word alias.
  var WEIGHT = { t: 3, a: 4, l: 2.5, g: 1.5, s: 1.2, b: 0.6 };
  // Bonus for a query spelling a whole name, by field.
  var WHOLE = { t: 1000, a: 1200, l: 900 };

  function uniqueWords(query) {
    return words(query).filter(function (w, i, all) { return all.indexOf(w) === i; }).slice(0, 8);
  }

  function Engine(data) {
    this.data = data;
    this.names = data.w;
    this.dep = new Set(data.dep || []);
    this.terms = {}; // shard number → {field: {word: postings}}
    this.decoded = new Map();
  }

  // The last shard whose first word is <= word (0 before the first).
  Engine.prototype.shardOf = function (word) {
    var shards = this.data.shards, lo = 0, hi = shards.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (shards[mid] <= word) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  };

  // Name words q nearly spells (typos only; exact and prefix come from its own shards).
  Engine.prototype.typos = function (q) {
    if (q.length < 4) return [];
    var found = [];
    for (var i = 0; i < this.names.length; i++) {
      var w = this.names[i], c = closeness(q, w);
      if (c > 0 && c < 0.75) found.push([c, w]);
    }
    found.sort(function (a, b) { return (b[0] - a[0]) || (a[1] < b[1] ? -1 : 1); });
    return found.slice(0, 4).map(function (f) { return f[1]; });
  };

  // Shards holding q, the words it begins (at most 3 shards) and the names it nearly spells.
  Engine.prototype.shardsFor = function (q) {
    if (q.length < 2 || !this.data.shards.length) return [];
    var from = this.shardOf(q), out = [from], self = this;
    if (q.length >= 3) {
      var to = Math.min(this.shardOf(q + '\uffff'), from + 2);
      for (var n = from + 1; n <= to; n++) out.push(n);
    }
    this.typos(q).forEach(function (w) { var n = self.shardOf(w); if (out.indexOf(n) < 0) out.push(n); });
    return out.sort(function (a, b) { return a - b; });
  };

  // Shards the query needs that are not loaded yet.
  Engine.prototype.missingShards = function (query) {
    var out = [], self = this;
    uniqueWords(query).forEach(function (q) {
      self.shardsFor(q).forEach(function (n) { if (!self.terms[n] && out.indexOf(n) < 0) out.push(n); });
    });
    return out;
  };

  Engine.prototype.postings = function (shard, field, word) {
    var key = shard + ' ' + field + ' ' + word, got = this.decoded.get(key);
    if (!got) { got = decode(this.terms[shard][field][word]); this.decoded.set(key, got); }
    return got;
  };

  // Every matching entry number, best first: entries matching every query
  // word, then whole names, then exact and prefix matches on names, then
  // near-misses on names, then summaries and bodies.
  Engine.prototype.search = function (query) {
    var qs = uniqueWords(query);
    if (!qs.length) return [];
    var score = new Map(), mask = new Map(), whole = new Map(), size = new Map(), self = this;
    qs.forEach(function (q, j) {
      var bit = 1 << j, best = new Map(), typos = self.typos(q);
      self.shardsFor(q).forEach(function (shard) {
        var terms = self.terms[shard];
        if (!terms) return;
        Object.keys(terms).sort().forEach(function (field) {
          var kind = field[0], count = +field.slice(1) || 1, name = kind !== 's' && kind !== 'b', map = terms[field];
          for (var w in map) {
            var c = w === q ? 1 : w.lastIndexOf(q, 0) === 0 && q.length >= (name ? 2 : 3) ? (name ? 0.75 : 0.6) :
              name && kind !== 'g' && typos.indexOf(w) >= 0 ? closeness(q, w) : 0;
            if (!c) continue;
            var ids = self.postings(shard, field, w), pts = WEIGHT[kind] * c * 10;
            for (var m = 0; m < ids.length; m++) {
              var e = ids[m];
              if ((best.get(e) || 0) < pts) best.set(e, pts);
              if (kind === 't') size.set(e, count);
              if (c === 1 && WHOLE[kind] && count === qs.length) {
                var key = e + kind, had = whole.get(key) || 0;
                whole.set(key, had | bit);
              }
            }
          }
        });
      });
      best.forEach(function (points, e) {
        score.set(e, (score.get(e) || 0) + points);
        mask.set(e, (mask.get(e) || 0) | bit);
      });
    });
    var full = (1 << qs.length) - 1, results = [];
    whole.forEach(function (bits, key) {
      if (bits !== full) return;
      var e = parseInt(key, 10);
      score.set(e, score.get(e) + WHOLE[key.slice(String(e).length)]);
    });
    mask.forEach(function (bits, e) {
      var n = 0;
      for (var b = bits; b; b &= b - 1) n++;
      results.push([e, n, score.get(e), bits === full, size.get(e) || 9]);
    });
    var dep = this.dep;
    results.sort(function (a, b) {
      return (b[3] - a[3]) || (dep.has(a[0]) - dep.has(b[0])) || (b[1] - a[1]) || (b[2] - a[2]) ||
        (a[4] - b[4]) || (a[0] - b[0]);
    });
    if (results.length && results[0][3]) results = results.filter(function (r) { return r[3]; });
    return results.map(function (r) { return r[0]; });
  };

  // The name words closest to the query's words, for "did you mean".
  Engine.prototype.suggest = function (query) {
    var found = [], names = this.names;
    uniqueWords(query).forEach(function (q) {
      var best = null, bestD = Math.min(3, Math.max(1, q.length - 2)) + 1;
      for (var i = 0; i < names.length; i++) {
        var d = distance(q, names[i], bestD - 1);
        if (d < bestD) { bestD = d; best = names[i]; }
      }
      if (best && found.indexOf(best) < 0) found.push(best);
    });
    return found;
  };

  // Result row i ([title, url or 0, abbreviation, kind, summary, status?]) once its block is loaded.
  Engine.prototype.row = function (i, blocks) {
    var block = blocks && blocks[Math.floor(i / this.data.block)];
    return block ? block[i % this.data.block] : null;
  };

  Engine.prototype.url = function (row) {
    return (row[1] === 0 ? simpleSlug(row[0]) : row[1]) + '.html';
  };

  var core = { Engine: Engine, words: words, fold: fold, distance: distance, closeness: closeness, simpleSlug: simpleSlug, decode: decode };
  if (typeof module === 'object' && module.exports) module.exports = core;
  if (typeof document === 'undefined') return;

  // == page helpers
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

  // == theme toggle
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

  // == search UI
  var PAGE = 10;

  // `text` as nodes, the words close to a query word in <mark>.
  function marked(text, qs) {
    var frag = doc.createDocumentFragment(), parts = String(text).split(/([\p{L}\p{N}]+)/u);
    parts.forEach(function (part, i) {
      var w = i % 2 ? fold(part) : '';
      var hit = w && qs.some(function (q) { return closeness(q, w) > 0 || (q.length >= 3 && w.lastIndexOf(q, 0) === 0); });
      if (hit) frag.appendChild(el('mark', null, part)); else if (part) frag.appendChild(doc.createTextNode(part));
    });
    return frag;
  }

  function setupSearch() {
    var input = doc.getElementById('search-input');
    var panel = doc.getElementById('search-panel');
    if (!input || !panel) return;
    // The panel's parts are made here, not repeated in every page's bytes
    // (a theme whose page has them keeps its own).
    function part(tag, id, text) {
      var node = doc.getElementById(id);
      if (!node) { node = el(tag, id, text); node.id = id; panel.appendChild(node); }
      return node;
    }
    var status = part('p', 'search-status');
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    var hints = part('p', 'search-suggest');
    var list = part('ol', 'search-results');
    var more = part('button', 'search-more', 'Show more');
    if (!hints.textContent) hints.hidden = true;
    if (!more.getAttribute('type')) { more.type = 'button'; more.hidden = true; }
    var engine = null, pending = null, timer = 0, found = [], shown = 0, query = '';

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

    function open(show) { panel.hidden = !show; }

    function blocks(ids) {
      var need = [];
      ids.forEach(function (i) {
        var n = Math.floor(i / engine.data.block);
        if (need.indexOf(n) < 0) need.push(n);
      });
      return Promise.all(need.map(function (n) { return load('search/s-' + n + '.js'); }));
    }

    function item(i, qs) {
      var row = engine.row(i, global.ROLEBOOK_RESULTS), li = el('li'), a = el('a');
      if (!row) return li;
      a.href = root + engine.url(row);
      var title = el('span', 'r-title');
      title.appendChild(marked(row[0] + (row[2] ? ' (' + row[2] + ')' : ''), qs));
      a.appendChild(title);
      a.appendChild(el('span', 'r-kind', engine.data.kinds[row[3]] || ''));
      if (row[5]) a.appendChild(el('span', 'status-badge status-' + row[5], row[5]));
      var sum = el('span', 'r-sum');
      sum.appendChild(marked(row[4], qs));
      a.appendChild(sum);
      li.appendChild(a);
      return li;
    }

    function describe() {
      var n = found.length;
      status.textContent = n ? n + (n === 1 ? ' result' : ' results') + ' for “' + query + '”' +
        (shown < n ? ', showing ' + shown : '') : 'Nothing found for “' + query + '”.';
      more.hidden = shown >= n;
      more.textContent = 'Show ' + Math.min(PAGE, n - shown) + ' more';
    }

    // Shows results up to `count`, loading the blocks they are in first.
    function show(count, q) {
      var ids = found.slice(shown, count), qs = words(q);
      return blocks(ids).then(function () {
        if (q !== query) return;
        ids.forEach(function (i) { list.appendChild(item(i, qs)); });
        shown = Math.max(shown, Math.min(count, found.length));
        describe();
      });
    }

    function suggest(q) {
      hints.textContent = '';
      var names = engine.suggest(q);
      if (!names.length) { hints.hidden = true; return; }
      hints.appendChild(doc.createTextNode('Closest names: '));
      names.forEach(function (name) {
        var b = el('button', null, name);
        b.type = 'button';
        b.addEventListener('click', function () {
          var qs = words(q);
          input.value = qs.length === 1 ? name : qs.map(function (w) { return engine.suggest(w)[0] || w; }).join(' ');
          input.focus();
          run();
        });
        hints.appendChild(b);
        hints.appendChild(doc.createTextNode(' '));
      });
      hints.hidden = false;
    }

    function run() {
      var q = input.value;
      query = q;
      panel.removeAttribute('data-complete');
      if (!q.trim()) { list.textContent = ''; open(false); return; }
      ready().then(function () {
        if (q !== query) return;
        var needed = engine.missingShards(q);
        return Promise.all(needed.map(function (n) {
          return load('search/t-' + n + '.js').then(function () { engine.terms[n] = global.ROLEBOOK_TERMS[n]; });
        })).then(function () {
          if (q !== query) return;
          found = engine.search(q);
          shown = 0;
          list.textContent = '';
          hints.hidden = true;
          if (!found.length) suggest(q);
          return show(PAGE, q).then(function () { if (q === query) { open(true); panel.setAttribute('data-complete', ''); } });
        });
      }).catch(function () { status.textContent = 'The search index could not be loaded.'; open(true); });
    }

    function focusSearch(event) {
      event.preventDefault();
      input.focus();
      input.select();
    }

    input.addEventListener('focus', function () { ready(); });
    input.addEventListener('click', function () { if (input.value.trim() && list.children.length) open(true); });
    input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(run, 60); });
    more.addEventListener('click', function () {
      var next = list.children.length;
      show(shown + PAGE, query).then(function () { var a = list.children[next] && list.children[next].querySelector('a'); if (a) a.focus(); });
    });
    function links() { return Array.prototype.slice.call(list.querySelectorAll('a')); }
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' && links().length) { event.preventDefault(); links()[0].focus(); }
      else if (event.key === 'Enter') {
        event.preventDefault();
        clearTimeout(timer);
        var first = links()[0];
        if (first && panel.hasAttribute('data-complete') && query === input.value) global.location.href = first.href;
        else {
          run();
          var wait = setInterval(function () {
            if (!panel.hasAttribute('data-complete')) return;
            clearInterval(wait);
            if (links()[0]) global.location.href = links()[0].href;
          }, 30);
        }
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
      if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) focusSearch(event);
      else if ((event.key === 'k' || event.key === 'K') && (event.ctrlKey || event.metaKey) && !event.altKey) focusSearch(event);
    });
    doc.addEventListener('click', function (event) {
      if (!panel.hidden && !panel.contains(event.target) && event.target !== input) open(false);
    });
    panel.addEventListener('focusout', function (event) {
      if (event.relatedTarget && !panel.contains(event.relatedTarget) && event.relatedTarget !== input) open(false);
    });
  }

  // == link previews
  // Data from previews/p-N.js, N = FNV-1a(slug) % 512 (render/previews.rs).
  // A link's slug is its data-slug, else its file name: entry pages are
  // <slug>.html at the site's root.
  function slugOf(link) {
    var slug = link.getAttribute('data-slug');
    if (slug) return slug;
    slug = (link.getAttribute('href') || '').split(/[?#]/)[0].split('/').pop().replace(/\.html$/, '');
    try { return decodeURIComponent(slug); } catch (e) { return slug; }
  }
  function setupPreviews() {
    var box = el('div', 'preview'), current = null, pending = null, showTimer = 0, hideTimer = 0, pressTimer = 0, pressed = null;
    box.id = 'link-preview';
    box.setAttribute('role', 'tooltip');
    box.hidden = true;
    doc.body.appendChild(box);

    function target(node) {
      return node && node.closest ? node.closest('a.xref') : null;
    }
    function show(link) {
      var slug = slugOf(link), h = 2166136261, i;
      pending = link;
      if (link.rbPreview) return draw(link, link.rbPreview);
      for (i = 0; i < slug.length; i++) h = Math.imul(h ^ slug.charCodeAt(i), 16777619);
      h = (h >>> 0) % 512;
      load('previews/p-' + h + '.js').then(function () {
        var d = global.ROLEBOOK_PREVIEWS[h];
        if (pending === link && d[slug]) draw(link, d[slug]);
      }, function () {});
    }
    function draw(link, data) {
      clearTimeout(hideTimer);
      if (current && current !== link) current.removeAttribute('aria-describedby');
      current = link;
      box.textContent = '';
      box.appendChild(el('span', 'p-kind', data[0]));
      box.appendChild(el('span', 'p-title', data[1] || link.textContent));
      box.appendChild(el('p', 'p-summary', data[2]));
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
      pending = null;
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

  // == compare picker
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
      a.rbPreview = [r.kind, r.title, r.summary];
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
      roles.forEach(function (r) { var td = el('td'); td.setAttribute('data-role', r.title); cell(r, td); tr.appendChild(td); });
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

  // == wide tables
  // A table wider than its box gets the class `overflows`, which shows the
  // "scroll sideways" hint next to it.
  function setupScrollers() {
    var boxes = Array.prototype.slice.call(doc.querySelectorAll('.table-wrap'));
    if (!boxes.length) return;
    function mark() {
      boxes.forEach(function (b) { b.classList.toggle('overflows', b.scrollWidth > b.clientWidth + 1); });
    }
    mark();
    if (global.ResizeObserver) {
      var watch = new ResizeObserver(mark);
      boxes.forEach(function (b) { watch.observe(b); });
    } else global.addEventListener('resize', mark);
  }

  // == decision matrix filter
  // Role columns can be hidden; the choice lives in the address (#r=slug,…)
  // like the compare picker's, and applies to the table and the cards alike.
  function setupMatrix() {
    var box = doc.getElementById('matrix');
    if (!box) return;
    var checks = Array.prototype.slice.call(box.querySelectorAll('.matrix-filter input[type=checkbox]'));
    var rows = Array.prototype.slice.call(box.querySelectorAll('.matrix tr'));
    var cards = Array.prototype.slice.call(box.querySelectorAll('.matrix-cards > li'));
    var shown = doc.getElementById('matrix-shown'), none = doc.getElementById('matrix-none');
    var hash = /(?:^#|&)r=([^&]*)/.exec(global.location.hash);
    if (hash) {
      var wanted = [];
      try { wanted = decodeURIComponent(hash[1]).split(','); } catch (e) { /* a malformed address shows all */ }
      if (wanted.some(function (slug) { return checks.some(function (c) { return c.value === slug; }); })) {
        checks.forEach(function (c) { c.checked = wanted.indexOf(c.value) >= 0; });
      }
    }
    function apply(remember) {
      var on = checks.map(function (c) { return c.checked; }), count = on.filter(Boolean).length, any = false;
      rows.forEach(function (tr, r) {
        var cells = tr.children, used = r === 0;
        for (var i = 1; i < cells.length; i++) {
          cells[i].hidden = !on[i - 1];
          if (on[i - 1] && cells[i].querySelector('.part')) used = true;
        }
        tr.hidden = !used;
        if (used && r > 0) any = true;
      });
      cards.forEach(function (card) {
        var used = false;
        Array.prototype.forEach.call(card.querySelectorAll('dl > div'), function (group) {
          var items = group.querySelectorAll('li[data-c]'), visible = 0;
          Array.prototype.forEach.call(items, function (li) {
            li.hidden = !on[+li.getAttribute('data-c')];
            if (!li.hidden) visible++;
          });
          group.hidden = !visible;
          if (visible) used = true;
        });
        card.hidden = !used;
      });
      none.hidden = any;
      shown.textContent = count === checks.length ? 'all ' + count : count + ' of ' + checks.length;
      if (remember && global.history && global.history.replaceState) {
        var picked = checks.filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
        var url = global.location.pathname + global.location.search;
        global.history.replaceState(null, '', count === checks.length ? url : url + '#r=' + picked.join(','));
      }
    }
    box.addEventListener('change', function () { apply(true); });
    box.addEventListener('click', function (event) {
      var all = event.target.getAttribute && event.target.getAttribute('data-all');
      if (all == null) return;
      checks.forEach(function (c) { c.checked = all === '1'; });
      apply(true);
    });
    apply(false);
  }

  // == map switch
  // One graph at a time once script runs; without it, all of them.
  function setupGraphs() {
    var buttons = Array.prototype.slice.call(doc.querySelectorAll('.graph-switch button'));
    function pick(button) {
      buttons.forEach(function (b) {
        var on = b === button;
        b.setAttribute('aria-pressed', on ? 'true' : 'false');
        var figure = doc.getElementById(b.getAttribute('data-graph'));
        if (figure) figure.hidden = !on;
      });
    }
    buttons.forEach(function (b) { b.addEventListener('click', function () { pick(b); }); });
    if (buttons.length) pick(buttons[0]);
  }

  // == moving around
  // The sticky header's height (for anchors and sticky bars below it), the
  // table of contents (closed on phones, marks the section in view),
  // copy-link anchors on headings.
  function setupNavigation() {
    var header = doc.querySelector('.site-header'), html = doc.documentElement;
    function measure() { if (header) html.style.setProperty('--header-h', header.offsetHeight + 'px'); }
    measure();
    global.addEventListener('resize', measure);
    var toc = doc.querySelector('.toc details');
    if (toc && global.matchMedia('(max-width: 63.99rem)').matches) toc.open = false;
    Array.prototype.forEach.call(doc.querySelectorAll('main h2[id], main h3[id]'), function (h) {
      var a = el('a', 'anchor', '#');
      a.href = '#' + h.id;
      a.setAttribute('aria-label', 'Link to “' + h.textContent + '”');
      a.addEventListener('click', function () {
        var url = global.location.href.replace(/#.*$/, '') + '#' + h.id;
        if (global.navigator.clipboard) global.navigator.clipboard.writeText(url).then(function () {
          a.setAttribute('data-copied', '');
          setTimeout(function () { a.removeAttribute('data-copied'); }, 1500);
        }, function () { /* the address bar still has it */ });
      });
      h.appendChild(a);
    });
    var links = Array.prototype.slice.call(doc.querySelectorAll('.toc a[href^="#"]'));
    var targets = links.map(function (a) { return doc.getElementById(a.getAttribute('href').slice(1)); });
    if (!links.length || !global.IntersectionObserver) return;
    function spy() {
      var line = (header ? header.offsetHeight : 0) + global.innerHeight * 0.25, at = 0;
      targets.forEach(function (t, i) { if (t && t.getBoundingClientRect().top <= line) at = i; });
      // At the very bottom the last sections cannot reach the line.
      if (global.innerHeight + global.scrollY >= doc.documentElement.scrollHeight - 2) at = targets.length - 1;
      links.forEach(function (a, i) { if (i === at) a.setAttribute('aria-current', 'true'); else a.removeAttribute('aria-current'); });
    }
    var watch = new IntersectionObserver(spy, { rootMargin: '0px 0px -60% 0px' });
    targets.forEach(function (t) { if (t) watch.observe(t); });
    global.addEventListener('scroll', function () { global.requestAnimationFrame(spy); }, { passive: true });
    spy();
  }

  function start() {
    setupTheme();
    setupNavigation();
    setupGraphs();
    setupScrollers();
    setupMatrix();
    setupSearch();
    setupPreviews();
    setupPicker();
  }
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start); else start();
})(typeof window !== 'undefined' ? window : globalThis);
