//! A total time limit on a connection's reads or writes. A socket timeout
//! alone applies to each call, so a client sending one byte every few
//! seconds would never hit it; this sets the timeout of every call to the
//! time left, and fails once none is.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::Instant;

/// Reads and writes of `stream` that all end by `end`.
#[derive(Debug)]
pub(crate) struct Deadline<'a> {
    stream: &'a TcpStream,
    end: Instant,
}

impl<'a> Deadline<'a> {
    /// Reads and writes of `stream` until `end`.
    pub(crate) fn new(stream: &'a TcpStream, end: Instant) -> Self {
        Deadline { stream, end }
    }

    /// The time left, or a timeout error when there is none.
    fn left(&self) -> io::Result<std::time::Duration> {
        match self.end.checked_duration_since(Instant::now()) {
            Some(left) if !left.is_zero() => Ok(left),
            _ => Err(io::ErrorKind::TimedOut.into()),
        }
    }
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.stream.set_read_timeout(Some(self.left()?))?;
        (&mut &*self.stream).read(buf)
    }
}

impl Write for Deadline<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.stream.set_write_timeout(Some(self.left()?))?;
        (&mut &*self.stream).write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        (&mut &*self.stream).flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;
    use std::time::Duration;

    #[test]
    fn a_trickle_cannot_outlast_the_deadline() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (server, _) = listener.accept().unwrap();
        let start = Instant::now();
        let mut reader = Deadline::new(&server, start + Duration::from_millis(300));
        let mut seen = 0;
        let mut byte = [0u8; 1];
        let error = loop {
            client.write_all(b"x").unwrap();
            match reader.read(&mut byte) {
                Ok(n) => seen += n,
                Err(e) => break e,
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(matches!(error.kind(), io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock), "{error}");
        assert!(seen >= 1);
    }
}
