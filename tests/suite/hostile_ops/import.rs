//! `rolebook import --into DIR` never follows a symlink inside DIR: not to
//! write, not to remove what an earlier import wrote.

use crate::util::{snapshot, TestSite};

/// An imported site in `out/x`, from the Zola fixture's content.
fn imported() -> (TestSite, TestSite) {
    let source = TestSite::fixture("import-zola");
    let out = TestSite::empty();
    let run = out.run(&["import", source.path("content").to_str().unwrap_or("."), "--from", "markdown", "--into", "x"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(out.path("x/content/roles/data-steward.md").is_file());
    (source, out)
}

fn reimport(source: &TestSite, out: &TestSite) -> crate::util::Run {
    out.run(&["import", source.path("content").to_str().unwrap_or("."), "--from", "markdown", "--into", "x"])
}

#[cfg(unix)]
#[test]
fn a_symlinked_content_folder_is_refused_and_its_target_left_alone() {
    let (source, out) = imported();
    // The victim holds files at exactly the paths the import listed.
    let victim = TestSite::empty();
    victim.write("roles/data-steward.md", "my own notes");
    victim.write("private.md", "mine too");
    std::fs::remove_dir_all(out.path("x/content")).expect("remove");
    std::os::unix::fs::symlink(victim.root(), out.path("x/content")).expect("symlink");
    let before = snapshot(victim.root());
    let run = reimport(&source, &out);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("symbolic link") && run.stderr.contains("content"), "{}", run.stderr);
    assert_eq!(snapshot(victim.root()), before, "the victim folder was changed");
}

#[cfg(unix)]
#[test]
fn a_symlinked_folder_named_in_the_marker_is_refused() {
    let (source, out) = imported();
    let victim = TestSite::empty();
    victim.write("id_rsa", "key");
    std::os::unix::fs::symlink(victim.root(), out.path("x/keys")).expect("symlink");
    let marker = out.read("x/.rolebook-import");
    out.write("x/.rolebook-import", &format!("{marker}keys/id_rsa\n"));
    let run = reimport(&source, &out);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("keys") && run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert_eq!(victim.read("id_rsa"), "key");
    assert!(out.path("x/content/roles/data-steward.md").is_file(), "nothing was removed before the refusal");
}

#[cfg(unix)]
#[test]
fn a_symlink_in_place_of_a_file_import_writes_is_refused() {
    let (source, out) = imported();
    let victim = TestSite::empty();
    victim.write("bashrc", "export A=1");
    std::fs::remove_file(out.path("x/site.toml")).expect("remove");
    std::os::unix::fs::symlink(victim.path("bashrc"), out.path("x/site.toml")).expect("symlink");
    let run = reimport(&source, &out);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("site.toml") && run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert_eq!(victim.read("bashrc"), "export A=1");
}
