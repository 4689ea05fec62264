//! The knowledge graph through the real binary: ingest, query, update, export, load, safety.

mod crash;
mod editions;
mod faults;
mod kills;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use predicates::prelude::*;

use crate::support::{guide, ingested, root, smarty};

/// Runs a SELECT and returns its SPARQL JSON bindings.
fn select(dir: &tempfile::TempDir, query: &str) -> Vec<serde_json::Value> {
    let out = smarty(dir)
        .args(["--store", "store", "query", "--format", "json", query])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    json["results"]["bindings"].as_array().unwrap().clone()
}

fn count(dir: &tempfile::TempDir, query: &str) -> u64 {
    let rows = select(dir, query);
    rows[0]["n"]["value"].as_str().unwrap().parse().unwrap()
}

fn export(dir: &tempfile::TempDir, format: &str, extra: &[&str]) -> Vec<u8> {
    smarty(dir)
        .args(["--store", "store", "export", "--format", format])
        .args(extra)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

const TOTAL: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
const PRACTICES: &str = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a smarty:GoodPractice }";
const DUPLICATES: &str = "SELECT (COUNT(*) AS ?n) WHERE { { SELECT ?s ?p ?o WHERE { ?s ?p ?o } GROUP BY ?s ?p ?o HAVING (COUNT(*) > 1) } }";

#[test]
fn ingest_gives_practices_persons_themes_and_partners() {
    let dir = ingested();
    let n = |q: &str| count(&dir, q);
    assert_eq!(
        n("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a smarty:GoodPractice, schema:Project }"),
        26
    );
    assert_eq!(
        n("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a foaf:Person, vcard:Individual }"),
        17
    );
    assert_eq!(
        n("SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?p dcat:theme ?t . ?t a skos:Concept }"),
        4
    );
    assert_eq!(
        n("SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?programme schema:member ?o }"),
        14
    );
    // Every fact's graph says which lines it came from.
    assert_eq!(
        n(
            "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), '/doc/')) FILTER NOT EXISTS { ?g prov:wasDerivedFrom ?src } FILTER(!STRENDS(STR(?g), '/provenance')) }"
        ),
        0
    );
    // One triple, one row: the union default graph holds each fact once.
    assert_eq!(n(DUPLICATES), 0);
}

#[test]
fn reingest_replaces_and_never_duplicates() {
    let dir = ingested();
    let before = count(&dir, TOTAL);
    smarty(&dir)
        .args(["--store", "store", "ingest"])
        .arg(guide())
        .assert()
        .success()
        .stdout(predicate::str::contains("replaced"));
    assert_eq!(count(&dir, TOTAL), before);
    assert_eq!(count(&dir, DUPLICATES), 0);
}

