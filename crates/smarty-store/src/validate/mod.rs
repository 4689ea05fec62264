//! SHACL validation of the store against `ontology/shapes.ttl`.
//!
//! A deliberately small engine for the part of SHACL Core and SHACL-SPARQL the shapes use (see
//! ARCHITECTURE.md for why not a general-purpose engine): node shapes with class, node,
//! subjects-of and objects-of targets; property shapes on a predicate or inverse predicate with
//! min/max count, datatype, class, node kind, pattern, in, has-value, min/max length, language-in
//! and `sh:or` of such constraints; node-level pattern, node kind, class and `sh:sparql` SELECT
//! constraints. A shapes file that uses anything else is rejected, naming the construct, rather
//! than silently passing. pySHACL cross-checks the same shapes in the test command.
//!
//! - [`shapes`] reads the shapes graph (patterns are compiled there, once per shape);
//! - [`engine`] checks values (datatypes through `oxsdatatypes`' lexical parsers);
//! - [`report`] holds violations, severities and default messages.

mod engine;
mod report;
mod shapes;

use std::collections::HashSet;

use oxigraph::model::Term;

pub use report::{Severity, ValidationReport, Violation};

use engine::Checker;
use report::{Origin, default_message};
use shapes::{Constraint, NodeShape, PropertyShape, display, parse_shapes};

use crate::{KnowledgeGraph, StoreError};

impl KnowledgeGraph {
    /// Validates the store (the union of its graphs) against SHACL shapes in Turtle.
    pub fn validate(&self, shapes_ttl: &str) -> Result<ValidationReport, StoreError> {
        let shapes = parse_shapes(shapes_ttl)?;
        let mut checker = Checker::new(self);
        let mut report = ValidationReport::default();
        for shape in &shapes {
            check_shape(&mut checker, shape, &mut report)?;
        }
        report.violations.sort();
        report.violations.dedup();
        Ok(report)
    }
}

fn check_shape(
    checker: &mut Checker<'_>,
    shape: &NodeShape,
    report: &mut ValidationReport,
) -> Result<(), StoreError> {
    let focus = checker.focus_nodes(&shape.targets)?;
    report.checked.insert(shape.id.clone(), focus.len());
    let node_origin = Origin {
        shape: &shape.id,
        source: &shape.id,
        sparql: None,
        path: None,
        severity: shape.severity,
    };
    for node in &focus {
        for c in &shape.constraints {
            if !checker.value_ok(c, node)? {
                let message = shape
                    .message
                    .clone()
                    .unwrap_or_else(|| default_message(c, 1));
                node_origin.report(report, node, c.component(), Some(node), message);
            }
        }
    }
    for p in &shape.properties {
        check_property(checker, shape, p, &focus, report)?;
    }
    for constraint in &shape.sparql {
        let origin = Origin {
            sparql: Some(&constraint.id),
            ..node_origin.clone()
        };
        let message = constraint
            .message
            .clone()
            .or_else(|| shape.message.clone())
            .unwrap_or_else(|| "SPARQL constraint not satisfied".into());
        for (this, value) in checker.sparql_failures(&constraint.select, &focus)? {
            origin.report(report, &this, "SPARQL", value.as_ref(), message.clone());
        }
    }
    Ok(())
}

fn check_property(
    checker: &mut Checker<'_>,
    shape: &NodeShape,
    p: &PropertyShape,
    focus: &HashSet<Term>,
    report: &mut ValidationReport,
) -> Result<(), StoreError> {
    let values = checker.values(p, focus)?;
    let origin = Origin {
        shape: &shape.id,
        source: &p.id,
        sparql: None,
        path: Some(format!(
            "{}{}",
            if p.inverse { "^" } else { "" },
            display(&p.predicate.clone().into())
        )),
        severity: p.severity,
    };
    for node in focus {
        let vs = values.get(node).map_or(&[][..], Vec::as_slice);
        for c in &p.constraints {
            let message = p
                .message
                .clone()
                .unwrap_or_else(|| default_message(c, vs.len()));
            // Count constraints judge the set of values; the others each value.
            let count_fails = match c {
                Constraint::MinCount(n) => Some(vs.len() < *n),
                Constraint::MaxCount(n) => Some(vs.len() > *n),
                Constraint::HasValue(v) => Some(!vs.contains(v)),
                _ => None,
            };
            match count_fails {
                Some(true) => origin.report(report, node, c.component(), None, message),
                Some(false) => {}
                None => {
                    for v in vs {
                        if !checker.value_ok(c, v)? {
                            origin.report(report, node, c.component(), Some(v), message.clone());
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsupported_constructs_are_refused() {
        let shapes = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n<http://e/S> a sh:NodeShape ; sh:targetClass <http://e/C> ; sh:closed true .";
        let err = parse_shapes(shapes).unwrap_err().to_string();
        assert!(err.contains("sh:closed"), "{err}");
    }
}
