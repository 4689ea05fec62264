//! `smarty-kg serve`: the store as a standard web service. A SPARQL 1.1 Protocol endpoint at
//! `/sparql`, the Graph Store Protocol at `/store`, the named queries at `/queries`, linked-data
//! pages at `/id/…`, the ontology at `/def`, and the web workbench at `/` (its data under `/api/`,
//! its bundle under `/assets/`).
//!
//! Safe by default: read-only unless `--read-write` with a bearer token; a per-query timeout that
//! cancels the evaluation; a row cap; no server-side requests (SERVICE, LOAD); caps on bodies,
//! query length and concurrent evaluations (a bounded queue, then 503); header and body read
//! timeouts; with `public`, reads see only what `export --public` writes.

mod api;
mod description;
mod error;
mod gsp;
mod html;
mod linked_data;
mod named;
mod negotiate;
mod practice;
mod protocol;
mod respond;
mod safety;
mod state;
mod workbench;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, Method, header};
use axum::routing::{any, get, post};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use smarty_store::{KnowledgeGraph, QueryLibrary, StoreError};
use tower_http::cors::{Any, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;

pub use error::ApiError;
pub use respond::TRUNCATED_HEADER;
pub use safety::is_loopback;

/// Largest body of a query or update request: the store's query cap with room for form encoding.
pub const MAX_QUERY_BODY: usize = 2 * smarty_store::MAX_QUERY_BYTES;
/// Largest body of a Graph Store write or a guide.
pub const MAX_WRITE_BODY: usize = 64 << 20;
/// How long a request's headers, and then its body, may take to arrive.
pub const READ_TIMEOUT: Duration = Duration::from_secs(10);
/// How long in-flight requests may take to finish on shutdown.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub bind: SocketAddr,
    /// Serve only what `export --public` writes.
    pub public: bool,
    pub read_write: bool,
    /// The bearer token writes need.
    pub token: Option<String>,
    pub max_rows: usize,
    /// Per-query timeout; `None` for none.
    pub timeout: Option<Duration>,
    pub allow_federation: bool,
    /// Standard SPARQL in queries and updates ([`smarty_store::QueryOptions::strict`]).
    pub strict: bool,
    /// Evaluations at once.
    pub max_concurrent: usize,
    /// Requests waiting for an evaluation slot before 503.
    pub queue: usize,
    /// Header and body read timeout.
    pub read_timeout: Duration,
    pub library: QueryLibrary,
    /// Where the access log and the server's own messages go (the binary writes them to
    /// standard error; a library does not print).
    pub log: Log,
}

/// A sink for log lines: one call per line, without its newline.
#[derive(Clone)]
pub struct Log(pub Arc<dyn Fn(&str) + Send + Sync>);

impl Log {
    pub fn line(&self, line: &str) {
        (self.0)(line);
    }
}

impl std::fmt::Debug for Log {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Log")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot start the server: {0}")]
    Runtime(std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The routes, over shared state.
fn router(state: state::Shared) -> Router {
    let mut queries = Router::new();
    for page in workbench::PAGES {
        queries = queries.route(page, get(workbench::page));
    }
    let queries = queries
        .route("/sparql", any(protocol::handle))
        .route("/queries", get(named::list))
        .route("/queries/{name}", get(named::run))
        .route("/id/{*path}", get(linked_data::resource))
        .route("/def", get(linked_data::ontology))
        .route("/api/config", get(workbench::config))
        .route("/api/queries", get(named::list_with_text))
        .route("/api/networks/{kind}", get(api::network))
        .route("/api/filters", get(api::filters))
        .route("/api/contacts", get(api::contacts))
        .route("/api/search", get(api::search))
        .route("/api/vocabulary", get(api::vocabulary))
        .route("/api/practice/{slug}", get(practice::practice))
        .route("/assets/{file}", get(workbench::file))
        .layer(RequestBodyLimitLayer::new(MAX_QUERY_BODY));
    let writes = Router::new()
        .route("/store", any(gsp::handle))
        .route("/ingest", post(gsp::ingest))
        .layer(RequestBodyLimitLayer::new(MAX_WRITE_BODY));
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::HEAD, Method::POST, Method::OPTIONS])
        .allow_headers([header::ACCEPT, header::CONTENT_TYPE])
        .expose_headers([HeaderName::from_static(TRUNCATED_HEADER)]);
    queries
        .merge(writes)
        .layer(axum::extract::DefaultBodyLimit::disable())
        .layer(cors)
        .layer(axum::middleware::from_fn_with_state(
            state.config.log.clone(),
            safety::access_log,
        ))
        .with_state(state)
}

/// The service `run` serves, without a listener: requests can be driven through it in the
/// process (tower's `ServiceExt::oneshot`), as the fuzz target of the request path does.
/// `config.bind` is only the address a service description names when a request has no `Host`;
/// nothing is bound.
pub fn app(kg: KnowledgeGraph, config: ServerConfig) -> Result<Router, ServerError> {
    Ok(router(Arc::new(state::AppState::new(kg, config)?)))
}

/// Serves until SIGTERM or Ctrl-C. `on_listening` is told the bound address (the port may have
/// been 0) before the first request is accepted.
pub fn run(
    kg: KnowledgeGraph,
    config: ServerConfig,
    on_listening: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("serve")
        .build()
        .map_err(ServerError::Runtime)?;
    let served = runtime.block_on(async move {
        let addr = config.bind;
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| ServerError::Bind { addr, source })?;
        let bound = listener
            .local_addr()
            .map_err(|source| ServerError::Bind { addr, source })?;
        kg.announce_server(&format!("http://{bound}/sparql"))?;
        let read_timeout = config.read_timeout;
        let log = config.log.clone();
        let app = app(
            kg,
            ServerConfig {
                bind: bound,
                ..config
            },
        )?;
        on_listening(bound);
        serve(listener, app, read_timeout, &log).await;
        Ok(())
    });
    // An evaluation that ignores cancellation must not keep the process from exiting.
    runtime.shutdown_timeout(SHUTDOWN_GRACE);
    served
}

async fn serve(listener: tokio::net::TcpListener, app: Router, read_timeout: Duration, log: &Log) {
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown_signal());
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let connection = hyper::server::conn::http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(read_timeout)
                    .serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    let _ = connection.await;
                });
            }
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    log.line("shutting down: finishing the requests in flight");
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(SHUTDOWN_GRACE) => {}
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
