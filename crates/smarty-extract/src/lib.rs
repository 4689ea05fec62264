//! Extraction of good-practice guides written in the Interreg "good practice" template.
//!
//! Text in, [`Extraction`] out: [`extract`] never fails and never panics. What it cannot place
//! becomes a [`Diagnostic`] with the line it concerns, so no text is silently dropped. This crate
//! does no I/O and knows nothing of RDF; resolving names against reference data happens elsewhere.
//!
//! The passes, each in its own module:
//! 1. [`blocks`]: lines → headings, labelled fields, paragraphs;
//! 2. [`layout`]: contents page, theme list and headings, each practice's title and summary;
//! 3. `assemble`: one walk over the blocks, giving each to the part of the guide it belongs to.

pub mod amount;
mod assemble;
pub mod blocks;
pub mod date;
pub mod decimal;
pub mod diagnostic;
pub mod diff;
pub mod fields;
mod funder;
mod hyphen;
pub mod layout;
pub mod persons;
pub mod record;
pub mod span;
pub mod text;
mod titles;

pub use amount::{AmountRecord, AmountRole, Per, Qualifier};
pub use date::{PartialDate, PeriodRecord};
pub use decimal::Decimal;
pub use diagnostic::{Diagnostic, DiagnosticCode, Severity};
pub use persons::{ContactOccurrence, MatchReason, PersonRecord, persons};
pub use record::*;

/// Extracts every practice, theme and page part of a guide.
pub fn extract(text: &str) -> Extraction {
    let (blocks, line_count) = blocks::blocks(text);
    assemble::assemble(&blocks, line_count)
}
