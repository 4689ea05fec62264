//! The shell's error type, shared by the session, the dot-commands and the terminal loop.

use smarty_store::StoreError;

use crate::render;

#[derive(Debug, thiserror::Error)]
pub enum ReplError {
    /// A dot-command used wrongly; the message says how to use it.
    #[error("{0}")]
    Command(String),
    #[error("{line}:{column}: syntax error: {message}\n{excerpt}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
        excerpt: String,
    },
    #[error(transparent)]
    Store(StoreError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl ReplError {
    /// A store error, with the statement's line and a caret for syntax errors.
    pub fn from_store(e: StoreError, statement: &str) -> ReplError {
        match e {
            StoreError::Syntax {
                line,
                column,
                message,
            } => ReplError::Syntax {
                excerpt: render::caret_excerpt(statement, line, column),
                line,
                column,
                message,
            },
            other => ReplError::Store(other),
        }
    }
}

impl From<StoreError> for ReplError {
    fn from(e: StoreError) -> Self {
        ReplError::Store(e)
    }
}
