//! The lifted ORDER BY against the engine's own: the same rows in the same order.

use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};

use crate::{KnowledgeGraph, QueryOptions, QueryOutcome};

/// Terms of every kind SPARQL orders, some in two graphs, one subject without a value.
const DATA: &str = r#"
PREFIX ex: <http://example.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA {
  GRAPH ex:g1 {
    ex:a ex:v 10 ; ex:n "a" . ex:b ex:v 9.5 ; ex:n "b" . ex:c ex:v "1e1"^^xsd:double ; ex:n "c" .
    ex:d ex:v "2.5"^^xsd:float ; ex:n "d" . ex:e ex:v "zeta" ; ex:n "e" .
    ex:f ex:v "alpha"@en ; ex:n "f" . ex:g ex:v "Alpha"@de ; ex:n "g" . ex:h ex:v ex:iri ; ex:n "h" .
    ex:i ex:v _:blank ; ex:n "i" . ex:j ex:v true ; ex:n "j" . ex:k ex:v false ; ex:n "k" .
    ex:l ex:v "2024-01-02"^^xsd:date ; ex:n "l" . ex:m ex:v "2023-12-31"^^xsd:date ; ex:n "m" .
    ex:o ex:v "x"^^ex:custom ; ex:n "o" . ex:p ex:n "p" . ex:q ex:v -3 ; ex:n "q" .
    ex:r ex:v "2024-01-02T10:00:00Z"^^xsd:dateTime ; ex:n "r" . ex:s ex:v "Zeta" ; ex:n "s" .
  }
  GRAPH ex:g2 { ex:a ex:v 10 ; ex:n "a" . ex:t ex:v "P1Y"^^xsd:duration ; ex:n "t" . }
}
"#;

fn store() -> KnowledgeGraph {
    let kg = KnowledgeGraph::in_memory().expect("store");
    kg.update(DATA, &QueryOptions::default()).expect("data");
    kg
}

/// The engine's answer to `text`, with the default graph the union of the named graphs, its
/// columns in the order `columns` names them.
fn engine(kg: &KnowledgeGraph, text: &str, columns: &[String]) -> Vec<Vec<Option<Term>>> {
    let mut prepared = SparqlEvaluator::new().parse_query(text).expect("parses");
    prepared.dataset_mut().set_default_graph_as_union();
    let QueryResults::Solutions(solutions) = prepared.on_store(&kg.store).execute().expect("runs")
    else {
        panic!("not a SELECT")
    };
    solutions
        .map(|s| {
            let s = s.expect("solution");
            columns.iter().map(|v| s.get(v.as_str()).cloned()).collect()
        })
        .collect()
}

/// Our answer to `text` has the engine's rows in the engine's order. The queries end their
/// ORDER BY on a key without ties, so that there is one right order.
fn check(text: &str) {
    let kg = store();
    let text = format!("PREFIX ex: <http://example.org/>\n{text}");
    let QueryOutcome::Solutions(ours) = kg.query(&text, &QueryOptions::default()).expect("runs")
    else {
        panic!("not a SELECT")
    };
    assert_eq!(ours.rows, engine(&kg, &text, &ours.variables), "{text}");
}

#[test]
fn every_kind_of_term_sorts_as_the_engine_sorts_it() {
    check("SELECT ?s ?v ?n { ?s ex:n ?n OPTIONAL { ?s ex:v ?v } } ORDER BY ?v ?n");
    check("SELECT ?s ?v { ?s ex:n ?n OPTIONAL { ?s ex:v ?v } } ORDER BY DESC(?v) ?n");
}

#[test]
fn expressions_and_variables_not_selected_are_keys() {
    check("SELECT ?s { ?s ex:n ?n OPTIONAL { ?s ex:v ?v } } ORDER BY STR(?v) ?n");
    check("SELECT ?n { ?s ex:n ?n OPTIONAL { ?s ex:v ?v } } ORDER BY DESC(isLiteral(?v)) DESC(?n)");
}

#[test]
fn distinct_limit_and_offset_apply_around_the_sort() {
    check("SELECT DISTINCT ?s ?v { ?s ex:v ?v } ORDER BY ?v ?s LIMIT 5 OFFSET 2");
    check("SELECT DISTINCT ?n { ?s ex:n ?n } ORDER BY DESC(UCASE(?n)) OFFSET 3");
    check("SELECT ?s { ?s ex:n ?n } ORDER BY ?n LIMIT 0");
    check("SELECT * { ?s ex:n ?n } ORDER BY DESC(?n) LIMIT 4");
}

#[test]
fn grouped_answers_sort_on_their_aggregates() {
    check("SELECT ?s (COUNT(*) AS ?c) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?s ORDER BY DESC(?c) ?s");
}

#[test]
fn a_distinct_query_keyed_on_what_it_does_not_keep_is_left_to_the_engine() {
    let mut query = spargebra::SparqlParser::new()
        .parse_query("SELECT DISTINCT ?s { ?s <http://example.org/n> ?n } ORDER BY ?n")
        .expect("parses");
    assert!(super::lift(&mut query).is_none());
    check("SELECT DISTINCT ?s { ?s ex:n ?n } ORDER BY ?n");
}
