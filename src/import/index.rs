//! Who answers to what in the source: slugs (made safe and unique), titles
//! (made unique), aliases (filtered), and the lookups links are resolved
//! with, the way the source tool resolves them: by path, file name, title or
//! alias (case-insensitive), or by the URL a site generator served.

use super::fields::Meta;
use super::report::Report;
use super::source::Note;
use crate::slug::{is_reserved, name_key, slugify};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Resolved identities of every note, plus lookups.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Slug per note: safe, unique, not reserved.
    pub slugs: Vec<String>,
    /// Title per note, unique.
    pub titles: Vec<String>,
    /// Aliases kept per note.
    pub aliases: Vec<Vec<String>>,
    /// Aliases left out per note because another note claims them too.
    pub withheld: Vec<Vec<String>>,
    paths: Vec<String>,
    stems: HashMap<String, Vec<usize>>,
    title_keys: HashMap<String, Vec<usize>>,
    alias_keys: HashMap<String, Vec<usize>>,
    abbr_keys: HashMap<String, usize>,
    urls: HashMap<String, usize>,
    slug_ids: HashMap<String, usize>,
}

impl Index {
    /// Builds the index; collisions and dropped aliases go to the report.
    pub fn build(notes: &[Note], metas: &mut [Meta], report: &mut Report) -> Index {
        let mut index = Index::default();
        let withheld_abbrs = settle_abbrs(notes, metas, report);
        let mut used: BTreeSet<String> = BTreeSet::new();
        let slugs: Vec<String> =
            notes.iter().zip(metas.iter()).map(|(note, meta)| unique_slug(note, meta, &mut used, report)).collect();
        // A title is a name like a slug: the built site rejects a title that
        // is another entry's slug as much as two equal titles.
        let slug_owners: HashMap<String, usize> = slugs.iter().enumerate().map(|(id, s)| (name_key(s), id)).collect();
        let mut titles: HashMap<String, usize> = HashMap::new();
        for (id, ((note, meta), slug)) in notes.iter().zip(metas.iter_mut()).zip(slugs).enumerate() {
            let owner = |key: &str| titles.get(key).or(slug_owners.get(key).filter(|&&o| o != id)).copied();
            if let Some(other) = owner(&name_key(&meta.title)) {
                let title = unique_title(note, &meta.title, |t| owner(&name_key(t)).is_some());
                let why = match titles.contains_key(&name_key(&meta.title)) {
                    true => "same title as",
                    false => "the slug of",
                };
                report
                    .title_changes
                    .push(format!("{}: `{}` → `{title}` ({why} {})", note.path, meta.title, notes[other].path));
                meta.title = title;
            }
            titles.insert(name_key(&meta.title), id);
            index.title_keys.entry(name_key(&meta.title)).or_default().push(id);
            index.stems.entry(name_key(&bundle_stem(note))).or_default().push(id);
            index.paths.push(name_key(note.link_path()));
            index.slug_ids.insert(slug.clone(), id);
            index.urls.insert(url_key_of(note, &slug), id);
            if let Some(url) = &meta.url {
                index.urls.insert(url_key(url), id);
            }
            index.slugs.push(slug);
            index.titles.push(meta.title.clone());
            if let Some(abbr) = &meta.abbr {
                index.abbr_keys.insert(name_key(abbr), id);
            }
            for alias in &meta.aliases {
                let owners = index.alias_keys.entry(name_key(alias)).or_default();
                if !owners.contains(&id) {
                    owners.push(id);
                }
            }
        }
        index.filter_aliases(notes, metas, report);
        for (withheld, abbrs) in index.withheld.iter_mut().zip(withheld_abbrs) {
            withheld.extend(abbrs);
        }
        index
    }

