//! Accepting connections and answering requests from the current snapshot.
//! One thread per connection, a bounded request head, a total deadline per
//! request (not per read, so a trickle cannot stretch it), and a cap on open
//! connections where newcomers push out the oldest still-silent ones
//! ([`Connections`]): a slow or hostile client holds only its own thread,
//! for a bounded time, and never locks others out. On loopback only
//! loopback host names are answered ([`HostCheck`]). Files come only from
//! the in-memory build, never from the disk, so no path or symlink can
//! reach outside it.

use super::connections::{Connections, Ticket};
use super::deadline::Deadline;
use super::host::HostCheck;
use super::http::{self, Body, HeadError, RequestHead, Response};
use super::overlay::{self, PREFIX};
use super::reload::{self, Hub};
use super::state::{Site, Snapshot};
use std::io::Write;
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a client may take to send its whole request head.
const HEAD_DEADLINE: Duration = Duration::from_secs(10);

/// How long a whole request may take, head and response.
const REQUEST_DEADLINE: Duration = Duration::from_secs(30);

/// How long a live-reload stream may wait for the client to accept a write.
const STREAM_WRITE_TIMEOUT: Duration = Duration::from_secs(10);

/// What every connection thread shares.
#[derive(Debug)]
pub(crate) struct Shared {
    /// The site being served.
    pub(crate) site: Site,
    /// The live-reload streams.
    pub(crate) hub: Hub,
    /// The host names answered.
    pub(crate) hosts: HostCheck,
}

/// Accepts connections until the process ends.
pub(crate) fn accept(listener: TcpListener, shared: Arc<Shared>) {
    let connections = Arc::new(Connections::default());
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            // e.g. out of file descriptors: wait instead of spinning.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        let Some(ticket) = connections.admit(&stream) else { continue };
        let shared = Arc::clone(&shared);
        // On a spawn error the closure, and with it the ticket, is dropped.
        let _ = std::thread::Builder::new().name("rolebook-http".into()).spawn(move || {
            let mut ticket = ticket;
            handle(&stream, &shared, &mut ticket);
        });
    }
}

fn handle(stream: &TcpStream, shared: &Shared, ticket: &mut Ticket) {
    let start = Instant::now();
    let head = http::read_head(&mut Deadline::new(stream, start + HEAD_DEADLINE));
    ticket.head_read();
    let out = &mut Deadline::new(stream, start + REQUEST_DEADLINE);
    let head = match head {
        Ok(head) => head,
        Err(HeadError::Io) => return,
        Err(HeadError::TooLarge) => return finish(stream, out, &Response::text(431, "request head too large"), false),
        Err(HeadError::Malformed) => return finish(stream, out, &Response::text(400, "bad request"), false),
        Err(HeadError::Version) => {
            return finish(stream, out, &Response::text(505, "only HTTP/1.0 and HTTP/1.1"), false);
        }
    };
    if !shared.hosts.allows(head.host.as_deref()) {
        let text = "this preview answers only localhost, 127.0.0.1 and [::1] on its port (DNS rebinding guard)";
        return finish(stream, out, &Response::text(403, text), false);
    }
    if head.method != "GET" && head.method != "HEAD" {
        let mut response = Response::text(405, "only GET and HEAD");
        response.headers.push(("Allow", "GET, HEAD".into()));
        return finish(stream, out, &response, false);
    }
    if head.target.split('?').next() == Some("/__rolebook/events") {
        if !ticket.begin_stream() {
            return finish(stream, out, &Response::text(503, "too many live-reload streams"), false);
        }
        return events(stream, &head, shared);
    }
    let response = respond(&head.target, &shared.site.snapshot());
    finish(stream, out, &response, head.method == "HEAD");
}

fn finish(stream: &TcpStream, out: &mut Deadline<'_>, response: &Response, head_only: bool) {
    if http::write_response(out, response, head_only).is_ok() {
        let _ = stream.shutdown(Shutdown::Write);
    }
}

/// A live-reload stream lasts as long as its tab: no total deadline, but a
/// client that stops reading is dropped at the next write.
fn events(stream: &TcpStream, head: &RequestHead, shared: &Shared) {
    let _ = stream.set_write_timeout(Some(STREAM_WRITE_TIMEOUT));
    let receiver = shared.hub.subscribe();
    let seen = head
        .target
        .split_once('?')
        .and_then(|(_, query)| query.split('&').find_map(|pair| pair.strip_prefix("v=")).filter(|v| !v.is_empty()));
    let current = shared.site.snapshot().token.clone();
    let stale = seen.filter(|seen| *seen != current).map(|_| current.as_str());
    let mut out = stream;
    let _ = reload::stream(&mut out, &receiver, stale);
    let _ = out.flush();
}

