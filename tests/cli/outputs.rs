//! Where results go: `query --list`, and `-o FILE` for `query`, `contacts` and `export` (the
//! format from `--format` or the file's extension; the file complete or not there at all).

use predicates::prelude::*;

use crate::support::{ingested, smarty};

#[test]
fn query_list_names_each_query_with_its_title_and_parameters() {
    // No store is needed, and none is created.
    let dir = tempfile::tempdir().unwrap();
    let out = smarty(&dir)
        .args(["query", "--list"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let queries = std::fs::read_dir(crate::support::root().join("queries"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "rq")
        })
        .count();
    assert_eq!(text.lines().count(), queries, "{text}");
    let search = text.lines().find(|l| l.starts_with("search ")).unwrap();
    assert!(
        search.ends_with("  Full-text search  -p term=STRING"),
        "{search}"
    );
    let theme = text
        .lines()
        .find(|l| l.starts_with("practices-by-theme "))
        .unwrap();
    assert!(
        theme.ends_with("  Practices by theme  [-p theme=IRI]"),
        "{theme}"
    );
    assert!(
        text.lines().any(|l| l.trim_end().ends_with("  Themes")),
        "{text}"
    );
    assert!(!dir.path().join(".smarty-kg").exists());
    smarty(&dir)
        .args(["query", "--list", "--name", "themes"])
        .assert()
        .code(2);
}

#[test]
fn query_and_contacts_write_files() {
    let kg = ingested();
    let dir = kg.path();
    let stdout = |args: &[&str]| crate::support::stdout_of(&kg, "store", args);
    let select = "SELECT ?t WHERE { ?p a smarty:GoodPractice ; schema:name ?t } ORDER BY ?t";
    let construct =
        "CONSTRUCT { ?p schema:name ?t } WHERE { ?p a smarty:GoodPractice ; schema:name ?t }";
    // The file, the command, the format the file is in, and whether --format is given (else the
    // extension says it).
    let cases: &[(&str, &[&str], &str, bool)] = &[
        ("titles.csv", &["query", select], "csv", false),
        ("titles.srj", &["query", select], "json", false),
        ("titles.data", &["query", select], "tsv", true),
        ("names.ttl", &["query", construct], "turtle", false),
        ("contacts.json", &["contacts"], "json", false),
        ("contacts.csv", &["contacts"], "csv", false),
        ("contacts.data", &["contacts"], "csv", true),
    ];
    for (file, args, format, explicit) in cases {
        let (command, rest) = args.split_first().unwrap();
        let mut to_file = vec![*command, "-o", file];
        if *explicit {
            to_file.extend(["--format", format]);
        }
        let written = stdout(&[&to_file[..], rest].concat());
        assert!(written.is_empty(), "{file}: standard output holds data");
        let expect = stdout(&[&[*command, "--format", format][..], rest].concat());
        assert_eq!(std::fs::read(dir.join(file)).unwrap(), expect, "{file}");
    }
    // A format that does not fit: an error, and no file.
    smarty(&kg)
        .args(["--store", "store", "query", "-o", "names.csv", construct])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("CONSTRUCT and DESCRIBE give RDF"));
    assert!(!dir.join("names.csv").exists());
    smarty(&kg)
        .args(["--store", "store", "contacts", "-o", "contacts.pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot tell the format from 'contacts.pdf'",
        ));
}

/// Every text output ends with a line break: each export format, and graphs and results written
/// by `query` in each format.
#[test]
fn every_text_output_ends_with_a_newline() {
    let dir = crate::support::ingested();
    let run = |args: &[&str]| {
        let out = crate::support::smarty(&dir)
            .args(["--store", "store"])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        out.stdout
    };
    let construct = "CONSTRUCT { ?p a smarty:GoodPractice } WHERE { ?p a smarty:GoodPractice }";
    let select = "SELECT ?p WHERE { ?p a smarty:GoodPractice } LIMIT 2";
    for format in ["turtle", "ntriples", "nquads", "trig", "rdfxml", "jsonld"] {
        let bytes = run(&["export", "--format", format]);
        assert_eq!(bytes.last(), Some(&b'\n'), "export {format}");
    }
    for format in ["turtle", "ntriples", "rdfxml", "jsonld"] {
        let bytes = run(&["query", "--format", format, construct]);
        assert_eq!(bytes.last(), Some(&b'\n'), "query {format}");
    }
    for format in ["json", "xml", "csv", "tsv", "table"] {
        let bytes = run(&["query", "--format", format, select]);
        assert_eq!(bytes.last(), Some(&b'\n'), "query {format}");
    }
}

