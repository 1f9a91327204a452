//! `rolebook check` on one entry, in memory: the shared fixed site (see
//! `src/lib.rs`) with the input as `content/entry.md`, loaded, resolved,
//! rendered for diagnostics and printed in every format, exactly as `check`
//! does. Run it with an allocation limit (`-rss_limit_mb=512
//! -malloc_limit_mb=256`, see the README): any input whose front matter or
//! body makes the path allocate more than that (an alias bomb, a huge
//! expansion) is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolebook::diag::{emit, Diagnostics};
use rolebook::render::{self, git_dates::GitDates};
use rolebook::resolve;
use rolebook_fuzz::{site, theme};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut diagnostics = Diagnostics::new();
    let loaded = site("entry.md", text, &mut diagnostics);
    let kb = resolve::resolve(&loaded, false, &mut diagnostics);
    let dates = GitDates::new();
    let input = render::Input::of(&kb, &loaded.config, theme(), &dates);
    render::render_for_diagnostics(&input, &mut diagnostics);
    let finished = diagnostics.finish(&loaded.config.rules);
    for format in [emit::Format::Human, emit::Format::Json, emit::Format::Github] {
        let _ = emit::render(&finished, format, false);
    }
});
