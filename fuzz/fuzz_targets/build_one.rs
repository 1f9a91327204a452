//! A whole site in memory: a fixed site.toml, a fixed companion entry and
//! one document from the input, loaded, resolved and rendered with the
//! embedded default theme. An input starting with `@name.md` on its first
//! line names the file (and so the slug and folder). Every output path must
//! stay a plain relative path inside the output folder.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolebook::diag::{emit, Diagnostics};
use rolebook::load::{parse_document, Loaded};
use rolebook::render::{self, Theme};
use rolebook::{config, resolve, write};
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

const COMPANION: &str = "---\ntitle: Product Owner\nabbr: PO\nkind: role\nsummary: Owns the backlog.\n\
facets: {focus: Value}\nresponsibilities: [Orders the backlog]\nlinks:\n  contrasts_with: [entry]\n---\n\
## Duties\n\nSee [[Entry]] and [x](entry.md#intro).\n";

fn theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| render::theme::embedded().expect("the embedded theme parses"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (name, text) = match text.strip_prefix('@').and_then(|t| t.split_once('\n')) {
        Some((name, rest)) => (name.to_owned(), rest),
        None => ("entry.md".to_owned(), text),
    };
    let mut diagnostics = Diagnostics::new();
    let config = config::parse(SITE, &mut diagnostics);
    let mut documents = vec![
        parse_document("content/owner.md".into(), "owner.md".into(), COMPANION.into(), &mut diagnostics),
        parse_document(format!("content/{name}"), name, text.to_owned(), &mut diagnostics),
    ];
    documents.sort_by(|a, b| a.source.path.cmp(&b.source.path));
    let loaded = Loaded { root: Default::default(), config, documents, files: Default::default() };
    for drafts in [false, true] {
        let mut diagnostics = Diagnostics::new();
        let kb = resolve::resolve(&loaded, drafts, &mut diagnostics);
        let (files, _) = render::render(&kb, &loaded.config, theme(), &mut diagnostics);
        for file in &files {
            assert!(write::is_safe_relative(&file.path), "unsafe output path {:?}", file.path);
        }
        let finished = diagnostics.finish(&loaded.config.rules);
        let _ = emit::render(&finished, emit::Format::Json, false);
        let _ = emit::render(&finished, emit::Format::Human, false);
    }
});
