use thiserror::Error;

/// A reference-data file that cannot be read. Each variant names the file (and line, where known).
#[derive(Debug, Error)]
pub enum ReferenceError {
    #[error("{file}:{line}: {message}")]
    Csv {
        file: String,
        line: u64,
        message: String,
    },
    #[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Toml {
        file: String,
        line: Option<usize>,
        message: String,
    },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
}
