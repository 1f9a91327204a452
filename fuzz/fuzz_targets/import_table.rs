//! `rolebook import FILE --from csv|skos --write` on the input, then the
//! site it wrote loaded, resolved and rendered: the plan leaves out what
//! would not build, so what it writes must build with no error. The first
//! line names the format (`skos`, else CSV); the rest is the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolebook::diag::{Diagnostics, Severity};
use rolebook::import::{csv_table, skos_table, table};
use rolebook::{load, render, resolve};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (format, file) = text.split_once('\n').unwrap_or((text, ""));
    let (records, problems) = match format.trim() {
        "skos" => skos_table::read(file),
        _ => csv_table::read(file),
    };
    let work = std::env::temp_dir().join(format!("rolebook-fuzz-table-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let (source, into) = (work.join("glossary.csv"), work.join("site"));
    if std::fs::create_dir_all(&work).is_err() || std::fs::write(&source, file).is_err() {
        return;
    }
    let plan = table::plan("Glossary", "glossary.csv", "term", records, problems);
    let _ = plan.render(&into, true);
    if plan.write(&into, &source).is_err() {
        return;
    }
    let mut diagnostics = Diagnostics::new();
    let loaded = load::load(&into, &mut diagnostics).expect("the written site loads");
    let kb = resolve::resolve(&loaded, false, &mut diagnostics);
    let _ = render::render(&kb, &loaded.config, rolebook_fuzz::theme(), &mut diagnostics);
    let found = diagnostics.finish(&loaded.config.rules);
    let errors: Vec<_> = found.iter().filter(|d| d.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "the written site has errors: {errors:#?}");
});
