//! The request path of `serve`: routing, content negotiation, the protocol handlers and their
//! errors, driven in the process through the router (no socket).

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use smarty_server::{Log, ServerConfig};
use smarty_store::{KnowledgeGraph, QueryLibrary};
use tower::ServiceExt;

/// The bearer token of the read-write server.
pub const TOKEN: &str = "fuzz-token";

fn config(public: bool, read_write: bool) -> ServerConfig {
    ServerConfig {
        bind: ([127, 0, 0, 1], 0).into(),
        public,
        read_write,
        token: read_write.then(|| TOKEN.to_owned()),
        max_rows: 1000,
        timeout: Some(Duration::from_secs(1)),
        allow_federation: false,
        strict: false,
        max_concurrent: 1,
        queue: 4,
        read_timeout: Duration::from_secs(1),
        library: QueryLibrary::bundled(),
        log: Log(Arc::new(|_| {})),
    }
}

/// The bundled guide, ingested once into a store in memory.
fn guide_store() -> KnowledgeGraph {
    let kg = KnowledgeGraph::in_memory().expect("an in-memory store");
    kg.ingest_text(
        "smarty-good-practice-guide.txt",
        smarty_reference::BUNDLED_GUIDE.text,
        crate::extract::reference(),
    )
    .expect("the bundled guide ingests");
    kg
}

/// Read-only over the guide, with personal data.
fn private() -> &'static Router {
    static APP: OnceLock<Router> = OnceLock::new();
    APP.get_or_init(|| smarty_server::app(guide_store(), config(false, false)).expect("app"))
}

/// Read-only over the guide, as `--public` serves it.
fn public() -> &'static Router {
    static APP: OnceLock<Router> = OnceLock::new();
    APP.get_or_init(|| smarty_server::app(guide_store(), config(true, false)).expect("app"))
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime")
    })
}

/// The first byte chooses the server (its value modulo 3): `0` read-only over the bundled
/// guide, `1` the same with `--public`, `2` read-write (token [`TOKEN`]) over an empty store of
/// its own, so that writes never change what the next input sees. The rest is an HTTP/1.1
/// request as a client sends it: `METHOD TARGET [VERSION]`, header lines, an empty line, the
/// body. Input that is no request line (which the HTTP parser answers before the router) is
/// skipped. Every request must be answered with a status and a body that can be read, and bad
/// input must never be answered 500: a 5xx is only 503 (busy, or a query past its timeout).
pub fn serve(data: &[u8]) {
    let Some((&selector, raw)) = data.split_first() else {
        return;
    };
    let Some(request) = request(raw) else {
        return;
    };
    let app = match selector % 3 {
        0 => private().clone(),
        1 => public().clone(),
        _ => {
            let kg = KnowledgeGraph::in_memory().expect("an in-memory store");
            smarty_server::app(kg, config(false, true)).expect("app")
        }
    };
    let description = format!("{} {}", request.method(), request.uri());
    let (status, body) = runtime().block_on(async move {
        let response = match app.oneshot(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        };
        let status = response.status();
        let body = response.into_body().collect().await.map(|b| b.to_bytes());
        (status, body)
    });
    let body = match body {
        Ok(body) => body,
        Err(e) => panic!("{description}: {status}, and its body cannot be read: {e}"),
    };
    assert!(
        !status.is_server_error() || status == StatusCode::SERVICE_UNAVAILABLE,
        "{description}: {status}: {}",
        String::from_utf8_lossy(&body)
    );
}

/// An HTTP/1.1 request from its bytes on the wire, without transfer encodings.
fn request(raw: &[u8]) -> Option<Request<Body>> {
    let (head, body) = split_head(raw);
    let head = std::str::from_utf8(head).ok()?;
    let mut lines = head.lines();
    let mut first = lines.next()?.split(' ');
    let method = Method::from_bytes(first.next()?.as_bytes()).ok()?;
    let target = first.next()?;
    let mut builder = Request::builder().method(method).uri(target);
    for line in lines {
        let (name, value) = line.split_once(':')?;
        builder = builder.header(name.trim(), value.trim());
    }
    builder.body(Body::from(body.to_vec())).ok()
}

/// The head (request line and headers) and the body after the first empty line.
fn split_head(raw: &[u8]) -> (&[u8], &[u8]) {
    for (at, window) in raw.windows(2).enumerate() {
        if window == b"\n\n" {
            return (&raw[..at], &raw[at + 2..]);
        }
        if window == b"\r\n" && raw[at + 2..].starts_with(b"\r\n") {
            return (&raw[..at], &raw[at + 4..]);
        }
    }
    (raw, &[])
}
