//! README's table of bad input ("What smarty-kg does with bad input"), one row per kind: the
//! real binary's exit code, a phrase of its message, and the store exactly as it was (its
//! export, byte for byte; a foreign directory's entries, name for name).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{guide, ingested, smarty};

/// 2,000 nested groups around one pattern.
fn deeply_nested() -> String {
    format!(
        "SELECT * WHERE {} ?s ?p ?o {}",
        "{".repeat(2000),
        "}".repeat(2000)
    )
}

/// The files the rows read, written into `dir`.
fn write_inputs(dir: &Path) {
    let text = std::fs::read_to_string(guide()).unwrap();
    let cut: Vec<&str> = text.lines().take(700).collect();
    std::fs::write(dir.join("cut.txt"), cut.join("\n")).unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(
        dir.join("program.bin"),
        b"\x7fELF\x02\x01\x01\x00\x00\x00\n\x03\x00>\x00",
    )
    .unwrap();
    // A gibibyte, made sparse: the size alone must refuse it, before anything is read.
    let huge = std::fs::File::create(dir.join("huge.txt")).unwrap();
    huge.set_len(1 << 30).unwrap();
    std::fs::write(
        dir.join("broken.ttl"),
        "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b \"unterminated .\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("bomb.rdf"),
        "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description \
         rdf:about=\"http://example.org/x\"><rdf:value>&b;</rdf:value></rdf:Description></rdf:RDF>\n",
    )
    .unwrap();
}

/// The store's whole content, in the export's deterministic order.
fn snapshot(dir: &tempfile::TempDir) -> Vec<u8> {
    smarty(dir)
        .args(["--store", "store", "export", "--format", "nquads"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

/// Runs `smarty-kg --store store ARGS` and checks its exit code, that standard error says
/// `says`, and that the store is as it was.
fn check(dir: &tempfile::TempDir, args: &[&str], code: i32, says: &str) {
    let before = snapshot(dir);
    let out = smarty(dir)
        .args(["--store", "store"])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    assert!(
        stderr.contains(says),
        "{args:?}: {stderr:?} does not say {says:?}"
    );
    assert!(snapshot(dir) == before, "{args:?} changed the store");
}

#[test]
fn bad_input_is_refused_clearly_and_changes_nothing() {
    let kg = ingested();
    write_inputs(kg.path());
    let nested = deeply_nested();
    let rows: &[(&[&str], i32, &str)] = &[
        (&["ingest", "missing.txt"], 2, "missing.txt: cannot read"),
        (&["ingest", "empty.txt"], 1, "empty.txt: no practices found"),
        (
            &["ingest", "program.bin"],
            2,
            "program.bin:1: NUL byte: this looks like a binary file",
        ),
        (
            &["ingest", "cut.txt"],
            2,
            "the file may be cut short; nothing was stored",
        ),
        (
            &["ingest", "huge.txt"],
            2,
            "huge.txt: 1073741824 bytes, more than a guide may have",
        ),
        (&["ingest", "broken.ttl"], 2, "broken.ttl:3:"),
        (
            &["ingest", "bomb.rdf"],
            2,
            "bomb.rdf:2:1: RDF/XML entity declarations are refused",
        ),
        (
            &["query", &nested],
            2,
            "query too deeply nested (2000 levels of brackets",
        ),
        // A parameter is a term, never query text: the attempt is a literal nothing matches.
        (
            &[
                "query",
                "--name",
                "search",
                "-p",
                "term=x\") } ; DROP ALL ; #",
            ],
            0,
            "",
        ),
        (
            &[
                "query",
                "--name",
                "practice-record",
                "-p",
                "practice=<x> } DROP ALL {",
            ],
            2,
            "no practice is called '<x> } DROP ALL {'",
        ),
    ];
    for (args, code, says) in rows {
        check(&kg, args, *code, says);
    }
}

#[test]
fn another_program_s_directory_is_not_made_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("pgdata");
    std::fs::create_dir_all(other.join("base")).unwrap();
    std::fs::write(other.join("PG_VERSION"), "15\n").unwrap();
    smarty(&dir)
        .args(["--store", "pgdata", "ingest"])
        .arg(guide())
        .assert()
        .code(3)
        .stderr(predicates::str::contains(
            "pgdata holds no store but other files (PG_VERSION, base)",
        ));
    let mut entries: Vec<String> = std::fs::read_dir(&other)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    assert_eq!(entries, ["PG_VERSION", "base"]);
}

#[test]
fn a_store_locked_by_another_process_is_refused_and_unchanged() {
    let kg = ingested();
    let before = snapshot(&kg);
    // A slow query holds the store.
    let mut holder = Command::new(env!("CARGO_BIN_EXE_smarty-kg"))
        .current_dir(kg.path())
        .args(["--store", "store", "--timeout", "20", "query"])
        .arg("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lock = kg.path().join("store/lock");
    let start = Instant::now();
    while std::fs::read_to_string(&lock).map_or(true, |s| s.trim() != holder.id().to_string()) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the holder never took the lock"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let refused = smarty(&kg)
        .args(["--store", "store", "ingest"])
        .arg(guide())
        .output()
        .unwrap();
    holder.kill().unwrap();
    holder.wait().unwrap();
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains(&format!("is in use by process {}", holder.id())),
        "{stderr}"
    );
    assert!(snapshot(&kg) == before);
}
