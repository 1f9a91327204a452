//! First steps of a new user (issue 14, section 5): `init` names the folders
//! to look at, counts read as English, and commands run from a sub-folder
//! of a site find its site.toml, as git finds its repository.

use crate::util::TestSite;

#[test]
fn init_names_the_folders_of_the_new_site() {
    let site = TestSite::empty();
    let run = site.run(&["init", "handbook"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("4 example entries, 1 comparison"), "{}", run.stdout);
    assert!(run.stdout.contains("edit the entries in handbook/content/"), "{}", run.stdout);
    assert!(run.stdout.contains("rolebook build --root handbook   (then open handbook/public/index.html)"));
}

#[test]
fn commands_in_a_sub_folder_find_the_site_above() {
    let site = TestSite::empty();
    assert_eq!(site.run(&["init", "."]).code, 0);
    let inner = TestSite::empty();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_rolebook"))
        .arg("build")
        .current_dir(site.path("content/compare"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "{stdout} {}", String::from_utf8_lossy(&run.stderr));
    assert!(stdout.contains("built 4 entries, 1 comparison,"), "{stdout}");
    assert!(site.path("public/index.html").is_file(), "the output is not beside site.toml");
    assert!(!site.path("content/compare/public").exists());
    let check = inner.run(&["check"]);
    assert_eq!(check.code, 2, "no site.toml anywhere is still an error: {check:?}");
}
