//! `rolebook serve` through the real binary and plain HTTP/1.1 over
//! loopback: pages, path safety, live reload, the error overlay, and
//! many readers while files change. Waits poll against generous deadlines;
//! nothing asserts on timing.

use crate::util::TestSite;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// How long anything may take before a test gives up.
const DEADLINE: Duration = Duration::from_secs(5);

/// A running `rolebook serve`, killed when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) port: u16,
    /// The `serving … at http://…` line, as printed.
    pub(crate) banner: String,
    stdout: Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub(crate) fn start(site: &TestSite) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rolebook"))
            .args(["serve", "--port", "0"])
            .current_dir(site.root())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start rolebook serve");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server { child, port: 0, banner: String::new(), stdout: lines };
        let banner = server.line_containing("serving ");
        let port = banner.rsplit("http://127.0.0.1:").next().and_then(|rest| rest.split('/').next());
        server.port = port.and_then(|p| p.parse().ok()).unwrap_or_else(|| panic!("no port in {banner:?}"));
        server.banner = banner;
        server
    }

    /// Sends `request` as is and returns the whole reply.
    pub(crate) fn raw(&self, request: &str) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
        stream.write_all(request.as_bytes()).expect("send");
        let mut reply = Vec::new();
        stream.read_to_end(&mut reply).expect("read the reply");
        String::from_utf8_lossy(&reply).into_owned()
    }

    /// Waits for a stdout line containing `text`.
    pub(crate) fn line_containing(&self, text: &str) -> String {
        let end = Instant::now() + DEADLINE;
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            match self.stdout.recv_timeout(left) {
                Ok(line) if line.contains(text) => return line,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        panic!("serve printed no line containing {text:?}");
    }

    fn get(&self, path: &str) -> Reply {
        get(self.port, path)
    }

    /// Polls `path` until its body satisfies `ok`; returns the last reply.
    fn wait_for(&self, path: &str, ok: impl Fn(&str) -> bool) -> Reply {
        let end = Instant::now() + DEADLINE;
        loop {
            let reply = self.get(path);
            if ok(&reply.body) || Instant::now() > end {
                return reply;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

/// A parsed response.
#[derive(Debug)]
struct Reply {
    status: u16,
    head: String,
    body: String,
}

fn get(port: u16, path: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").expect("send");
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("read");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or_else(|| panic!("no head in {text:?}"));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("Content-Length: "))
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or_else(|| panic!("no Content-Length in {head:?}"));
    assert_eq!(body.len(), length, "incomplete body for {path}");
    Reply { status, head: head.to_owned(), body: body.to_owned() }
}

/// An open event stream.
pub(crate) struct Events {
    stream: TcpStream,
    pub(crate) seen: String,
}

impl Events {
    pub(crate) fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        write!(stream, "GET /__rolebook/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").expect("send");
        stream.set_read_timeout(Some(Duration::from_millis(100))).expect("timeout");
        let mut events = Events { stream, seen: String::new() };
        assert!(events.wait_for("retry:"), "no event-stream header: {:?}", events.seen);
        assert!(events.seen.contains("Content-Type: text/event-stream"), "{}", events.seen);
        events
    }

    /// Reads until `text` has arrived or the deadline passes.
    pub(crate) fn wait_for(&mut self, text: &str) -> bool {
        let end = Instant::now() + DEADLINE;
        let mut buffer = [0u8; 1024];
        while !self.seen.contains(text) && Instant::now() < end {
            match self.stream.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buffer[..n])),
                Err(_) => {}
            }
        }
        self.seen.contains(text)
    }
}

