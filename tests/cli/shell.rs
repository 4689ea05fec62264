//! The shell through the real binary: a scripted session (no terminal) covering every command,
//! snapshotted, and the script runner's error handling.

use predicates::prelude::*;

use crate::support::{guide, smarty};

/// The session transcript, with times and temporary paths made stable.
fn transcript(dir: &tempfile::TempDir, script: &str) -> String {
    let out = smarty(dir)
        .env("SMARTY_KG_PERSON_KEY", "shell-test")
        .args(["--store", "store"])
        .write_stdin(script)
        .assert()
        .success()
        .get_output()
        .clone();
    let mut text = String::from_utf8(out.stdout).unwrap();
    text.push_str("--- stderr ---\n");
    text.push_str(&String::from_utf8(out.stderr).unwrap());
    text.replace(&dir.path().display().to_string(), "[tmp]")
}

#[test]
fn a_scripted_session_covers_every_command() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("extra.ttl"),
        "@prefix ex: <http://example.org/> .\nex:note ex:says \"hello\" .\n",
    )
    .unwrap();
    std::fs::copy(guide(), dir.path().join("guide.txt")).unwrap();
    let script = r#"
.help
.help run
.timer off
.maxrows 5
.stats
.prefixes
.prefix ex: <http://example.org/>
.queries
.run themes
.run practices-by-theme theme=theme:digital-innovation-hubs
.run funding-amounts practice="Access Innovation"
SELECT ?title
WHERE {
  ?p a smarty:GoodPractice ;
     schema:name ?title .
}
ORDER BY ?title
LIMIT 3

ASK { practice:access-innovation a smarty:GoodPractice };
CONSTRUCT { ?p schema:name ?n } WHERE { ?p schema:name ?n FILTER(?p = practice:gostop-building-blocks-tools-and-systems-for-the-factories) }
.format csv
SELECT ?n WHERE { practice:access-innovation schema:name ?n }
.format json
SELECT ?n WHERE { practice:access-innovation schema:name ?n }
.format tsv
SELECT ?n WHERE { practice:access-innovation schema:name ?n }
.format xml
ASK { ?s ?p ?o }
.format table
.load extra.ttl
SELECT ?o WHERE { ex:note ex:says ?o };
INSERT DATA { GRAPH ex:g { ex:note ex:also "updated" } };
SELECT ?o WHERE { ex:note ex:also ?o }
.describe Igor Kovač
.why Bryony Chipp
.contacts
.graph contacts csv
.ingest guide.txt
.export nquads out.nq --public
.output results.tsv
.format tsv
SELECT ?t WHERE { ?p a smarty:GoodPractice ; schema:name ?t } ORDER BY ?t LIMIT 2
.output
.format table
.explain SELECT (COUNT(*) AS ?n) WHERE { ?p a smarty:GoodPractice }
.timer on
.quit
SELECT * WHERE { this is never run }
"#;
    let text = transcript(&dir, script);
    // Times vary from run to run.
    let re = regex::Regex::new(r"\d+(\.\d+)? (ms|s)\b").unwrap();
    let text = re.replace_all(&text, "[time]").into_owned();
    // The query planner names its own variables: a random 128-bit number in hex, without
    // leading zeros (so sometimes shorter than 32 digits).
    let re = regex::Regex::new(r"\?[0-9a-f]{16,32}\b").unwrap();
    let text = re.replace_all(&text, "?[generated]").into_owned();
    insta::assert_snapshot!("scripted_session", text);
    let results = std::fs::read_to_string(dir.path().join("results.tsv")).unwrap();
    assert_eq!(results.lines().count(), 3, "{results}");
    let exported = std::fs::read_to_string(dir.path().join("out.nq")).unwrap();
    assert!(exported.contains("Access Innovation") && !exported.contains("mailto:"));
}

#[test]
fn an_empty_store_gets_the_bundled_guide_first() {
    let dir = tempfile::tempdir().unwrap();
    smarty(&dir)
        .args(["--store", "store"])
        .write_stdin(
            ".timer off\nSELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a smarty:GoodPractice }\n",
        )
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "The store was empty: ingested the bundled SMARTY guide",
        ))
        .stdout(predicate::str::contains("│ 26 │"));
}

