//! Writing query results in a standard serialisation.

use std::io::Write;

use oxigraph::io::RdfSerializer;
use oxigraph::model::Triple;
use oxigraph::sparql::Variable;
use oxigraph::sparql::results::QueryResultsSerializer;

use super::{QueryOutcome, SolutionTable};
use crate::StoreError;
use crate::format::{GraphFormat, ResultsFormat};

/// How to write a query's outcome: a results format for SELECT/ASK, an RDF format for
/// CONSTRUCT/DESCRIBE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryOutput {
    Results(ResultsFormat),
    Graph(GraphFormat),
}

impl QueryOutput {
    pub fn media_type(self) -> &'static str {
        match self {
            QueryOutput::Results(f) => f.media_type(),
            QueryOutput::Graph(f) => f.media_type(),
        }
    }

    /// Whether a line break should follow the output on a terminal.
    pub fn needs_final_newline(self) -> bool {
        match self {
            QueryOutput::Results(f) => f.needs_final_newline(),
            QueryOutput::Graph(f) => f.needs_final_newline(),
        }
    }
}

/// Writes results in a standard format: SPARQL results formats for SELECT/ASK, RDF formats for
/// CONSTRUCT/DESCRIBE (with the common prefixes, for Turtle and RDF/XML).
pub fn write_outcome(
    outcome: &QueryOutcome,
    format: QueryOutput,
    out: impl Write,
) -> Result<(), StoreError> {
    match (outcome, format) {
        (QueryOutcome::Boolean(b), QueryOutput::Results(f)) => {
            QueryResultsSerializer::from_format(f.to_oxigraph())
                .serialize_boolean_to_writer(out, *b)
                .map(drop)
                .map_err(io)
        }
        (QueryOutcome::Solutions(table), QueryOutput::Results(f)) => write_solutions(table, f, out),
        (QueryOutcome::Graph(triples), QueryOutput::Graph(f)) => write_graph(triples, f, out),
        (QueryOutcome::Graph(_), QueryOutput::Results(_)) => Err(StoreError::WrongFormat(
            "CONSTRUCT and DESCRIBE give RDF: choose turtle, ntriples, rdfxml or jsonld".into(),
        )),
        (_, QueryOutput::Graph(_)) => Err(StoreError::WrongFormat(
            "SELECT and ASK give solutions: choose table, json, xml, csv or tsv".into(),
        )),
    }
}

fn io(e: std::io::Error) -> StoreError {
    StoreError::Evaluation(format!("cannot write results: {e}"))
}

fn write_solutions(
    table: &SolutionTable,
    format: ResultsFormat,
    mut out: impl Write,
) -> Result<(), StoreError> {
    let variables: Vec<Variable> = table
        .variables
        .iter()
        .map(|v| Variable::new_unchecked(v.clone()))
        .collect();
    let mut w = QueryResultsSerializer::from_format(format.to_oxigraph())
        .serialize_solutions_to_writer(&mut out, variables.clone())
        .map_err(io)?;
    for row in &table.rows {
        w.serialize(
            variables
                .iter()
                .zip(row)
                .filter_map(|(v, t)| t.as_ref().map(|t| (v, t))),
        )
        .map_err(io)?;
    }
    w.finish().map_err(io)?;
    Ok(())
}

/// Triples sorted, so the same outcome always gives the same bytes.
fn write_graph(
    triples: &[Triple],
    format: GraphFormat,
    mut out: impl Write,
) -> Result<(), StoreError> {
    let mut serializer = RdfSerializer::from_format(format.to_oxigraph());
    for (prefix, ns) in smarty_rdf::vocab::PREFIXES {
        serializer = serializer
            .with_prefix(*prefix, *ns)
            .map_err(|e| StoreError::Evaluation(e.to_string()))?;
    }
    let mut sorted: Vec<&Triple> = triples.iter().collect();
    sorted.sort_by_cached_key(|t| t.to_string());
    let mut w = serializer.for_writer(&mut out);
    for t in sorted {
        w.serialize_triple(t).map_err(io)?;
    }
    w.finish().map_err(io)?;
    Ok(())
}
