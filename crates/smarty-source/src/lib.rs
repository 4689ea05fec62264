//! Reading a guide file: text in any encoding the extractor knows, or a PDF through poppler's
//! `pdftotext`, laid out again as the template's text (one paragraph per line) with the page of
//! every line, so a diagnostic can say where to look in the PDF.
//!
//! The passes for a PDF, each in its own module:
//! 1. [`pdf`]: word boxes out of `pdftotext -bbox-layout`;
//! 2. [`layout`]: reading order on each page (columns, bands) and rows of words;
//! 3. [`reflow`]: rows into lines: wrapped rows joined, blank lines between paragraphs.

pub mod layout;
pub mod pdf;
pub mod reflow;

use std::path::{Path, PathBuf};

use thiserror::Error;

#[derive(Debug, Error)]
pub enum SourceError {
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
    #[error("{}: {message}", path.display())]
    Pdf { path: PathBuf, message: String },
    #[error("{}: {size} bytes, more than a guide may have ({MAX_GUIDE_BYTES} bytes, 512 MiB); nothing was read", path.display())]
    TooLarge { path: PathBuf, size: u64 },
}

/// The largest guide read (a guide of 100,000 synthetic practices is about 150 MB): a bigger
/// file is refused before it is read, rather than held in memory whole.
pub const MAX_GUIDE_BYTES: u64 = 512 << 20;

/// A guide's text, the bytes it was read from, and for a PDF the page of each line.
#[derive(Debug, Clone)]
pub struct GuideText {
    pub text: String,
    /// The file's bytes where they are not the text's own UTF-8 (a PDF, a byte-order mark,
    /// another encoding): a UTF-8 guide is held once, not twice (150 MB at 100,000 practices,
    /// through the whole of an ingest).
    original: Option<Vec<u8>>,
    /// The page (1-based) each line of `text` starts on; empty for a text file.
    pub pages: Vec<u32>,
}

impl GuideText {
    /// The bytes the text was read from (a guide's version is the hash of these).
    pub fn bytes(&self) -> &[u8] {
        self.original.as_deref().unwrap_or(self.text.as_bytes())
    }

    /// The text and, where they differ from its UTF-8, the file's bytes, taken out: what stays
    /// still locates diagnostics (`located`, `diagnostic`), which need only the pages.
    pub fn take_contents(&mut self) -> (String, Option<Vec<u8>>) {
        (std::mem::take(&mut self.text), self.original.take())
    }

    pub fn is_pdf(&self) -> bool {
        self.bytes().starts_with(PDF_MAGIC)
    }

    /// `FILE:LINE: WHAT` for a line of the guide, with the page when it was read from a PDF:
    /// `guide.pdf:212 (page 7): warning[…]: …`.
    pub fn located(&self, shown: &str, line: u32, what: impl std::fmt::Display) -> String {
        format!("{shown}:{line}{}: {what}", self.page_note(line))
    }

    /// A diagnostic of the extractor, located.
    pub fn diagnostic(&self, shown: &str, d: &smarty_extract::Diagnostic) -> String {
        let what = format_args!("{}[{}]: {}", d.severity, d.code, d.message);
        self.located(shown, d.line, what)
    }

    /// " (page N)" for a line (1-based) of a PDF's text, nothing for a text file.
    fn page_note(&self, line: u32) -> String {
        let index = (line as usize).checked_sub(1);
        match index.and_then(|i| self.pages.get(i)) {
            Some(page) => format!(" (page {page})"),
            None => String::new(),
        }
    }
}

const PDF_MAGIC: &[u8] = b"%PDF-";

/// Reads a guide: a PDF (by its first bytes) through pdftotext, anything else as text.
pub fn read_guide(path: &Path) -> Result<GuideText, SourceError> {
    let unreadable = |source| SourceError::Unreadable {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_GUIDE_BYTES {
        return Err(SourceError::TooLarge {
            path: path.to_owned(),
            size,
        });
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    if bytes.starts_with(PDF_MAGIC) {
        return read_pdf(path, bytes);
    }
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    {
        return Err(SourceError::Pdf {
            path: path.to_owned(),
            message: "not a PDF: it does not start with '%PDF-'".to_owned(),
        });
    }
    let text = smarty_extract::text::decode(&bytes).map_err(|e| SourceError::Encoding {
        path: path.to_owned(),
        line: e.line,
        message: e.message,
    })?;
    let original = (text.as_bytes() != bytes.as_slice()).then_some(bytes);
    Ok(GuideText {
        text,
        original,
        pages: Vec::new(),
    })
}

fn read_pdf(path: &Path, bytes: Vec<u8>) -> Result<GuideText, SourceError> {
    let pages: Vec<_> = pdf::pages(path)?.iter().map(layout::regions).collect();
    let lines = reflow::lines(&pages);
    if lines.iter().all(|l| l.text.trim().is_empty()) {
        return Err(SourceError::Pdf {
            path: path.to_owned(),
            message: "the PDF has no text layer (a scanned document needs OCR first)".to_owned(),
        });
    }
    let text = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    Ok(GuideText {
        text,
        original: Some(bytes),
        pages: lines.iter().map(|l| l.page).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bundled guide, and the same text as the file would be with a byte-order mark and in
    /// UTF-16: each reads as the same text, and `bytes()` is always the file as it was read
    /// (the guide's version is their hash).
    #[test]
    fn bytes_are_the_file_as_read_whatever_its_encoding() {
        let guide =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/smarty-good-practice-guide.txt");
        let utf8 = std::fs::read(&guide).expect("the bundled guide");
        let text = String::from_utf8(utf8.clone()).expect("the bundled guide is UTF-8");
        let with_bom = [&[0xEF, 0xBB, 0xBF][..], &utf8].concat();
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let dir = tempfile::tempdir().expect("a temporary directory");
        for (name, bytes) in [("utf8", &utf8), ("bom", &with_bom), ("utf16", &utf16)] {
            let path = dir.path().join(format!("{name}.txt"));
            std::fs::write(&path, bytes).expect("written");
            let read = read_guide(&path).expect("read");
            assert_eq!(read.text, text, "{name}");
            assert_eq!(read.bytes(), bytes.as_slice(), "{name}");
            // A UTF-8 file is held once: its bytes are the text's.
            assert_eq!(read.original.is_none(), name == "utf8", "{name}");
            assert!(!read.is_pdf());
        }
    }
}
