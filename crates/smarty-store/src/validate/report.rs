//! What validation finds: violations with their severity, and the report that gathers them.

use std::collections::BTreeMap;

use oxigraph::model::{NamedNode, Term};

use super::shapes::{Constraint, SH, display};

/// A shape's `sh:severity`. Only `Violation` makes the data non-conforming.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Severity {
    #[default]
    Violation,
    Warning,
    Info,
}

impl Severity {
    /// From the `sh:severity` object; anything but `sh:Warning` or `sh:Info` counts as a violation,
    /// so an unknown severity never hides a failure.
    pub(super) fn from_iri(iri: &NamedNode) -> Severity {
        match iri.as_str().strip_prefix(SH) {
            Some("Warning") => Severity::Warning,
            Some("Info") => Severity::Info,
            _ => Severity::Violation,
        }
    }

    /// The local name in the SHACL namespace: `Violation`, `Warning` or `Info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Violation => "Violation",
            Severity::Warning => "Warning",
            Severity::Info => "Info",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One failed constraint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    /// The node shape.
    pub shape: String,
    /// The shape the failed constraint belongs to: the property shape, or the node shape itself.
    pub source_shape: String,
    /// For SPARQL constraints, the constraint's own IRI.
    pub sparql_constraint: Option<String>,
    pub focus: String,
    pub path: Option<String>,
    /// `sh:MinCountConstraintComponent` and so on.
    pub component: String,
    pub value: Option<String>,
    pub message: String,
    pub severity: Severity,
}

#[derive(Debug, Clone, Default)]
pub struct ValidationReport {
    pub violations: Vec<Violation>,
    /// Focus nodes checked per node shape.
    pub checked: BTreeMap<String, usize>,
}

impl ValidationReport {
    pub fn conforms(&self) -> bool {
        !self
            .violations
            .iter()
            .any(|v| v.severity == Severity::Violation)
    }
}

/// Where a violation comes from, shared by all the values one constraint checks.
#[derive(Clone)]
pub(super) struct Origin<'s> {
    pub shape: &'s str,
    pub source: &'s str,
    pub sparql: Option<&'s str>,
    pub path: Option<String>,
    pub severity: Severity,
}

impl Origin<'_> {
    pub fn report(
        &self,
        report: &mut ValidationReport,
        focus: &Term,
        component: &str,
        value: Option<&Term>,
        message: String,
    ) {
        report.violations.push(Violation {
            shape: self.shape.to_owned(),
            source_shape: self.source.to_owned(),
            sparql_constraint: self.sparql.map(str::to_owned),
            focus: display(focus),
            path: self.path.clone(),
            component: format!("sh:{component}ConstraintComponent"),
            value: value.map(display),
            message,
            severity: self.severity,
        });
    }
}

/// The message of a failed constraint whose shape gives none.
pub(super) fn default_message(c: &Constraint, count: usize) -> String {
    match c {
        Constraint::MinCount(n) => format!("at least {n} value(s) expected, found {count}"),
        Constraint::MaxCount(n) => format!("at most {n} value(s) expected, found {count}"),
        Constraint::Datatype(d) => {
            format!("value must be a well-formed {}", display(&d.clone().into()))
        }
        Constraint::Class(c) => format!("value must be a {}", display(&c.clone().into())),
        Constraint::NodeKind(k) => format!("value must be a {k}"),
        Constraint::Pattern(re) => format!("value must match {}", re.as_str()),
        Constraint::In(_) => "value is not one of the allowed values".into(),
        Constraint::HasValue(v) => format!("value {} expected", display(v)),
        Constraint::MinLength(n) => format!("value shorter than {n} characters"),
        Constraint::MaxLength(n) => format!("value longer than {n} characters"),
        Constraint::LanguageIn(l) => format!("language must be one of {}", l.join(", ")),
        Constraint::Or(_) => "value matches none of the alternatives".into(),
    }
}
