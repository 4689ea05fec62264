//! `--timings`: how long each phase of a command took, on standard error as `timing PHASE MS`
//! lines (evaluation only: no process start, no store opening), for profiling and for
//! scripts/bench, which compares them with other tools' in-process times.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

static ENABLED: AtomicBool = AtomicBool::new(false);

pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

pub fn record(phase: &str, elapsed: Duration) {
    if ENABLED.load(Ordering::Relaxed) {
        eprintln!("timing {phase} {:.3}", elapsed.as_secs_f64() * 1000.0);
    }
}
