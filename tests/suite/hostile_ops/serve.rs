//! Clients that try to starve or trick `rolebook serve`.

use crate::serve::Server;
use crate::util::TestSite;
use std::io::Write;
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[test]
fn six_hundred_trickling_connections_do_not_lock_out_a_normal_get() {
    let site = TestSite::fixture("good");
    let server = Server::start(&site);
    let trickling: Vec<TcpStream> = (0..600)
        .filter_map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", server.port)).ok()?;
            stream.write_all(b"G").ok()?;
            Some(stream)
        })
        .collect();
    assert_eq!(trickling.len(), 600, "could not open the slow connections");
    let trickling = Arc::new(Mutex::new(trickling));
    let stop = Arc::new(AtomicBool::new(false));
    let trickler = {
        let (trickling, stop) = (Arc::clone(&trickling), Arc::clone(&stop));
        std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                for stream in trickling.lock().expect("lock").iter_mut() {
                    let _ = stream.write_all(b"E");
                }
                std::thread::sleep(Duration::from_millis(500));
            }
        })
    };
    let start = Instant::now();
    let reply = server.raw(&format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", server.port));
    let took = start.elapsed();
    stop.store(true, Ordering::SeqCst);
    trickler.join().expect("trickler");
    assert!(reply.starts_with("HTTP/1.1 200 OK\r\n"), "{reply:?}");
    assert!(reply.contains("Fixture Roles"), "{reply:?}");
    eprintln!("a normal GET beside 600 trickling connections took {} ms", took.as_millis());
}

#[test]
fn on_loopback_a_request_for_another_host_is_refused() {
    let site = TestSite::fixture("good");
    let server = Server::start(&site);
    let port = server.port;
    for host in [format!("evil.example:{port}"), "evil.example".into(), format!("127.0.0.1:{}", port.wrapping_add(1))] {
        let reply = server.raw(&format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n"));
        assert!(reply.starts_with("HTTP/1.1 403 Forbidden\r\n"), "{host}: {reply:?}");
        assert!(!reply.contains("Fixture Roles"), "{host}");
    }
    let rebound = server.raw(&format!("GET http://evil.example:{port}/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"));
    assert!(rebound.starts_with("HTTP/1.1 403 "), "the target's authority wins over Host: {rebound:?}");
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}"), format!("[::1]:{port}"), "localhost".into()]
    {
        let reply = server.raw(&format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n"));
        assert!(reply.starts_with("HTTP/1.1 200 OK\r\n"), "{host}: {reply:?}");
    }
}

#[test]
fn absolute_form_targets_are_served_and_unknown_versions_get_505() {
    let site = TestSite::fixture("good");
    let server = Server::start(&site);
    let port = server.port;
    let absolute = server.raw(&format!("GET http://127.0.0.1:{port}/owner.html HTTP/1.1\r\nHost: x\r\n\r\n"));
    assert!(absolute.starts_with("HTTP/1.1 200 OK\r\n"), "{absolute:?}");
    assert!(absolute.contains("Product Owner"), "{absolute:?}");
    for version in ["HTTP/2.0", "HTTP/3.0", "HTTP/0.9"] {
        let reply = server.raw(&format!("GET / {version}\r\nHost: 127.0.0.1:{port}\r\n\r\n"));
        assert!(reply.starts_with("HTTP/1.1 505 HTTP Version Not Supported\r\n"), "{version}: {reply:?}");
    }
    let no_host = server.raw("GET / HTTP/1.1\r\n\r\n");
    assert!(no_host.starts_with("HTTP/1.1 400 "), "HTTP/1.1 requires Host: {no_host:?}");
    let old = server.raw("GET / HTTP/1.0\r\n\r\n");
    assert!(old.starts_with("HTTP/1.1 200 OK\r\n"), "{old:?}");
}
