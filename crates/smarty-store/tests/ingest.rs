//! Ingest at its boundary: small synthetic guides into an in-memory store, then what the store
//! holds — documents and versions, practices, the graphs of each document. One `check` runs a
//! sequence of ingests and compares the outcome with the expectation.
// Test and bench helpers outside #[test] functions state their expectations with unwrap too.
#![allow(clippy::unwrap_used)]

use smarty_reference::Reference;
use smarty_store::{KnowledgeGraph, QueryOptions, QueryOutcome, Term};

/// One ingest: the document's name and the synthetic guide's practice count and seed.
struct Step {
    name: &'static str,
    practices: usize,
    seed: u64,
}

const fn step(name: &'static str, practices: usize, seed: u64) -> Step {
    Step {
        name,
        practices,
        seed,
    }
}

/// What the store holds after the steps.
#[derive(Debug, PartialEq, Eq)]
struct Outcome {
    /// Names of the stored documents, one entry per stored version.
    documents: Vec<String>,
    /// Practices in the whole store.
    practices: usize,
    /// The last ingest's report: practices found, graphs it replaced.
    last_practices: usize,
    last_replaced_any: bool,
    /// Whether every document graph belongs to a stored document version.
    graphs_belong: bool,
}

fn count(kg: &KnowledgeGraph, query: &str) -> usize {
    match kg.query(query, &QueryOptions::default()).unwrap() {
        QueryOutcome::Solutions(t) => match t.rows[0][0].as_ref() {
            Some(Term::Literal(l)) => l.value().parse().unwrap(),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

fn graphs_belong(kg: &KnowledgeGraph, documents: &[(String, String)]) -> bool {
    let rows = match kg
        .query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
            &QueryOptions::default(),
        )
        .unwrap()
    {
        QueryOutcome::Solutions(t) => t.rows,
        other => panic!("{other:?}"),
    };
    let prefix = format!("{}doc/", smarty_rdf::iri::GRAPH_BASE);
    rows.iter()
        .filter_map(|r| match r[0].as_ref() {
            Some(Term::NamedNode(n)) => n.as_str().strip_prefix(&prefix).map(str::to_owned),
            _ => None,
        })
        .all(|rest| {
            documents
                .iter()
                .any(|(doc, version)| rest.starts_with(&format!("{doc}/{version}/")))
        })
}

fn check(steps: &[Step], expect: Outcome) {
    let reference = Reference::bundled().unwrap();
    let kg = KnowledgeGraph::in_memory().unwrap();
    let mut last = None;
    for s in steps {
        let guide = smarty_synth::generate(s.practices, s.seed, &reference);
        // A guide is known by its title and programme, and every synthetic guide prints the
        // same ones: the programme is named after the step, so each name is a guide of its own.
        let text = guide
            .text
            .replacen("SYNTH\n", &format!("SYNTH {}\n", s.name), 1);
        last = Some(kg.ingest_text(s.name, &text, &reference).unwrap());
    }
    let last = last.expect("at least one step");
    let documents = kg.documents().unwrap();
    let got = Outcome {
        documents: documents.iter().map(|(d, _)| d.clone()).collect(),
        practices: count(
            &kg,
            "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a smarty:GoodPractice }",
        ),
        last_practices: last.practices,
        last_replaced_any: last.replaced_graphs > 0,
        graphs_belong: graphs_belong(&kg, &documents),
    };
    assert_eq!(got, expect);
}

fn outcome(documents: &[&str], practices: usize, last: usize, replaced: bool) -> Outcome {
    Outcome {
        documents: documents.iter().map(|d| (*d).to_owned()).collect(),
        practices,
        last_practices: last,
        last_replaced_any: replaced,
        graphs_belong: true,
    }
}

#[test]
fn one_guide() {
    check(
        &[step("Alpha Guide", 3, 1)],
        outcome(&["alpha-guide"], 3, 3, false),
    );
}

#[test]
fn a_new_version_replaces_the_old_one() {
    check(
        &[step("alpha", 3, 1), step("alpha", 4, 2)],
        outcome(&["alpha"], 4, 4, true),
    );
}

#[test]
fn the_same_version_again_changes_nothing() {
    check(
        &[step("alpha", 3, 1), step("alpha", 3, 1)],
        outcome(&["alpha"], 3, 3, true),
    );
}

#[test]
fn a_second_document_keeps_the_first() {
    check(
        &[step("alpha", 3, 1), step("beta", 2, 7)],
        outcome(&["alpha", "beta"], 5, 2, false),
    );
}

#[test]
fn a_text_without_practices_stores_nothing() {
    let reference = Reference::bundled().unwrap();
    let kg = KnowledgeGraph::in_memory().unwrap();
    let err = kg
        .ingest_text("empty", "Just a title\n\nNo practices here.\n", &reference)
        .unwrap_err();
    assert!(err.to_string().contains("no practices found"), "{err}");
    assert!(kg.is_empty().unwrap());
    assert!(kg.documents().unwrap().is_empty());
}

/// The text an ingest hands over is the store's kept source, in memory as on disk: the lines a
/// fact came from read back as they were in the guide.
#[test]
fn the_kept_source_gives_back_the_guides_lines() {
    let reference = Reference::bundled().unwrap();
    let text = smarty_reference::BUNDLED_GUIDE.text;
    let dir = tempfile::tempdir().unwrap();
    for kg in [
        KnowledgeGraph::in_memory().unwrap(),
        KnowledgeGraph::open(dir.path()).unwrap(),
    ] {
        let report = kg.ingest_text("guide", text, &reference).unwrap();
        let file = format!("{}-{}.txt", report.document, report.version);
        assert_eq!(kg.source_text(&file).as_deref(), Some(text));
        let lines = kg.source_lines(&file, 3, 4).unwrap();
        let expected: Vec<(usize, String)> = text
            .lines()
            .enumerate()
            .skip(2)
            .take(2)
            .map(|(i, l)| (i + 1, l.to_owned()))
            .collect();
        assert_eq!(lines, expected);
    }
}
