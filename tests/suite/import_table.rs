//! `rolebook import FILE --from csv|skos` (issue 19): a dry run by default
//! that writes nothing and lists every record's problem with its row, and
//! with `--write` a site that builds at once.

use crate::util::TestSite;

fn site_with(file: &str) -> TestSite {
    let site = TestSite::empty();
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import-table").join(file);
    site.write(file, &std::fs::read_to_string(from).expect("the fixture"));
    site
}

#[test]
fn csv_dry_run_writes_nothing_and_lists_problems_by_row() {
    let site = site_with("terms.csv");
    let run = site.run(&["import", "terms.csv", "--from", "csv", "--into", "out"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!site.path("out").exists(), "a dry run wrote files");
    let out = &run.stdout;
    assert!(out.contains("6 records read, 4 entries planned"), "{out}");
    assert!(out.contains("row 4: unknown status `retired`"), "{out}");
    assert!(out.contains("row 5: no title: left out"), "{out}");
    assert!(out.contains("row 6: `Data Product` has no summary"), "{out}");
    // The quoted line break in row 6's neighbour keeps the numbering right.
    assert!(out.contains("row 7: `Broader` names `Nobody Here`"), "{out}");
    assert!(out.contains("content/data-steward.md  (Data Steward: role, proposed, 1 link)"), "{out}");
    assert!(out.contains("dry run: nothing was written; add --write"), "{out}");
}

#[test]
fn csv_write_gives_a_site_that_builds() {
    let site = site_with("terms.csv");
    let run = site.run(&["import", "terms.csv", "--from", "csv", "--into", "out", "--write"]);
    assert_eq!(run.code, 0, "{run:?}");
    let steward = site.read("out/content/data-steward.md");
    assert!(steward.contains("status: proposed"), "{steward}");
    assert!(steward.contains("- '@jane'\n- Data Office"), "{steward}");
    assert!(steward.contains("works_with:\n  - data-owner"), "the abbreviation DO resolved: {steward}");
    assert!(site.read("out/content/data-mesh.md").contains("with data products owned by teams."));
    let build = site.run(&["build", "--root", "out"]);
    assert_eq!(build.code, 0, "{build:?}");
    assert!(!build.stderr.contains("error["), "{}", build.stderr);
    assert!(site.read("out/public/data-steward.html").contains("status-banner status-proposed"));
    // Writing again replaces the earlier import.
    assert_eq!(site.run(&["import", "terms.csv", "--from", "csv", "--into", "out", "--write"]).code, 0);
}

#[test]
fn skos_dry_run_and_write() {
    let site = site_with("terms.ttl");
    let dry = site.run(&["import", "terms.ttl", "--from", "skos", "--into", "out", "--default-kind", "concept"]);
    assert_eq!(dry.code, 0, "{dry:?}");
    assert!(!site.path("out").exists());
    let out = &dry.stdout;
    assert!(out.contains("4 records read, 3 entries planned"), "the scheme is no concept: {out}");
    assert!(
        out.contains("concept 4 <https://glossary.example.org/orphan-label>: `No Definition` has no summary"),
        "{out}"
    );
    assert!(out.contains("concept 2 <https://glossary.example.org/data-steward>: `related` names"), "{out}");
    let run =
        site.run(&["import", "terms.ttl", "--from", "skos", "--into", "out", "--default-kind", "concept", "--write"]);
    assert_eq!(run.code, 0, "{run:?}");
    let owner = site.read("out/content/data-owner.md");
    assert!(owner.contains("title: Data Owner\nabbr: DO\naliases:\n- Owner\n"), "{owner}");
    assert!(owner.contains("broader:\n  - data-governance"), "{owner}");
    assert!(site.read("out/site.toml").contains("[relations.broader]\nlabel = \"Broader\"\nskos = \"broader\""));
    let build = site.run(&["build", "--root", "out"]);
    assert_eq!(build.code, 0, "{build:?}");
    assert!(site.read("out/public/glossary.ttl").contains("Data Governance"));
}

#[test]
fn a_broken_source_is_reported_not_panicked_on() {
    let site = TestSite::empty();
    site.write("bad.ttl", "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<a> skos:prefLabel \"x\n");
    let run = site.run(&["import", "bad.ttl", "--from", "skos", "--into", "out"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("line 2: not Turtle"), "{}", run.stdout);
    site.write("empty.csv", "");
    let run = site.run(&["import", "empty.csv", "--from", "csv", "--into", "out"]);
    assert!(run.stdout.contains("header: the file is empty"), "{}", run.stdout);
    site.write("nohead.csv", "a,b\n1,2\n");
    let run = site.run(&["import", "nohead.csv", "--from", "csv", "--into", "out"]);
    assert!(run.stdout.contains("no title column"), "{}", run.stdout);
}
