//! Ctrl-C: cancels the running query if there is one (the process then exits with code 130 through
//! the usual error path), otherwise exits at once with code 130.

use std::sync::{Mutex, Once};

use smarty_store::Canceller;

static CURRENT: Mutex<Option<Canceller>> = Mutex::new(None);
static INSTALL: Once = Once::new();

/// Makes Ctrl-C cancel `canceller` from now on.
pub fn watch(canceller: Canceller) {
    install();
    if let Ok(mut current) = CURRENT.lock() {
        *current = Some(canceller);
    }
}

/// Stops watching: Ctrl-C exits again.
pub fn clear() {
    if let Ok(mut current) = CURRENT.lock() {
        *current = None;
    }
}

fn install() {
    INSTALL.call_once(|| {
        // If the handler cannot be installed, Ctrl-C keeps its default effect (ending the process).
        let _ = ctrlc::set_handler(|| {
            let running = CURRENT.lock().ok().and_then(|c| c.clone());
            match running {
                Some(c) if !c.is_cancelled() => c.cancel(),
                _ => std::process::exit(130),
            }
        });
    });
}
