//! What every handler shares: the store, the copy queries read, the evaluation pool.

use std::sync::{Arc, RwLock};

use smarty_store::{
    Canceller, CappedOutcome, EndpointQuery, KnowledgeGraph, QueryOptions, RequestDataset,
    StoreError,
};

use crate::ServerConfig;
use crate::error::ApiError;
use crate::safety::Pool;

pub struct AppState {
    pub config: ServerConfig,
    /// The store, locked by this process; writes go here.
    store: Arc<KnowledgeGraph>,
    /// What reads see: the store itself, or with `--public` an in-memory copy of what
    /// `export --public` writes, rebuilt after each write.
    view: RwLock<Arc<KnowledgeGraph>>,
    pool: Pool,
    /// One write at a time, so a public view is rebuilt after each in order.
    writing: tokio::sync::Mutex<()>,
}

pub type Shared = Arc<AppState>;

impl AppState {
    pub fn new(store: KnowledgeGraph, config: ServerConfig) -> Result<AppState, StoreError> {
        let store = Arc::new(store);
        let view = if config.public {
            Arc::new(store.public_view()?)
        } else {
            store.clone()
        };
        Ok(AppState {
            pool: Pool::new(config.max_concurrent, config.queue),
            config,
            store,
            view: RwLock::new(view),
            writing: tokio::sync::Mutex::new(()),
        })
    }

    /// The store as reads see it.
    pub fn reader(&self) -> Arc<KnowledgeGraph> {
        match self.view.read() {
            Ok(view) => view.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Query options for one evaluation: the server's timeout and the request's canceller.
    pub fn options(&self, canceller: Canceller) -> QueryOptions {
        QueryOptions {
            timeout: self.config.timeout,
            canceller: Some(canceller),
            ..QueryOptions::default()
        }
    }

    /// Runs a query on the pool, with the server's timeout, row cap and federation setting;
    /// `sent` for a client's query text, which `--strict` reads as standard SPARQL (the server's
    /// own queries rely on the predeclared prefixes and the union default graph).
    pub async fn query(
        self: &Arc<Self>,
        text: String,
        parameters: Vec<(String, smarty_store::Term)>,
        dataset: Option<RequestDataset>,
        sent: bool,
    ) -> Result<CappedOutcome, ApiError> {
        let state = self.clone();
        let kg = self.reader();
        self.pool
            .run(self.config.timeout, move |canceller| {
                let mut options = state.options(canceller);
                options.parameters = parameters;
                options.strict = sent && state.config.strict;
                let request = EndpointQuery {
                    options,
                    dataset,
                    max_rows: state.config.max_rows,
                    allow_federation: state.config.allow_federation,
                };
                kg.query_endpoint(&text, &request)
            })
            .await
    }

    /// Runs a write on the pool, one at a time; the public view is rebuilt after it.
    pub async fn write<T: Send + 'static>(
        self: &Arc<Self>,
        work: impl FnOnce(&KnowledgeGraph, QueryOptions) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let _one_at_a_time = self.writing.lock().await;
        let state = self.clone();
        self.pool
            .run(None, move |canceller| {
                let options = state.options(canceller);
                let result = work(&state.store, options)?;
                if state.config.public {
                    let view = Arc::new(state.store.public_view()?);
                    match state.view.write() {
                        Ok(mut v) => *v = view,
                        Err(poisoned) => *poisoned.into_inner() = view,
                    }
                }
                Ok(result)
            })
            .await
    }
}

impl AppState {
    /// Runs a read (an export, a listing) on the pool, against the store as reads see it.
    pub async fn read<T: Send + 'static>(
        self: &Arc<Self>,
        work: impl FnOnce(&KnowledgeGraph) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let kg = self.reader();
        self.pool.run(self.config.timeout, move |_| work(&kg)).await
    }
}

/// What read work on the pool sees: the view queries read, the options for its queries (the
/// server's timeout, the request's canceller) and the store itself, for what a public view does
/// not hold (the ingested texts, and which of their lines are personal data).
pub struct Reading<'a> {
    pub view: &'a KnowledgeGraph,
    pub store: &'a KnowledgeGraph,
    pub options: QueryOptions,
    pub public: bool,
}

impl AppState {
    /// Runs read work on the pool; its own errors (a network's, a missing resource) pass through.
    pub async fn inspect<T: Send + 'static>(
        self: &Arc<Self>,
        work: impl FnOnce(Reading<'_>) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let state = self.clone();
        let view = self.reader();
        self.pool
            .run(self.config.timeout, move |canceller| {
                let reading = Reading {
                    view: &view,
                    store: &state.store,
                    options: state.options(canceller),
                    public: state.config.public,
                };
                Ok(work(reading))
            })
            .await?
    }
}
