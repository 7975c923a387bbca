//! Measurements every benchmark prints: CPU time (on a machine shared with other builds, wall
//! time measures the neighbours as much as the code) and peak memory. Linux /proc only.

// Each benchmark is its own crate and uses only some of these.
#![allow(dead_code)]

/// The CLI's allocator (src/bin/article-analyzer.rs), so the benches time what the CLI does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod news_text;

/// CPU seconds (user + system) of the whole process so far, from /proc/self/stat (clock ticks of
/// 1/100 s): the figure for work spread over rayon threads.
pub fn process_cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses and may contain spaces).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the full line: 11 and 12 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

/// CPU seconds of the calling thread (/proc/thread-self/schedstat, nanoseconds): finer than
/// the process figure, for single-threaded measurements.
pub fn thread_cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|ns| ns.parse::<f64>().ok()))
        .map_or(0.0, |ns| ns / 1e9)
}

/// Peak resident memory of the process in MB (VmHWM from /proc/self/status), if readable.
pub fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    let kb: f64 = line.trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb / 1024.0)
}
