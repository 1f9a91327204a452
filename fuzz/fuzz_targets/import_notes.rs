//! `rolebook import` on notes from the input, then the site it wrote loaded,
//! resolved and rendered: the import never panics, and what it writes
//! "builds at once" (the promise of `import`): no error once the new
//! site's own rules apply.
//!
//! The first line names the format (`obsidian`, `hugo`, `zola`, `mdn`,
//! `markdown`); each later line `=== path` starts a new note at that path
//! (inside the source folder), so links, folders and names between notes
//! are exercised.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolebook::diag::Diagnostics;
use rolebook::import::{self, Format, KindRule, Options};
use rolebook::{load, render, resolve};

use std::path::{Component, Path, PathBuf};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (format, notes) = text.split_once('\n').unwrap_or((text, ""));
    let from = match format.trim() {
        "obsidian" => Format::Obsidian,
        "hugo" => Format::Hugo,
        "zola" => Format::Zola,
        "mdn" => Format::Mdn,
        _ => Format::Markdown,
    };
    let work = std::env::temp_dir().join(format!("rolebook-fuzz-import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let source = work.join("source");
    if !write_notes(&source, from, notes) {
        return;
    }
    let options = Options {
        source: source.clone(),
        from: Some(from),
        into: Some(work.join("site")),
        kind_rule: KindRule::Detect,
        default_kind: "term".to_owned(),
        base_url: None,
    };
    let Ok(imported) = import::import(&options) else { return };
    let mut diagnostics = Diagnostics::new();
    let loaded = load::load(&imported.into, &mut diagnostics).expect("the imported site loads");
    let kb = resolve::resolve(&loaded, false, &mut diagnostics);
    let _ = render::render(&kb, &loaded.config, rolebook_fuzz::theme(), &mut diagnostics);
    let found = diagnostics.finish(&loaded.config.rules);
    let errors: Vec<_> = found.iter().filter(|d| d.severity == rolebook::diag::Severity::Error).collect();
    assert!(errors.is_empty(), "the imported site has errors: {errors:#?}");
});

/// Writes each `=== path` section as a file under `source` (the first one,
/// before any marker, as `note.md`); false when a path is not a plain
/// relative one.
fn write_notes(source: &Path, from: Format, notes: &str) -> bool {
    let content = match from {
        Format::Hugo | Format::Zola => source.join("content"),
        _ => source.to_path_buf(),
    };
    let mut path = PathBuf::from("note.md");
    let mut body = String::new();
    let mut sections = Vec::new();
    for line in notes.split_inclusive('\n') {
        match line.strip_prefix("=== ") {
            Some(next) => {
                sections.push((std::mem::replace(&mut path, PathBuf::from(next.trim())), std::mem::take(&mut body)));
            }
            None => body.push_str(line),
        }
    }
    sections.push((path, body));
    for (path, body) in sections {
        if path.as_os_str().is_empty() || !path.components().all(|c| matches!(c, Component::Normal(_))) {
            return false;
        }
        let file = content.join(&path);
        let written =
            file.parent().is_some_and(|p| std::fs::create_dir_all(p).is_ok()) && std::fs::write(&file, body).is_ok();
        if !written {
            return false;
        }
    }
    // The formats' markers, so the folder reads as the site it claims to be.
    let marker = match from {
        Format::Hugo => Some(("hugo.toml", "baseURL = \"https://example.org/\"\n")),
        Format::Zola => Some(("config.toml", "base_url = \"https://example.org\"\n")),
        Format::Obsidian => Some((".obsidian/app.json", "{}\n")),
        _ => None,
    };
    if let Some((name, text)) = marker {
        let file = source.join(name);
        return file.parent().is_some_and(|p| std::fs::create_dir_all(p).is_ok()) && std::fs::write(file, text).is_ok();
    }
    true
}
