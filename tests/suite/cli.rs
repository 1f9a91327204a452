//! Command-line behaviour: help, version, usage errors, exit codes.

use crate::util::TestSite;

#[test]
fn prints_version_and_help() {
    let site = TestSite::empty();
    let run = site.run(&["--version"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("rolebook "));
    let help = site.run(&["--help"]);
    assert!(help.stdout.contains("build") && help.stdout.contains("check"));
}

#[test]
fn usage_errors_exit_2() {
    let site = TestSite::empty();
    assert_eq!(site.run(&["frobnicate"]).code, 2);
    assert_eq!(site.run(&["check", "--format", "xml"]).code, 2);
}

#[test]
fn a_folder_without_site_toml_exits_2_with_a_hint() {
    let site = TestSite::empty();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("has no site.toml"), "{}", run.stderr);
}

#[test]
fn builds_the_repository_site() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_rolebook"))
        .args(["build", "--root", root, "--output"])
        .arg(&output)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(output.join("index.html").is_file());
    assert!(output.join("data-product-owner.html").is_file());
    assert!(output.join("compare/dpm-vs-dpo.html").is_file());
}

#[test]
fn build_timings_name_each_stage() {
    let site = TestSite::fixture("good");
    let run = site.run(&["build", "--quiet", "--timings"]);
    assert_eq!(run.code, 0, "{run:?}");
    for stage in ["load", "resolve", "render and write", "swap in"] {
        assert!(run.stderr.contains(stage) && run.stderr.contains(" ms  "), "no {stage:?} in {}", run.stderr);
    }
    if cfg!(target_os = "linux") {
        assert!(run.stderr.contains("(CPU ") && run.stderr.contains("peak memory so far"), "{}", run.stderr);
    }
}
