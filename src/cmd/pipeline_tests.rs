//! Tests of the whole pipeline that need the library's test-only counters
//! (integration tests run the binary and cannot see them).

#[test]
fn a_build_parses_each_body_exactly_once() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
    // One worker thread, so the per-thread count sees every parse.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a thread pool");
    let (parses, documents) = pool.install(|| {
        let mut diagnostics = crate::diag::Diagnostics::new();
        let before = crate::markdown::body::PARSES.with(std::cell::Cell::get);
        let loaded = crate::load::load(&root, &mut diagnostics).expect("the fixture loads");
        let kb = crate::resolve::resolve(&loaded, false, &mut diagnostics);
        // Resolve hands render the parse load made, not a copy.
        for entry in &kb.entries {
            assert!(std::sync::Arc::ptr_eq(&entry.prose.body, &loaded.documents[entry.document].parsed));
        }
        let theme = crate::render::theme::load(&root, &loaded.config.theme).expect("the theme loads");
        let (files, _) = crate::render::render(&kb, &loaded.config, &theme, &mut diagnostics);
        assert!(files.iter().any(|f| f.path == "assets/search-index.js"));
        (crate::markdown::body::PARSES.with(std::cell::Cell::get) - before, loaded.documents.len())
    });
    assert!(documents >= 4);
    assert_eq!(parses, documents, "load, resolve and render parse each body once in all");
    // Nor does any later stage call the Markdown parser itself.
    let src = root.join("../../../src");
    for file in ["render/markdown.rs", "render/search_index.rs", "resolve/bodies.rs"] {
        let source = std::fs::read_to_string(src.join(file)).expect("the source");
        assert!(!source.contains(concat!("Parser", "::new")), "{file} parses Markdown");
    }
}

/// The stages each library module must not import: a stage reads only the
/// ones before it, and shared types live in leaf modules.
const FORBIDDEN: &[(&str, &[&str])] = &[
    ("load", &["resolve", "render", "write", "serve", "import", "cmd", "history"]),
    ("history", &["resolve", "render", "write", "serve", "import", "cmd"]),
    ("resolve", &["render", "write", "serve", "import", "cmd"]),
    ("render", &["load", "write", "serve", "import", "cmd"]),
    ("write", &["load", "resolve", "render", "serve", "import", "cmd"]),
    ("diag", &["load", "resolve", "render", "write", "serve", "import", "cmd", "config"]),
    ("config", &["load", "resolve", "render", "write", "serve", "import", "cmd"]),
    ("markdown", &["load", "resolve", "render", "write", "serve", "import", "cmd", "config"]),
    ("slug", &["load", "resolve", "render", "write", "serve", "import", "cmd", "config"]),
    ("output", &["load", "resolve", "render", "write", "serve", "import", "cmd", "config"]),
    ("site_files", &["load", "resolve", "render", "write", "serve", "import", "cmd", "config"]),
    ("invisible", &["load", "resolve", "render", "write", "serve", "import", "cmd", "config"]),
    ("term", &["load", "resolve", "render", "write", "serve", "import", "cmd", "config"]),
    ("usage", &["load", "resolve", "render", "write", "serve", "import", "cmd", "config"]),
    ("serve", &["cmd"]),
    ("import", &["cmd"]),
];

/// The top-level modules a source text names after `crate::`, including
/// those in a `use crate::{a, b::c}` group.
fn crate_modules(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        let names = match rest.strip_prefix('{') {
            Some(group) => group.split('}').next().unwrap_or("").split(',').map(str::trim).collect(),
            None => vec![rest],
        };
        for name in names {
            let end = name.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(name.len());
            found.push(name[..end].to_owned());
        }
    }
    found
}

fn rust_files(path: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<_> =
            std::fs::read_dir(path).expect("a source folder").flatten().map(|e| e.path()).collect();
        entries.sort();
        for entry in entries {
            rust_files(&entry, out);
        }
    } else if path.is_file() && path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

#[test]
fn stages_import_only_forward() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut back = Vec::new();
    for (stage, forbidden) in FORBIDDEN {
        let mut files = Vec::new();
        rust_files(&src.join(stage), &mut files);
        rust_files(&src.join(format!("{stage}.rs")), &mut files);
        assert!(!files.is_empty(), "no sources for {stage}");
        for file in files {
            let text = std::fs::read_to_string(&file).expect("a source file");
            for module in crate_modules(&text) {
                if forbidden.contains(&module.as_str()) {
                    back.push(format!("{} uses crate::{module}", file.display()));
                }
            }
        }
    }
    assert!(back.is_empty(), "back-imports:\n{}", back.join("\n"));
}

#[test]
fn finds_modules_in_paths_and_groups() {
    let text = "use crate::load::Document;\nuse crate::{render, resolve::slug};\nlet x = crate::cmd::run;";
    assert_eq!(crate_modules(text), ["load", "render", "resolve", "cmd"]);
}
