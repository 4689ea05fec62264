//! Evaluation on a thread of its own, with a large stack, under a timeout and a canceller.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use oxigraph::sparql::CancellationToken;

use super::QueryOptions;
use crate::{KnowledgeGraph, StoreError};

/// Stack for parsing and evaluation: recursive descent over deeply nested algebra needs room.
const EVALUATION_STACK: usize = 256 << 20;

/// Stops a running query from another thread (a Ctrl-C handler).
#[derive(Clone, Default)]
pub struct Canceller {
    token: CancellationToken,
    cancelled: Arc<AtomicBool>,
}

impl std::fmt::Debug for Canceller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Canceller")
            .field("cancelled", &self.is_cancelled())
            .finish()
    }
}

impl Canceller {
    pub fn new() -> Canceller {
        Canceller::default()
    }

    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::SeqCst);
        self.token.cancel();
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::SeqCst)
    }
}

impl KnowledgeGraph {
    /// Runs `work` on a thread with a large stack, under the options' timeout and canceller.
    pub(crate) fn guarded<T: Send>(
        &self,
        options: &QueryOptions,
        work: impl FnOnce(&CancellationToken) -> Result<T, StoreError> + Send,
    ) -> Result<T, StoreError> {
        let canceller = options.canceller.clone().unwrap_or_default();
        let token = canceller.token.clone();
        let timed_out = AtomicBool::new(false);
        let (done, finished) = std::sync::mpsc::channel::<()>();
        let result = std::thread::scope(|scope| {
            if let Some(timeout) = options.timeout {
                let token = token.clone();
                let timed_out = &timed_out;
                scope.spawn(move || {
                    // Only a timeout cancels: the sender dropped means the work finished, and
                    // cancelling then would cancel the next query sharing this canceller.
                    if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                        finished.recv_timeout(timeout)
                    {
                        timed_out.store(true, Ordering::SeqCst);
                        token.cancel();
                    }
                });
            }
            let handle = std::thread::Builder::new()
                .name("sparql".into())
                .stack_size(EVALUATION_STACK)
                .spawn_scoped(scope, || {
                    let result = work(&token);
                    drop(done);
                    result
                });
            match handle {
                Ok(h) => h.join().unwrap_or_else(|_| {
                    Err(StoreError::Evaluation("the query evaluator failed".into()))
                }),
                Err(e) => Err(StoreError::Evaluation(format!(
                    "cannot start the query thread: {e}"
                ))),
            }
        });
        match result {
            Err(StoreError::Cancelled) | Err(StoreError::Evaluation(_))
                if timed_out.load(Ordering::SeqCst) =>
            {
                Err(StoreError::Timeout(options.timeout.unwrap_or_default()))
            }
            Err(StoreError::Evaluation(_)) if canceller.is_cancelled() => {
                Err(StoreError::Cancelled)
            }
            other => other,
        }
    }
}
