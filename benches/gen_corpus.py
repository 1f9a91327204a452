#!/usr/bin/env python3
"""Deterministic benchmark corpus for rolebook and its peers.

Writes one glossary of N entries three ways:

  OUT/rolebook/  site.toml + content/*.md (YAML front matter, typed `links:`,
                 [[wikilinks]]) + content/compare/*.md (hand-written comparisons)
  OUT/hugo/      the same content as a Hugo site: TOML front matter, body links
                 as {{< ref >}} shortcodes, minimal layouts (entry page with its
                 typed links and tags, paged lists, tag and kind taxonomies)
  OUT/zola/      the same as a Zola site (only with --zola; Zola could not be
                 installed on the benchmark machine, see BENCHMARKS.md)

Everything comes from a seeded random generator and fixed word lists written
for this file, so the same (N, seed) always gives byte-identical files.

Usage: gen_corpus.py N OUT [--seed 42] [--zola] [--shape default|long]
"""

import argparse
import os
import random
import re
import shutil

# --- Vocabulary (invented for this generator) ---------------------------------

ADJECTIVES = """agile applied adaptive balanced batch canonical central certified cloud
cohesive composable continuous contract curated customer daily data decentral
derived digital distributed domain durable dynamic edge elastic embedded enterprise
event federated feature financial flexible formal global golden governed hybrid
incremental indexed inner integrated internal lean legacy linked live logical managed
master metric modular native open operational outer partner personal platform
portable predictive primary private product public quality raw real-time reference
regional reliable remote resilient reusable secure self-serve semantic shared
silver single small source spatial stable standard static streaming strategic
structured synthetic tactical team temporal tiered trusted unified upstream
validated versioned virtual visible weekly""".split()

NOUNS = """access account adapter agreement alert analysis archive asset audit backlog
baseline batch benchmark blueprint boundary budget buffer cache calendar capability
catalog channel charter checklist checkpoint cluster cohort contract control cost
dashboard dataset decision definition delivery dependency deployment design
dictionary dimension domain driver entity envelope estimate event experiment export
extract feature feedback filter forecast framework gateway glossary graph guideline
handbook hierarchy hypothesis identity incident index initiative insight interface
inventory journey ledger lifecycle lineage mapping marketplace measure mesh metadata
metric milestone model monitor network notebook objective ontology outcome partition
pattern pipeline plan platform playbook policy pool portfolio process profile
program projection protocol query queue quota record register release report
repository request requirement review risk roadmap rule runbook sample schedule schema
scope score segment service signal snapshot source specification sprint standard
store strategy stream summary survey table target taxonomy template threshold ticket
timeline topic trace trigger upgrade usage vault version view warehouse workflow
workspace""".split()

ROLE_NOUNS = """analyst architect champion coach curator designer developer director
engineer facilitator guardian lead manager modeler officer operator owner partner
planner reviewer scientist specialist sponsor steward strategist tester""".split()

GUIDE_PREFIXES = ["How to choose a", "Getting started with the", "A checklist for the",
                  "Running a", "Reviewing the", "Scaling the", "Migrating a", "Measuring the"]

QUALIFIERS = """alpha beta gamma delta north south east west prime core""".split()

WORDS = """ability accept account across action activity actual address agree aim allow
already always amount answer approach area argue arrive assume attention available
avoid aware balance basis become begin behaviour belief benefit better between
boundary build business call capacity careful carry case cause certain chance change
check choice claim clear close collect common compare complete concern condition
consider constant contain context continue control correct cost count course cover
create current cycle deal decide default define demand depend describe detail
develop difference direct discuss distinct document during each early effect effort
enable enough ensure entire equal error estimate even event evidence exact example
expect explain express extend fact fail field final find first focus follow form
frame general give goal good group grow guide handle happen help hold idea impact
improve include increase inform initial input intent issue join judge keep kind
know large later lead learn level limit list local long maintain major make manage
matter mean measure meet method middle mind minor model moment move narrow need
note notice number offer often order other outcome output own part pass pattern
perform period place plan point practice prefer prepare present pressure prevent
price principle priority problem process produce progress promise proper protect
provide public purpose quality question quick range rather reach ready reason
receive record reduce reflect regular relate release rely remain remove repeat
replace report request require resource respond result return review right risk
role rule safe same scale scope section select sense separate serve share short
show side sign simple single size slow small solve sort source space specific
stable stage standard start state step stop store strong structure subject support
sure system take target task team tend term test thing think time track trade
trust turn type under unit update use useful usual value vary version view wait
want watch whole wide work worth write year""".split()

