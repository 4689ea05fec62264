//! `--strict`: standard SPARQL (no predeclared prefixes, the store's own default graph, answers as
//! evaluated), and `ingest --graph` / `--base`, which place an RDF file where the standard's
//! tests expect it.

use predicates::prelude::*;

use crate::http::{Server, get, query};
use crate::support::{ingested, smarty};

/// A store with one triple in the default graph and one in the named graph `<http://g/1>`.
fn two_graphs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("default.ttl"),
        "<http://e/a> <http://xmlns.com/foaf/0.1/name> \"in the default graph\" .\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("named.ttl"),
        "<http://e/b> <http://xmlns.com/foaf/0.1/name> \"in a named graph\" .\n",
    )
    .unwrap();
    smarty(&dir)
        .args([
            "--store",
            "store",
            "ingest",
            "--graph",
            "default",
            "default.ttl",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("into the default graph"));
    smarty(&dir)
        .args([
            "--store",
            "store",
            "ingest",
            "--graph",
            "<http://g/1>",
            "named.ttl",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("into <http://g/1>"));
    dir
}

#[test]
fn strict_reads_the_default_graph_not_the_union() {
    let dir = two_graphs();
    let names = "SELECT ?name { ?s <http://xmlns.com/foaf/0.1/name> ?name } ORDER BY ?name";
    smarty(&dir)
        .args(["--store", "store", "query", names, "--format", "tsv"])
        .assert()
        .success()
        .stdout("?name\n\"in a named graph\"\n\"in the default graph\"\n");
    smarty(&dir)
        .args([
            "--store", "store", "--strict", "query", names, "--format", "tsv",
        ])
        .assert()
        .success()
        .stdout("?name\n\"in the default graph\"\n");
    // Named graphs stay reachable through GRAPH.
    smarty(&dir)
        .args(["--store", "store", "query", "--strict", "--format", "tsv"])
        .arg("SELECT ?g { GRAPH ?g { ?s ?p ?o } }")
        .assert()
        .success()
        .stdout("?g\n<http://g/1>\n");
}

#[test]
fn strict_refuses_an_undeclared_prefix() {
    let dir = two_graphs();
    let query = "SELECT ?name { ?s foaf:name ?name }";
    smarty(&dir)
        .args(["--store", "store", "query", query, "--format", "tsv"])
        .assert()
        .success();
    smarty(&dir)
        .args(["--store", "store", "--strict", "query", query])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "query:1:28: syntax error: unknown prefix 'foaf:'",
        ));
    smarty(&dir)
        .args(["--store", "store", "--strict", "update"])
        .arg("INSERT DATA { <http://e/c> foaf:name \"c\" }")
        .assert()
        .failure()
        .stderr(predicate::str::contains("syntax error"));
}

#[test]
fn strict_answers_are_as_evaluated() {
    let dir = tempfile::tempdir().unwrap();
    let concat = "SELECT (GROUP_CONCAT(?o) AS ?c) { VALUES ?o { \"b\"@en \"a\"@en } }";
    let nothing = "SELECT (GROUP_CONCAT(?o) AS ?c) { FILTER(false) }";
    let run = |strict: bool, query: &str| {
        let mut cmd = smarty(&dir);
        cmd.arg("--memory");
        if strict {
            cmd.arg("--strict");
        }
        cmd.args(["query", query, "--format", "tsv"])
            .assert()
            .success()
    };
    run(false, concat).stdout("?c\n\"a b\"\n");
    run(true, concat).stdout("?c\n\"b a\"@en\n");
    run(false, nothing).stdout("?c\n\n");
    run(true, nothing).stdout("?c\n\"\"\n");
}

#[test]
fn ingest_base_resolves_relative_iris() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rel.ttl"), "<s> <p> <#o> .\n").unwrap();
    smarty(&dir)
        .args(["--store", "store", "ingest", "--graph", "default"])
        .args(["--base", "http://example.org/dir/rel.ttl", "rel.ttl"])
        .assert()
        .success();
    smarty(&dir)
        .args(["--store", "store", "export", "--format", "ntriples"])
        .assert()
        .success()
        .stdout(
            "<http://example.org/dir/s> <http://example.org/dir/p> \
             <http://example.org/dir/rel.ttl#o> .\n",
        );
    smarty(&dir)
        .args([
            "--store", "store", "ingest", "--base", "relative", "rel.ttl",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected an absolute IRI"));
}

#[test]
fn ingest_graph_and_base_are_for_rdf_files() {
    let dir = tempfile::tempdir().unwrap();
    smarty(&dir)
        .args(["--store", "store", "ingest", "--graph", "default"])
        .arg(crate::support::guide())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--graph and --base are for RDF files",
        ));
}

#[test]
fn rdf_xml_errors_name_their_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.rdf"),
        "<?xml version=\"1.0\"?>\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         \n  <rdf:Description rdf:about=\"http://e/a\">\n\
         \x20   <rdf:resource rdf:resource=\"http://e/b\"/>\n\
         \x20 </rdf:Description>\n\
         </rdf:RDF>\n",
    )
    .unwrap();
    smarty(&dir)
        .args(["--memory", "ingest", "bad.rdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.rdf:5:1: Invalid property element tag name",
        ));
}

#[test]
fn a_strict_server_reads_its_clients_queries_as_the_standard_does() {
    let dir = ingested();
    let server = Server::start(&dir, &["--strict"]);
    let prefixed = query(
        &server,
        "SELECT * { ?s a smarty:GoodPractice }",
        "application/sparql-results+json",
    );
    assert_eq!(prefixed.status, 400, "{prefixed:?}");
    assert!(
        prefixed.body.contains("unknown prefix 'smarty:'"),
        "{prefixed:?}"
    );
    // The guide's statements are all in named graphs: the default graph is empty.
    let count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }";
    let default = query(&server, count, "text/csv");
    assert_eq!(default.body.lines().nth(1), Some("0"), "{default:?}");
    let named = query(
        &server,
        "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }",
        "text/csv",
    );
    assert_ne!(named.body.lines().nth(1), Some("0"), "{named:?}");
    // The server's own named queries keep the predeclared prefixes and the union default graph.
    let themes = get(&server, "/queries/themes", "text/csv");
    assert_eq!(themes.status, 200, "{themes:?}");
    assert!(themes.body.lines().count() > 1, "{themes:?}");
}