    fn filter_aliases(&mut self, notes: &[Note], metas: &[Meta], report: &mut Report) {
        // Names an entry already answers to in rolebook: title, slug, abbr.
        let mut names: HashMap<String, usize> = HashMap::new();
        for (id, meta) in metas.iter().enumerate() {
            for name in
                [Some(meta.title.as_str()), Some(self.slugs[id].as_str()), meta.abbr.as_deref()].into_iter().flatten()
            {
                names.entry(name_key(name)).or_insert(id);
            }
        }
        let mut ambiguous: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
        for (id, (note, meta)) in notes.iter().zip(metas).enumerate() {
            let mut kept: Vec<String> = Vec::new();
            let mut withheld = Vec::new();
            for alias in &meta.aliases {
                let key = name_key(alias);
                let own = key == name_key(&note.stem) || names.get(&key) == Some(&id);
                if alias.contains('/') {
                    report.path_aliases.push(format!("{}: {alias}", note.path));
                } else if own || kept.iter().chain(&withheld).any(|k| name_key(k) == key) {
                } else if let Some(&other) = names.get(&key) {
                    report.alias_conflicts.push(format!("{}: `{alias}` names {}", note.path, notes[other].path));
                } else if self.alias_keys.get(&key).is_some_and(|o| o.len() > 1) {
                    ambiguous.entry(key).or_insert_with(|| (alias.clone(), self.alias_keys[&name_key(alias)].clone()));
                    withheld.push(alias.clone());
                } else {
                    kept.push(alias.clone());
                }
            }
            self.aliases.push(kept);
            self.withheld.push(withheld);
        }
        for (alias, owners) in ambiguous.values() {
            let files: Vec<&str> = owners.iter().map(|&o| notes[o].path.as_str()).collect();
            report.ambiguous_aliases.push(format!("`{alias}`: {}", files.join(", ")));
        }
    }

    /// The note an Obsidian-style name points at: a path (or its ending),
    /// a file name, a title, then an alias. Ambiguous names are reported.
    pub fn by_name(&self, raw: &str, from: &str, report: &mut Report) -> Option<usize> {
        let name = raw.trim();
        let name = strip_ext(name, ".md").unwrap_or(name);
        let key = name_key(name);
        let key = key.trim_start_matches('/');
        if key.is_empty() {
            return None;
        }
        if key.contains('/') {
            let suffix = format!("/{key}");
            let found: Vec<usize> =
                (0..self.paths.len()).filter(|&i| self.paths[i] == key || self.paths[i].ends_with(&suffix)).collect();
            if let Some(id) = self.pick(&found, raw, from, report) {
                return Some(id);
            }
        }
        for map in [&self.stems, &self.title_keys] {
            if let Some(id) = map.get(key).and_then(|found| self.pick(found, raw, from, report)) {
                return Some(id);
            }
        }
        if let Some(&id) = self.abbr_keys.get(key) {
            return Some(id);
        }
        match self.alias_keys.get(key).map(Vec::as_slice) {
            Some([id]) => Some(*id),
            Some(_) => {
                report.ambiguous_links.push(format!("{from}: `{raw}` is an alias of several notes (left unresolved)"));
                None
            }
            None => None,
        }
    }

    fn pick(&self, found: &[usize], raw: &str, from: &str, report: &mut Report) -> Option<usize> {
        let first =
            found.iter().copied().min_by_key(|&i| (self.paths[i].matches('/').count(), self.paths[i].clone()))?;
        if found.len() > 1 {
            report.ambiguous_links.push(format!("{from}: `{raw}` (→ {})", self.paths[first]));
        }
        Some(first)
    }

    /// The note at a content path (`roles/x.md`, Zola's `@/roles/x.md`).
    pub fn by_path(&self, path: &str) -> Option<usize> {
        let path = strip_ext(path, ".md").unwrap_or(path);
        let key = name_key(path.trim_start_matches('/'));
        self.paths.iter().position(|p| *p == key)
    }

    /// The note a site generator served at `url` (`/roles/x/`), else the
    /// note whose slug is the URL's last part, unless the URL sits under a
    /// language or docs folder (`/en-US/docs/Web/HTTP` is another section of
    /// a documentation site, not the glossary's `HTTP`).
    pub fn by_url(&self, url: &str) -> Option<usize> {
        let key = url_key(url);
        let under_generic = url_parts(url).first().is_some_and(|p| super::kinds::is_generic_folder(p));
        self.urls.get(&key).copied().or_else(|| {
            let last = key.rsplit('/').next()?;
            if under_generic {
                None
            } else {
                self.slug_ids.get(last).copied()
            }
        })
    }
}