CONNECTORS = ["and", "but", "so", "because", "while", "when", "although", "since", "until", "unless"]

TAGS = """governance delivery analytics ownership agile data-mesh quality security privacy
compliance platform operations finance marketing sales product engineering design research
strategy architecture integration streaming batch reporting metadata catalog lineage
modeling testing monitoring cost performance reliability scalability migration cloud
on-premise hybrid ml ai experimentation forecasting pricing supply-chain logistics hr
legal procurement customer onboarding support retention growth risk audit access
identity documentation training community standards interoperability semantics
ontology taxonomy search discovery visualization dashboards alerting incident-response
capacity scheduling orchestration storage warehousing lakehouse transformation
ingestion export api events messaging contracts versioning release change-management
portfolio roadmapping prioritization estimation budgeting vendor partnership
sustainability accessibility localization mobile web embedded edge iot geospatial
time-series graph text images audio video healthcare retail banking insurance energy
manufacturing telecom public-sector education media travel""".split()

FACETS = ["focus", "horizon", "decision_authority", "works_with", "success_metrics", "background"]

DECISIONS = ["Order of the backlog", "Guarantees offered to consumers", "Vision and strategy",
             "Data quality rules", "Who may access a dataset", "Which tools the team adopts",
             "Release schedule", "Budget for the next quarter", "Hiring for the team",
             "Retirement of an old version", "Naming conventions", "Incident severity levels"]

PARTS = ["decides", "consulted", "informed"]

HEADINGS = ["Overview", "In practice", "Common pitfalls", "How it relates", "Examples",
            "History", "Measuring success", "Open questions"]

SITE_TOML_RELATIONS = '''
[kinds.role]
label = "Role"
plural = "Roles"
role = true

[kinds.concept]
label = "Concept"
plural = "Concepts"

[kinds.guide]
label = "Guide"
plural = "Guides"

[relations.works_with]
label = "Works with"
symmetric = true

[relations.contrasts_with]
label = "Often confused with"
symmetric = true

[relations.see_also]
label = "See also"
symmetric = true

[relations.reports_to]
label = "Reports to"
inverse = "manages"
inverse_label = "Manages"
from = ["role"]
to = ["role"]

[relations.accountable_for]
label = "Accountable for"
inverse = "owned_by"
inverse_label = "Owned by"
from = ["role"]
to = ["concept"]

[relations.contributes_to]
label = "Contributes to"
inverse = "contributed_to_by"
inverse_label = "Contributed to by"
from = ["role"]
to = ["concept"]

[relations.uses]
label = "Uses"
inverse = "used_by"
inverse_label = "Used by"

[relations.part_of]
label = "Part of"
inverse = "has_part"
inverse_label = "Has part"

[relations.specializes]
label = "Specializes"
inverse = "specialized_by"
inverse_label = "Specialized by"
max = 1

[facets]
order = ["focus", "horizon", "decision_authority", "works_with", "success_metrics", "background"]

[facets.labels]
focus = "Primary focus"
horizon = "Time horizon"
decision_authority = "Decision authority"
works_with = "Works mostly with"
success_metrics = "Success metrics"
background = "Typical background"
'''


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --- The abstract corpus ------------------------------------------------------


class Entry:
    __slots__ = ("slug", "title", "kind", "abbr", "aliases", "summary", "tags", "links",
                 "facets", "responsibilities", "skills", "decisions", "updated", "body")


def make_titles(rng, n):
    """N unique (kind, title) pairs; about 1/7 roles, 1/7 guides."""
    seen = set()
    out = []
    for i in range(n):
        kind = "role" if i % 7 == 0 else "guide" if i % 7 == 3 else "concept"
        while True:
            if kind == "role":
                title = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {rng.choice(ROLE_NOUNS)}"
            elif kind == "guide":
                title = f"{rng.choice(GUIDE_PREFIXES)} {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
            else:
                title = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
            if len(seen) > 0.6 * len(ADJECTIVES) * len(NOUNS) or rng.random() < 0.15:
                title += f" {rng.choice(QUALIFIERS)}"
            title = title[0].upper() + title[1:]
            slug = slugify(title)
            if slug not in seen:
                seen.add(slug)
                out.append((kind, title, slug))
                break
    rng.shuffle(out)
    return out


