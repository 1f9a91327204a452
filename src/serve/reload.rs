//! Live reload over server-sent events: each open tab holds a connection
//! to `/__rolebook/events`; after a rebuild that changed something, the
//! [`Hub`] sends every connection a `reload` event. Written straight to the
//! socket and flushed per event, so nothing is held back in a buffer.

use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

/// How often an idle stream gets a comment line, so closed tabs are noticed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The open event streams.
#[derive(Debug, Default)]
pub(crate) struct Hub {
    clients: Mutex<Vec<Sender<String>>>,
}

impl Hub {
    /// Registers a new stream; it receives every later broadcast.
    pub(crate) fn subscribe(&self) -> Receiver<String> {
        let (sender, receiver) = mpsc::channel();
        self.lock().push(sender);
        receiver
    }

    /// Tells every open stream to reload; forgets streams that have closed.
    pub(crate) fn reload(&self, token: &str) {
        self.lock().retain(|client| client.send(token.to_owned()).is_ok());
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Sender<String>>> {
        self.clients.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Serves one event stream until the client goes away. When the page was
/// served from an older build than the current one (`stale`), it is told to
/// reload at once.
pub(crate) fn stream(out: &mut impl Write, events: &Receiver<String>, stale: Option<&str>) -> io::Result<()> {
    out.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
          X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\nretry: 1000\n\n",
    )?;
    out.flush()?;
    if let Some(token) = stale {
        send(out, token)?;
    }
    loop {
        match events.recv_timeout(KEEP_ALIVE) {
            Ok(token) => send(out, &token)?,
            Err(RecvTimeoutError::Timeout) => {
                out.write_all(b": keep-alive\n\n")?;
                out.flush()?;
            }
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
    }
}

fn send(out: &mut impl Write, token: &str) -> io::Result<()> {
    let token: String = token.chars().filter(|c| !c.is_control()).collect();
    write!(out, "event: reload\ndata: {token}\n\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broadcast_reaches_an_open_stream() {
        let hub = Hub::default();
        let events = hub.subscribe();
        hub.reload("s-2");
        drop(hub);
        let mut out = Vec::new();
        stream(&mut out, &events, None).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"));
        assert!(text.ends_with("event: reload\ndata: s-2\n\n"), "{text}");
    }

    #[test]
    fn a_stale_page_reloads_at_once_and_closed_streams_are_forgotten() {
        let hub = Hub::default();
        drop(hub.subscribe());
        hub.reload("s-1");
        assert!(hub.lock().is_empty());
        let (sender, events) = mpsc::channel();
        drop(sender);
        let mut out = Vec::new();
        stream(&mut out, &events, Some("s-3")).unwrap();
        assert!(String::from_utf8(out).unwrap().ends_with("event: reload\ndata: s-3\n\n"));
    }
}
