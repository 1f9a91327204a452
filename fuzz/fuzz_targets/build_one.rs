//! A whole site in memory: the shared fixed site (see `src/lib.rs`) with one
//! document from the input, loaded, resolved and rendered with the embedded
//! default theme. An input starting with `@name.md` on its first line names
//! the file (and so the slug and folder). Every output path must stay a
//! plain relative path inside the output folder.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolebook::diag::{emit, Diagnostics};
use rolebook::{render, resolve, write};
use rolebook_fuzz::{site, theme};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (name, text) = match text.strip_prefix('@').and_then(|t| t.split_once('\n')) {
        Some((name, rest)) => (name, rest),
        None => ("entry.md", text),
    };
    let loaded = site(name, text, &mut Diagnostics::new());
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
