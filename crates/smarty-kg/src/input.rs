//! Reading input files, with errors that name the file, the line and what was expected.

use std::path::{Path, PathBuf};

use thiserror::Error;

pub use smarty_source::read_guide;

#[derive(Debug, Error)]
pub enum InputError {
    #[error(transparent)]
    Source(#[from] smarty_source::SourceError),
    #[error("{}: no practices found (expected 'About this good practice' headings under practice titles)", path.display())]
    NoPractices { path: PathBuf },
    #[error("no named query '{name}'; the library has: {}", known.join(", "))]
    UnknownQuery { name: String, known: Vec<String> },
    #[error("parameter '{0}' is not NAME=VALUE")]
    Parameter(String),
}

/// A whole text file (a query, shapes), with the same errors as guides.
pub fn read_text(path: &Path) -> Result<String, InputError> {
    Ok(read_guide(path)?.text)
}
