//! Limits that keep one client from holding the server: a bounded pool of evaluations with a
//! queue, the write guard (read-only by default, bearer token otherwise), the loopback check, and
//! an access log that never holds query text.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::Response;
use smarty_store::{Canceller, StoreError};

use crate::Log;
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

/// How long past its timeout a client waits for an evaluation that has not stopped.
const ANSWER_GRACE: Duration = Duration::from_secs(2);

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
    ///
    /// Some evaluations (a product held in memory) do not check the cancellation token; the
    /// client is still answered shortly after `timeout`, and the slot stays taken until the
    /// thread ends, so such queries cannot pile up beyond the pool.
    pub async fn run<T: Send + 'static>(
        &self,
        timeout: Option<Duration>,
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
        let task = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work(canceller)
        });
        let joined = match timeout {
            Some(t) => tokio::time::timeout(t + ANSWER_GRACE, task)
                .await
                .map_err(|_| ApiError::Store(StoreError::Timeout(t)))?,
            None => task.await,
        };
        let result =
            joined.map_err(|e| ApiError::Internal(format!("an evaluation failed: {e}")))?;
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

/// Reads a request body of at most `limit` bytes within `timeout`: a client that sends slowly
/// or too much is answered (408, 413) instead of holding a connection.
pub async fn read_body(
    body: Body,
    limit: usize,
    timeout: std::time::Duration,
) -> Result<Bytes, ApiError> {
    match tokio::time::timeout(timeout, axum::body::to_bytes(body, limit)).await {
        Err(_) => Err(ApiError::RequestTimeout),
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(e)) => {
            let too_large = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>())
                || e.to_string().contains("length limit");
            Err(if too_large {
                ApiError::TooLarge(format!("the request body is larger than {limit} bytes"))
            } else {
                ApiError::BadRequest(format!("cannot read the request body: {e}"))
            })
        }
    }
}

/// Whether every address a bind resolves to is a loopback one.
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// One line per request on standard error: method, path (never the query string or body, which
/// may hold personal data), status and time.
pub async fn access_log(State(log): State<Log>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let started = std::time::Instant::now();
    let response = next.run(request).await;
    log.line(&format!(
        "{method} {path} {} {}ms",
        response.status().as_u16(),
        started.elapsed().as_millis()
    ));
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
            busy.run(None, move |_| {
                let _ = rx.recv();
                Ok(())
            })
            .await
        });
        while pool.admitted.load(Ordering::SeqCst) == 0 {
            tokio::task::yield_now().await;
        }
        let second = pool.run(None, |_| Ok(())).await;
        assert!(matches!(second, Err(ApiError::Busy)), "{second:?}");
        let _ = tx.send(());
        assert!(first.await.expect("join").is_ok());
        assert!(pool.run(None, |_| Ok(())).await.is_ok());
    }
}