/// An abbreviation two notes claim, or that another note's title or file
/// name says, is left out of all of them and reported: rolebook would
/// refuse the pair. Returns the abbreviations withheld per note.
fn settle_abbrs(notes: &[Note], metas: &mut [Meta], report: &mut Report) -> Vec<Vec<String>> {
    let mut owners: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (id, meta) in metas.iter().enumerate() {
        if let Some(abbr) = &meta.abbr {
            owners.entry(name_key(abbr)).or_default().push(id);
        }
    }
    let mut names: HashMap<String, usize> = HashMap::new();
    for (id, (note, meta)) in notes.iter().zip(metas.iter()).enumerate() {
        names.entry(name_key(&meta.title)).or_insert(id);
        names.entry(name_key(&slugify(&bundle_stem(note)))).or_insert(id);
    }
    let mut withheld = vec![Vec::new(); metas.len()];
    for (key, ids) in owners {
        let other = names.get(&key).copied().filter(|n| !ids.contains(n));
        if ids.len() < 2 && other.is_none() {
            continue;
        }
        let abbr = metas[ids[0]].abbr.clone().unwrap_or_default();
        let mut files: Vec<String> = ids.iter().map(|&i| notes[i].path.clone()).collect();
        files.extend(other.map(|o| format!("{} (title)", notes[o].path)));
        report.ambiguous_abbrs.push(format!("`{abbr}`: {}", files.join(", ")));
        for id in ids {
            if let Some(own) = metas[id].abbr.take() {
                withheld[id].push(own);
            }
        }
    }
    withheld
}

/// `title` made unique with the note's folder (or file name), then a
/// number, until `taken` no longer holds.
fn unique_title(note: &Note, title: &str, taken: impl Fn(&str) -> bool) -> String {
    let folder = note.folders().last().map_or_else(|| note.stem.clone(), |f| (*f).to_owned());
    let mut unique = format!("{title} ({folder})");
    let mut n = 2;
    while taken(&unique) {
        unique = format!("{title} ({folder} {n})");
        n += 1;
    }
    unique
}

/// `Index.md` → `index-entry` (reserved), a second `data-mesh` → `data-mesh-2`.
fn unique_slug(note: &Note, meta: &Meta, used: &mut BTreeSet<String>, report: &mut Report) -> String {
    let base = meta.slug.clone().unwrap_or_else(|| slugify(&bundle_stem(note)));
    let mut slug = if base.is_empty() { "untitled".to_owned() } else { base.clone() };
    if is_reserved(&slug) {
        slug = format!("{slug}-entry");
        report.slug_changes.push(format!("{}: `{base}` is reserved by rolebook → `{slug}`", note.path));
    }
    if used.contains(&slug) {
        let taken = slug.clone();
        let mut n = 2;
        while used.contains(&format!("{taken}-{n}")) {
            n += 1;
        }
        slug = format!("{taken}-{n}");
        report.slug_changes.push(format!("{}: `{taken}` is taken by another note → `{slug}`", note.path));
    }
    used.insert(slug.clone());
    slug
}

/// The file name, or the folder's name for `index.md` / `_index.md`.
fn bundle_stem(note: &Note) -> String {
    match (note.stem.as_str(), note.folders().last()) {
        ("index" | "_index", Some(folder)) => (*folder).to_owned(),
        _ => note.stem.clone(),
    }
}

fn url_key_of(note: &Note, slug: &str) -> String {
    let mut parts: Vec<&str> = note.folders();
    if matches!(note.stem.as_str(), "index" | "_index") {
        parts.pop();
    }
    parts.push(slug);
    url_key(&parts.join("/"))
}

fn url_parts(url: &str) -> Vec<&str> {
    let path = url.split(['#', '?']).next().unwrap_or("");
    path.split('/').filter(|p| !p.is_empty() && *p != ".").collect()
}

/// `/Roles/Data Steward/index.html#x` → `roles/data-steward`; leading
/// language and docs folders are dropped (`/en-US/docs/Glossary/CORS` →
/// `glossary/cors`).
pub fn url_key(url: &str) -> String {
    let mut parts: Vec<String> =
        url_parts(url).into_iter().skip_while(|p| super::kinds::is_generic_folder(p)).map(str::to_owned).collect();
    if let Some(last) = parts.last_mut() {
        for ext in [".html", ".md", ".htm"] {
            if let Some(stem) = strip_ext(last, ext) {
                *last = stem.to_owned();
            }
        }
        if last == "index" || last == "_index" {
            parts.pop();
        }
    }
    parts.iter().map(|p| slugify(p)).filter(|p| !p.is_empty()).collect::<Vec<_>>().join("/")
}

