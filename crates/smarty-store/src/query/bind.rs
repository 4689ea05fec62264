//! Parameters bound as RDF terms: a `VALUES` block added to the parsed algebra, never an edit of
//! the query text.

use oxigraph::model::Term;
use oxigraph::sparql::{CancellationToken, PreparedSparqlQuery, Variable};
use spargebra::algebra::GraphPattern;
use spargebra::term::GroundTerm;

use super::QueryOptions;
use super::hint::Expecting;
use super::order::AnswerOrder;
use super::parse::{parse_check, parser_for, session_evaluator, syntax_error};
use crate::{KnowledgeGraph, StoreError};

/// Adds `VALUES (?a ?b) { (x y) }` at the start of the query's WHERE clause: below the solution
/// modifiers, projection, grouping, filters and binds, so that these see the bound variables.
fn bind_parameters(pattern: GraphPattern, values: &GraphPattern) -> GraphPattern {
    match pattern {
        modifier @ (GraphPattern::Slice { .. }
        | GraphPattern::Distinct { .. }
        | GraphPattern::Reduced { .. }
        | GraphPattern::OrderBy { .. }
        | GraphPattern::Project { .. }
        | GraphPattern::Group { .. }
        | GraphPattern::Filter { .. }
        | GraphPattern::Extend { .. }) => {
            super::algebra::map_children(modifier, &mut |inner| bind_parameters(inner, values))
        }
        other => GraphPattern::Join {
            left: Box::new(values.clone()),
            right: Box::new(other),
        },
    }
}

/// The `VALUES` block of the parameters: one row, a column per parameter.
fn values_block(parameters: &[(String, Term)]) -> Result<GraphPattern, StoreError> {
    let mut variables = Vec::new();
    let mut row = Vec::new();
    for (name, term) in parameters {
        let variable = Variable::new(name.trim_start_matches(['?', '$']))
            .map_err(|e| StoreError::Evaluation(format!("parameter {name}: {e}")))?;
        let value = ground(term).ok_or_else(|| {
            StoreError::Evaluation(format!("parameter {name}: blank nodes cannot be bound"))
        })?;
        variables.push(variable);
        row.push(Some(value));
    }
    Ok(GraphPattern::Values {
        variables,
        bindings: vec![row],
    })
}

/// The query with its parameters bound.
pub(crate) fn bind(
    mut query: spargebra::Query,
    parameters: &[(String, Term)],
) -> Result<spargebra::Query, StoreError> {
    let values = values_block(parameters)?;
    super::algebra::rewrite_where(&mut query, |pattern| bind_parameters(pattern, &values));
    Ok(query)
}

fn ground(term: &Term) -> Option<GroundTerm> {
    match term {
        Term::NamedNode(n) => Some(GroundTerm::NamedNode(n.clone())),
        Term::Literal(l) => Some(GroundTerm::Literal(l.clone())),
        _ => None,
    }
}

impl KnowledgeGraph {
    /// Parses a query for evaluation: session prefixes, parameters bound, the default graph the
    /// union of the named graphs (unless the query names its dataset, or the options are strict),
    /// and a SELECT's ORDER BY lifted off to be sorted after evaluation ([`super::order`]), which
    /// the caller applies.
    pub(crate) fn prepare(
        &self,
        text: &str,
        options: &QueryOptions,
        token: &CancellationToken,
    ) -> Result<(PreparedSparqlQuery, Option<AnswerOrder>), StoreError> {
        parse_check(text)?;
        let evaluator = session_evaluator(token, options)?;
        // Parsed by spargebra, as oxigraph's own parse does, so that the algebra can be changed.
        let mut query = parser_for(options)
            .parse_query(text)
            .map_err(|e| syntax_error(&e, text, options, Expecting::Query))?;
        if !options.parameters.is_empty() {
            query = bind(query, &options.parameters)?;
        }
        let lifted = super::order::lift(&mut query);
        let mut prepared = evaluator.for_query(query);
        if !options.strict && prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        Ok((prepared, lifted))
    }
}
