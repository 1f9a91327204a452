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
