//! The extractor on any text, then the resolution of what it found against the bundled tables
//! (what `ingest` does before it writes RDF).

use std::sync::OnceLock;

use smarty_extract::span::Span;
use smarty_extract::{AmountRecord, Extraction};
use smarty_reference::Reference;

/// The bundled reference tables, read once.
pub(crate) fn reference() -> &'static Reference {
    static REFERENCE: OnceLock<Reference> = OnceLock::new();
    REFERENCE.get_or_init(|| Reference::bundled().expect("the bundled tables read"))
}

/// Extracts the input twice (the same records, in the same order) and resolves the result.
pub fn extract(data: &[u8]) {
    let text = crate::text(data);
    let first = smarty_extract::extract(&text);
    let second = smarty_extract::extract(&text);
    let (a, b) = (json(&first), json(&second));
    assert!(a == b, "the extractor is not deterministic");

    let lines = first.guide.line_count;
    let within = |span: Span, what: &str| {
        assert!(
            span.start <= span.end && span.end <= lines.max(1),
            "{what} spans lines {}-{} of a text of {lines} lines",
            span.start,
            span.end
        );
    };
    for practice in &first.practices {
        within(practice.span, "a practice");
        for section in &practice.sections {
            within(section.span, "a section");
        }
        for amount in &practice.amounts {
            within(amount.span, "an amount");
            check_amount(amount);
        }
        if let Some(period) = &practice.period {
            within(period.span, "a period");
            crate::readers::check_period(period);
        }
    }
    for diagnostic in &first.diagnostics {
        assert!(
            diagnostic.line <= lines.max(1),
            "a diagnostic names line {} of a text of {lines} lines",
            diagnostic.line
        );
    }

    let resolved = smarty_reference::resolve(&first, reference());
    let again = smarty_reference::resolve(&first, reference());
    assert!(
        format!("{resolved:?}") == format!("{again:?}"),
        "resolution is not deterministic"
    );
}

fn json(extraction: &Extraction) -> String {
    serde_json::to_string(extraction).expect("an extraction serialises")
}

/// An amount read is never negative, a range is never upside down, the currency is a code.
pub(crate) fn check_amount(amount: &AmountRecord) {
    let zero = smarty_extract::Decimal::from_integer(0);
    for (what, value) in [
        ("value", amount.value),
        ("minimum", amount.min),
        ("maximum", amount.max),
    ] {
        if let Some(v) = value {
            assert!(v >= zero, "{:?}: negative {what} {v}", amount.text);
        }
    }
    if let (Some(min), Some(max)) = (amount.min, amount.max) {
        assert!(
            min <= max,
            "{:?}: minimum {min} above maximum {max}",
            amount.text
        );
    }
    assert!(
        amount.currency.len() == 3 && amount.currency.bytes().all(|b| b.is_ascii_uppercase()),
        "{:?}: currency {:?} is not an ISO 4217 code",
        amount.text,
        amount.currency
    );
    assert!(!amount.text.trim().is_empty(), "an amount without its text");
}
