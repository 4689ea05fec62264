//! The top of a query evaluated here, on rows a server sent, where the server cannot do it.
//!
//! Servers have limits the standard does not: Virtuoso 7 keeps at most about 4,000 characters
//! in a value it groups or sorts on ("SR319 Max row length is exceeded", "SR478 Value of ANY
//! type column too long"), so a `GROUP_CONCAT` of thousands of titles fails there, and it
//! refuses to hash the values of a `DISTINCT` answer with sort keys computed after it ("SR445").
//! What it *can* do is find the rows. [`Portable::split`] cuts a SELECT in two at a node of its
//! algebra: the rows below the cut, as a query for the server, and the rest of the query,
//! which [`Here::finish`] evaluates with oxigraph on those rows (a `VALUES` block in place of
//! the cut, in an empty in-memory store). Same algebra, same engine as the embedded store: the
//! answer is the one smarty-kg would give locally.
//!
//! Only the solution modifiers and aggregation above the cut run here; a part that reads the
//! dataset (an `EXISTS`) cannot, and such a query is not split.

use std::collections::HashMap;

use oxigraph::model::{BlankNode, NamedNode, Term};
use oxigraph::sparql::SparqlEvaluator;
use oxigraph::store::Store;
use spargebra::algebra::{AggregateExpression, GraphPattern, OrderExpression};
use spargebra::term::{GroundTerm, Variable};

use super::Portable;
use crate::StoreError;
use crate::query::variables_of;
use crate::query::{QueryOutcome, SolutionTable};

/// Where a query is cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// Below its GROUP BY: the server finds the rows to group, their grouping and aggregates
    /// are computed here.
    Group,
    /// At its DISTINCT: the server gives the distinct rows, what the query computes from them
    /// (sort keys) is computed here.
    Distinct,
}

/// The part of a query evaluated here, waiting for the rows the server finds.
#[derive(Debug, Clone)]
pub struct Here {
    /// The query, its cut replaced by an empty VALUES over `variables`.
    query: spargebra::Query,
    variables: Vec<Variable>,
}

/// Blank nodes cannot stand in a VALUES block: they travel as IRIs of this prefix and are
/// turned back into blank nodes in the answer.
const BLANK: &str = "urn:smarty-kg:here:blank:";

impl Portable {
    /// The query cut at `cut`: the query for the rows below it, and what is left to do here.
    /// `None` when the query has no such node among its solution modifiers, or reads the
    /// dataset above it.
    pub fn split(&self, cut: Cut) -> Option<(Portable, Here)> {
        let (below, variables, above) = split_pattern(self.select_pattern()?, cut)?;
        let here = Here {
            query: self.reselect(above, false).query,
            variables,
        };
        Some((self.reselect(below, true), here))
    }
}

impl Here {
    /// The query's answer, computed here from the rows the server found (columns named as the
    /// split's row query projects them).
    pub fn finish(&self, rows: SolutionTable) -> Result<QueryOutcome, StoreError> {
        let columns: Vec<Option<usize>> = self
            .variables
            .iter()
            .map(|v| rows.variables.iter().position(|c| c == v.as_str()))
            .collect();
        let mut bindings = Vec::with_capacity(rows.rows.len());
        for row in rows.rows {
            let values = columns
                .iter()
                .map(|c| c.and_then(|c| row.get(c).cloned().flatten()).map(ground))
                .collect();
            bindings.push(values);
        }
        let values = GraphPattern::Values {
            variables: self.variables.clone(),
            bindings,
        };
        let mut query = self.query.clone();
        crate::query::rewrite_where(&mut query, |pattern| fill(pattern, &mut Some(values)));
        let store = Store::new().map_err(StoreError::from)?;
        let results = SparqlEvaluator::new()
            .for_query(query)
            .on_store(&store)
            .execute()
            .map_err(crate::query::evaluation_error)?;
        let (outcome, _) =
            crate::query::materialise_at_most(results, usize::MAX, crate::query::evaluation_error)?;
        Ok(unground(outcome))
    }
}

