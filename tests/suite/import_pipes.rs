//! Issue 14.3 for `import`: its report piped into `head` ends quietly (no
//! panic, no exit 101), and the import is complete all the same.

use crate::util::TestSite;
use std::process::Command;

#[test]
fn import_piped_into_head_prints_one_line_and_no_panic() {
    let site = TestSite::fixture("import-obsidian");
    let bin = env!("CARGO_BIN_EXE_rolebook");
    for (into, stream) in [("out", "2>&1"), ("out2", "2>/dev/null")] {
        let script =
            format!("\"{bin}\" import vault --into {into} {stream} | head -1; echo \"status=${{PIPESTATUS[0]}}\"");
        let output = Command::new("bash").arg("-c").arg(&script).current_dir(site.root()).output().expect("bash");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let lines: Vec<&str> = stdout.lines().collect();
        assert_eq!(lines.len(), 2, "{stdout}");
        assert!(lines[0].starts_with("format: obsidian"), "{stdout}");
        assert_eq!(lines[1], "status=0", "{stdout}{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(site.path(&format!("{into}/import-report.txt")).is_file(), "the import stopped with the pipe");
        assert_eq!(site.run(&["build", "--root", into]).code, 0);
    }
}

#[test]
fn import_into_closed_pipes_exits_zero_and_writes_the_site() {
    let site = TestSite::fixture("import-obsidian");
    let code = site.run_into_closed_pipes(&["import", "vault", "--into", "out"]);
    assert_eq!(code, Some(0), "101 is a panic");
    assert!(site.path("out/import-report.txt").is_file());
    assert_eq!(site.run(&["build", "--root", "out"]).code, 0);
}
