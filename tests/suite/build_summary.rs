//! Issue 14.3: `build` on a site with thousands of warnings prints the
//! first few in full, then a count per code, not one block per warning.

use crate::util::TestSite;

#[test]
fn thousands_of_warnings_are_summed_up_by_code() {
    let site = TestSite::fixture("good");
    for i in 0..1200 {
        site.write(
            &format!("content/bulk/e{i:04}.md"),
            &format!("---\ntitle: Bulk {i:04}\nkind: concept\nsummary: Entry number {i}.\n---\nText.\n"),
        );
    }
    let build = site.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let shown = build.stderr.matches("\nwarning[").count() + usize::from(build.stderr.starts_with("warning["));
    assert_eq!(shown, 20, "{}", build.stderr);
    assert!(build.stderr.contains("… and 2380 more:\n"), "{}", build.stderr);
    assert!(build.stderr.contains("\n  1190 × missing-sources (warning)\n"), "{}", build.stderr);
    assert!(build.stderr.contains("\n  1190 × orphan (warning)\n"), "{}", build.stderr);
    assert!(
        build.stderr.contains("run `rolebook check` for the list\n0 error(s), 2400 warning(s)\n"),
        "{}",
        build.stderr
    );
    assert!(build.stderr.lines().count() < 200, "{} lines", build.stderr.lines().count());
    let check = site.run(&["check"]);
    assert_eq!(check.stderr.matches("warning[missing-sources]").count(), 1200, "check still lists them all");
}

#[test]
fn errors_come_first_and_a_short_list_is_printed_whole() {
    let site = TestSite::fixture("good");
    for i in 0..30 {
        site.write(
            &format!("content/bulk/e{i:02}.md"),
            &format!("---\ntitle: Bulk {i:02}\nkind: concept\nsummary: S{i}.\n---\n"),
        );
    }
    site.write(
        "content/zz-broken.md",
        "---\ntitle: Broken\nkind: concept\nsummary: x\nlinks: {works_with: [nobody]}\n---\n",
    );
    let build = site.run(&["build"]);
    assert_eq!(build.code, 1);
    assert!(build.stderr.starts_with("error[broken-link]"), "{}", build.stderr);
    assert!(build.stderr.contains("× orphan (warning)"), "{}", build.stderr);
    let small = TestSite::fixture("good");
    small.write("content/one.md", "---\ntitle: One\nkind: concept\nsummary: One.\n---\n");
    let build = small.run(&["build"]);
    assert!(!build.stderr.contains(" more:"), "{}", build.stderr);
    assert!(build.stderr.contains("warning[orphan]"), "{}", build.stderr);
}
