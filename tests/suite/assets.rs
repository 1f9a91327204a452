//! Images, files and `static/` (issue 14, part 1) and redirects from the
//! old URLs of moved entries (part 4), on the `assets` fixture: co-located
//! PNG, SVG and PDF, a static folder, a missing image, an unused asset,
//! links out of the site, and a symbolic link made by the test.

use crate::serve::{Events, Server};
use crate::util::{Run, TestSite};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// `(code, file, line, column, suggestion)` of each diagnostic of a JSON run.
fn diagnostics(run: &Run) -> Vec<(String, String, u64, u64, String)> {
    let list: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:?}"));
    let text = |v: &Value| v.as_str().unwrap_or("").to_owned();
    list.as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            let number = |v: &Value| v.as_u64().unwrap_or(0);
            (text(&d["code"]), text(&d["file"]), number(&d["line"]), number(&d["column"]), text(&d["suggestion"]))
        })
        .collect()
}

/// The fixture with a symbolic link to a file outside the site, referenced
/// by an entry.
fn with_symlink() -> TestSite {
    let site = TestSite::fixture("assets");
    std::os::unix::fs::symlink(site.path("site.toml"), site.path("content/img/linked.png")).expect("symlink");
    site.edit(
        "content/team-lead.md",
        "Where the team lead sits:",
        "![Linked](img/linked.png)\n\nWhere the team lead sits:",
    );
    site
}

/// The fixture with its broken references removed: it builds.
fn fixed() -> TestSite {
    let site = TestSite::fixture("assets");
    std::fs::remove_file(site.path("content/roles/gaps.md")).expect("remove");
    site.edit("content/roles/data-owner.md", "\n![Escalation path](escalation.png)\n", "");
    site
}

#[test]
fn check_reports_missing_outside_and_linked_files_at_their_position() {
    let site = with_symlink();
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    let found = diagnostics(&run);
    let assets: Vec<_> = found.iter().filter(|d| d.0.ends_with("-asset")).cloned().collect();
    let expected = [
        ("unused-asset", "content/img/unused.gif", 0, 0, "link it from an entry, or delete it"),
        ("broken-asset", "content/roles/data-owner.md", 12, 20, "add the file beside data-owner.md or fix the path"),
        ("broken-asset", "content/roles/gaps.md", 6, 10, "did you mean `../img/org-chart.png`?"),
        (
            "broken-asset",
            "content/roles/gaps.md",
            10,
            10,
            "files outside content/ and static/ are never published; copy the file into content/",
        ),
        (
            "broken-asset",
            "content/team-lead.md",
            9,
            11,
            "symbolic links are never published; replace `img/linked.png` with the file itself",
        ),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(c, f, l, col, s)| ((*c).to_owned(), (*f).to_owned(), *l, *col, (*s).to_owned()))
        .collect();
    assert_eq!(assets, expected);
    // A link out of the site to something without a file extension is not a
    // file reference: left as written, never copied, not reported.
    assert!(!found.iter().any(|d| d.1 == "content/roles/gaps.md" && d.2 == 8), "{found:?}");
    let human = site.run(&["check"]);
    assert!(human.stderr.contains("error[broken-asset]: no image `escalation.png`"), "{}", human.stderr);
    assert!(human
        .stderr
        .contains("  12 | ![Escalation path](escalation.png)\n     |                    ^^^^^^^^^^^^^^\n"));
}

#[test]
fn unused_asset_takes_its_level_from_rules() {
    let site = fixed();
    assert_eq!(site.run(&["check"]).code, 0);
    site.edit("site.toml", "orphan = \"allow\"", "orphan = \"allow\"\nunused-asset = \"error\"");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("error[unused-asset]: no page refers to `img/unused.gif`"), "{}", run.stderr);
}

