//! A bound on what one template may write. Tera limits `range()` but not
//! nested loops: a theme (themes arrive through pull requests like content)
//! with `{% for i in range(end=100000) %}{% for j in range(end=100000) %}`
//! would write 10 GB per page. Rendering into this writer stops with an
//! error once a page passes [`MAX_PAGE_BYTES`].

use std::io::{self, Write};

/// The most one rendered page may hold: far above any real page (the
/// 10,000-entry benchmark's largest is a few MB), far below harm.
pub const MAX_PAGE_BYTES: usize = 64 * 1024 * 1024;

/// A buffer that refuses to grow past its limit.
#[derive(Debug, Default)]
pub struct Capped {
    /// What was written so far.
    pub bytes: Vec<u8>,
    /// Set once a write went past the limit.
    pub overflowed: bool,
    limit: usize,
}

impl Capped {
    /// An empty buffer holding at most `limit` bytes.
    pub fn new(limit: usize) -> Self {
        Capped { bytes: Vec::new(), overflowed: false, limit }
    }
}

impl Write for Capped {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.bytes.len().saturating_add(buf.len()) > self.limit {
            self.overflowed = true;
            return Err(io::Error::other("page too large"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_at_the_limit_and_says_so() {
        let mut out = Capped::new(4);
        assert!(out.write_all(b"abc").is_ok());
        assert!(out.write_all(b"de").is_err());
        assert!(out.overflowed);
        assert_eq!(out.bytes, b"abc");
    }
}