#[test]
fn serves_the_index_and_refuses_paths_outside_the_site() {
    let site = TestSite::fixture("good");
    let server = Server::start(&site);
    let index = server.get("/");
    assert_eq!(index.status, 200, "{index:?}");
    assert!(index.head.contains("Content-Type: text/html; charset=utf-8"));
    assert!(index.body.contains("Fixture Roles"));
    assert!(index.body.contains("/__rolebook/live.js?v="), "live-reload script not injected");
    let css = server.get("/assets/style.css");
    assert_eq!(css.status, 200);
    assert!(css.head.contains("Content-Type: text/css"), "{}", css.head);
    for path in ["/../Cargo.toml", "/%2e%2e/site.toml", "/..%2fsite.toml", "/..\\site.toml", "/nope.html"] {
        let reply = server.get(path);
        assert_eq!(reply.status, 404, "{path}: {reply:?}");
        assert!(reply.body.contains("Page not found"), "{path}: the site's 404 page was not served");
        assert!(!reply.body.contains("[kinds.role]"), "{path} leaked site.toml");
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_in_the_output_folder_is_not_followed() {
    let site = TestSite::fixture("good");
    std::fs::create_dir(site.path("public")).expect("mkdir");
    std::os::unix::fs::symlink(site.path("site.toml"), site.path("public/leak.toml")).expect("symlink");
    let server = Server::start(&site);
    let reply = server.get("/leak.toml");
    assert_eq!(reply.status, 404);
    assert!(!reply.body.contains("[kinds.role]"), "site.toml leaked through a symlink");
}

#[test]
fn a_site_that_starts_broken_shows_the_overlay_then_the_site_once_fixed() {
    let site = TestSite::fixture("good");
    let original = site.read("content/owner.md");
    site.write("content/owner.md", &format!("{original}\nSee [[Nobody Here]].\n"));
    let server = Server::start(&site);
    let page = server.get("/");
    assert_eq!(page.status, 503);
    assert!(page.body.contains("rolebook-overlay") && page.body.contains("Nobody Here"), "{}", page.body);
    site.write("content/owner.md", &original);
    let page = server.wait_for("/", |body| body.contains("Fixture Roles"));
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(!page.body.contains("rolebook-overlay"));
}

#[test]
fn a_saved_change_reaches_the_page_and_sends_a_reload_event() {
    let site = TestSite::fixture("good");
    let server = Server::start(&site);
    let mut events = Events::open(server.port);
    assert!(!server.get("/owner.html").body.contains("Decides what ships next"));
    site.edit(
        "content/owner.md",
        "summary: Orders the backlog & accepts the work.",
        "summary: Decides what ships next.",
    );
    assert!(events.wait_for("event: reload"), "no reload event: {:?}", events.seen);
    let page = server.wait_for("/owner.html", |body| body.contains("Decides what ships next"));
    assert!(page.body.contains("Decides what ships next"), "the served page did not change");
    let line = server.line_containing("rebuilt in");
    assert!(line.contains("re-rendered") && line.contains("changed"), "{line}");
}

#[test]
fn an_editor_burst_of_saves_causes_one_rebuild() {
    let site = TestSite::fixture("good");
    let server = Server::start(&site);
    let text = site.read("content/owner.md").replace("This sprint", "This quarter");
    // Several writes, then a temp file renamed over the entry, as editors do.
    site.write("content/owner.md", "");
    site.write("content/owner.md", &text[..text.len() / 2]);
    site.write("content/.owner.md.swp", &text);
    std::fs::rename(site.path("content/.owner.md.swp"), site.path("content/owner.md")).expect("rename");
    server.line_containing("rebuilt in");
    let page = server.wait_for("/owner.html", |body| body.contains("This quarter"));
    assert!(page.body.contains("This quarter"));
    let quiet_until = Instant::now() + Duration::from_millis(500);
    while let Some(left) = quiet_until.checked_duration_since(Instant::now()) {
        if let Ok(line) = server.stdout.recv_timeout(left) {
            assert!(!line.contains("rebuilt in"), "the burst caused a second rebuild: {line}");
        }
    }
}

#[test]
fn a_broken_link_shows_the_overlay_until_it_is_fixed() {
    let site = TestSite::fixture("good");
    let server = Server::start(&site);
    let original = site.read("content/owner.md");
    site.write("content/owner.md", &format!("{original}\nSee [[Nobody Here]].\n"));
    let page = server.wait_for("/owner.html", |body| body.contains("rolebook-overlay"));
    assert!(page.body.contains("rolebook-overlay"), "no overlay: {}", page.body);
    assert!(page.body.contains("no entry named `Nobody Here`"), "{}", page.body);
    assert!(page.body.contains("content/owner.md:"), "the overlay does not name the file");
    assert!(page.body.contains("Orders the backlog &amp; accepts the work."), "the last good build is not served");
    site.write("content/owner.md", &original);
    let page = server.wait_for("/owner.html", |body| !body.contains("rolebook-overlay"));
    assert!(!page.body.contains("rolebook-overlay"), "the overlay stayed after the fix");
}

#[test]
fn a_silent_client_does_not_block_others() {
    let site = TestSite::fixture("good");
    let server = Server::start(&site);
    let mut silent = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    silent.write_all(b"GET / HT").expect("send");
    let junk = {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
        stream.write_all(b"\x16\x03\x01\x00junk\r\n\r\n").expect("send");
        let mut reply = String::new();
        let _ = stream.read_to_string(&mut reply);
        reply
    };
    assert!(junk.starts_with("HTTP/1.1 400"), "{junk:?}");
    assert_eq!(server.get("/").status, 200);
    drop(silent);
}

#[test]
fn many_readers_get_complete_pages_while_files_change() {
    let site = TestSite::fixture("good");
    let server = Server::start(&site);
    let port = server.port;
    let pages = [
        ("/", "Fixture Roles"),
        ("/owner.html", "Product Owner"),
        ("/manager.html", "Product Manager"),
        ("/compare/owner-vs-manager.html", "Product Owner"),
    ];
    let readers: Vec<_> = (0..100)
        .map(|i| {
            std::thread::spawn(move || {
                let (path, title) = pages[i % pages.len()];
                (0..5).map(|_| (title, get(port, path))).collect::<Vec<_>>()
            })
        })
        .collect();
    let original = site.read("content/owner.md");
    for round in 0..6 {
        site.write("content/owner.md", &original.replace("accepts the work", &format!("ships {round}")));
        std::thread::sleep(Duration::from_millis(40));
    }
    for reader in readers {
        for (title, reply) in reader.join().expect("reader thread") {
            assert_eq!(reply.status, 200, "{}", reply.head);
            assert!(reply.body.contains(title), "wrong page: {}", reply.body);
            assert!(reply.body.trim_end().ends_with("</html>"), "truncated page: {}", reply.body);
        }
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    let site = TestSite::fixture("good");
    let mut server = Server::start(&site);
    let pid = server.child.id().to_string();
    let status = Command::new("kill").args(["-INT", &pid]).status().expect("kill");
    assert!(status.success());
    server.line_containing("stopped");
    let end = Instant::now() + DEADLINE;
    while server.child.try_wait().expect("wait").is_none() && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(20));
    }
    let exit = server.child.try_wait().expect("wait");
    assert_eq!(exit.and_then(|s| s.code()), Some(0));
    assert!(!site.path("public").exists(), "serve wrote to disk");
}

#[test]
fn editing_one_entry_re_renders_only_the_pages_that_show_it() {
    let site = TestSite::fixture("good");
    let server = Server::start(&site);
    // A sentence in the body: only the entry's page shows it.
    site.edit("content/owner.md", "every week.", "every week, with the team.");
    let line = server.line_containing("rebuilt in");
    assert!(line.contains("re-rendered 1 of "), "{line}");
    let page = server.wait_for("/owner.html", |body| body.contains("with the team"));
    assert!(page.body.contains("with the team"));
    server.line_containing("search index and exports updated");
    // A new summary shows wherever the entry is listed: more pages, not all.
    site.edit("content/backlog.md", "summary: ", "summary: Edited. ");
    let line = server.line_containing("rebuilt in");
    let rendered: usize = line
        .split("re-rendered ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {line:?}"));
    let total: usize = line
        .split(" of ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no total in {line:?}"));
    assert!(rendered > 2 && rendered < total, "{line}");
}
