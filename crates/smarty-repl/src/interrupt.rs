//! Ctrl-C: cancels the running query if there is one. The binary installs the signal handler and
//! decides what Ctrl-C does when nothing is running (it exits with code 130); a library never
//! ends the process.

use std::sync::Mutex;

use smarty_store::Canceller;

static CURRENT: Mutex<Option<Canceller>> = Mutex::new(None);

/// Makes Ctrl-C cancel `canceller` from now on.
pub fn watch(canceller: Canceller) {
    if let Ok(mut current) = CURRENT.lock() {
        *current = Some(canceller);
    }
}

/// Stops watching: Ctrl-C is the binary's again.
pub fn clear() {
    if let Ok(mut current) = CURRENT.lock() {
        *current = None;
    }
}

/// Cancels the running query, if one is being watched and not already cancelled. Returns whether
/// it did; the signal handler ends the process when it did not.
pub fn cancel_running() -> bool {
    let running = CURRENT.lock().ok().and_then(|c| c.clone());
    match running {
        Some(c) if !c.is_cancelled() => {
            c.cancel();
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancels_only_what_is_watched() {
        clear();
        assert!(!cancel_running(), "nothing is running");
        let c = Canceller::new();
        watch(c.clone());
        assert!(cancel_running());
        assert!(c.is_cancelled());
        assert!(!cancel_running(), "a second Ctrl-C is not absorbed");
        clear();
    }
}