#[test]
fn a_failed_ingest_changes_nothing() {
    let dir = ingested();
    let before = export(&dir, "nquads", &[]);
    std::fs::write(
        dir.path().join("bad.txt"),
        b"Title\nAbout this good practice\nLe\xf3n\n",
    )
    .unwrap();
    smarty(&dir)
        .args(["--store", "store", "ingest", "bad.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.txt:3: invalid UTF-8"));
    std::fs::write(dir.path().join("notes.txt"), "Just notes, no practices.\n").unwrap();
    smarty(&dir)
        .args(["--store", "store", "ingest", "notes.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("notes.txt: no practices found"));
    std::fs::write(
        dir.path().join("broken.ttl"),
        "@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:d ex:e \"unterminated .\n",
    )
    .unwrap();
    smarty(&dir)
        .args(["--store", "store", "ingest", "broken.ttl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.ttl:3:"));
    assert_eq!(export(&dir, "nquads", &[]), before);
}

#[test]
fn a_second_process_is_told_the_store_is_in_use() {
    let dir = ingested();
    // A slow query holds the store.
    let mut holder = Command::new(env!("CARGO_BIN_EXE_smarty-kg"))
        .current_dir(dir.path())
        .args([
            "--store",
            "store",
            "--timeout",
            "20",
            "query",
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lock = dir.path().join("store/lock");
    let start = Instant::now();
    while std::fs::read_to_string(&lock)
        .map(|s| s.trim() != holder.id().to_string())
        .unwrap_or(true)
    {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the first process never took the lock"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let in_use = format!("is in use by process {}", holder.id());
    smarty(&dir)
        .args(["--store", "store", "stats"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(&in_use));
    // The contacts and networks answer from the facts the last write kept, which need no
    // opening of the store; without them they wait their turn like any other reader.
    let contacts = |code: i32| {
        smarty(&dir)
            .args(["--store", "store", "contacts", "--format", "json"])
            .assert()
            .code(code)
            .get_output()
            .clone()
    };
    let answered = contacts(0).stdout;
    smarty(&dir)
        .args(["--store", "store", "graph", "contacts", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Bryony Chipp"));
    std::fs::remove_dir_all(dir.path().join("store/derived")).unwrap();
    assert!(String::from_utf8_lossy(&contacts(3).stderr).contains(&in_use));
    let _ = holder.kill();
    let _ = holder.wait();
    // The lock dies with its holder, even on SIGKILL.
    smarty(&dir)
        .args(["--store", "store", "stats"])
        .assert()
        .success();
    assert_eq!(contacts(0).stdout, answered);
}

#[test]
fn bad_sparql_is_a_positioned_error() {
    let dir = ingested();
    smarty(&dir)
        .args([
            "--store",
            "store",
            "query",
            "SELECT ?s WHERE {\n  ?s schema:name ?n\n} ORDR BY ?n",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "query:3:9: syntax error: expected one of HAVING",
        ))
        .stderr(predicate::str::contains("  } ORDR BY ?n\n          ^"));
    smarty(&dir)
        .args([
            "--store",
            "store",
            "query",
            "SELECT * WHERE { ?s nope:x ?o }",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "query:1:27: syntax error: unknown prefix 'nope:': declare it",
        ));
    // The common mistakes in plain words, position and caret kept.
    for (command, text, says) in [
        (
            "query",
            "SELEC * WHERE { ?s ?p ?o }",
            "query:1:10: syntax error: unknown keyword 'SELEC': did you mean SELECT?",
        ),
        (
            "query",
            "",
            "the query is empty: expected SELECT, ASK, CONSTRUCT or DESCRIBE",
        ),
        (
            "query",
            "INSERT DATA { <http://a> <http://b> 1 }",
            "this is an update (INSERT), not a query: run it with `smarty-kg update`",
        ),
        (
            "update",
            "SELECT * {}",
            "this is a query (SELECT), not an update: run it with `smarty-kg query`",
        ),
        (
            "query",
            "SELECT (COUNT(?s) AS ?n) ?p WHERE { ?s ?p ?o }",
            "without GROUP BY",
        ),
    ] {
        smarty(&dir)
            .args(["--store", "store", command, text])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
    let deep = format!("SELECT * WHERE {}{}", "{".repeat(5000), "}".repeat(5000));
    smarty(&dir)
        .args(["--store", "store", "query", &deep])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("too deeply nested"));
}

#[test]
fn a_slow_query_times_out_and_ctrl_c_cancels() {
    let dir = ingested();
    let slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    smarty(&dir)
        .args(["--store", "store", "--timeout", "0.5", "query", slow])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("timeout"));

    let child = Command::new(env!("CARGO_BIN_EXE_smarty-kg"))
        .current_dir(dir.path())
        .args(["--store", "store", "query", slow])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    // SAFETY: sending SIGINT to our own child process.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cancelled"));
}

#[test]
fn results_in_the_standard_formats() {
    let dir = ingested();
    let out = smarty(&dir)
        .args([
            "--store",
            "store",
            "query",
            "--format",
            "json",
            "ASK { practice:access-innovation a smarty:GoodPractice }",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["boolean"], true);
    smarty(&dir)
        .args([
            "--store",
            "store",
            "query",
            "--format",
            "xml",
            "SELECT ?n WHERE { practice:access-innovation schema:name ?n }",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">",
        ))
        .stdout(predicate::str::contains(
            "xml:lang=\"en\">Access Innovation</literal>",
        ));
    smarty(&dir)
        .args([
            "--store",
            "store",
            "query",
            "--format",
            "csv",
            "SELECT ?n WHERE { practice:access-innovation schema:name ?n }",
        ])
        .assert()
        .success()
        .stdout("n\r\nAccess Innovation\r\n");
    smarty(&dir)
        .args(["--store", "store", "query", "--format", "ntriples", "CONSTRUCT { ?p schema:name ?n } WHERE { ?p schema:name ?n FILTER(?p = practice:access-innovation) }"])
        .assert()
        .success()
        .stdout("<https://w3id.org/smarty-kg/id/practice/access-innovation> <http://schema.org/name> \"Access Innovation\"@en .\n");
    // Parameters are RDF terms, not text: a value that would break out of a string is refused
    // (text after its closing quote is neither a language nor a datatype), never spliced in.
    smarty(&dir)
        .args([
            "--store",
            "store",
            "query",
            "--format",
            "json",
            "-p",
            "name=\"x\" } UNION { ?p vcard:hasEmail ?name",
            "SELECT ?p WHERE { ?p schema:name ?name }",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "only @language or ^^<datatype> may follow the closing quote",
        ));
}

#[test]
fn updates_are_applied() {
    let dir = ingested();
    smarty(&dir)
        .args(["--store", "store", "update", "INSERT DATA { GRAPH <http://example.org/notes> { practice:access-innovation rdfs:comment \"reviewed\" } }"])
        .assert()
        .success();
    assert_eq!(
        count(
            &dir,
            "SELECT (COUNT(*) AS ?n) WHERE { practice:access-innovation rdfs:comment \"reviewed\" }"
        ),
        1
    );
    smarty(&dir)
        .args(["--store", "store", "update", "INSERT DATA { ?x }"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("update:1:"));
}

#[test]
fn exports_are_deterministic_and_public_ones_hold_no_personal_data() {
    let dir = ingested();
    for format in ["turtle", "ntriples", "nquads", "trig", "rdfxml", "jsonld"] {
        let a = export(&dir, format, &[]);
        let b = export(&dir, format, &[]);
        assert!(!a.is_empty());
        assert_eq!(a, b, "{format} export differs between runs");
    }
    let turtle = String::from_utf8(export(&dir, "turtle", &[])).unwrap();
    assert!(turtle.contains("@prefix smarty: <https://w3id.org/smarty-kg/def#> ."));
    assert!(turtle.contains("practice:access-innovation"));
    assert!(turtle.contains("mailto:bryony.chipp@westyorks-ca.gov.uk"));

    let public = String::from_utf8(export(&dir, "nquads", &["--public"])).unwrap();
    assert!(!public.contains("mailto:"));
    assert!(!public.contains("/id/person/"));
    assert!(!public.contains("vcard#fn"));
    assert!(!public.contains("Bryony Chipp"));
    assert!(!public.contains("/personal/"));
    assert!(public.contains("Access Innovation"));

    // -o writes the same bytes to a file.
    smarty(&dir)
        .args([
            "--store", "store", "export", "--format", "nquads", "-o", "out.nq",
        ])
        .assert()
        .success();
    assert_eq!(
        std::fs::read(dir.path().join("out.nq")).unwrap(),
        export(&dir, "nquads", &[])
    );
}

#[test]
fn the_same_guide_gives_the_same_bytes_in_another_store_with_the_same_person_key() {
    let export_of = |key: &str| {
        let dir = tempfile::tempdir().unwrap();
        smarty(&dir)
            .env("SMARTY_KG_PERSON_KEY", key)
            .args(["--store", "store", "ingest"])
            .arg(guide())
            .assert()
            .success();
        smarty(&dir)
            .env("SMARTY_KG_PERSON_KEY", key)
            .args(["--store", "store", "export", "--format", "nquads"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    assert_eq!(export_of("k"), export_of("k"));
    assert_ne!(export_of("k"), export_of("other"));
}

#[test]
fn rdf_files_load_into_a_graph_of_their_own() {
    let dir = ingested();
    std::fs::write(
        dir.path().join("extra.ttl"),
        "@prefix schema: <http://schema.org/> .\n<http://example.org/x> schema:name \"X\" .\n",
    )
    .unwrap();
    for _ in 0..2 {
        smarty(&dir)
            .args(["--store", "store", "ingest", "extra.ttl"])
            .assert()
            .success()
            .stdout(predicate::str::contains("graph/file/extra-ttl"));
    }
    assert_eq!(
        count(
            &dir,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/smarty-kg/graph/file/extra-ttl> { ?s ?p ?o } }"
        ),
        1
    );
    std::fs::write(
        dir.path().join("bomb.rdf"),
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rdf [\n<!ENTITY a \"aaaaaaaaaa\">\n]>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>\n",
    )
    .unwrap();
    smarty(&dir)
        .args(["--store", "store", "ingest", "bomb.rdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bomb.rdf:3:1: RDF/XML entity declarations are refused",
        ));
}

#[test]
fn minted_iris_match_the_golden_list() {
    let dir = tempfile::tempdir().unwrap();
    smarty(&dir)
        .env("SMARTY_KG_PERSON_KEY", "golden")
        .args(["--store", "store", "ingest"])
        .arg(guide())
        .assert()
        .success();
    let rows = {
        let out = smarty(&dir)
            .args(["--store", "store", "query", "--format", "tsv",
                "SELECT DISTINCT ?iri WHERE { { ?iri ?p ?o } UNION { ?s ?p ?iri } FILTER(isIRI(?iri) && STRSTARTS(STR(?iri), 'https://w3id.org/smarty-kg/id/')) } ORDER BY ?iri"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let minted: Vec<&str> = rows
        .lines()
        .skip(1)
        .map(|l| l.trim_start_matches('<').trim_end_matches('>'))
        .collect();
    let golden_path = root().join("tests/golden/iris.txt");
    let actual = minted.join("\n") + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden_path, &actual).unwrap();
    }
    let golden = std::fs::read_to_string(&golden_path).unwrap_or_default();
    assert!(
        golden == actual,
        "minted IRIs changed (a rename is a visible change): review the difference, then run with UPDATE_GOLDEN=1\n{}",
        diff(&golden, &actual)
    );
}

fn diff(old: &str, new: &str) -> String {
    let a: std::collections::BTreeSet<&str> = old.lines().collect();
    let b: std::collections::BTreeSet<&str> = new.lines().collect();
    let mut out = String::new();
    for gone in a.difference(&b) {
        out += &format!("- {gone}\n");
    }
    for added in b.difference(&a) {
        out += &format!("+ {added}\n");
    }
    out
}

#[test]
fn an_in_memory_store_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    smarty(&dir)
        .args(["--memory", "ingest"])
        .arg(guide())
        .assert()
        .success();
    assert!(!dir.path().join(".smarty-kg").exists());
}