fn strip_ext<'a>(name: &'a str, ext: &str) -> Option<&'a str> {
    let cut = name.len().checked_sub(ext.len())?;
    name.get(cut..).filter(|e| e.eq_ignore_ascii_case(ext)).and_then(|_| name.get(..cut))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup(files: &[(&str, &str)]) -> (Vec<Note>, Index, Report) {
        let mut report = Report::default();
        let notes: Vec<Note> = files
            .iter()
            .map(|(path, front)| {
                super::super::source::parse((*path).into(), &format!("---\n{front}---\n"), &mut report)
            })
            .collect();
        let rule = super::super::KindRule::Folder;
        let mut metas: Vec<Meta> = notes
            .iter()
            .map(|n| super::super::fields::read(n, super::super::Format::Obsidian, &rule, "entry", &mut report))
            .collect();
        let index = Index::build(&notes, &mut metas, &mut report);
        (notes, index, report)
    }

    #[test]
    fn resolves_by_path_file_name_and_alias_case_insensitively() {
        let (_, index, mut report) = setup(&[
            ("Tools/Databases/Amazon Redshift.md", "Aliases: [Redshift, Tools/Amazon Redshift]\n"),
            ("Concepts/Data Mesh.md", "aliases:\n"),
        ]);
        assert_eq!(index.by_name("Tools/Databases/Amazon Redshift", "x", &mut report), Some(0));
        assert_eq!(index.by_name("databases/amazon redshift", "x", &mut report), Some(0));
        assert_eq!(index.by_name("data mesh", "x", &mut report), Some(1));
        assert_eq!(index.by_name("Data Mesh.md", "x", &mut report), Some(1));
        assert_eq!(index.by_name("REDSHIFT", "x", &mut report), Some(0));
        assert_eq!(index.by_name("Tools/Amazon Redshift", "x", &mut report), Some(0));
        assert_eq!(index.by_name("Apache Kafka", "x", &mut report), None);
        assert_eq!(index.aliases[0], ["Redshift"]);
        assert_eq!(report.path_aliases, ["Tools/Databases/Amazon Redshift.md: Tools/Amazon Redshift"]);
    }

    #[test]
    fn withholds_an_alias_two_notes_claim_and_reports_it() {
        let (_, index, mut report) = setup(&[
            ("Tools/Terraform.md", "Aliases: [IaC]\n"),
            ("Concepts/Infrastructure as Code.md", "Aliases: [IaC, IAC]\n"),
        ]);
        assert!(index.aliases[0].is_empty() && index.aliases[1].is_empty());
        assert_eq!(index.withheld[1], ["IaC"]);
        assert_eq!(report.ambiguous_aliases.len(), 1, "{:?}", report.ambiguous_aliases);
        assert_eq!(index.by_name("IaC", "x", &mut report), None);
        assert_eq!(report.ambiguous_links.len(), 1);
    }

    #[test]
    fn withholds_an_abbreviation_two_notes_claim() {
        let (_, index, report) = setup(&[
            ("Continuous Delivery.md", "title: Continuous Delivery (CD)\n"),
            ("Continuous Deployment.md", "title: Continuous Deployment (CD)\n"),
            ("Infrastructure as Code.md", "title: Infrastructure as Code (IaC)\n"),
        ]);
        assert_eq!(report.ambiguous_abbrs, ["`CD`: Continuous Delivery.md, Continuous Deployment.md"]);
        assert_eq!(index.withheld[0], ["CD"]);
        assert_eq!(index.by_name("IaC", "x", &mut Report::default()), Some(2));
        assert_eq!(index.by_name("CD", "x", &mut Report::default()), None);
    }

    #[test]
    fn makes_slugs_safe_and_unique_and_reports_changes() {
        let (_, index, report) =
            setup(&[("A/Data Mesh.md", ""), ("B/Data.Mesh.md", ""), ("Index.md", ""), ("Cube.js.md", "")]);
        assert_eq!(index.slugs, ["data-mesh", "data-mesh-2", "index-entry", "cube-js"]);
        assert_eq!(report.slug_changes.len(), 2, "{:?}", report.slug_changes);
    }

    #[test]
    fn finds_notes_by_url() {
        let (_, index, _) = setup(&[("roles/Data Steward.md", ""), ("roles/owner/index.md", "")]);
        assert_eq!(index.by_url("/roles/data-steward/"), Some(0));
        assert_eq!(index.by_url("/roles/owner/#x"), Some(1));
        assert_eq!(index.by_url("/elsewhere/data-steward"), Some(0));
        assert_eq!(index.by_path("roles/Data Steward.md"), Some(0));
        assert_eq!(index.by_url("/en/docs/roles/owner/"), Some(1));
        assert_eq!(index.by_url("/en-US/docs/Web/data-steward"), None);
    }
}