/// The response to a GET of `target` from `snapshot`.
pub(crate) fn respond(target: &str, snapshot: &Snapshot) -> Response {
    if let Some(name) = target.strip_prefix(PREFIX) {
        return match name.split('?').next() {
            Some("live.js") => asset("live.js", overlay::LIVE_JS),
            Some("overlay.css") => asset("overlay.css", overlay::OVERLAY_CSS),
            _ => Response::text(404, "not found"),
        };
    }
    if snapshot.files.is_empty() {
        let page = overlay::placeholder("rolebook: build failed");
        return html(503, &page, snapshot);
    }
    let Some(wanted) = http::site_path(target) else { return not_found(snapshot) };
    if let Some(bytes) = snapshot.files.get(&wanted.path) {
        // The old URL of a moved entry: a permanent redirect, as a server
        // configured for the site would answer.
        if let Some(target) = crate::render::redirects::target_of(bytes) {
            let mut response = Response::text(308, "moved permanently");
            response.headers.push(("Location", format!("/{}", crate::markdown::links::percent_encode(target))));
            return response;
        }
        if wanted.path.ends_with(".html") {
            return html(200, bytes, snapshot);
        }
        let content_type = http::content_type(&wanted.path);
        let mut headers = Vec::new();
        if content_type.starts_with("image/svg") {
            // An SVG opened on its own runs no script from the site's origin.
            headers.push(("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'".to_owned()));
        }
        return Response { status: 200, content_type, headers, body: Body::Shared(Arc::clone(bytes)) };
    }
    if let Some(folder) = wanted.folder.filter(|f| snapshot.files.contains_key(&format!("{f}/index.html"))) {
        let mut response = Response::text(301, "moved");
        response.headers.push(("Location", format!("/{}/", crate::markdown::links::percent_encode(&folder))));
        return response;
    }
    not_found(snapshot)
}

fn asset(name: &str, text: &'static str) -> Response {
    let body = Body::Owned(text.as_bytes().to_vec());
    Response { status: 200, content_type: http::content_type(name), headers: Vec::new(), body }
}

fn html(status: u16, page: &[u8], snapshot: &Snapshot) -> Response {
    let body = Body::Owned(overlay::inject(page, &snapshot.token, &snapshot.errors));
    Response { status, content_type: http::content_type(".html"), headers: Vec::new(), body }
}

fn not_found(snapshot: &Snapshot) -> Response {
    match snapshot.files.get("404.html") {
        Some(page) => html(404, page, snapshot),
        None => Response::text(404, "not found"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Code, Diagnostic};
    use crate::serve::state::Files;

    fn snapshot() -> Snapshot {
        let mut files = Files::new();
        for (path, text) in [
            ("index.html", "<body>home</body>"),
            ("404.html", "<body>missing</body>"),
            ("tags/index.html", "<body>tags</body>"),
            ("assets/style.css", "body{}"),
        ] {
            files.insert(path.into(), Arc::from(text.as_bytes()));
        }
        Snapshot { files: Arc::new(files), errors: Vec::new(), token: "s-1".into() }
    }

    fn body(response: &Response) -> String {
        let mut out = Vec::new();
        http::write_response(&mut out, response, false).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn serves_pages_with_the_live_reload_script() {
        let response = respond("/", &snapshot());
        assert_eq!(response.status, 200);
        assert!(body(&response).contains("home<script src=\"/__rolebook/live.js?v=s-1\" defer></script>"));
        let css = respond("/assets/style.css", &snapshot());
        assert_eq!((css.status, css.content_type), (200, "text/css; charset=utf-8"));
        assert!(body(&css).ends_with("\r\n\r\nbody{}"));
    }

    #[test]
    fn answers_the_404_page_outside_the_site() {
        for target in ["/nope.html", "/../Cargo.toml", "/%2e%2e/site.toml", "/..%2fsite.toml", "/__rolebook/x"] {
            let response = respond(target, &snapshot());
            assert_eq!(response.status, 404, "{target}");
        }
        assert!(body(&respond("/../x", &snapshot())).contains("missing"));
    }

    #[test]
    fn redirects_a_folder_to_its_slash_form() {
        let response = respond("/tags", &snapshot());
        assert_eq!(response.status, 301);
        assert_eq!(response.headers, vec![("Location", "/tags/".to_owned())]);
    }

    #[test]
    fn answers_a_moved_entrys_old_url_with_a_redirect() {
        let mut snapshot = snapshot();
        let config = crate::config::SiteConfig::default();
        let mut kb = crate::resolve::KnowledgeBase::default();
        kb.entries.push(crate::resolve::Entry {
            slug: "new-name".into(),
            moved_from: vec!["old-name".into()],
            ..Default::default()
        });
        kb.slugs.insert("new-name".into(), 0);
        let files = Arc::make_mut(&mut snapshot.files);
        for file in crate::render::redirects::files(&kb, &config) {
            files.insert(file.path, Arc::from(file.bytes));
        }
        let response = respond("/old-name.html", &snapshot);
        assert_eq!(response.status, 308);
        assert_eq!(response.headers, vec![("Location", "/new-name.html".to_owned())]);
        assert_eq!(respond("/index.html", &snapshot).status, 200);
    }

    #[test]
    fn shows_the_overlay_while_there_are_errors() {
        let mut snapshot = snapshot();
        snapshot.errors = vec![Diagnostic::new(Code::BrokenLink, "content/a.md", "no entry named `x`")];
        let text = body(&respond("/", &snapshot));
        assert!(text.contains("rolebook-overlay") && text.contains("no entry named `x`"));
    }
}
