//! Answers to SPARQL queries from wherever they come: the embedded store, or a remote SPARQL 1.1
//! endpoint (`smarty-remote`), behind one trait so that every reading command has one code path.
//!
//! A remote server knows neither smarty-kg's predeclared prefixes nor its parameter binding, and
//! its default graph may hold other data than ours. [`Portable`] turns a query as smarty-kg reads
//! it into a text any SPARQL 1.1 server reads the same way: parsed here (prefixes resolved,
//! parameters bound as `VALUES` on the algebra) and printed back with full IRIs, its dataset
//! restricted to the graphs given. [`read_results`] reads the server's answer back into the
//! same [`QueryOutcome`] the local store gives. Both live here because this is the only crate
//! that touches oxigraph.

mod here;
mod portable;
mod settle;
#[cfg(test)]
mod tests;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};

pub use here::{Cut, Here};
pub use portable::Portable;

use crate::query::{QueryOptions, QueryOutcome, SolutionTable};
use crate::{KnowledgeGraph, StoreError};

/// Something that answers SPARQL queries the way [`KnowledgeGraph::query`] does.
pub trait Answers {
    /// Runs a SELECT, ASK, CONSTRUCT or DESCRIBE query under the options (prefixes, parameters,
    /// timeout), the answer settled ([`Portable::settle`]) into the one form smarty-kg prints.
    fn answer(&self, text: &str, options: &QueryOptions) -> Result<QueryOutcome, StoreError>;
}

impl Answers for KnowledgeGraph {
    fn answer(&self, text: &str, options: &QueryOptions) -> Result<QueryOutcome, StoreError> {
        self.query(text, options)
    }
}

/// What a query's answer is made of, which decides what to ask the server for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerForm {
    Solutions,
    Boolean,
    Graph,
}

/// A server's answer read back: SPARQL results (JSON, XML, CSV/TSV) for SELECT and ASK, an RDF
/// serialisation for CONSTRUCT and DESCRIBE, chosen by the response's media type.
pub fn read_results(
    body: &[u8],
    media_type: &str,
    form: AnswerForm,
    variables: &[String],
) -> Result<QueryOutcome, StoreError> {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let bad = |message: String| {
        StoreError::Evaluation(format!("the endpoint's answer ({essence}): {message}"))
    };
    if form == AnswerForm::Graph {
        let format = RdfFormat::from_media_type(&essence)
            .ok_or_else(|| bad("not an RDF serialisation".to_owned()))?;
        let mut triples = Vec::new();
        for quad in RdfParser::from_format(format).for_slice(body) {
            triples.push(oxigraph::model::Triple::from(
                quad.map_err(|e| bad(e.to_string()))?,
            ));
        }
        return Ok(QueryOutcome::Graph(triples));
    }
    let format = QueryResultsFormat::from_media_type(&essence)
        .ok_or_else(|| bad("not a SPARQL results format".to_owned()))?;
    let parsed = QueryResultsParser::from_format(format)
        .for_slice(body)
        .map_err(|e| bad(e.to_string()))?;
    let solutions = match parsed {
        SliceQueryResultsParserOutput::Boolean(b) => return Ok(QueryOutcome::Boolean(b)),
        SliceQueryResultsParserOutput::Solutions(solutions) => solutions,
    };
    // Columns in the order the query projects them (servers may list them in another order).
    let mut names: Vec<String> = variables.to_vec();
    for v in solutions.variables() {
        if !names.iter().any(|n| n == v.as_str()) {
            names.push(v.as_str().to_owned());
        }
    }
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution.map_err(|e| bad(e.to_string()))?;
        rows.push(
            names
                .iter()
                .map(|n| solution.get(n.as_str()).cloned())
                .collect(),
        );
    }
    let table = SolutionTable {
        variables: names,
        rows,
    };
    if form == AnswerForm::Boolean {
        return Ok(QueryOutcome::Boolean(ask_as_select(&table)));
    }
    Ok(QueryOutcome::Solutions(table))
}

/// Some servers (Virtuoso among them) answer an ASK as a one-row, one-column SELECT holding 1
/// or 0, or `true`/`false`.
fn ask_as_select(table: &SolutionTable) -> bool {
    let value = table
        .rows
        .first()
        .and_then(|r| r.first())
        .and_then(Option::as_ref);
    match value {
        Some(oxigraph::model::Term::Literal(l)) => matches!(l.value(), "1" | "true"),
        _ => false,
    }
}