#[test]
fn a_build_copies_assets_and_static_files_and_rewrites_their_urls() {
    let site = fixed();
    std::os::unix::fs::symlink(site.path("site.toml"), site.path("content/img/linked.png")).expect("symlink");
    std::os::unix::fs::symlink(site.path("site.toml"), site.path("static/linked.txt")).expect("symlink");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("warning[skipped-file]: skipped: a symbolic link is never read or copied"));
    assert!(run.stderr.contains("static/linked.txt") && run.stderr.contains("content/img/linked.png"));
    assert!(!run.stderr.contains("warning[unused-asset]: `static/linked.txt`"), "{}", run.stderr);
    for (output, source) in [
        ("img/org-chart.png", "content/img/org-chart.png"),
        ("img/flow.svg", "content/img/flow.svg"),
        ("handbook.pdf", "content/handbook.pdf"),
        ("img/unused.gif", "content/img/unused.gif"),
        ("favicon.ico", "static/favicon.ico"),
        ("CNAME", "static/CNAME"),
        ("robots.txt", "static/robots.txt"),
        (".well-known/security.txt", "static/.well-known/security.txt"),
    ] {
        let copied = std::fs::read(site.path(&format!("public/{output}"))).unwrap_or_else(|e| panic!("{output}: {e}"));
        assert_eq!(copied, std::fs::read(site.path(source)).expect("source"), "{output}");
    }
    assert!(!site.path("public/img/linked.png").exists(), "a symbolic link was copied");
    assert!(!site.path("public/linked.txt").exists(), "a symbolic link in static/ was copied");
    assert!(!site.path("public/roles").exists(), "entries are flat; the folder holds no asset");
    // Pages are flat: from any entry page the URL is the path below content/.
    let lead = site.read("public/team-lead.html");
    assert!(
        lead.contains("<img src=\"img/org-chart.png\" alt=\"Org chart\" title=\"Who reports to whom\" />"),
        "{lead}"
    );
    assert!(lead.contains("<a href=\"handbook.pdf#page=2\">the handbook</a>"), "{lead}");
    let owner = site.read("public/data-owner.html");
    assert!(owner.contains("<img src=\"img/flow.svg\" alt=\"Request flow\" />"), "{owner}");
    assert!(owner.contains("<a href=\"handbook.pdf\">handbook</a>"), "{owner}");
    assert!(!owner.contains("<svg xmlns") && !owner.contains("alert(1)"), "an SVG was inlined");
    // A comparison page lives one folder down: its URLs climb back up.
    let compare = site.read("public/compare/lead-vs-owner.html");
    assert!(compare.contains("<img src=\"../img/org-chart.png\" alt=\"Org chart\" />"), "{compare}");
}

#[test]
fn a_rebuild_keeps_static_files_and_unchanged_copies() {
    let site = fixed();
    assert_eq!(site.run(&["build"]).code, 0);
    let inode = |path: &str| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(site.path(path)).expect(path));
    let before = inode("public/handbook.pdf");
    site.edit("content/team-lead.md", "day to day", "every day");
    assert_eq!(site.run(&["build"]).code, 0);
    assert_eq!(site.read("public/CNAME"), "roles.example.com\n");
    assert!(site.path("public/.well-known/security.txt").is_file());
    assert_eq!(inode("public/handbook.pdf"), before, "an unchanged copy was written again");
    std::fs::write(site.path("content/handbook.pdf"), b"%PDF-1.4 changed").expect("write");
    assert_eq!(site.run(&["build"]).code, 0);
    assert_eq!(std::fs::read(site.path("public/handbook.pdf")).expect("read"), b"%PDF-1.4 changed");
}

#[test]
fn a_static_file_or_asset_where_a_page_is_generated_is_an_error_naming_both() {
    let site = fixed();
    site.write("static/index.html", "<p>mine</p>");
    site.write("content/assets/style.css", "body{}");
    site.write("static/img/flow.svg", "<svg/>");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{run:?}");
    for message in [
        "error[output-collision]: `static/index.html` and the generated `index.html` have one output path",
        "error[output-collision]: `content/assets/style.css` and the generated `assets/style.css` have one output path",
        "error[output-collision]: `content/img/flow.svg` and `static/img/flow.svg` have one output path",
    ] {
        assert!(run.stderr.contains(message), "missing {message:?} in {}", run.stderr);
    }
    assert!(!site.path("public").exists(), "a build with errors wrote output");
}

