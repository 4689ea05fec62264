//! A query as any SPARQL 1.1 server reads it: parsed here with smarty-kg's prefixes and
//! parameters, printed back with full IRIs, restricted to smarty-kg's graphs, and rewritten
//! where servers are known to read the standard text differently.

use oxigraph::model::NamedNode;
use spargebra::algebra::{Expression, GraphPattern, OrderExpression, QueryDataset};
use spargebra::term::{TermPattern, TriplePattern, Variable};

use super::AnswerForm;
use crate::StoreError;
use crate::query::{AnswerOrder, QueryOptions, parse_check};

/// A query as any SPARQL 1.1 server reads it.
#[derive(Debug, Clone)]
pub struct Portable {
    pub(super) query: spargebra::Query,
}

impl Portable {
    /// Parses a query with the session's prefixes and binds its parameters; when `graphs` is
    /// given and the query names no dataset of its own, its default graph becomes their merge
    /// and its named graphs exactly them (smarty-kg's default graph is the union of its graphs;
    /// a server's may hold other data, its own system graphs among them).
    pub fn new(
        text: &str,
        options: &QueryOptions,
        graphs: Option<&[String]>,
    ) -> Result<Portable, StoreError> {
        parse_check(text)?;
        let parsed = crate::query::parser_for(options)
            .parse_query(text)
            .map_err(|e| {
                crate::query::syntax_error(&e, text, options, crate::query::Expecting::Query)
            })?;
        let mut query = if options.parameters.is_empty() {
            parsed
        } else {
            crate::query::bind(parsed, &options.parameters)?
        };
        unblank_query(&mut query);
        let portable = Portable { query };
        Ok(match graphs {
            Some(graphs) => portable.within(graphs),
            None => portable,
        })
    }

    /// The query reading only these graphs (its default graph their merge, its named graphs
    /// exactly them), unless it names a dataset of its own.
    pub fn within(mut self, graphs: &[String]) -> Portable {
        let dataset = match &mut self.query {
            spargebra::Query::Select { dataset, .. }
            | spargebra::Query::Construct { dataset, .. }
            | spargebra::Query::Describe { dataset, .. }
            | spargebra::Query::Ask { dataset, .. } => dataset,
        };
        if dataset.is_none() {
            let nodes: Vec<NamedNode> = graphs
                .iter()
                .filter_map(|g| NamedNode::new(g.as_str()).ok())
                .collect();
            *dataset = Some(QueryDataset {
                default: nodes.clone(),
                named: Some(nodes),
            });
        }
        self
    }

    pub fn form(&self) -> AnswerForm {
        match self.query {
            spargebra::Query::Select { .. } => AnswerForm::Solutions,
            spargebra::Query::Ask { .. } => AnswerForm::Boolean,
            _ => AnswerForm::Graph,
        }
    }

    /// The query text, with full IRIs.
    pub fn text(&self) -> String {
        ascii(&self.query.to_string())
    }

