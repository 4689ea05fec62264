//! Portable queries and answers read back, checked against the embedded store.

use super::{AnswerForm, Portable, read_results};
use crate::{KnowledgeGraph, QueryOptions, QueryOutcome, Term};

fn portable(text: &str, graphs: Option<&[String]>) -> Portable {
    Portable::new(text, &QueryOptions::default(), graphs).expect("parses")
}

#[test]
fn a_portable_query_has_full_iris_and_reads_only_the_graphs_given() {
    let graphs = vec!["https://w3id.org/smarty-kg/graph/doc/a/1".to_owned()];
    let text = portable(
        "SELECT ?p WHERE { ?p a smarty:GoodPractice }",
        Some(&graphs),
    )
    .text();
    assert!(
        text.contains("<https://w3id.org/smarty-kg/def#GoodPractice>"),
        "{text}"
    );
    assert!(
        text.contains("FROM <https://w3id.org/smarty-kg/graph/doc/a/1>"),
        "{text}"
    );
    assert!(
        text.contains("FROM NAMED <https://w3id.org/smarty-kg/graph/doc/a/1>"),
        "{text}"
    );
    // A query naming its own dataset keeps it.
    let own = portable(
        "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }",
        Some(&graphs),
    );
    assert!(!own.text().contains("smarty-kg/graph"), "{}", own.text());
}

#[test]
fn parameters_reach_the_server_bound() {
    let options = QueryOptions {
        parameters: vec![(
            "p".to_owned(),
            Term::NamedNode(crate::NamedNode::new_unchecked("http://example.org/x")),
        )],
        ..QueryOptions::default()
    };
    let q = Portable::new("SELECT ?p ?o WHERE { ?p ?x ?o }", &options, None).expect("parses");
    assert!(
        q.text()
            .contains("VALUES ( ?p ) { ( <http://example.org/x> )"),
        "{}",
        q.text()
    );
}

#[test]
fn a_page_is_ordered_and_sliced_and_keeps_the_query_own_order() {
    let q = portable("SELECT DISTINCT ?s WHERE { ?s ?p ?o }", None);
    let page = q.page(2000, 1000, true).expect("pageable");
    assert!(page.contains("ORDER BY ASC(?s)"), "{page}");
    assert!(
        page.contains("LIMIT 1000") && page.contains("OFFSET 2000"),
        "{page}"
    );
    let ordered = portable("SELECT ?s WHERE { ?s ?p ?o } ORDER BY DESC(?o)", None);
    let page = ordered.page(0, 10, true).expect("pageable");
    assert!(
        page.contains("DESC(?o)") && !page.contains("ASC(?s)"),
        "{page}"
    );
    assert!(
        portable("SELECT ?s WHERE { ?s ?p ?o } LIMIT 5", None)
            .page(0, 10, true)
            .is_none()
    );
    assert!(
        portable("ASK { ?s ?p ?o }", None)
            .page(0, 10, true)
            .is_none()
    );
}

/// Pages of a query's answer, read back, are its whole answer.
#[test]
fn pages_put_together_are_the_whole_answer() {
    let kg = KnowledgeGraph::in_memory().expect("store");
    kg.update(
        "INSERT DATA { GRAPH <http://example.org/g> { <http://e/a> <http://e/p> 1, 2, 3, 4, 5 . <http://e/b> <http://e/p> 1, 7 } }",
        &QueryOptions::default(),
    )
    .expect("update");
    let q = portable("SELECT ?s ?o WHERE { ?s ?p ?o }", None);
    let whole = match kg
        .query(&q.text(), &QueryOptions::default())
        .expect("query")
    {
        QueryOutcome::Solutions(t) => t.rows.len(),
        _ => 0,
    };
    let mut rows = Vec::new();
    for offset in (0..).step_by(3) {
        let page = q.page(offset, 3, true).expect("pageable");
        let QueryOutcome::Solutions(t) = kg.query(&page, &QueryOptions::default()).expect("page")
        else {
            panic!("not solutions");
        };
        let n = t.rows.len();
        rows.extend(t.rows);
        if n < 3 {
            break;
        }
    }
    assert_eq!(rows.len(), whole);
    rows.sort_by_key(|r| format!("{r:?}"));
    rows.dedup();
    assert_eq!(rows.len(), whole, "a row came twice");
}

#[test]
fn answers_are_read_as_the_store_gives_them() {
    let json = br#"{"head":{"vars":["b","a"]},"results":{"bindings":[{"a":{"type":"literal","value":"x"}}]}}"#;
    let QueryOutcome::Solutions(table) = read_results(
        json,
        "application/sparql-results+json; charset=utf-8",
        AnswerForm::Solutions,
        &["a".to_owned(), "b".to_owned()],
    )
    .expect("reads") else {
        panic!("not solutions");
    };
    assert_eq!(table.variables, ["a", "b"]);
    assert_eq!(table.rows.len(), 1);
    assert!(table.rows[0][1].is_none());
    // Virtuoso's ASK: a one-row SELECT of 1.
    let ask = br#"{"head":{"vars":["__ASK_RETVAL"]},"results":{"bindings":[{"__ASK_RETVAL":{"type":"typed-literal","datatype":"http://www.w3.org/2001/XMLSchema#integer","value":"1"}}]}}"#;
    let outcome = read_results(
        ask,
        "application/sparql-results+json",
        AnswerForm::Boolean,
        &[],
    );
    assert_eq!(outcome.expect("reads"), QueryOutcome::Boolean(true));
    let graph = b"<http://e/a> <http://e/p> \"x\" .\n";
    let outcome = read_results(graph, "application/n-triples", AnswerForm::Graph, &[]);
    assert!(matches!(outcome, Ok(QueryOutcome::Graph(t)) if t.len() == 1));
    let wrong = read_results(b"<html>", "text/html", AnswerForm::Solutions, &[]);
    assert!(wrong.unwrap_err().to_string().contains("text/html"));
}

