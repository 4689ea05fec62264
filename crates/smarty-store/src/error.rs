use std::path::PathBuf;

use thiserror::Error;

/// Everything that can go wrong with the store. Variants say what to do about it; file-related
/// ones name the file and, for syntax errors, the line and column.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("store {} is in use by {}", dir.display(), in_use_by(pid, server.as_deref()))]
    InUse {
        dir: PathBuf,
        pid: String,
        /// The URL of the `serve` process holding the store, if it is one.
        server: Option<String>,
    },

    #[error("cannot open store {}: {message}", dir.display())]
    Open { dir: PathBuf, message: String },

    #[error("storage error: {0}")]
    Storage(String),

    /// A write to a store opened from a read-only file system.
    #[error(
        "cannot write to store {}: it is on a read-only file system (it can still be read)",
        dir.display()
    )]
    ReadOnly { dir: PathBuf },

    /// A SPARQL syntax error; line and column are 1-based.
    #[error("{line}:{column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },

    #[error("query too deeply nested ({depth} levels of brackets; at most {max} are accepted)")]
    TooDeep { depth: usize, max: usize },

    #[error("{what} is {size} bytes; at most {max} are accepted")]
    TooLarge { what: String, size: u64, max: u64 },

    #[error("query evaluation failed: {0}")]
    Evaluation(String),

    #[error("the query ran longer than the {0:?} timeout and was stopped")]
    Timeout(std::time::Duration),

    #[error("cancelled")]
    Cancelled,

    /// A named query's parameter given wrongly (unknown, missing, of the wrong kind).
    #[error(transparent)]
    Parameter(#[from] crate::ParamError),

    /// A guide without practices: nothing was stored.
    #[error("{}: no practices found (expected 'About this good practice' headings under practice titles); nothing was stored", path.display())]
    NoPractices { path: PathBuf },

    /// A guide whose contents page lists practices the text does not reach: nothing was stored.
    #[error("{}:{line}: {message}; nothing was stored (--allow-partial stores what the text holds)", path.display())]
    CutShort {
        path: PathBuf,
        line: u32,
        message: String,
    },

    /// An output format that does not fit the query's answer (CSV for a CONSTRUCT, say).
    #[error("{0}")]
    WrongFormat(String),

    /// A file that cannot be read or parsed.
    #[error("{}{}: {message}", path.display(), position.map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default())]
    File {
        path: PathBuf,
        /// 1-based line and column, when known.
        position: Option<(u64, u64)>,
        message: String,
    },

    #[error("invalid SHACL shapes: {0}")]
    Shapes(String),

    /// A remote SPARQL endpoint that could not be reached or did not answer as the protocol says.
    #[error("{endpoint}: {message}")]
    Remote { endpoint: String, message: String },

    /// A request the endpoint does not carry out (SERVICE, LOAD): the message says how to allow it.
    #[error("{0}")]
    Refused(String),
}

fn in_use_by(pid: &str, server: Option<&str>) -> String {
    match server {
        Some(url) => format!("`serve` (pid {pid}) — query it at {url}"),
        None => format!("process {pid}; wait for it to finish or use another --store"),
    }
}

impl From<oxigraph::store::StorageError> for StoreError {
    fn from(e: oxigraph::store::StorageError) -> Self {
        StoreError::Storage(e.to_string())
    }
}

impl StoreError {
    /// Whether the error is the caller's input (bad SPARQL, bad file) rather than the store.
    pub fn is_input_error(&self) -> bool {
        matches!(
            self,
            StoreError::Syntax { .. }
                | StoreError::TooDeep { .. }
                | StoreError::TooLarge { .. }
                | StoreError::File { .. }
                | StoreError::Parameter(_)
                | StoreError::NoPractices { .. }
                | StoreError::CutShort { .. }
                | StoreError::WrongFormat(_)
        )
    }
}
