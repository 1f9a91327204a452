//! Issue 18: files added, deleted and renamed while `rolebook serve` runs
//! reach the browser like edits do: a reload event, the new page served,
//! the deleted one gone (404), a renamed one at its new address, and only
//! the pages that show the file rendered again.

use crate::serve::{Events, Server};
use crate::util::TestSite;
use std::time::{Duration, Instant};

const SPRINT: &str = "---\ntitle: Sprint\nkind: concept\nsummary: A fixed stretch of work.\ntags: [delivery]\n\
    links:\n  works_with: [Backlog]\nsources: [{ title: S }]\n---\nPlanned by the [[PO]].\n";

/// The status of `GET path`, polled until it is `want` (or the deadline).
fn status_becomes(server: &Server, path: &str, want: u16) -> u16 {
    let end = Instant::now() + Duration::from_secs(5);
    loop {
        let reply = server.raw(&format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
        let status = reply.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        if status == want || Instant::now() > end {
            return status;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// The `re-rendered N of M pages` of the next rebuild line.
fn rendered_of_total(server: &Server) -> (usize, usize) {
    let line = server.line_containing("rebuilt in");
    let number = |after: &str| -> usize {
        let rest = line.split(after).nth(1).unwrap_or_default();
        rest.split(' ').next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("no number in {line:?}"))
    };
    (number("re-rendered "), number(" of "))
}

#[test]
fn added_deleted_and_renamed_files_are_served_and_reload_the_page() {
    let site = TestSite::fixture("good");
    let server = Server::start(&site);
    let mut events = Events::open(server.port);
    assert_eq!(status_becomes(&server, "/sprint.html", 404), 404);

    site.write("content/sprint.md", SPRINT);
    assert!(events.wait_for("event: reload"), "no reload after an add: {:?}", events.seen);
    assert_eq!(status_becomes(&server, "/sprint.html", 200), 200);
    let (rendered, total) = rendered_of_total(&server);
    assert!(rendered > 0 && rendered < total, "an add re-rendered {rendered} of {total}");
    server.line_containing("search index and exports updated");

    let mut events = Events::open(server.port);
    std::fs::rename(site.path("content/sprint.md"), site.path("content/iteration.md")).expect("rename");
    assert!(events.wait_for("event: reload"), "no reload after a rename: {:?}", events.seen);
    assert_eq!(status_becomes(&server, "/iteration.html", 200), 200);
    assert_eq!(status_becomes(&server, "/sprint.html", 404), 404);
    let (rendered, total) = rendered_of_total(&server);
    assert!(rendered < total, "a rename re-rendered {rendered} of {total}");

    let mut events = Events::open(server.port);
    std::fs::remove_file(site.path("content/iteration.md")).expect("delete");
    assert!(events.wait_for("event: reload"), "no reload after a delete: {:?}", events.seen);
    assert_eq!(status_becomes(&server, "/iteration.html", 404), 404);
    assert_eq!(status_becomes(&server, "/backlog.html", 200), 200);
}
