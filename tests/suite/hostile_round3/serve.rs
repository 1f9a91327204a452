//! `serve` against encoded traversal, header floods and request smuggling.
//! The server answers one request per connection, so a smuggled second
//! request is never read as one.

use crate::serve::Server;
use crate::util::TestSite;

fn status(reply: &str) -> &str {
    reply.lines().next().unwrap_or("")
}

#[test]
fn encoded_traversal_never_reaches_a_file_outside_the_output() {
    let site = TestSite::fixture("good");
    site.write("secret.txt", "TOP-SECRET");
    let server = Server::start(&site);
    let host = format!("Host: 127.0.0.1:{}", server.port);
    let targets = [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/%252e%252e/secret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/.%2e/.%2e/secret.txt",
        "/assets/../../secret.txt",
        "//secret.txt/../../secret.txt",
        "/%2fetc%2fpasswd",
        "/owner.html%00.txt",
        "/\\..\\secret.txt",
        "/%ff%fe",
        "/%",
    ];
    for target in targets {
        let reply = server.raw(&format!("GET {target} HTTP/1.1\r\n{host}\r\nConnection: close\r\n\r\n"));
        assert!(!reply.contains("TOP-SECRET") && !reply.contains("root:"), "{target}: {reply}");
        let code = status(&reply);
        assert!(code.contains(" 404 ") || code.contains(" 400 "), "{target}: {code}");
    }
    let long = format!("GET /{} HTTP/1.1\r\n{host}\r\n\r\n", "a".repeat(100_000));
    assert!(status(&server.raw(&long)).contains(" 431 ") || status(&server.raw(&long)).contains(" 414 "));
}

#[test]
fn header_floods_and_smuggled_requests_get_one_clear_answer() {
    let site = TestSite::fixture("good");
    let server = Server::start(&site);
    let host = format!("Host: 127.0.0.1:{}", server.port);
    let many: String = (0..5_000).map(|i| format!("X-{i}: {}\r\n", "a".repeat(100))).collect();
    assert!(status(&server.raw(&format!("GET / HTTP/1.1\r\n{host}\r\n{many}\r\n"))).contains(" 431 "));
    let huge = format!("GET / HTTP/1.1\r\n{host}\r\nX-Big: {}\r\n\r\n", "a".repeat(1_000_000));
    assert!(status(&server.raw(&huge)).contains(" 431 "));
    let smuggled = [
        format!("POST / HTTP/1.1\r\n{host}\r\nContent-Length: 5\r\nContent-Length: 50\r\n\r\nhello"),
        format!("POST / HTTP/1.1\r\n{host}\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /owner.html HTTP/1.1\r\n{host}\r\n\r\n"),
        format!("GET / HTTP/1.1\r\n{host}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /owner.html HTTP/1.1\r\n{host}\r\n\r\n"),
        format!("GET / HTTP/1.1\r\n{host}\r\n{host}\r\n\r\n"),
    ];
    for request in &smuggled {
        let reply = server.raw(request);
        assert_eq!(reply.matches("HTTP/1.1 ").count(), 1, "{request:?}: {reply}");
        assert!(!reply.contains("<h1>Product Owner</h1>"), "the smuggled request was served: {reply}");
    }
    let normal = server.raw(&format!("GET /owner.html HTTP/1.1\r\n{host}\r\nConnection: close\r\n\r\n"));
    assert!(status(&normal).contains(" 200 "), "{normal}");
}
