//! Writing query results in a standard serialisation.

use std::io::Write;

use oxigraph::model::Triple;
use oxigraph::sparql::Variable;
use oxigraph::sparql::results::QueryResultsSerializer;

use super::{QueryOutcome, SolutionTable};
use smarty_rdf::prefixes::PrefixUse;

use crate::StoreError;
use crate::format::{GraphFormat, ResultsFormat};
use crate::serialize::GraphWriter;

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

    /// Whether a line break should follow the output on a terminal (graphs end with one).
    pub fn needs_final_newline(self) -> bool {
        match self {
            QueryOutput::Results(f) => f.needs_final_newline(),
            QueryOutput::Graph(_) => false,
        }
    }
}

/// Writes results in a standard format: SPARQL results formats for SELECT/ASK, RDF formats for
/// CONSTRUCT/DESCRIBE (declaring the predeclared prefixes they use; JSON-LD compacted).
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
    let mut sorted: Vec<&Triple> = triples.iter().collect();
    sorted.sort_by_cached_key(|t| t.to_string());
    let mut used = PrefixUse::default();
    for t in &sorted {
        used.note_triple(t.as_ref());
    }
    let mut w = GraphWriter::new(format, used, false, &mut out)?;
    for t in sorted {
        w.write_triple(t.as_ref()).map_err(io)?;
    }
    w.finish().map_err(io)?;
    Ok(())
}
