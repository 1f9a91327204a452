//! The little HTTP/1.1 that a local preview needs, over `std::net`: read a
//! bounded request head, map its target to a path inside the built site,
//! and write a complete response. Only GET and HEAD; one request per
//! connection (`Connection: close`), so no state outlives a response.
//! Targets come in origin form (`/a.html`) or absolute form
//! (`http://127.0.0.1:1111/a.html`), as HTTP/1.1 requires servers to accept.

use std::io::{self, Read, Write};
use std::sync::Arc;

/// The most a request head may take; more is answered 431.
const MAX_HEAD: usize = 16 * 1024;

/// What a request asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RequestHead {
    /// `GET`, `HEAD`, …
    pub(crate) method: String,
    /// The raw request target in origin form, e.g. `/compare/a-vs-b.html?x=1`.
    pub(crate) target: String,
    /// The host asked for: the authority of an absolute-form target, else
    /// the `Host` header (`None` only for an HTTP/1.0 request without one).
    pub(crate) host: Option<String>,
}

/// Why a request head could not be read.
#[derive(Debug)]
pub(crate) enum HeadError {
    /// Longer than [`MAX_HEAD`].
    TooLarge,
    /// Not an HTTP/1.x request line, or a header HTTP/1.1 forbids
    /// (no `Host`, two of them).
    Malformed,
    /// An HTTP version other than 1.x (answered 505).
    Version,
    /// The client went away or was too slow (read timeout).
    Io,
}

/// Reads up to the blank line that ends the head, at most [`MAX_HEAD`]
/// bytes. The reader bounds how long a slow client can take.
pub(crate) fn read_head(stream: &mut impl Read) -> Result<RequestHead, HeadError> {
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        let read = stream.read(&mut chunk).map_err(|_| HeadError::Io)?;
        if read == 0 {
            return Err(HeadError::Io);
        }
        head.extend_from_slice(&chunk[..read]);
        if let Some(end) = find_end(&head) {
            return parse_head(&head[..end]);
        }
        if head.len() > MAX_HEAD {
            return Err(HeadError::TooLarge);
        }
    }
}

fn find_end(head: &[u8]) -> Option<usize> {
    let crlf = head.windows(4).position(|w| w == b"\r\n\r\n");
    let lf = head.windows(2).position(|w| w == b"\n\n");
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn parse_head(head: &[u8]) -> Result<RequestHead, HeadError> {
    let text = std::str::from_utf8(head).map_err(|_| HeadError::Malformed)?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let (method, target, version) = parse_request_line(lines.next().unwrap_or_default())?;
    let mut host_header = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else { return Err(HeadError::Malformed) };
        if name.eq_ignore_ascii_case("host") && host_header.replace(value.trim().to_owned()).is_some() {
            return Err(HeadError::Malformed);
        }
    }
    let (target, authority) = match target.strip_prefix('/') {
        Some(_) => (target.to_owned(), None),
        None => absolute_form(target).ok_or(HeadError::Malformed)?,
    };
    // The authority of an absolute-form target wins over `Host` (RFC 9112, 3.2.2).
    let host = authority.or(host_header);
    if host.is_none() && version != "HTTP/1.0" {
        return Err(HeadError::Malformed);
    }
    Ok(RequestHead { method: method.to_owned(), target, host })
}

/// Method, target and version of a request line.
fn parse_request_line(line: &str) -> Result<(&str, &str, &str), HeadError> {
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(HeadError::Malformed);
    };
    let method_ok = !method.is_empty() && method.bytes().all(|b| b.is_ascii_uppercase());
    let Some(number) = version.strip_prefix("HTTP/") else { return Err(HeadError::Malformed) };
    if !method_ok || target.is_empty() {
        return Err(HeadError::Malformed);
    }
    // 1.x with any minor version is answered as 1.1 (RFC 9110, 2.5).
    match number.as_bytes() {
        [b'1', b'.', minor] if minor.is_ascii_digit() => Ok((method, target, version)),
        _ => Err(HeadError::Version),
    }
}

