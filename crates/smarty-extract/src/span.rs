//! Where a value was printed: the source lines every record and reader shares.

use serde::Serialize;

/// An inclusive range of 1-based line numbers in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn line(line: u32) -> Span {
        Span {
            start: line,
            end: line,
        }
    }

    pub fn new(start: u32, end: u32) -> Span {
        Span {
            start: start.min(end),
            end: start.max(end),
        }
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// A piece of text together with the lines it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}
