//! `rolebook check` on one entry, in memory: a fixed site.toml and a fixed
//! companion entry beside one document from the input, loaded, resolved,
//! rendered for diagnostics and printed in every format, exactly as `check`
//! does. Run it with an allocation limit (`-rss_limit_mb=512
//! -malloc_limit_mb=256`, see the README): any input whose front matter or
//! body makes the path allocate more than that (an alias bomb, a huge
//! expansion) is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolebook::diag::{emit, Diagnostics};
use rolebook::load::{parse_document, Loaded};
use rolebook::render::{self, git_dates::GitDates, Theme};
use rolebook::{config, resolve};
use std::sync::OnceLock;

const SITE: &str = r#"
title = "Fuzz"
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
"#;

const COMPANION: &str = "---\ntitle: Product Owner\nabbr: PO\nkind: role\nsummary: Owns the backlog.\n\
facets: {focus: Value}\nlinks:\n  contrasts_with: [entry]\n---\nSee [[Entry]].\n";

fn theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| render::theme::embedded().expect("the embedded theme parses"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut diagnostics = Diagnostics::new();
    let config = config::parse(SITE, &mut diagnostics);
    let documents = vec![
        parse_document("content/entry.md".into(), "entry.md".into(), text.to_owned(), &mut diagnostics),
        parse_document("content/owner.md".into(), "owner.md".into(), COMPANION.into(), &mut diagnostics),
    ];
    let loaded = Loaded { root: Default::default(), config, documents, files: Default::default() };
    let kb = resolve::resolve(&loaded, false, &mut diagnostics);
    let dates = GitDates::new();
    let input = render::Input::of(&kb, &loaded.config, theme(), &dates);
    render::render_for_diagnostics(&input, &mut diagnostics);
    let finished = diagnostics.finish(&loaded.config.rules);
    for format in [emit::Format::Human, emit::Format::Json, emit::Format::Github] {
        let _ = emit::render(&finished, format, false);
    }
});
