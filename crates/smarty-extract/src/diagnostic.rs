//! What the extractor could not place or had to guess, with the line it concerns.

use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The text was placed, but by a rule worth knowing about (a section printed before its title).
    Note,
    /// Text that could not be placed or read; it is kept in the message.
    Warning,
}

/// A stable identifier for each kind of finding, usable in scripts and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DiagnosticCode {
    /// Text outside any section, field or known page part.
    UnplacedText,
    /// Sections printed after one practice's fields and before the next title.
    DisplacedSections,
    /// A section printed twice for one practice; the second copy is appended.
    RepeatedSection,
    /// The contents page names a practice differently from its heading.
    ContentsTitleDiffers,
    /// A contents entry that matches no heading.
    UnmatchedContentsEntry,
    /// The last practices the contents page lists are not in the text: it may be cut short.
    EndsEarly,
    /// A field label with no value under it.
    EmptyField,
    /// A date field that could not be read as a period.
    UnreadableDate,
    /// Money-like text in "Resources needed" that could not be read as an amount.
    UnreadableAmount,
    /// A separator an amount leaves open ("1,500 million") read by the decimal mark of the guide's
    /// other amounts.
    SeparatorByConvention,
    /// A contact block without an e-mail address or name.
    IncompleteContact,
    /// A practice heading ("About this good practice") with no title above it.
    MissingTitle,
    /// A field printed twice for one practice.
    RepeatedField,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub line: u32,
    pub severity: Severity,
    pub code: DiagnosticCode,
    pub message: String,
}

impl Diagnostic {
    pub fn note(line: u32, code: DiagnosticCode, message: impl Into<String>) -> Self {
        Diagnostic {
            line,
            severity: Severity::Note,
            code,
            message: message.into(),
        }
    }

    pub fn warning(line: u32, code: DiagnosticCode, message: impl Into<String>) -> Self {
        Diagnostic {
            line,
            severity: Severity::Warning,
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
        })
    }
}

impl DiagnosticCode {
    /// The stable kebab-case name used in messages and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DiagnosticCode::UnplacedText => "unplaced-text",
            DiagnosticCode::DisplacedSections => "displaced-sections",
            DiagnosticCode::RepeatedSection => "repeated-section",
            DiagnosticCode::ContentsTitleDiffers => "contents-title-differs",
            DiagnosticCode::UnmatchedContentsEntry => "unmatched-contents-entry",
            DiagnosticCode::EndsEarly => "ends-early",
            DiagnosticCode::EmptyField => "empty-field",
            DiagnosticCode::UnreadableDate => "unreadable-date",
            DiagnosticCode::UnreadableAmount => "unreadable-amount",
            DiagnosticCode::SeparatorByConvention => "separator-by-convention",
            DiagnosticCode::IncompleteContact => "incomplete-contact",
            DiagnosticCode::MissingTitle => "missing-title",
            DiagnosticCode::RepeatedField => "repeated-field",
        }
    }
}

impl Serialize for DiagnosticCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl fmt::Display for DiagnosticCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Diagnostic {
    /// `LINE: SEVERITY[CODE]: MESSAGE`; callers prefix the file name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}[{}]: {}",
            self.line, self.severity, self.code, self.message
        )
    }
}
