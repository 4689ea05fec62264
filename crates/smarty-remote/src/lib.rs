//! smarty-kg against a remote SPARQL 1.1 store (Virtuoso, QLever, GraphDB, Fuseki, or another
//! `smarty-kg serve`): an [`Endpoint`] answers queries as the embedded store does
//! ([`smarty_store::Answers`]), so every reading command has one code path, and [`push`]
//! copies the local store's graphs there.
//!
//! - Requests follow the SPARQL 1.1 Protocol: GET for short queries, form-encoded POST for
//!   long ones and for updates; credentials ([`Auth`]) from a file or the environment;
//!   connection failures and 5xx answers retried with backoff; a timeout on each request.
//! - A query is parsed locally ([`smarty_store::Portable`]): syntax errors are reported with
//!   their line and column before anything is sent, prefixes and parameters reach the server
//!   already resolved, and the query reads only smarty-kg's own graphs on the server.
//! - An answer the server cuts at its own row limit (Virtuoso's `ResultSetMaxRows`, which it
//!   reports in a response header) is read again in ordered pages, and a note says so.
//! - Known differences in how servers spell the same answer are normalised (`normalise`).

mod auth;
mod endpoint;
mod normalise;
mod push;
mod read;

pub use auth::Auth;
pub use endpoint::{Endpoint, EndpointConfig};
pub use push::{PushOptions, PushReport, push};

/// Everything that can go wrong with a remote store.
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    #[error("'{url}' is not an http:// or https:// URL of a SPARQL endpoint")]
    BadUrl { url: String },

    #[error("credentials from {origin}: {message}")]
    Auth { origin: String, message: String },

    #[error("{endpoint}: {message}")]
    Endpoint { endpoint: String, message: String },

    /// The server answered with an error of its own (5xx).
    #[error("{endpoint}: {message}")]
    Server { endpoint: String, message: String },

    /// The local store could not be read.
    #[error(transparent)]
    Store(#[from] smarty_store::StoreError),
}

impl RemoteError {
    /// The error as the store's, for the [`smarty_store::Answers`] trait.
    pub fn into_store(self) -> smarty_store::StoreError {
        match self {
            RemoteError::Store(e) => e,
            RemoteError::Endpoint { endpoint, message }
            | RemoteError::Server { endpoint, message } => {
                smarty_store::StoreError::Remote { endpoint, message }
            }
            other => smarty_store::StoreError::Remote {
                endpoint: String::new(),
                message: other.to_string(),
            },
        }
    }
}

impl RemoteError {
    /// The error of the last of `attempts`, saying so.
    fn after(self, attempts: u32) -> RemoteError {
        match self {
            RemoteError::Endpoint { endpoint, message } if attempts > 1 => RemoteError::Endpoint {
                endpoint,
                message: format!("{message} (after {attempts} attempts)"),
            },
            RemoteError::Server { endpoint, message } if attempts > 1 => RemoteError::Server {
                endpoint,
                message: format!("{message} (after {attempts} attempts)"),
            },
            other => other,
        }
    }
}
