//! What the process has used so far: CPU time and peak memory, for
//! `build --timings` and the benchmark examples. Both are best-effort: `None` where the system does not
//! tell.

use std::time::Duration;

/// User + system CPU time of this process, all threads together.
#[cfg(unix)]
pub fn cpu_time() -> Option<Duration> {
    // SAFETY: `rusage` is plain old data, so all-zero is a valid value, and
    // getrusage only writes into the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return None;
    }
    let of = |t: libc::timeval| -> Option<Duration> {
        Some(Duration::from_secs(u64::try_from(t.tv_sec).ok()?) + Duration::from_micros(u64::try_from(t.tv_usec).ok()?))
    };
    Some(of(usage.ru_utime)? + of(usage.ru_stime)?)
}

#[cfg(not(unix))]
pub fn cpu_time() -> Option<Duration> {
    None
}

/// The process's peak resident memory in KiB, from /proc on Linux.
pub fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn cpu_time_grows_with_work() {
        let before = cpu_time().expect("getrusage works on Linux");
        let mut x = 0u64;
        for i in 0..50_000_000u64 {
            x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(i));
        }
        std::hint::black_box(x);
        let after = cpu_time().expect("getrusage works on Linux");
        assert!(after > before, "{before:?} → {after:?}");
    }
}