/// `http://host:port/path?query` → (`/path?query`, `host:port`).
fn absolute_form(target: &str) -> Option<(String, Option<String>)> {
    let (scheme, rest) = target.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let path = if path.starts_with('/') { path.to_owned() } else { format!("/{path}") };
    Some((path, Some(authority.to_owned())))
}

/// A request target mapped into the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SitePath {
    /// `/`-separated path of plain names; `index.html` for a folder.
    pub(crate) path: String,
    /// The decoded path without a trailing `/`, for redirecting `/tags` to `/tags/`.
    pub(crate) folder: Option<String>,
}

/// Maps a request target to a path inside the site, or `None` when it is
/// not a plain path: the query is dropped, the path percent-decoded once,
/// and anything that could step outside (`..`, NUL, backslashes, control
/// characters, invalid escapes or UTF-8) is refused rather than repaired.
pub(crate) fn site_path(target: &str) -> Option<SitePath> {
    let raw = target.split(['?', '#']).next().unwrap_or_default();
    let decoded = String::from_utf8(percent_decode(raw.as_bytes())?).ok()?;
    if !decoded.starts_with('/') || decoded.chars().any(|c| c == '\\' || c.is_control()) {
        return None;
    }
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            name => parts.push(name),
        }
    }
    let joined = parts.join("/");
    if joined.is_empty() || decoded.ends_with('/') {
        let path = if joined.is_empty() { "index.html".to_owned() } else { format!("{joined}/index.html") };
        return Some(SitePath { path, folder: None });
    }
    Some(SitePath { folder: Some(joined.clone()), path: joined })
}

