//! `load` of an RDF file: the whole file in one transaction, or nothing.

use std::path::PathBuf;
use std::sync::OnceLock;

use smarty_store::{GraphFormat, KnowledgeGraph, QueryOptions, QueryOutcome, StoreError};

/// What the store holds before the file: a graph of its own and a file loaded before under the
/// same name (which the new load replaces).
const BEFORE: &str = "INSERT DATA { GRAPH <http://example.org/kept> { \
    <http://example.org/a> <http://example.org/p> \"kept\" } }";

/// Every quad, as text, sorted.
const ALL: &str = "SELECT ?g ?s ?p ?o { GRAPH ?g { ?s ?p ?o } }";

fn directory() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temporary directory"))
}

/// The first byte chooses the format (its value modulo 6, in the order of
/// [`GraphFormat::ALL`]: `0` Turtle, `1` N-Triples, `2` N-Quads, `3` TriG, `4` RDF/XML,
/// `5` JSON-LD); the rest is the file. The file is loaded into a store that holds a graph of its
/// own; a load that fails leaves every quad as it was, one that succeeds leaves that graph alone
/// and loads as many distinct quads as the file has.
pub fn load_rdf(data: &[u8]) {
    let Some((&selector, file)) = data.split_first() else {
        return;
    };
    let format = GraphFormat::ALL[usize::from(selector) % GraphFormat::ALL.len()];
    let path: PathBuf = directory()
        .path()
        .join(format!("input.{}", format.extension()));
    std::fs::write(&path, file).expect("the input file is written");

    let kg = KnowledgeGraph::in_memory().expect("an in-memory store");
    kg.update(BEFORE, &QueryOptions::default())
        .expect("the store is filled");
    let before = quads(&kg);
    match kg.load_rdf_file(&path, format) {
        Err(e) => {
            assert!(
                e.is_input_error() || matches!(e, StoreError::TooLarge { .. }),
                "a bad file is not reported as bad input: {e}"
            );
            assert!(
                quads(&kg) == before,
                "a load that failed ({e}) changed the store"
            );
        }
        Ok(report) => {
            let after = quads(&kg);
            for quad in &before {
                assert!(
                    after.contains(quad),
                    "a load dropped a quad of another graph: {quad}"
                );
            }
            let kept = "<http://example.org/kept>";
            let added = after.iter().filter(|q| !q.starts_with(kept)).count();
            // The file's distinct quads, and one quad naming the file's source (plus one per
            // named graph it fills).
            let extra = 1 + report.named_graphs;
            assert!(
                added <= report.quads + extra,
                "{added} quads after a load that reported {} and {extra} about the file",
                report.quads
            );
        }
    }
}

fn quads(kg: &KnowledgeGraph) -> Vec<String> {
    let Ok(QueryOutcome::Solutions(table)) = kg.query(ALL, &QueryOptions::default()) else {
        panic!("the store cannot be read");
    };
    let mut rows: Vec<String> = table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|t| t.as_ref().map_or_else(String::new, ToString::to_string))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    rows.sort();
    rows
}
