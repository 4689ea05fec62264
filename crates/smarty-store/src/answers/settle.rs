//! Answers settled into the one form smarty-kg prints, whichever engine computed them: where
//! SPARQL leaves a choice to the engine, or an engine departs from the standard in a way no
//! query text avoids, the answer is made the same here (`Portable::settle`).

use oxigraph::model::{Literal, Term};
use spargebra::algebra::{AggregateExpression, AggregateFunction, Expression, GraphPattern};

use super::Portable;
use crate::query::QueryOutcome;

impl Portable {
    /// The answer in the one form smarty-kg prints, whoever computed it: the parts of each
    /// `GROUP_CONCAT` sorted (SPARQL leaves their order to the engine, and engines differ),
    /// without a language tag (some keep a tag all the parts share, others drop it), and
    /// unbound when there is nothing to concatenate; a variable bound to a boolean expression
    /// `true` or `false` where the engine answers 1 or 0 (Virtuoso has no boolean values).
    pub fn settle(&self, outcome: QueryOutcome) -> QueryOutcome {
        let QueryOutcome::Solutions(mut table) = outcome else {
            return outcome;
        };
        let spargebra::Query::Select { pattern, .. } = &self.query else {
            return QueryOutcome::Solutions(table);
        };
        let booleans = boolean_variables(pattern);
        for (column, variable) in table.variables.iter().enumerate() {
            if !booleans.contains(variable.as_str()) {
                continue;
            }
            for row in &mut table.rows {
                if let Some(Some(Term::Literal(l))) = row.get(column)
                    && let Some(b) = match l.value() {
                        "1" => Some(true),
                        "0" => Some(false),
                        _ => None,
                    }
                {
                    row[column] = Some(Term::Literal(Literal::from(b)));
                }
            }
        }
        let mut concatenated = Vec::new();
        concatenations(pattern, &mut concatenated);
        for (variable, separator) in concatenated {
            let Some(column) = table.variables.iter().position(|v| *v == variable) else {
                continue;
            };
            for row in &mut table.rows {
                if let Some(Some(Term::Literal(l))) = row.get(column) {
                    let mut parts: Vec<&str> = if separator.is_empty() {
                        vec![l.value()]
                    } else {
                        l.value().split(separator.as_str()).collect()
                    };
                    parts.sort_unstable();
                    let joined = parts.join(&separator);
                    // Of nothing: "" on some engines, unbound on others; unbound here.
                    row[column] = (!joined.is_empty())
                        .then(|| Term::Literal(Literal::new_simple_literal(joined)));
                }
            }
        }
        QueryOutcome::Solutions(table)
    }
}

/// The variables the query binds (`BIND`, `AS`) to expressions whose value is a boolean.
fn boolean_variables(pattern: &GraphPattern) -> std::collections::HashSet<String> {
    let mut bindings = Vec::new();
    extensions(pattern, &mut bindings);
    let mut booleans = std::collections::HashSet::new();
    // Until nothing changes: a variable bound to a boolean variable is one too.
    loop {
        let before = booleans.len();
        for (variable, expression) in &bindings {
            if is_boolean(expression, &booleans) {
                booleans.insert(variable.clone());
            }
        }
        if booleans.len() == before {
            return booleans;
        }
    }
}

fn extensions<'a>(pattern: &'a GraphPattern, out: &mut Vec<(String, &'a Expression)>) {
    match pattern {
        GraphPattern::Extend {
            inner,
            variable,
            expression,
        } => {
            out.push((variable.as_str().to_owned(), expression));
            extensions(inner, out);
        }
        GraphPattern::Join { left, right }
        | GraphPattern::LeftJoin { left, right, .. }
        | GraphPattern::Union { left, right }
        | GraphPattern::Minus { left, right } => {
            extensions(left, out);
            extensions(right, out);
        }
        GraphPattern::Filter { inner, .. }
        | GraphPattern::Graph { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::Group { inner, .. }
        | GraphPattern::Service { inner, .. } => extensions(inner, out),
        _ => {}
    }
}

fn is_boolean(expression: &Expression, booleans: &std::collections::HashSet<String>) -> bool {
    use spargebra::algebra::Function;
    match expression {
        Expression::Literal(l) => l.datatype().as_str() == XSD_BOOLEAN,
        Expression::Variable(v) => booleans.contains(v.as_str()),
        Expression::Or(..)
        | Expression::And(..)
        | Expression::Equal(..)
        | Expression::SameTerm(..)
        | Expression::Greater(..)
        | Expression::GreaterOrEqual(..)
        | Expression::Less(..)
        | Expression::LessOrEqual(..)
        | Expression::In(..)
        | Expression::Not(..)
        | Expression::Exists(..)
        | Expression::Bound(..) => true,
        Expression::If(_, then, otherwise) => {
            is_boolean(then, booleans) && is_boolean(otherwise, booleans)
        }
        Expression::Coalesce(all) => !all.is_empty() && all.iter().all(|e| is_boolean(e, booleans)),
        Expression::FunctionCall(function, _) => matches!(
            function,
            Function::LangMatches
                | Function::Contains
                | Function::StrStarts
                | Function::StrEnds
                | Function::IsIri
                | Function::IsBlank
                | Function::IsLiteral
                | Function::IsNumeric
                | Function::Regex
        ),
        _ => false,
    }
}

const XSD_BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";

/// The variables holding a `GROUP_CONCAT` (the aggregate's own, and those bound to it by a
/// projection's `AS`), with their separators.
fn concatenations(pattern: &GraphPattern, out: &mut Vec<(String, String)>) {
    match pattern {
        GraphPattern::Group {
            inner, aggregates, ..
        } => {
            for (variable, aggregate) in aggregates {
                if let AggregateExpression::FunctionCall {
                    name: AggregateFunction::GroupConcat { separator },
                    ..
                } = aggregate
                {
                    let separator = separator.clone().unwrap_or_else(|| " ".to_owned());
                    out.push((variable.as_str().to_owned(), separator));
                }
            }
            concatenations(inner, out);
        }
        GraphPattern::Extend {
            inner,
            variable,
            expression,
        } => {
            concatenations(inner, out);
            if let Expression::Variable(from) = expression
                && let Some((_, separator)) = out.iter().find(|(v, _)| v == from.as_str())
            {
                let separator = separator.clone();
                out.push((variable.as_str().to_owned(), separator));
            }
        }
        GraphPattern::Slice { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::Filter { inner, .. } => concatenations(inner, out),
        _ => {}
    }
}