#[test]
fn moved_entries_leave_redirect_pages_listed_nowhere_else() {
    let site = fixed();
    assert_eq!(site.run(&["build"]).code, 0);
    for old in ["lead", "team-leader"] {
        let page = site.read(&format!("public/{old}.html"));
        assert!(page.contains("<meta http-equiv=\"refresh\" content=\"0; url=team-lead.html\">"), "{page}");
        assert!(page.contains("<link rel=\"canonical\" href=\"https://roles.example.com/team-lead.html\">"));
        assert!(page.contains("<a href=\"team-lead.html\">Team Lead</a>"), "{page}");
        assert!(!page.contains("<script") && !page.contains("style="), "{page}");
    }
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("/team-lead.html") && !sitemap.contains("/lead.html"), "{sitemap}");
    for file in ["public/assets/search-index.js", "public/index.html", "public/a-z.html", "public/graph.json"] {
        assert!(!site.read(file).contains("team-leader"), "{file} lists an old slug");
    }
}

#[test]
fn a_moved_from_that_is_a_live_slug_or_claimed_twice_is_an_error() {
    let site = fixed();
    site.edit("content/team-lead.md", "moved_from: [lead, team-leader]", "moved_from: [lead, data-owner]");
    site.edit("content/roles/data-owner.md", "kind: role", "kind: role\nmoved_from: [lead]");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    let conflicts: Vec<_> =
        diagnostics(&run).into_iter().filter(|d| d.0 == "moved-from-conflict").map(|d| (d.1, d.2, d.3)).collect();
    // Entries are taken in slug order: data-owner claims `lead` first.
    assert_eq!(conflicts, [("content/team-lead.md".to_owned(), 5, 14), ("content/team-lead.md".to_owned(), 5, 20)]);
    let human = site.run(&["check"]).stderr;
    for message in [
        "error[moved-from-conflict]: `lead` is in the `moved_from` of `Data Owner` (content/roles/data-owner.md) too",
        "error[moved-from-conflict]: `data-owner` is the slug of `Data Owner` (content/roles/data-owner.md): \
         its page cannot redirect",
    ] {
        assert!(human.contains(message), "missing {message:?} in {human}");
    }
}

#[test]
fn diff_suggests_moved_from_for_a_renamed_entry() {
    let site = fixed();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(["-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(site.root())
            .output()
            .expect("git");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "first"]);
    git(&["mv", "content/roles/data-owner.md", "content/roles/data-set-owner.md"]);
    let text = site.run(&["diff", "HEAD"]).stdout;
    assert!(
        text.contains(
            "`content/roles/data-set-owner.md`) — add `moved_from: [data-owner]` to \
             `content/roles/data-set-owner.md` so the old URL redirects"
        ),
        "{text}"
    );
    site.edit("content/roles/data-set-owner.md", "kind: role", "kind: role\nmoved_from: [data-owner]");
    let json: Value = serde_json::from_str(&site.run(&["diff", "HEAD", "--format", "json"]).stdout).expect("json");
    assert_eq!(json["renamed"][0]["redirected"], true);
    assert!(!site.run(&["diff", "HEAD"]).stdout.contains("add `moved_from"));
}

/// Status, head and body bytes of a GET.
fn get(port: u16, path: &str) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").expect("send");
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("read");
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n").expect("a head");
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, head, bytes[split + 4..].to_vec())
}

