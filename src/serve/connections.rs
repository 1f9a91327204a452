//! The open connections, capped. A client that opens connections and then
//! sends its request slowly (slowloris) must not lock others out, so when
//! the cap is reached a new connection takes the place of the oldest one
//! still waiting for its request head; one whose request has arrived is
//! never dropped. Live-reload streams, which stay open for as long as a tab
//! does, have a smaller cap of their own.

use std::collections::BTreeMap;
use std::net::{Shutdown, TcpStream};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// Connections served at once (each has a thread).
pub(crate) const MAX_CONNECTIONS: usize = 256;

/// Live-reload streams at once; more are answered 503.
pub(crate) const MAX_STREAMS: usize = 64;

/// The open connections.
#[derive(Debug, Default)]
pub(crate) struct Connections {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    open: usize,
    streams: usize,
    next_id: u64,
    /// Connections still sending their head, oldest first, by a handle that
    /// can shut them down.
    waiting: BTreeMap<u64, TcpStream>,
}

/// One admitted connection; released when dropped, even on a panic.
#[derive(Debug)]
pub(crate) struct Ticket {
    pool: Arc<Connections>,
    id: u64,
    stream: bool,
}

impl Connections {
    /// Admits `stream`, making room by dropping the oldest connection that
    /// is still sending its head; `None` (close it) when every slot holds a
    /// request already being answered.
    pub(crate) fn admit(self: &Arc<Self>, stream: &TcpStream) -> Option<Ticket> {
        let handle = stream.try_clone().ok()?;
        let mut inner = self.lock();
        if inner.open >= MAX_CONNECTIONS {
            let (_, oldest) = inner.waiting.pop_first()?;
            // Its thread sees the end of the stream at once and leaves.
            let _ = oldest.shutdown(Shutdown::Both);
        }
        let id = inner.next_id;
        inner.next_id += 1;
        inner.open += 1;
        inner.waiting.insert(id, handle);
        Some(Ticket { pool: Arc::clone(self), id, stream: false })
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Ticket {
    /// The request head has arrived: the connection is no longer dropped for newcomers.
    pub(crate) fn head_read(&self) {
        self.pool.lock().waiting.remove(&self.id);
    }

    /// Claims a live-reload stream slot; false when all are taken.
    pub(crate) fn begin_stream(&mut self) -> bool {
        let mut inner = self.pool.lock();
        if self.stream || inner.streams >= MAX_STREAMS {
            return self.stream;
        }
        inner.streams += 1;
        self.stream = true;
        true
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut inner = self.pool.lock();
        inner.open -= 1;
        inner.streams -= usize::from(self.stream);
        inner.waiting.remove(&self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    #[test]
    fn a_full_house_drops_the_oldest_waiting_connection_and_never_an_answered_one() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let pool = Arc::new(Connections::default());
        let mut clients = Vec::new();
        let mut tickets = Vec::new();
        for _ in 0..MAX_CONNECTIONS {
            clients.push(TcpStream::connect(address).unwrap());
            let (server, _) = listener.accept().unwrap();
            tickets.push((pool.admit(&server).unwrap(), server));
        }
        tickets[1].0.head_read();
        clients.push(TcpStream::connect(address).unwrap());
        let (late, _) = listener.accept().unwrap();
        let ticket = pool.admit(&late).expect("room is made");
        let mut byte = [0u8; 1];
        use std::io::Read;
        assert_eq!((&tickets[0].1).read(&mut byte).unwrap(), 0, "the oldest waiting one is shut down");
        drop(ticket);
        for (ticket, _) in tickets.iter().skip(2) {
            ticket.head_read();
        }
        clients.push(TcpStream::connect(address).unwrap());
        let (refused, _) = listener.accept().unwrap();
        assert!(pool.admit(&refused).is_none(), "every slot answers a request: no room");
    }

    #[test]
    fn streams_have_their_own_cap_and_are_released() {
        let pool = Arc::new(Connections::default());
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let _client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (server, _) = listener.accept().unwrap();
        let mut tickets: Vec<Ticket> = (0..=MAX_STREAMS).map(|_| pool.admit(&server).unwrap()).collect();
        let claimed = tickets.iter_mut().filter_map(|t| t.begin_stream().then_some(())).count();
        assert_eq!(claimed, MAX_STREAMS);
        tickets.truncate(1);
        assert!(pool.admit(&server).unwrap().begin_stream());
    }
}