/// The statistics read by SPARQL are those the scans count, on the bundled guide.
#[test]
fn stats_by_sparql_are_the_scanned_ones() {
    let kg = KnowledgeGraph::in_memory().expect("store");
    let reference = smarty_reference::Reference::bundled().expect("reference");
    kg.ingest_text("guide", smarty_reference::BUNDLED_GUIDE.text, &reference)
        .expect("ingest");
    let scanned = kg.stats().expect("stats");
    let queried = crate::stats_of(&kg, &QueryOptions::default()).expect("stats by sparql");
    assert!(scanned.quads > 1000);
    assert_eq!(queried, scanned);
}

#[test]
fn a_portable_query_is_ascii_and_means_the_same() {
    let kg = KnowledgeGraph::in_memory().expect("store");
    kg.update(
        "INSERT DATA { GRAPH <http://e/g> { <http://e/a> <http://e/p> \"Castilla y León…\" } }",
        &QueryOptions::default(),
    )
    .expect("update");
    let q = portable(
        "SELECT ?s WHERE { ?s ?p \"Castilla y León…\" FILTER(CONTAINS(?x, \"😀\") || true) }",
        None,
    );
    let text = q.text();
    assert!(text.is_ascii(), "{text}");
    assert!(
        text.contains("Le\\u00F3n\\u2026") && text.contains("\\U0001F600"),
        "{text}"
    );
    let QueryOutcome::Solutions(table) = kg.query(&text, &QueryOptions::default()).expect("runs")
    else {
        panic!("not solutions");
    };
    assert_eq!(table.rows.len(), 1);
}

/// The bundled guide, in memory.
fn bundled_guide() -> KnowledgeGraph {
    let kg = KnowledgeGraph::in_memory().expect("store");
    let reference = smarty_reference::Reference::bundled().expect("reference");
    kg.ingest_text("guide", smarty_reference::BUNDLED_GUIDE.text, &reference)
        .expect("ingest");
    kg
}

/// A query cut at `cut`, its rows found by the store and the rest finished here, answers as
/// the store answers the whole query.
fn check_split(kg: &KnowledgeGraph, text: &str, cut: super::Cut) {
    let options = QueryOptions::default();
    let query = portable(text, None);
    let (rows, here) = query
        .split(cut)
        .unwrap_or_else(|| panic!("{text}: not split"));
    let QueryOutcome::Solutions(found) = kg.query(&rows.text(), &options).expect("rows") else {
        panic!("{text}: rows are not solutions");
    };
    let finished = query.settle(here.finish(found).expect("finished"));
    let whole = kg.query(text, &options).expect("whole");
    assert_eq!(finished, whole, "{text}");
}

#[test]
fn a_query_finished_here_answers_as_the_store() {
    use super::Cut::{Distinct, Group};
    let kg = bundled_guide();
    let library = crate::QueryLibrary::bundled();
    for name in [
        "funding-by-fund",
        "programme-partners",
        "practice-completeness",
    ] {
        let query = library.get(name).expect("bundled");
        check_split(&kg, &query.text, Group);
    }
    check_split(
        &kg,
        "SELECT ?theme (COUNT(*) AS ?n) (GROUP_CONCAT(?t; separator=' | ') AS ?all) \
         WHERE { ?p dcat:theme ?theme ; schema:name ?t } GROUP BY ?theme \
         HAVING (COUNT(*) > 5) ORDER BY DESC(?n) LIMIT 3",
        Group,
    );
    check_split(
        &kg,
        "SELECT (SAMPLE(?b) AS ?any) (COUNT(DISTINCT ?b) AS ?n) WHERE { ?b ?p ?o } GROUP BY ?p",
        Group,
    );
    // The lifted order of a DISTINCT query: its keys computed here, after the rows.
    let (unsorted, _) = portable(
        "SELECT DISTINCT ?s ?p WHERE { ?s ?p ?o } ORDER BY STR(?p) DESC(SUBSTR(STR(?s), 1, 30))",
        None,
    )
    .without_order();
    check_split(&kg, &unsorted.text(), Distinct);
}

#[test]
fn a_query_reading_the_data_above_its_cut_is_not_split() {
    use super::Cut::{Distinct, Group};
    for (text, cut) in [
        (
            "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p HAVING EXISTS { ?p a ?c }",
            Group,
        ),
        ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", Group),
        ("SELECT ?s WHERE { ?s ?p ?o }", Group),
        ("SELECT ?s WHERE { ?s ?p ?o }", Distinct),
        ("ASK { ?s ?p ?o }", Group),
    ] {
        assert!(portable(text, None).split(cut).is_none(), "{text}");
    }
}