fn percent_decode(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let text = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(text, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The media type of a file by its extension.
pub(crate) fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ttl" => "text/turtle; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "avif" => "image/avif",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// A response body: shared bytes of the build, or bytes made for this request.
#[derive(Debug, Clone)]
pub(crate) enum Body {
    /// Bytes of the snapshot, not copied.
    Shared(Arc<[u8]>),
    /// Bytes made for this response (HTML with the live-reload script).
    Owned(Vec<u8>),
}

impl Body {
    fn bytes(&self) -> &[u8] {
        match self {
            Body::Shared(bytes) => bytes,
            Body::Owned(bytes) => bytes,
        }
    }
}

/// A complete response.
#[derive(Debug, Clone)]
pub(crate) struct Response {
    /// Status code.
    pub(crate) status: u16,
    /// `Content-Type`.
    pub(crate) content_type: &'static str,
    /// Extra headers, e.g. `Location`.
    pub(crate) headers: Vec<(&'static str, String)>,
    /// The body.
    pub(crate) body: Body,
}

impl Response {
    /// A plain-text response.
    pub(crate) fn text(status: u16, text: &str) -> Self {
        let body = Body::Owned(format!("{text}\n").into_bytes());
        Response { status, content_type: "text/plain; charset=utf-8", headers: Vec::new(), body }
    }
}

/// Writes `response` (without the body for HEAD) and flushes.
pub(crate) fn write_response(out: &mut impl Write, response: &Response, head_only: bool) -> io::Result<()> {
    let body = response.body.bytes();
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        body.len()
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    if !head_only {
        out.write_all(body)?;
    }
    out.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(target: &str) -> Option<String> {
        site_path(target).map(|p| p.path)
    }

    #[test]
    fn maps_folders_to_their_index() {
        assert_eq!(path("/").as_deref(), Some("index.html"));
        assert_eq!(path("/tags/").as_deref(), Some("tags/index.html"));
        assert_eq!(path("/compare/a-vs-b.html?x=1#top").as_deref(), Some("compare/a-vs-b.html"));
        assert_eq!(path("/data%20owner.html").as_deref(), Some("data owner.html"));
        assert_eq!(site_path("/tags").and_then(|p| p.folder).as_deref(), Some("tags"));
    }

    #[test]
    fn refuses_every_way_out_of_the_site() {
        for target in [
            "/../Cargo.toml",
            "/%2e%2e/site.toml",
            "/%2E%2E/site.toml",
            "/..%2fsite.toml",
            "/a/../../x",
            "/..\\site.toml",
            "/%5c..%5csite.toml",
            "/a%00.html",
            "/%zz",
            "/%e9.html",
            "/a/%2e%2e/b",
        ] {
            assert_eq!(path(target), None, "{target}");
        }
    }

    #[test]
    fn decodes_only_once() {
        assert_eq!(path("/%252e%252e/x").as_deref(), Some("%2e%2e/x"));
    }

    #[test]
    fn reads_a_request_head_and_rejects_junk() {
        let head = read_head(&mut &b"GET /a.html HTTP/1.1\r\nHost: x\r\n\r\n"[..]).unwrap();
        assert_eq!((head.method.as_str(), head.target.as_str(), head.host.as_deref()), ("GET", "/a.html", Some("x")));
        assert!(matches!(read_head(&mut &b"GET a HTTP/1.1\r\n\r\n"[..]), Err(HeadError::Malformed)));
        assert!(matches!(read_head(&mut &b"\x16\x03\x01 junk\r\n\r\n"[..]), Err(HeadError::Malformed)));
        let huge = format!("GET /{} HTTP/1.1\r\n", "a".repeat(MAX_HEAD + 10));
        assert!(matches!(read_head(&mut huge.as_bytes()), Err(HeadError::TooLarge)));
        assert!(matches!(read_head(&mut &b"GET / HTTP/1.1\r\n"[..]), Err(HeadError::Io)));
    }

    #[test]
    fn accepts_absolute_form_targets_and_takes_their_host() {
        let head = read_head(&mut &b"GET http://127.0.0.1:1111/a.html?x HTTP/1.1\r\nHost: evil\r\n\r\n"[..]).unwrap();
        assert_eq!((head.target.as_str(), head.host.as_deref()), ("/a.html?x", Some("127.0.0.1:1111")));
        let bare = read_head(&mut &b"GET HTTP://localhost:1 HTTP/1.1\r\nHost: localhost:1\r\n\r\n"[..]).unwrap();
        assert_eq!((bare.target.as_str(), bare.host.as_deref()), ("/", Some("localhost:1")));
        for junk in ["GET ftp://x/ HTTP/1.1", "GET http://u@x/ HTTP/1.1", "GET http:///a HTTP/1.1", "GET * HTTP/1.1"] {
            let text = format!("{junk}\r\nHost: x\r\n\r\n");
            assert!(matches!(read_head(&mut text.as_bytes()), Err(HeadError::Malformed)), "{junk}");
        }
    }

    #[test]
    fn wants_one_host_in_http_1_1_and_answers_other_versions_505() {
        assert!(matches!(read_head(&mut &b"GET / HTTP/1.1\r\n\r\n"[..]), Err(HeadError::Malformed)));
        let two = b"GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n";
        assert!(matches!(read_head(&mut &two[..]), Err(HeadError::Malformed)));
        assert_eq!(read_head(&mut &b"GET / HTTP/1.0\r\n\r\n"[..]).unwrap().host, None);
        assert!(read_head(&mut &b"GET / HTTP/1.2\r\nHost: a\r\n\r\n"[..]).is_ok());
        for version in ["HTTP/2.0", "HTTP/3", "HTTP/0.9", "HTTP/1.10", "HTTP/"] {
            let text = format!("GET / {version}\r\nHost: a\r\n\r\n");
            assert!(matches!(read_head(&mut text.as_bytes()), Err(HeadError::Version)), "{version}");
        }
        assert!(matches!(read_head(&mut &b"GET / HTTX/1.1\r\n\r\n"[..]), Err(HeadError::Malformed)));
    }

    #[test]
    fn names_the_usual_media_types() {
        assert_eq!(content_type("a/b.HTML"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/favicon.svg"), "image/svg+xml");
        assert_eq!(content_type("graph.json"), "application/json");
        assert_eq!(content_type("README"), "application/octet-stream");
    }

    #[test]
    fn writes_a_complete_response() {
        let mut out = Vec::new();
        write_response(&mut out, &Response::text(404, "not found"), false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 404 Not Found\r\n"));
        assert!(text.contains("Content-Length: 10\r\n"));
        assert!(text.ends_with("\r\n\r\nnot found\n"));
    }
}