/// The rows below the cut as a SELECT pattern, the variables they bind, and the pattern above
/// with an empty VALUES in the cut's place.
fn split_pattern(
    pattern: &GraphPattern,
    cut: Cut,
) -> Option<(GraphPattern, Vec<Variable>, GraphPattern)> {
    let rebuild = |inner: GraphPattern| -> GraphPattern {
        crate::query::map_children(pattern.clone(), &mut |_| inner.clone())
    };
    match (pattern, cut) {
        (
            GraphPattern::Group {
                inner,
                variables,
                aggregates,
            },
            Cut::Group,
        ) => {
            let mut needed = variables.clone();
            for (_, aggregate) in aggregates {
                if let AggregateExpression::FunctionCall { expr, .. } = aggregate
                    && !variables_of(expr, &mut needed)
                {
                    return None;
                }
            }
            // Without a variable to project the rows could not be counted.
            if needed.is_empty() {
                return None;
            }
            let below = GraphPattern::Project {
                inner: inner.clone(),
                variables: needed.clone(),
            };
            Some((below, needed.clone(), rebuild(empty(needed))))
        }
        (GraphPattern::Distinct { inner }, Cut::Distinct) => {
            let GraphPattern::Project { variables, .. } = inner.as_ref() else {
                return None;
            };
            Some((pattern.clone(), variables.clone(), empty(variables.clone())))
        }
        (
            GraphPattern::Slice { inner, .. }
            | GraphPattern::Reduced { inner }
            | GraphPattern::Distinct { inner }
            | GraphPattern::Project { inner, .. },
            _,
        ) => {
            let (below, variables, above) = split_pattern(inner, cut)?;
            Some((below, variables, rebuild(above)))
        }
        (GraphPattern::OrderBy { inner, expression }, _) => {
            let mut seen = Vec::new();
            let reads_data = expression.iter().any(|e| match e {
                OrderExpression::Asc(e) | OrderExpression::Desc(e) => !variables_of(e, &mut seen),
            });
            if reads_data {
                return None;
            }
            let (below, variables, above) = split_pattern(inner, cut)?;
            Some((below, variables, rebuild(above)))
        }
        (
            GraphPattern::Extend {
                inner, expression, ..
            },
            _,
        )
        | (
            GraphPattern::Filter {
                inner,
                expr: expression,
            },
            _,
        ) => {
            if !variables_of(expression, &mut Vec::new()) {
                return None;
            }
            let (below, variables, above) = split_pattern(inner, cut)?;
            Some((below, variables, rebuild(above)))
        }
        _ => None,
    }
}

fn empty(variables: Vec<Variable>) -> GraphPattern {
    GraphPattern::Values {
        variables,
        bindings: Vec::new(),
    }
}

/// The pattern with its (one) empty VALUES filled with `values`.
fn fill(pattern: GraphPattern, values: &mut Option<GraphPattern>) -> GraphPattern {
    match pattern {
        GraphPattern::Values { ref bindings, .. } if bindings.is_empty() => {
            values.take().unwrap_or(pattern)
        }
        other => crate::query::map_children(other, &mut |p| fill(p, values)),
    }
}

fn ground(term: Term) -> GroundTerm {
    match term {
        Term::BlankNode(b) => NamedNode::new_unchecked(format!("{BLANK}{}", b.as_str())).into(),
        other => GroundTerm::try_from(other)
            .unwrap_or_else(|_| NamedNode::new_unchecked(format!("{BLANK}unsupported")).into()),
    }
}

/// The answer with the blank nodes that travelled as IRIs made blank nodes again.
fn unground(outcome: QueryOutcome) -> QueryOutcome {
    let QueryOutcome::Solutions(mut table) = outcome else {
        return outcome;
    };
    let mut blank: HashMap<String, BlankNode> = HashMap::new();
    for row in &mut table.rows {
        for cell in row.iter_mut() {
            if let Some(Term::NamedNode(n)) = cell
                && let Some(id) = n.as_str().strip_prefix(BLANK)
            {
                let node = blank
                    .entry(id.to_owned())
                    .or_insert_with(|| BlankNode::new(id).unwrap_or_default());
                *cell = Some(node.clone().into());
            }
        }
    }
    QueryOutcome::Solutions(table)
}