def sentence(rng, lo=8, hi=18):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    if rng.random() < 0.4:
        words.insert(rng.randint(2, len(words) - 1), rng.choice(CONNECTORS))
    return " ".join(words).capitalize() + "."


def tag_choice(rng):
    # Zipf-like: a few tags are very common, so some tag pages need paging.
    return TAGS[min(int(rng.paretovariate(1.1)) - 1, len(TAGS) - 1)] if rng.random() < 0.5 else rng.choice(TAGS)


def build_corpus(n, seed, shape="default"):
    """shape "long": no hand-written comparisons and bodies about three times
    as long, a second corpus whose cost sits in Markdown rather than in links."""
    rng = random.Random(seed)
    titles = make_titles(rng, n)
    entries = []
    for i, (kind, title, slug) in enumerate(titles):
        e = Entry()
        e.slug, e.title, e.kind = slug, title, kind
        e.abbr = None
        e.aliases = []
        if kind == "role" and rng.random() < 0.3:
            e.abbr = "".join(w[0] for w in title.split()).upper() + str(i)
        if rng.random() < 0.1:
            e.aliases = [f"{title} ({rng.choice(QUALIFIERS)} {i})"]
        e.summary = f"{title}: {sentence(rng, 10, 22)}"
        e.tags = sorted({tag_choice(rng) for _ in range(rng.randint(2, 4))})
        e.links = {}
        e.facets = {}
        e.responsibilities = []
        e.skills = []
        e.decisions = []
        e.updated = f"202{rng.randint(2, 5)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        entries.append(e)
    roles = [i for i, e in enumerate(entries) if e.kind == "role"]
    concepts = [i for i, e in enumerate(entries) if e.kind == "concept"]

    def pick(pool, own, k, taken):
        out = []
        for _ in range(k * 3):
            if len(out) == k or not pool:
                break
            j = rng.choice(pool)
            if j != own and j not in taken and j not in out:
                out.append(j)
        return out

    contrasts = []
    for a, b in zip(roles[0::2], roles[1::2]):
        if rng.random() < 0.6:
            contrasts.append((a, b))
    contrast_of = {}
    for a, b in contrasts:
        contrast_of[a] = b
        contrast_of[b] = a
    everyone = list(range(n))
    for i, e in enumerate(entries):
        taken = {i}
        links = {}

        def add(key, targets):
            if targets:
                links[key] = targets
                taken.update(targets)

        if i in contrast_of:
            add("contrasts_with", [contrast_of[i]])
        add("see_also", pick(everyone, i, rng.randint(1, 2), taken))
        add("uses", pick(everyone, i, rng.randint(0, 2), taken))
        if e.kind != "role":
            add("part_of", pick(concepts, i, rng.randint(0, 1), taken))
        else:
            add("works_with", pick(roles, i, rng.randint(1, 3), taken))
            add("reports_to", pick(roles, i, rng.randint(0, 1), taken))
            add("accountable_for", pick(concepts, i, rng.randint(1, 3), taken))
            add("contributes_to", pick(concepts, i, rng.randint(1, 2), taken))
            if rng.random() < 0.2:
                add("specializes", pick(roles, i, 1, taken))
            e.facets = {f: sentence(rng, 4, 9)[:-1] for f in FACETS}
            e.responsibilities = [sentence(rng, 5, 10)[:-1] for _ in range(rng.randint(4, 7))]
            e.skills = [sentence(rng, 3, 6)[:-1] for _ in range(rng.randint(3, 5))]
            e.decisions = [(d, rng.choice(PARTS)) for d in rng.sample(DECISIONS, rng.randint(3, 5))]
        e.links = links
        # Body: every entry links to the next one, so none is an orphan.
        targets = [(i + 1) % n] + [rng.randrange(n) for _ in range(rng.randint(4, 9))]
        targets = [t for t in targets if t != i] or [(i + 2) % n]
        e.body = make_body(rng, entries, targets, 3 if shape == "long" else 1)
    comparisons = []
    if shape == "long":
        return entries, comparisons
    for k, (a, b) in enumerate(contrasts):
        if k % 3 == 0:
            x, y = entries[a], entries[b]
            body = [sentence(rng) for _ in range(3)]
            body.append(f"Read [[{x.slug}]] and [[{y.slug}]] side by side before choosing.")
            body += ["", "## When to choose which", ""] + [sentence(rng) for _ in range(6)]
            comparisons.append({
                "slug": f"{x.slug}-vs-{y.slug}",
                "title": f"{x.title} vs {y.title}",
                "compare": [x.slug, y.slug],
                "summary": f"How {x.title} and {y.title} differ: {sentence(rng, 6, 12)}",
                "tags": sorted({tag_choice(rng) for _ in range(2)}),
                "body": "\n".join(body) + "\n",
            })
    return entries, comparisons


