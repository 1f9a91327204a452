//! Which `Host` a loopback server answers. A web page on another site can
//! point its own name at 127.0.0.1 (DNS rebinding) and then read the
//! preview through the victim's browser; such requests name the other site
//! in `Host`, so on loopback only loopback names are answered. A server on
//! another address is reachable under any name and checks nothing.

use std::net::{IpAddr, SocketAddr};

/// The names a server answers to; `None` answers every name.
#[derive(Debug, Clone)]
pub(crate) struct HostCheck {
    allowed: Option<Vec<String>>,
    port: u16,
}

impl HostCheck {
    /// The check for a server bound to `address`.
    pub(crate) fn for_address(address: SocketAddr) -> HostCheck {
        if !address.ip().is_loopback() {
            return HostCheck { allowed: None, port: address.port() };
        }
        let mut allowed: Vec<String> = ["localhost", "127.0.0.1", "[::1]"].map(str::to_owned).to_vec();
        allowed.push(match address.ip() {
            IpAddr::V4(ip) => ip.to_string(),
            IpAddr::V6(ip) => format!("[{ip}]"),
        });
        HostCheck { allowed: Some(allowed), port: address.port() }
    }

    /// Whether a request for `host` (`name` or `name:port`; `None` for an
    /// HTTP/1.0 request without one, which no browser sends) is answered.
    pub(crate) fn allows(&self, host: Option<&str>) -> bool {
        let (Some(allowed), Some(host)) = (&self.allowed, host) else { return true };
        let (name, port) = split_port(host);
        let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok_and(|p| p == self.port));
        port_ok && allowed.iter().any(|a| a.eq_ignore_ascii_case(name))
    }
}

/// `name:port` → (`name`, `port`); `[v6]:port` keeps its brackets.
fn split_port(host: &str) -> (&str, Option<&str>) {
    let bracket_end = if host.starts_with('[') { host.find(']').map_or(host.len(), |i| i + 1) } else { 0 };
    match host[bracket_end..].rfind(':') {
        Some(i) => (&host[..bracket_end + i], Some(&host[bracket_end + i + 1..])),
        None => (host, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_loopback_answers_only_loopback_names_on_its_port() {
        let check = HostCheck::for_address("127.0.0.1:4000".parse().unwrap());
        for host in ["localhost:4000", "LOCALHOST", "127.0.0.1:4000", "127.0.0.1", "[::1]:4000", "[::1]"] {
            assert!(check.allows(Some(host)), "{host}");
        }
        for host in ["evil.example:4000", "evil.example", "127.0.0.1:4001", "localhost:x", "localhost.evil:4000", ""] {
            assert!(!check.allows(Some(host)), "{host}");
        }
        assert!(check.allows(None));
        let other = HostCheck::for_address("127.0.0.2:80".parse().unwrap());
        assert!(other.allows(Some("127.0.0.2")) && other.allows(Some("127.0.0.2:80")));
        let v6 = HostCheck::for_address("[::1]:9".parse().unwrap());
        assert!(v6.allows(Some("[::1]:9")) && !v6.allows(Some("[::1]:10")));
    }

    #[test]
    fn elsewhere_answers_every_name() {
        let check = HostCheck::for_address("0.0.0.0:4000".parse().unwrap());
        assert!(check.allows(Some("glossary.internal:4000")));
    }
}
