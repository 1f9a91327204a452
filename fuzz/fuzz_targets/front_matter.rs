//! Front-matter splitting and YAML parsing of one file, then the diagnostic
//! printers over whatever was reported (positions must stay in the text).
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolebook::diag::{emit, Diagnostics};
use rolebook::load::parse_document;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut diagnostics = Diagnostics::new();
    let document = parse_document("content/fuzz.md".into(), "fuzz.md".into(), text.to_owned(), &mut diagnostics);
    assert!(document.body <= document.source.text.len());
    let _ = document.body_text();
    for key in &document.keys {
        let _ = document.value_offset(&key.name, "x");
    }
    let finished = diagnostics.finish(&Default::default());
    for format in [emit::Format::Human, emit::Format::Json, emit::Format::Github] {
        let _ = emit::render(&finished, format, true);
    }
});