#[test]
fn serve_answers_assets_with_their_types_old_urls_with_redirects_and_follows_edits() {
    let site = fixed();
    let server = Server::start(&site);
    for (path, source, kind) in [
        ("/img/org-chart.png", "content/img/org-chart.png", "image/png"),
        ("/img/flow.svg", "content/img/flow.svg", "image/svg+xml"),
        ("/handbook.pdf", "content/handbook.pdf", "application/pdf"),
        ("/favicon.ico", "static/favicon.ico", "image/x-icon"),
        ("/.well-known/security.txt", "static/.well-known/security.txt", "text/plain"),
    ] {
        let (status, head, body) = get(server.port, path);
        assert_eq!(status, 200, "{path}: {head}");
        assert!(head.contains(&format!("Content-Type: {kind}")), "{path}: {head}");
        assert_eq!(body, std::fs::read(site.path(source)).expect("source"), "{path}");
    }
    let (_, svg_head, _) = get(server.port, "/img/flow.svg");
    assert!(svg_head.contains("Content-Security-Policy: default-src 'none'"), "{svg_head}");
    let (status, head, _) = get(server.port, "/lead.html");
    assert_eq!(status, 308, "{head}");
    assert!(head.starts_with("HTTP/1.1 308 Permanent Redirect\r\n"), "{head}");
    assert!(head.contains("Location: /team-lead.html"), "{head}");
    // A changed or new asset is served after the rebuild it causes, and the
    // open pages are told to reload.
    let mut events = Events::open(server.port);
    std::fs::write(site.path("content/img/org-chart.png"), b"new bytes").expect("write");
    assert!(events.wait_for("event: reload"), "no reload event: {:?}", events.seen);
    std::fs::write(site.path("static/humans.txt"), b"us").expect("write");
    let end = Instant::now() + Duration::from_secs(5);
    while get(server.port, "/humans.txt").2 != b"us" || get(server.port, "/img/org-chart.png").2 != b"new bytes" {
        assert!(Instant::now() < end, "the edit was not served");
        std::thread::sleep(Duration::from_millis(25));
    }
    // A `moved_from` added while serving redirects too.
    site.edit("content/roles/data-owner.md", "kind: role", "kind: role\nmoved_from: [owner]");
    let end = Instant::now() + Duration::from_secs(5);
    while get(server.port, "/owner.html").0 != 308 {
        assert!(Instant::now() < end, "the new old URL does not redirect");
        std::thread::sleep(Duration::from_millis(25));
    }
    assert!(get(server.port, "/owner.html").1.contains("Location: /data-owner.html"));
}

#[test]
fn a_draft_leaves_no_redirect_page() {
    let site = fixed();
    site.edit("content/team-lead.md", "kind: role", "kind: role\ndraft: true");
    site.edit("content/roles/data-owner.md", "and the [[Team Lead]]", "");
    std::fs::remove_file(site.path("content/compare/lead-vs-owner.md")).expect("remove");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!site.path("public/lead.html").exists() && !site.path("public/team-lead.html").exists());
    assert_eq!(site.run(&["build", "--drafts"]).code, 0);
    assert!(site.path("public/lead.html").is_file());
}

#[test]
fn many_missing_images_are_listed_up_to_the_per_file_limit() {
    let site = fixed();
    let body: String = (0..500).map(|i| format!("![x](missing-{i}.png)\n")).collect();
    site.write("content/many.md", &format!("---\ntitle: Many\nkind: role\nsummary: S.\n---\n{body}"));
    let run = site.run(&["check", "--format", "json"]);
    let broken: Vec<_> = diagnostics(&run).into_iter().filter(|d| d.0 == "broken-asset").collect();
    assert_eq!(broken.len(), 101, "100 listed and one summary");
    assert_eq!(broken.iter().filter(|d| d.2 == 0).count(), 1, "one summary, without a position");
}

#[test]
fn a_web_address_without_its_scheme_is_pointed_out() {
    let site = fixed();
    site.edit("content/team-lead.md", "Where the team lead sits:", "See [the vendor](www.example.com/guide.html).");
    let found = diagnostics(&site.run(&["check", "--format", "json"]));
    let hints: Vec<&str> = found.iter().filter(|d| d.0 == "broken-asset").map(|d| d.4.as_str()).collect();
    assert_eq!(hints, ["a web address needs its scheme: `https://www.example.com/guide.html`"]);
}