    /// The variables a SELECT projects, in order (empty for other forms).
    pub fn variables(&self) -> Vec<String> {
        match &self.query {
            spargebra::Query::Select { pattern, .. } => projected(pattern)
                .iter()
                .map(|v| v.as_str().to_owned())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The query without its ORDER BY, to be read in the server's own order, and the order that
    /// sorts its rows afterwards (`None` when it has no ORDER BY to lift): a server that sorts
    /// only so many rows (Virtuoso's MaxSortedTopRows) cannot give its later pages in order.
    /// The unsorted query's variables are the query's, then the sort keys it computes.
    pub fn without_order(&self) -> (Portable, Option<AnswerOrder>) {
        let mut query = self.query.clone();
        let order = crate::query::lift(&mut query);
        (Portable { query }, order)
    }

    /// One page of a SELECT: rows `offset..offset + limit`, `sorted` in a fixed order (the
    /// query's own ORDER BY, else every projected variable ascending) or in the server's own.
    /// `None` when the query cannot be paged this way: not a SELECT, or one with a LIMIT or
    /// OFFSET of its own.
    pub fn page(&self, offset: usize, limit: usize, sorted: bool) -> Option<String> {
        let pattern = self.select_pattern()?;
        if matches!(pattern, GraphPattern::Slice { .. }) {
            return None;
        }
        let ordered = if sorted {
            ordered(pattern.clone())
        } else {
            pattern.clone()
        };
        let paged = self.reselect(
            GraphPattern::Slice {
                inner: Box::new(ordered),
                start: offset,
                length: Some(limit),
            },
            true,
        );
        Some(paged.text())
    }
}

impl Portable {
    /// A SELECT's pattern (its WHERE clause under its solution modifiers); `None` for the other
    /// forms.
    pub(super) fn select_pattern(&self) -> Option<&GraphPattern> {
        match &self.query {
            spargebra::Query::Select { pattern, .. } => Some(pattern),
            _ => None,
        }
    }

    /// A SELECT of `pattern` with this query's base IRI, and its dataset when `same_dataset`.
    pub(super) fn reselect(&self, pattern: GraphPattern, same_dataset: bool) -> Portable {
        let (dataset, base_iri) = match &self.query {
            spargebra::Query::Select {
                dataset, base_iri, ..
            }
            | spargebra::Query::Construct {
                dataset, base_iri, ..
            }
            | spargebra::Query::Describe {
                dataset, base_iri, ..
            }
            | spargebra::Query::Ask {
                dataset, base_iri, ..
            } => (dataset, base_iri),
        };
        Portable {
            query: spargebra::Query::Select {
                dataset: dataset.clone().filter(|_| same_dataset),
                pattern,
                base_iri: base_iri.clone(),
            },
        }
    }
}

/// The text with every character beyond ASCII written as a SPARQL codepoint escape (`\u00E9`),
/// which the grammar reads before anything else: Virtuoso reads the characters of a query's
/// text as Latin-1, and turns an ellipsis in a string into `?`.
fn ascii(text: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match u32::from(c) {
            0..0x80 => out.push(c),
            code @ 0x80..0x10000 => {
                let _ = write!(out, "\\u{code:04X}");
            }
            code => {
                let _ = write!(out, "\\U{code:08X}");
            }
        }
    }
    out
}

/// The variables below the solution modifiers' projection.
fn projected(pattern: &GraphPattern) -> Vec<Variable> {
    match pattern {
        GraphPattern::Slice { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::OrderBy { inner, .. } => projected(inner),
        GraphPattern::Project { variables, .. } => variables.clone(),
        _ => Vec::new(),
    }
}

/// The pattern with an ORDER BY of the variables just below its projection, unless it has one.
fn ordered(pattern: GraphPattern) -> GraphPattern {
    match pattern {
        GraphPattern::Distinct { inner } => GraphPattern::Distinct {
            inner: Box::new(ordered(*inner)),
        },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced {
            inner: Box::new(ordered(*inner)),
        },
        GraphPattern::Project { inner, variables } => {
            let inner = match *inner {
                already @ GraphPattern::OrderBy { .. } => already,
                other => GraphPattern::OrderBy {
                    inner: Box::new(other),
                    expression: variables
                        .iter()
                        .map(|v| OrderExpression::Asc(Expression::Variable(v.clone())))
                        .collect(),
                },
            };
            GraphPattern::Project {
                inner: Box::new(inner),
                variables,
            }
        }
        other => other,
    }
}

/// The query's WHERE clause with its blank nodes as variables (a CONSTRUCT template keeps its
/// own: there they mint new nodes). The algebra writes a sequence path `a/b*` as two patterns
/// joined by a blank node, and Virtuoso refuses a transitive pattern whose subject is one; a
/// blank node in a pattern means the same as a variable that is not projected.
fn unblank_query(query: &mut spargebra::Query) {
    crate::query::rewrite_where(query, unblank);
}

fn unblank_term(term: TermPattern) -> TermPattern {
    match term {
        TermPattern::BlankNode(b) => {
            TermPattern::Variable(Variable::new_unchecked(format!("bnode_{}", b.as_str())))
        }
        other => other,
    }
}

fn unblank(pattern: GraphPattern) -> GraphPattern {
    match pattern {
        GraphPattern::Bgp { patterns } => GraphPattern::Bgp {
            patterns: patterns
                .into_iter()
                .map(|t| TriplePattern {
                    subject: unblank_term(t.subject),
                    predicate: t.predicate,
                    object: unblank_term(t.object),
                })
                .collect(),
        },
        GraphPattern::Path {
            subject,
            path,
            object,
        } => GraphPattern::Path {
            subject: unblank_term(subject),
            path,
            object: unblank_term(object),
        },
        // Patterns inside expressions (EXISTS) are left as written.
        other => crate::query::map_children(other, &mut unblank),
    }
}