#[test]
fn a_script_stops_at_the_first_error_naming_its_line() {
    let dir = tempfile::tempdir().unwrap();
    smarty(&dir)
        .args(["--store", "store"])
        .write_stdin(".timer off\n.stats\n\nSELECT * WHERE {\n  ?s ?p ?o\n} ORDR BY ?s\n.stats\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("stdin:4: 3:9: syntax error"))
        .stdout(predicate::str::contains("statements").count(1));
    smarty(&dir)
        .args(["--store", "store"])
        .write_stdin(".nonsense\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "stdin:1: unknown command '.nonsense'",
        ));
}

#[test]
fn the_demo_runs_on_a_fresh_store() {
    let dir = tempfile::tempdir().unwrap();
    smarty(&dir)
        .args(["--store", "store", "demo"])
        .assert()
        .success()
        .stdout(predicate::str::contains("smarty> .run shared-contacts"))
        .stdout(predicate::str::contains("Bryony Chipp"))
        .stdout(predicate::str::contains("| GOSTOP - Building Blocks"))
        .stdout(predicate::str::contains("same e-mail ignoring case"))
        .stdout(predicate::str::contains(
            "partners network: organisations meeting on a practice",
        ));
}

/// Rows of CSV (RFC 4180: quoted fields with doubled quotes, CRLF line ends); `None` if it is not.
fn parse_csv(text: &str) -> Option<Vec<Vec<String>>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.next() == Some('\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '"' | '\r' | '\n') => return None,
            (false, c) => field.push(c),
        }
    }
    (!quoted && field.is_empty() && row.is_empty()).then_some(rows)
}

#[test]
fn a_piped_script_writes_only_results_to_standard_output() {
    let dir = crate::support::ingested();
    let select = "SELECT ?title ?theme WHERE {\n  ?p a smarty:GoodPractice ; schema:name ?title ; \
                  dcat:theme ?theme\n} ORDER BY ?title";
    let expect = smarty(&dir)
        .args(["--store", "store", "query", "--format", "csv", select])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let insert = "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }";
    let scripts = [
        (vec!["--format", "csv"], format!("{insert};\n{select}\n")),
        (vec![], format!(".format csv\n{insert}\n\n{select}\n")),
    ];
    for (flags, script) in scripts {
        let out = smarty(&dir)
            .args(["--store", "store"])
            .args(&flags)
            .write_stdin(script)
            .assert()
            .success()
            .stderr(predicate::str::contains("update applied in"))
            .stderr(predicate::str::contains("(26 rows in"))
            .get_output()
            .clone();
        assert_eq!(out.stdout, expect, "{flags:?}");
        let rows = parse_csv(&String::from_utf8(out.stdout).unwrap()).expect("CSV");
        assert_eq!(rows.len(), 27);
        assert_eq!(rows[0], ["title", "theme"]);
        assert!(rows.iter().all(|r| r.len() == 2), "{rows:?}");
    }
}

/// Where statements end, in every layout a script (or a terminal) may use: a prologue on a line
/// of its own waits for its query; `}` then `ORDER BY` on the next line is one statement; `;` or
/// an empty line ends one; a dot-command after a pending statement ends it; the end of the input
/// ends the last.
#[test]
fn statements_end_where_users_expect_in_every_layout() {
    let dir = tempfile::tempdir().unwrap();
    let script = "\
.timer off
PREFIX ex: <http://example.org/>
SELECT ?t WHERE { ?p a smarty:GoodPractice ; schema:name ?t }
ORDER BY DESC(?t)
LIMIT 2;
SELECT (COUNT(*) AS ?n) WHERE { ?p a smarty:GoodPractice }

ASK { ?p a smarty:GoodPractice } ; # a comment after the end
SELECT ?t WHERE {
  ?p a smarty:GoodPractice ; schema:name ?t .

  FILTER(STRSTARTS(?t, \"A\"))
}
ORDER BY ?t
.stats
SELECT ?t WHERE { ?p a smarty:GoodPractice ; schema:name ?t }
ORDER BY ?t
LIMIT 1
";
    let text = transcript(&dir, script);
    let re = regex::Regex::new(r"\d+(\.\d+)? (ms|s)\b").unwrap();
    insta::assert_snapshot!("statement_layouts", re.replace_all(&text, "[time]"));
}