/// `validate --format json`: the whole report for programs, with the exit code of the text one.
#[test]
fn validation_reports_for_programs() {
    let dir = ingested();
    let report = |args: &[&str], code: i32| -> serde_json::Value {
        let out = smarty(&dir)
            .args(["--store", "store", "validate", "--format", "json"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let fine = report(&[], 0);
    assert_eq!(fine["conforms"], true);
    assert_eq!(fine["violations"].as_array().unwrap().len(), 0);
    assert!(fine["focusNodesChecked"].as_u64().unwrap() > 26);
    // Every practice lacks a property no practice has: 26 violations, none cut.
    std::fs::write(
        dir.path().join("strict.ttl"),
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n\
         @prefix smarty: <https://w3id.org/smarty-kg/def#> .\n\
         <http://example.org/strict> a sh:NodeShape ; sh:targetClass smarty:GoodPractice ;\n\
         sh:property [ sh:path <http://example.org/never> ; sh:minCount 1 ] .\n",
    )
    .unwrap();
    let strict = report(&["--shapes", "strict.ttl"], 1);
    assert_eq!(strict["conforms"], false);
    let violations = strict["violations"].as_array().unwrap();
    assert_eq!(violations.len(), 26);
    assert!(violations.iter().all(|v| v["severity"] == "Violation"
        && v["component"].as_str().unwrap().contains("MinCount")
        && v["path"].as_str().unwrap().contains("never")));
}

/// Tables use the width they are given (`--max-width`, `.width`): a long title is not cut at a
/// fixed number of characters when there is room for it.
#[test]
fn tables_use_the_width_they_are_given() {
    let dir = ingested();
    let title = "Industry 4.0 in the contest of Interregional ecosystems and SMEs promotion \
                 applied to boost Europe's economy in the raw materials industry";
    let query = "SELECT ?t WHERE { ?p schema:name ?t FILTER(STRSTARTS(?t, \"Industry 4.0 in\")) }";
    let wide = smarty(&dir)
        .args([
            "--store",
            "store",
            "query",
            "--format",
            "table",
            "--max-width",
            "180",
            query,
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&wide.stdout).contains(title));
    let narrow = smarty(&dir)
        .args([
            "--store",
            "store",
            "query",
            "--format",
            "table",
            "--max-width",
            "40",
            query,
        ])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&narrow.stdout).contains(title));
    let shell = smarty(&dir)
        .args(["--store", "store"])
        .write_stdin(format!(".format table\n.width 180\n{query};\n"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&shell.stdout).contains(title));
}

/// `SELECT *` lists its columns in the order the query names the variables.
#[test]
fn select_all_keeps_the_written_order() {
    let dir = ingested();
    let out = smarty(&dir)
        .args(["--store", "store", "query", "--format", "csv"])
        .arg("SELECT * WHERE { ?practice schema:name ?title ; dcat:theme ?theme } LIMIT 1")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().next(), Some("practice,title,theme"), "{text}");
}

/// `ingest --quiet` leaves out the notes and says how many; without it they are listed.
#[test]
fn ingest_quiet_leaves_out_the_notes() {
    let dir = tempfile::tempdir().unwrap();
    let loud = smarty(&dir)
        .args(["--store", "a", "ingest"])
        .arg(crate::support::guide())
        .output()
        .unwrap();
    let loud = String::from_utf8(loud.stderr).unwrap();
    let notes = loud.matches(": note[").count();
    assert!(notes > 0, "{loud}");
    let quiet = smarty(&dir)
        .args(["--store", "b", "ingest", "--quiet"])
        .arg(crate::support::guide())
        .output()
        .unwrap();
    assert!(quiet.status.success());
    let quiet = String::from_utf8(quiet.stderr).unwrap();
    assert!(!quiet.contains(": note["), "{quiet}");
    assert!(
        quiet.contains(&format!("{notes} notes left out (--quiet)")),
        "{quiet}"
    );
}

/// `--timings` on every command: at least `timing total MS` on standard error, nothing added to
/// standard output.
#[test]
fn every_command_reports_its_time() {
    let dir = ingested();
    for args in [
        &["stats"][..],
        &["validate"],
        &[
            "update",
            "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }",
        ],
        &[
            "path",
            "GOSTOP",
            "Access Innovation",
            "--via",
            "organisations",
        ],
        &["query", "ASK {}"],
    ] {
        let out = smarty(&dir)
            .args(["--store", "store", "--timings"])
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        let total = stderr
            .lines()
            .find_map(|l| l.strip_prefix("timing total "))
            .and_then(|ms| ms.parse::<f64>().ok());
        assert!(total.is_some_and(|ms| ms >= 0.0), "{args:?}: {stderr}");
        assert!(
            !String::from_utf8(out.stdout).unwrap().contains("timing"),
            "{args:?}"
        );
    }
}

/// `export -o FILE` without `--format` writes what the file's extension names, the same bytes
/// as `--format`; an extension that names no serialisation is refused before anything is
/// written.
#[test]
fn export_takes_its_format_from_the_file_extension() {
    let dir = ingested();
    let export = |args: &[&str]| {
        smarty(&dir)
            .args(["--store", "store", "export"])
            .args(args)
            .assert()
    };
    for (file, format) in [
        ("all.nq", "nquads"),
        ("all.jsonld", "jsonld"),
        ("all.rdf", "rdfxml"),
    ] {
        export(&["-o", file]).success();
        let named = export(&["--format", format])
            .success()
            .get_output()
            .stdout
            .clone();
        let written = std::fs::read(dir.path().join(file)).unwrap();
        assert!(written == named, "{file} is not {format}");
    }
    export(&["-o", "all.txt"])
        .code(2)
        .stderr(predicate::str::contains(
            "cannot tell the format from 'all.txt'",
        ));
    assert!(!dir.path().join("all.txt").exists());
    // --format wins over the extension.
    export(&["--format", "ntriples", "-o", "all.ttl"]).success();
    let ntriples = std::fs::read_to_string(dir.path().join("all.ttl")).unwrap();
    assert!(!ntriples.contains("@prefix"), "{}", &ntriples[..200]);
}
