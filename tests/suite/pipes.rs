//! Issue 14.3: `check` and `build` piped into `head`, or into a pipe that
//! is already closed, end quietly: no panic, no exit 101.

use crate::util::TestSite;
use std::process::Command;

/// A site with a few thousand warnings: more output than a pipe buffers.
fn noisy_site() -> TestSite {
    let site = TestSite::fixture("good");
    for i in 0..1500 {
        site.write(
            &format!("content/bulk/e{i:04}.md"),
            &format!("---\ntitle: Bulk {i:04}\nkind: concept\nsummary: Entry number {i}.\n---\nText.\n"),
        );
    }
    site
}

#[test]
fn check_and_build_into_closed_pipes_exit_with_their_own_codes() {
    let site = noisy_site();
    for args in [&["check"][..], &["check", "--format", "json"], &["check", "--format", "github"], &["build"]] {
        let code = site.run_into_closed_pipes(args);
        assert_eq!(code, Some(0), "`rolebook {}` into closed pipes: {code:?} (101 is a panic)", args.join(" "));
    }
    site.write(
        "content/broken.md",
        "---\ntitle: Broken\nkind: concept\nsummary: x\nlinks: {works_with: [nobody]}\n---\n",
    );
    assert_eq!(site.run_into_closed_pipes(&["check"]), Some(1), "content errors still exit 1");
    assert_eq!(site.run_into_closed_pipes(&["build"]), Some(1));
    site.write("site.toml", "title = \n");
    assert_eq!(site.run_into_closed_pipes(&["check"]), Some(1));
}

#[test]
fn check_piped_into_head_prints_one_line_and_no_panic() {
    let site = noisy_site();
    let bin = env!("CARGO_BIN_EXE_rolebook");
    for (command, stream) in [("check", "2>&1"), ("check --format json", "2>/dev/null"), ("build", "2>&1")] {
        let script = format!("\"{bin}\" {command} {stream} | head -1; echo \"status=${{PIPESTATUS[0]}}\"");
        let output = Command::new("bash").arg("-c").arg(&script).current_dir(site.root()).output().expect("bash");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let lines: Vec<&str> = stdout.lines().collect();
        assert_eq!(lines.len(), 2, "{command}: {stdout}");
        assert_eq!(lines[1], "status=0", "{command}: {stdout}{stderr}");
        assert!(!stderr.contains("panicked"), "{command}: {stderr}");
    }
}