def make_body(rng, entries, targets, scale=1):
    """A 300-500-word Markdown body (times scale) as a list of blocks; links are tuples."""
    words_goal = rng.randint(300, 500) * scale
    headings = rng.sample(HEADINGS, rng.randint(2, 4))
    blocks = []
    count = 0
    pending = list(targets)
    section = 0
    while count < words_goal or pending:
        if section < len(headings) and (count > section * words_goal / len(headings)):
            blocks.append(("h", headings[section]))
            section += 1
        parts = []
        for _ in range(rng.randint(3, 6)):
            s = sentence(rng)
            count += s.count(" ") + 1
            if pending and rng.random() < 0.5:
                t = pending.pop()
                form = rng.randrange(4)
                parts.append(s[:-1])
                parts.append(("link", t, form))
                parts.append(".")
            else:
                parts.append(s)
        blocks.append(("p", parts))
        if rng.random() < 0.12:
            rows = [[rng.choice(NOUNS), rng.choice(WORDS), str(rng.randint(1, 99))] for _ in range(rng.randint(3, 5))]
            blocks.append(("table", rows))
            count += 3 * len(rows)
        elif rng.random() < 0.15:
            items = [sentence(rng, 4, 9) for _ in range(rng.randint(3, 5))]
            blocks.append(("ul", items))
            count += sum(s.count(" ") + 1 for s in items)
    return blocks


# --- Writers ------------------------------------------------------------------


def yaml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_str(s):
    return yaml_str(s)


def render_body(blocks, entries, link):
    out = []
    for block in blocks:
        kind = block[0]
        if kind == "h":
            out.append(f"## {block[1]}\n")
        elif kind == "p":
            text = []
            for part in block[1]:
                if isinstance(part, tuple):
                    _, t, form = part
                    text.append(" " + link(entries[t], form))
                elif part == ".":
                    text.append(".")
                else:
                    text.append((" " if text else "") + part)
            out.append("".join(text).strip() + "\n")
        elif kind == "table":
            lines = ["| Item | Note | Count |", "| --- | --- | ---: |"]
            lines += [f"| {a} | {b} | {c} |" for a, b, c in block[1]]
            out.append("\n".join(lines) + "\n")
        elif kind == "ul":
            out.append("\n".join(f"- {s}" for s in block[1]) + "\n")
    return "\n".join(out)


