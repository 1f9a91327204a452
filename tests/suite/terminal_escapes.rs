//! Issue 15: titles, paths and link targets reach the terminal with their
//! control characters escaped (`\u{1b}`): a title cannot set the window
//! title, clear the screen or forge a line of `check` or `serve` output.

use crate::serve::Server;
use crate::util::TestSite;

/// Control characters that must never reach a terminal raw (newline is
/// allowed only as the renderer's own line break).
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c != '\n' && (c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202e}')))
        .collect()
}

fn hostile_site() -> TestSite {
    let site = TestSite::fixture("good");
    // YAML escapes: \e is ESC, \a BEL, \r carriage return, \N next line (U+0085), \L line separator.
    site.write(
        "content/evil.md",
        "---\ntitle: \"Evil\\e]0;pwned\\a\\e[2J\\rerror: forged\\Nline\\Lsep\"\nkind: concept\nsummary: S.\n\
         links:\n  works_with: [\"nobody\\e[31m\\rred\"]\n---\nText.\n",
    );
    site.write("content/\u{1b}[2Jname.md", "---\ntitle: Plain\nkind: concept\nsummary: Other.\n---\nText.\n");
    site
}

#[test]
fn check_prints_titles_paths_and_link_targets_escaped() {
    let site = hostile_site();
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(raw_controls(&run.stderr), Vec::<char>::new(), "{:?}", run.stderr);
    assert!(
        run.stderr.contains(
            "nothing links to `Evil\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{d}error: forged\\u{85}line\\u{2028}sep`"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("no entry named `nobody\\u{1b}[31m\\u{d}red`"), "{}", run.stderr);
    assert!(run.stderr.contains("--> content/\\u{1b}[2Jname.md"), "{}", run.stderr);
    // No forged line: every line that starts like a diagnostic is a real one.
    assert!(!run.stderr.lines().any(|l| l.starts_with("error: forged")), "{}", run.stderr);
    let github = site.run(&["check", "--format", "github"]);
    assert_eq!(raw_controls(&github.stdout), Vec::<char>::new(), "{:?}", github.stdout);
    let json = site.run(&["check", "--format", "json"]);
    assert_eq!(raw_controls(&json.stdout), Vec::<char>::new(), "{:?}", json.stdout);
    let build = site.run(&["build"]);
    assert_eq!(raw_controls(&build.stderr), Vec::<char>::new(), "{:?}", build.stderr);
}

#[test]
fn a_caret_stays_under_its_token_when_the_line_has_escapes() {
    let site = TestSite::fixture("good");
    site.write("content/raw.md", "---\ntitle: Raw\nkind: concept\nsummary: S.\n---\nSee [[no\u{1b}[31mbody]] now.\n");
    let run = site.run(&["check"]);
    assert_eq!(raw_controls(&run.stderr), Vec::<char>::new(), "{:?}", run.stderr);
    // The loader removes the control character (and says so), so the line
    // the diagnostic quotes has none left and the caret spans the token as read.
    assert!(run.stderr.contains("warning[control-character]"), "{}", run.stderr);
    let token = "[[no[31mbody]]";
    let shown = format!("  6 | See {token} now.\n    | {}{}\n", " ".repeat(4), "^".repeat(token.chars().count()));
    assert!(run.stderr.contains(&shown), "{shown}\n{}", run.stderr);
}

#[test]
fn serve_prints_the_site_title_escaped() {
    let site = TestSite::fixture("good");
    let toml = site.read("site.toml");
    site.edit("site.toml", "title = \"Fixture Roles\"", "title = \"Roles\\u001b]0;pwned\\u0007\\u001b[2J\"");
    assert_ne!(toml, site.read("site.toml"));
    let banner = Server::start(&site).banner.clone();
    assert_eq!(raw_controls(&banner), Vec::<char>::new(), "{banner:?}");
    assert!(banner.starts_with("serving Roles\\u{1b}]0;pwned\\u{7}\\u{1b}[2J at http://"), "{banner:?}");
}
