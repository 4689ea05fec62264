//! The exit codes of README's table, a case per kind of outcome: the real binary, its code and a
//! phrase of its message. Code 130 (Ctrl-C) needs a signal sent to a running query:
//! `knowledge_graph::a_slow_query_times_out_and_ctrl_c_cancels`.

use std::path::Path;

use crate::support::ingested;

/// Runs `smarty-kg --store store ARGS` (`ARGS` alone when they name a store or `--memory`) in
/// `dir`, and checks the exit code and that standard error says `says`.
fn check(dir: &Path, args: &[&str], code: i32, says: &str) {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_smarty-kg"));
    cmd.current_dir(dir).env_remove("SMARTY_KG_STORE");
    if !args.iter().any(|a| *a == "--store" || *a == "--memory") {
        cmd.args(["--store", "store"]);
    }
    let out = cmd.args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    assert!(
        stderr.contains(says),
        "{args:?}: {stderr:?} does not say {says:?}"
    );
}

/// An endpoint nothing listens at (the discard port, closed on test machines).
const CLOSED: &str = "http://127.0.0.1:9/sparql";

const SLOW: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

/// A shape every practice violates.
const STRICT: &str = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n\
    @prefix smarty: <https://w3id.org/smarty-kg/def#> .\n\
    <http://example.org/strict> a sh:NodeShape ; sh:targetClass smarty:GoodPractice ;\n\
    sh:property [ sh:path <http://example.org/never> ; sh:minCount 1 ] .\n";

#[test]
fn every_outcome_has_its_documented_exit_code() {
    let kg = ingested();
    let dir = kg.path();
    std::fs::write(dir.join("notes.txt"), "Just notes, no practices.\n").unwrap();
    std::fs::write(dir.join("latin1.txt"), b"Title\nLe\xf3n\n").unwrap();
    std::fs::write(dir.join("strict.ttl"), STRICT).unwrap();
    std::fs::write(dir.join("renamed.pdf"), "Title\nAbout this good practice\n").unwrap();
    std::fs::write(dir.join("broken.pdf"), b"%PDF-1.7\n1 0 obj <<\n").unwrap();
    let cases: &[(&[&str], i32, &str)] = &[
        // 0: success, whatever the answer.
        (&["query", "ASK { ?s <http://example.org/none> ?o }"], 0, ""),
        (
            &["query", "--name", "practices-by-theme", "-p", "theme=2"],
            0,
            "",
        ),
        (&["stats"], 0, ""),
        // 1: ran, but found nothing, or the data failed a check.
        (&["extract", "notes.txt"], 1, "no practices found"),
        (&["ingest", "notes.txt"], 1, "no practices found"),
        (&["validate", "--shapes", "strict.ttl"], 1, ""),
        (
            &[
                "path",
                "practice:future-industry-platform",
                "Access Innovation",
            ],
            1,
            "nothing links",
        ),
        // 2: bad input.
        (&["ingest", "missing.txt"], 2, "missing.txt: cannot read"),
        (&["ingest", "latin1.txt"], 2, "latin1.txt:2:"),
        (
            &["ingest", "renamed.pdf"],
            2,
            "renamed.pdf: not a PDF: it does not start with '%PDF-'",
        ),
        (
            &["extract", "broken.pdf"],
            2,
            "broken.pdf: not a readable PDF (pdftotext exited with",
        ),
        (
            &["query", "SELECT ?s WHERE { ?s ?p ?o } ORDR BY ?s"],
            2,
            "syntax error",
        ),
        (&["query", "--frobnicate", "ASK {}"], 2, "--frobnicate"),
        (
            &["query", "--name", "no-such-query"],
            2,
            "no named query 'no-such-query'",
        ),
        (
            &["query", "--format", "csv", "CONSTRUCT WHERE { ?s ?p ?o }"],
            2,
            "CONSTRUCT and DESCRIBE give RDF",
        ),
        (
            &["query", "--format", "turtle", "ASK {}"],
            2,
            "SELECT and ASK give solutions",
        ),
        (
            &["query", "-o", "answer.out", "ASK {}"],
            2,
            "cannot tell the format from 'answer.out'",
        ),
        (
            &["query", "--name", "timeline", "-p", "year=last year"],
            2,
            "year=last year: expected an integer",
        ),
        (
            &["query", "--name", "practices-by-theme", "-p", "thme=2"],
            2,
            "practices-by-theme has no parameter 'thme'; it takes: theme (iri, optional)",
        ),
        (
            &["query", "--name", "search"],
            2,
            "search needs the parameter 'term'",
        ),
        (
            &["query", "--name", "practices-by-theme", "-p", "theme=9"],
            2,
            "no theme is called '9'",
        ),
        (
            &["query", "-p", "novalue", "ASK {}"],
            2,
            "'novalue' is not NAME=VALUE",
        ),
        (
            &["export", "--graph", "not an iri"],
            2,
            "invalid value 'not an iri' for '--graph <IRI>': expected a graph's IRI",
        ),
        (
            &["--endpoint", "ftp://example.org/sparql", "stats"],
            2,
            "'ftp://example.org/sparql' is not an http:// or https:// URL",
        ),
        (
            &["--endpoint", CLOSED, "--auth-file", "no-such-file", "stats"],
            2,
            "credentials from no-such-file",
        ),
        (
            &[
                "--endpoint",
                CLOSED,
                "query",
                "SELECT ?s WHERE { ?s ?p ?o } ORDR BY ?s",
            ],
            2,
            "syntax error",
        ),
        (
            &["--endpoint", CLOSED, "ingest", "notes.txt"],
            2,
            "this command works on the local store",
        ),
        // 3: the store cannot be used.
        (&["--store", "typo", "stats"], 3, "no store at typo"),
        (&["--endpoint", CLOSED, "stats"], 3, "(after 4 attempts)"),
        // 4: out of time.
        (&["--timeout", "0.5", "query", SLOW], 4, "timeout"),
    ];
    for (args, code, says) in cases {
        check(dir, args, *code, says);
    }
}