def rolebook_link(e, form):
    if form == 0:
        return f"[[{e.title}]]"
    if form == 1:
        return f"[[{e.slug}]]"
    if form == 2:
        return f"[[{e.slug}|{e.title.lower()}]]"
    return f"[{e.title}]({e.slug}.md)"


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def write_rolebook(root, n, entries, comparisons):
    content = os.path.join(root, "content")
    os.makedirs(os.path.join(content, "compare"))
    write(os.path.join(root, "site.toml"),
          f'title = "Benchmark glossary ({n} entries)"\n'
          'description = "A generated glossary for benchmarks."\n'
          'base_url = "/"\nlanguage = "en"\nnoindex = true\n'
          'repo_edit_url = "https://git.example.com/wiki/-/edit/main/content/{path}"\n'
          + SITE_TOML_RELATIONS)
    for e in entries:
        lines = ["---", f"title: {yaml_str(e.title)}", f"kind: {e.kind}"]
        if e.abbr:
            lines.append(f"abbr: {e.abbr}")
        if e.aliases:
            lines.append("aliases: [" + ", ".join(yaml_str(a) for a in e.aliases) + "]")
        lines.append(f"summary: {yaml_str(e.summary)}")
        lines.append("tags: [" + ", ".join(e.tags) + "]")
        lines.append("links:")
        for key, targets in e.links.items():
            names = [entries[t].slug if k % 3 else yaml_str(entries[t].title) for k, t in enumerate(targets)]
            lines.append(f"  {key}: [" + ", ".join(names) + "]")
        if e.facets:
            lines.append("facets:")
            lines += [f"  {k}: {yaml_str(v)}" for k, v in e.facets.items()]
            lines.append("responsibilities:")
            lines += [f"  - {yaml_str(r)}" for r in e.responsibilities]
            lines.append("skills:")
            lines += [f"  - {yaml_str(s)}" for s in e.skills]
            lines.append("decisions:")
            lines += [f"  - {{ decision: {yaml_str(d)}, part: {p} }}" for d, p in e.decisions]
        lines.append("sources:")
        lines.append(f'  - {{ title: "Notes on {e.slug}", publisher: Example, url: "https://library.bench-glossary.org/{e.slug}" }}')
        lines.append(f"updated: {e.updated}")
        lines.append("---")
        body = render_body(e.body, entries, rolebook_link)
        write(os.path.join(content, e.slug + ".md"), "\n".join(lines) + "\n" + body)
    for c in comparisons:
        text = ("---\n"
                f"title: {yaml_str(c['title'])}\n"
                f"compare: [{', '.join(c['compare'])}]\n"
                f"summary: {yaml_str(c['summary'])}\n"
                f"tags: [{', '.join(c['tags'])}]\n"
                "sources:\n"
                f"  - {{ title: \"Comparing roles\", url: \"https://library.bench-glossary.org/{c['slug']}\" }}\n"
                "---\n" + c["body"])
        write(os.path.join(content, "compare", c["slug"] + ".md"), text)


def toml_list(items):
    return "[" + ", ".join(toml_str(x) for x in items) + "]"


def peer_front_matter(e, entries):
    lines = ["+++", f"title = {toml_str(e.title)}", f"description = {toml_str(e.summary)}",
             f"date = {e.updated}"]
    return lines


def write_hugo(root, n, entries, comparisons):
    content = os.path.join(root, "content")
    os.makedirs(os.path.join(content, "compare"))
    write(os.path.join(root, "config.toml"),
          'baseURL = "/"\nlanguageCode = "en"\n'
          f'title = "Benchmark glossary ({n} entries)"\n'
          'disableKinds = ["RSS", "sitemap", "robotsTXT"]\n'
          'uglyURLs = true\nbuildFuture = true\npaginate = 500\nenableGitInfo = false\n'
          '[taxonomies]\n  tag = "tags"\n  kind = "kinds"\n'
          '[markup.goldmark.renderer]\n  unsafe = false\n')
    write(os.path.join(content, "_index.md"),
          '+++\ntitle = "Benchmark glossary"\n+++\nA generated glossary for benchmarks.\n')
    write(os.path.join(content, "compare", "_index.md"), '+++\ntitle = "Comparisons"\n+++\n')

    def link(e, form):
        text = e.title.lower() if form == 2 else e.title
        return f'[{text}]({{{{< ref "/{e.slug}.md" >}}}})'

    for e in entries:
        lines = peer_front_matter(e, entries)
        lines.append(f"summary = {toml_str(e.summary)}")
        lines.append(f"kinds = [{toml_str(e.kind)}]")
        lines.append(f"tags = {toml_list(e.tags)}")
        if e.abbr:
            lines.append(f"abbr = {toml_str(e.abbr)}")
        if e.aliases:
            lines.append(f"aka = {toml_list(e.aliases)}")
        if e.facets:
            lines.append(f"responsibilities = {toml_list(e.responsibilities)}")
            lines.append(f"skills = {toml_list(e.skills)}")
            lines.append("decisions = [" + ", ".join(
                f"{{ decision = {toml_str(d)}, part = {toml_str(p)} }}" for d, p in e.decisions) + "]")
        lines.append("[links]")
        for key, targets in e.links.items():
            lines.append(f"  {key} = {toml_list(['/' + entries[t].slug + '.md' for t in targets])}")
        if e.facets:
            lines.append("[facets]")
            lines += [f"  {k} = {toml_str(v)}" for k, v in e.facets.items()]
        lines.append("+++")
        write(os.path.join(content, e.slug + ".md"), "\n".join(lines) + "\n" + render_body(e.body, entries, link))
    by_slug = {e.slug: e for e in entries}
    for c in comparisons:
        body = re.sub(r"\[\[([^\]]+)\]\]", lambda m: link(by_slug[m.group(1)], 0), c["body"])
        text = ("+++\n"
                f"title = {toml_str(c['title'])}\n"
                f"summary = {toml_str(c['summary'])}\n"
                f"tags = {toml_list(c['tags'])}\n"
                f"compare = {toml_list(['/' + s + '.md' for s in c['compare']])}\n"
                "+++\n" + body)
        write(os.path.join(content, "compare", c["slug"] + ".md"), text)
    layouts = os.path.join(root, "layouts")
    os.makedirs(os.path.join(layouts, "_default"))
    for name, text in HUGO_LAYOUTS.items():
        write(os.path.join(layouts, name), text)


HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Title }}{{ end }}"></head>
<body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav>{{ range $name, $t := site.Taxonomies.kinds }}<a href="{{ $t.Page.RelPermalink }}">{{ $name }}</a> {{ end }}<a href="{{ "/tags/" | relURL }}">Tags</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}{{ with .Params.abbr }} <abbr>{{ . }}</abbr>{{ end }}</h1>
<p class="summary">{{ .Params.summary }}</p>
{{ with .Params.facets }}<dl>{{ range $k, $v := . }}<dt>{{ $k }}</dt><dd>{{ $v }}</dd>{{ end }}</dl>{{ end }}
<div class="body">{{ .Content }}</div>
{{ with .Params.responsibilities }}<h2>Responsibilities</h2><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.decisions }}<h2>Decisions</h2><table>{{ range . }}<tr><td>{{ .decision }}</td><td>{{ .part }}</td></tr>{{ end }}</table>{{ end }}
{{ with .Params.compare }}<h2>Compared</h2><ul>{{ range . }}{{ with site.GetPage . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>: {{ .Params.summary }}</li>{{ end }}{{ end }}</ul>{{ end }}
{{ with .Params.links }}<section class="relations"><h2>Related</h2>{{ range $rel, $targets := . }}<h3>{{ humanize $rel }}</h3><ul>
{{ range $targets }}{{ with site.GetPage . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> · {{ index .Params.kinds 0 }}</li>{{ end }}{{ end }}</ul>{{ end }}</section>{{ end }}
<p class="tags">{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ if eq .Kind "taxonomy" }}<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ else }}{{ $pager := .Paginate .Pages.ByTitle 500 }}<dl>{{ range $pager.Pages }}<dt><a href="{{ .RelPermalink }}">{{ .Title }}</a></dt><dd>{{ .Params.summary }}</dd>{{ end }}</dl>
{{ template "_internal/pagination.html" . }}{{ end }}{{ end }}
""",
    "index.html": """{{ define "main" }}<h1>{{ site.Title }}</h1>
{{ range $name, $t := site.Taxonomies.kinds }}<section><h2><a href="{{ $t.Page.RelPermalink }}">{{ $name }}</a> ({{ $t.Count }})</h2>
<dl>{{ range first 100 $t.Pages.ByTitle }}<dt><a href="{{ .RelPermalink }}">{{ .Title }}</a></dt><dd>{{ .Params.summary }}</dd>{{ end }}</dl></section>{{ end }}
{{ end }}
""",
}


def write_zola(root, n, entries, comparisons):
    content = os.path.join(root, "content")
    os.makedirs(os.path.join(content, "compare"))
    write(os.path.join(root, "config.toml"),
          'base_url = "/"\n'
          f'title = "Benchmark glossary ({n} entries)"\n'
          'build_search_index = false\ncompile_sass = false\n'
          'taxonomies = [{ name = "tags", paginate_by = 500 }, { name = "kinds", paginate_by = 500 }]\n')
    write(os.path.join(content, "_index.md"),
          '+++\ntitle = "Benchmark glossary"\nsort_by = "title"\npaginate_by = 500\n+++\n')
    # section.html pages through paginator.pages, so every section pages.
    write(os.path.join(content, "compare", "_index.md"),
          '+++\ntitle = "Comparisons"\nsort_by = "title"\npaginate_by = 500\n+++\n')

    def link(e, form):
        text = e.title.lower() if form == 2 else e.title
        return f"[{text}](@/{e.slug}.md)"

    for e in entries:
        lines = peer_front_matter(e, entries)
        lines.append("[taxonomies]")
        lines.append(f"kinds = [{toml_str(e.kind)}]")
        lines.append(f"tags = {toml_list(e.tags)}")
        lines.append("[extra]")
        lines.append(f"summary = {toml_str(e.summary)}")
        if e.facets:
            lines.append(f"responsibilities = {toml_list(e.responsibilities)}")
        lines.append("[extra.links]")
        for key, targets in e.links.items():
            lines.append(f"  {key} = {toml_list([entries[t].slug + '.md' for t in targets])}")
        if e.facets:
            lines.append("[extra.facets]")
            lines += [f"  {k} = {toml_str(v)}" for k, v in e.facets.items()]
        lines.append("+++")
        write(os.path.join(content, e.slug + ".md"), "\n".join(lines) + "\n" + render_body(e.body, entries, link))
    by_slug = {e.slug: e for e in entries}
    for c in comparisons:
        body = re.sub(r"\[\[([^\]]+)\]\]", lambda m: link(by_slug[m.group(1)], 0), c["body"])
        write(os.path.join(content, "compare", c["slug"] + ".md"),
              f"+++\ntitle = {toml_str(c['title'])}\n+++\n" + body)
    templates = os.path.join(root, "templates")
    os.makedirs(os.path.join(templates, "tags"))
    os.makedirs(os.path.join(templates, "kinds"))
    single = """<!DOCTYPE html><html><head><title>{{ page.title }}</title></head><body>
<h1>{{ page.title }}</h1><p>{{ page.extra.summary | default(value="") }}</p>{{ page.content | safe }}
{% if page.extra.links %}{% for rel, targets in page.extra.links %}<h3>{{ rel }}</h3><ul>{% for t in targets %}{% set p = get_page(path=t) %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>{% endfor %}{% endif %}
{% if page.taxonomies.tags %}{% for t in page.taxonomies.tags %}<a href="{{ get_taxonomy_url(kind="tags", name=t) }}">{{ t }}</a> {% endfor %}{% endif %}
</body></html>"""
    lst = """<!DOCTYPE html><html><head><title>list</title></head><body>
{% for p in paginator.pages %}<dt><a href="{{ p.permalink }}">{{ p.title }}</a></dt><dd>{{ p.extra.summary | default(value="") }}</dd>{% endfor %}
</body></html>"""
    terms = """<!DOCTYPE html><html><body><ul>{% for t in terms %}<li><a href="{{ t.permalink }}">{{ t.name }}</a> ({{ t.pages | length }})</li>{% endfor %}</ul></body></html>"""
    write(os.path.join(templates, "page.html"), single)
    write(os.path.join(templates, "index.html"), lst)
    write(os.path.join(templates, "section.html"), lst)
    for tax in ("tags", "kinds"):
        write(os.path.join(templates, tax, "single.html"), lst.replace("paginator.pages", "paginator.pages"))
        write(os.path.join(templates, tax, "list.html"), terms)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="number of entries")
    parser.add_argument("out", help="output folder (replaced)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--zola", action="store_true", help="also write a Zola site")
    parser.add_argument("--shape", choices=["default", "long"], default="default",
                        help="long: no hand-written comparisons, bodies three times as long")
    args = parser.parse_args()
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    entries, comparisons = build_corpus(args.n, args.seed, args.shape)
    write_rolebook(os.path.join(args.out, "rolebook"), args.n, entries, comparisons)
    write_hugo(os.path.join(args.out, "hugo"), args.n, entries, comparisons)
    if args.zola:
        write_zola(os.path.join(args.out, "zola"), args.n, entries, comparisons)
    print(f"{args.out}: {len(entries)} entries, {len(comparisons)} hand-written comparisons")


if __name__ == "__main__":
    main()
