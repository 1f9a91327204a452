//! The fixed site the whole-path targets (`build_one`, `check_one`) share:
//! one site.toml, one companion entry and the embedded theme, so both
//! targets exercise the same kinds, relations and facets.

use rolebook::config;
use rolebook::diag::Diagnostics;
use rolebook::load::{parse_document, Loaded};
use rolebook::render::{self, Theme};
use std::sync::OnceLock;

const SITE: &str = r#"
title = "Fuzz"
repo_edit_url = "https://git.example.com/edit/{path}"
[kinds.role]
label = "Role"
plural = "Roles"
role = true
[kinds.concept]
label = "Concept"
plural = "Concepts"
[relations.works_with]
label = "Works with"
symmetric = true
[relations.contrasts_with]
label = "Often confused with"
symmetric = true
[relations.reports_to]
label = "Reports to"
inverse = "manages"
inverse_label = "Manages"
from = ["role"]
to = ["role"]
max = 1
[facets]
order = ["focus"]
[facets.labels]
focus = "Focus"
"#;

/// Links back to the fuzzed entry (slug `entry` unless the input renames
/// it), so reverse links, comparisons and anchors all see fuzzed data.
const COMPANION: &str = "---\ntitle: Product Owner\nabbr: PO\nkind: role\nsummary: Owns the backlog.\n\
facets: {focus: Value}\nresponsibilities: [Orders the backlog]\nlinks:\n  contrasts_with: [entry]\n---\n\
## Duties\n\nSee [[Entry]] and [x](entry.md#intro).\n";

/// The embedded theme, parsed once per process (it is fixed, not fuzzed).
pub fn theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| render::theme::embedded().expect("the embedded theme parses"))
}

/// The fixed site with `text` as `content/<name>`, documents in path order
/// as the loader yields them.
pub fn site(name: &str, text: &str, diagnostics: &mut Diagnostics) -> Loaded {
    let config = config::parse(SITE, diagnostics);
    let mut documents = vec![
        parse_document("content/owner.md".into(), "owner.md".into(), COMPANION.into(), diagnostics),
        parse_document(format!("content/{name}"), name.to_owned(), text.to_owned(), diagnostics),
    ];
    documents.sort_by(|a, b| a.source.path.cmp(&b.source.path));
    Loaded { root: Default::default(), config, documents, files: Default::default() }
}
