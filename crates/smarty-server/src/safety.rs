//! Limits that keep one client from holding the server: a bounded pool of evaluations with a
//! queue, the write guard (read-only by default, bearer token otherwise), the loopback check, and
//! an access log that never holds query text.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::extract::Request;
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::Response;
use smarty_store::{Canceller, StoreError};
use tokio::sync::Semaphore;

use crate::error::ApiError;

/// Evaluations run on blocking threads, at most `slots` at once; `queue` more may wait; past that
/// a request is answered 503 at once.
#[derive(Debug)]
pub struct Pool {
    slots: Arc<Semaphore>,
    admitted: Arc<AtomicUsize>,
    limit: usize,
}

/// Cancels its query when dropped unless disarmed: a client that goes away stops its query.
struct CancelOnDrop(Option<Canceller>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if let Some(c) = self.0.take() {
            c.cancel();
        }
    }
}

/// Counts an admitted request until it is answered or abandoned.
struct Admission(Arc<AtomicUsize>);

impl Drop for Admission {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Pool {
    pub fn new(slots: usize, queue: usize) -> Pool {
        let slots = slots.max(1);
        Pool {
            slots: Arc::new(Semaphore::new(slots)),
            admitted: Arc::new(AtomicUsize::new(0)),
            limit: slots + queue,
        }
    }

    /// Runs `work` on a blocking thread once a slot is free. The slot is held until the work
    /// really ends, even if the client has gone (its query is cancelled then).
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(Canceller) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, ApiError> {
        if self.admitted.fetch_add(1, Ordering::SeqCst) >= self.limit {
            self.admitted.fetch_sub(1, Ordering::SeqCst);
            return Err(ApiError::Busy);
        }
        let _admission = Admission(self.admitted.clone());
        let permit = self
            .slots
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        let canceller = Canceller::new();
        let mut guard = CancelOnDrop(Some(canceller.clone()));
        let result = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work(canceller)
        })
        .await
        .map_err(|e| ApiError::Internal(format!("an evaluation failed: {e}")))?;
        guard.0 = None;
        result.map_err(ApiError::from)
    }
}

/// Why a write is not carried out, or `Ok` if it may be.
pub fn check_write(
    read_write: bool,
    token: Option<&str>,
    headers: &HeaderMap,
) -> Result<(), ApiError> {
    if !read_write {
        return Err(ApiError::Forbidden(
            "this server is read-only: start it with --read-write --token-file FILE to accept \
             updates, Graph Store writes and ingests (with 'Authorization: Bearer TOKEN')"
                .into(),
        ));
    }
    let sent = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match (sent, token) {
        (Some(sent), Some(token)) if same_secret(sent.as_bytes(), token.as_bytes()) => Ok(()),
        _ => Err(ApiError::Unauthorized),
    }
}

/// Compares in time independent of where the first difference is.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether every address a bind resolves to is a loopback one.
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// One line per request on standard error: method, path (never the query string or body, which
/// may hold personal data), status and time.
pub async fn access_log(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let started = std::time::Instant::now();
    let response = next.run(request).await;
    eprintln!(
        "{method} {path} {} {}ms",
        response.status().as_u16(),
        started.elapsed().as_millis()
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(read_write: bool, header: Option<&str>, expect: Option<u16>) {
        let mut headers = HeaderMap::new();
        if let Some(h) = header {
            headers.insert(header::AUTHORIZATION, h.parse().expect("header"));
        }
        let got = check_write(read_write, Some("s3cret"), &headers)
            .err()
            .map(|e| e.status().as_u16());
        assert_eq!(got, expect, "{read_write} {header:?}");
    }

    #[test]
    fn writes_need_read_write_and_the_token() {
        check(false, Some("Bearer s3cret"), Some(403));
        check(true, None, Some(401));
        check(true, Some("Bearer wrong!"), Some(401));
        check(true, Some("Basic s3cret"), Some(401));
        check(true, Some("Bearer s3cret"), None);
    }

    #[tokio::test]
    async fn a_full_queue_answers_busy() {
        let pool = Arc::new(Pool::new(1, 0));
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let busy = pool.clone();
        let first = tokio::spawn(async move {
            busy.run(move |_| {
                let _ = rx.recv();
                Ok(())
            })
            .await
        });
        while pool.admitted.load(Ordering::SeqCst) == 0 {
            tokio::task::yield_now().await;
        }
        let second = pool.run(|_| Ok(())).await;
        assert!(matches!(second, Err(ApiError::Busy)), "{second:?}");
        let _ = tx.send(());
        assert!(first.await.expect("join").is_ok());
        assert!(pool.run(|_| Ok(())).await.is_ok());
    }
}
