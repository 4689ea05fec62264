//! Reading input files, with errors that name the file, the line and what was expected.

use std::path::{Path, PathBuf};

use thiserror::Error;

#[derive(Debug, Error)]
pub enum InputError {
    #[error("{}: cannot read: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}: {message}", path.display())]
    Encoding {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{}: no practices found (expected 'About this good practice' headings under practice titles)", path.display())]
    NoPractices { path: PathBuf },
    #[error("no named query '{name}'; the library has: {}", known.join(", "))]
    UnknownQuery { name: String, known: Vec<String> },
    #[error("parameter '{0}' is not NAME=VALUE")]
    Parameter(String),
}

/// A guide's text and the bytes it was decoded from.
pub struct GuideText {
    pub text: String,
    pub bytes: Vec<u8>,
}

pub fn read_guide(path: &Path) -> Result<GuideText, InputError> {
    let bytes = std::fs::read(path).map_err(|source| InputError::Unreadable {
        path: path.to_owned(),
        source,
    })?;
    let text = smarty_extract::text::decode(&bytes).map_err(|e| InputError::Encoding {
        path: path.to_owned(),
        line: e.line,
        message: e.message,
    })?;
    Ok(GuideText { text, bytes })
}

/// A whole text file (a query, shapes), with the same errors as guides.
pub fn read_text(path: &Path) -> Result<String, InputError> {
    read_guide(path).map(|g| g.text)
}
