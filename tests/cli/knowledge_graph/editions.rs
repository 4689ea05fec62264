//! Editions and several guides in one store: a guide is known by what it is, not its file name;
//! a new edition replaces the old one, which stays readable when kept; different guides share
//! their nodes.

use predicates::prelude::*;

use super::{PRACTICES, count, select};
use crate::support::{guide, smarty};

/// Guides named in other scripts get transliterated, distinct document names: ingesting one never
/// replaces another (they once all became "guide", and the second deleted the first).
#[test]
fn guides_named_in_other_scripts_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(guide()).unwrap();
    let names = [
        "Οδηγός.txt",
        "Путеводитель.txt",
        "指南.txt",
        "✓.txt",
        "✓✓.txt",
    ];
    for (i, name) in names.iter().enumerate() {
        // Five different guides (a guide is known by its title and programme): the programme
        // on the cover's first line differs.
        let guide = text.replacen("SMARTY\n", &format!("SMARTY {i}\n"), 1);
        std::fs::write(dir.path().join(name), guide).unwrap();
        smarty(&dir)
            .args(["--store", "store", "ingest", name])
            .assert()
            .success();
    }
    let documents = select(
        &dir,
        "SELECT DISTINCT ?doc WHERE { GRAPH ?g { ?s ?p ?o } \
         BIND(STRBEFORE(STRAFTER(STR(?g), \"/graph/doc/\"), \"/\") AS ?doc) FILTER(?doc != \"\") } \
         ORDER BY ?doc",
    );
    let documents: Vec<&str> = documents
        .iter()
        .map(|b| b["doc"]["value"].as_str().unwrap())
        .collect();
    assert_eq!(documents.len(), names.len(), "{documents:?}");
    assert!(documents.contains(&"odegos"), "{documents:?}");
    assert!(documents.contains(&"putevoditel"), "{documents:?}");
    assert!(
        documents.iter().filter(|d| d.starts_with("guide-")).count() == 2,
        "{documents:?}"
    );
}

#[test]
fn the_same_guide_under_another_file_name_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read(guide()).unwrap();
    std::fs::write(dir.path().join("guide.txt"), &text).unwrap();
    std::fs::write(dir.path().join("copy of the guide.txt"), &text).unwrap();
    smarty(&dir)
        .args(["--store", "store", "ingest", "guide.txt"])
        .assert()
        .success();
    smarty(&dir)
        .args(["--store", "store", "ingest", "copy of the guide.txt"])
        .assert()
        .success()
        .stdout(predicate::str::contains("(document guide, version"))
        .stderr(predicate::str::contains(
            "the same guide as the stored document 'guide'",
        ));
    assert_eq!(count(&dir, PRACTICES), 26);
    assert_eq!(
        count(
            &dir,
            "SELECT (COUNT(DISTINCT ?doc) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } \
             BIND(STRBEFORE(STRAFTER(STR(?g), \"/graph/doc/\"), \"/\") AS ?doc) FILTER(?doc != \"\") }"
        ),
        1
    );
    // A new edition (the same title and programme, other content) replaces the old one too.
    let edition =
        String::from_utf8(text)
            .unwrap()
            .replacen("Access Innovation", "Access Innovation 2", 1);
    std::fs::write(dir.path().join("guide-2025.txt"), edition).unwrap();
    smarty(&dir)
        .args(["--store", "store", "ingest", "guide-2025.txt"])
        .assert()
        .success()
        .stdout(predicate::str::contains("(document guide, version"));
    assert_eq!(count(&dir, PRACTICES), 26);
}

#[test]
fn a_practice_in_two_guides_is_one_node_with_both_sources() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(guide()).unwrap();
    std::fs::write(dir.path().join("a.txt"), &text).unwrap();
    // Another guide (another programme on its cover) printing the same practices.
    let other = text.replacen("SMARTY\n", "SMARTY 2\n", 1);
    std::fs::write(dir.path().join("b.txt"), other).unwrap();
    smarty(&dir)
        .args(["--store", "store", "ingest", "a.txt", "b.txt"])
        .assert()
        .success();
    assert_eq!(count(&dir, PRACTICES), 26);
    // Each practice is stated by both documents: its provenance names both sources.
    assert_eq!(
        count(
            &dir,
            "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { \
             GRAPH ?g1 { ?p a smarty:GoodPractice } GRAPH ?g2 { ?p a smarty:GoodPractice } \
             FILTER(STRBEFORE(STRAFTER(STR(?g1), \"/graph/doc/\"), \"/\") = \"a\" \
                 && STRBEFORE(STRAFTER(STR(?g2), \"/graph/doc/\"), \"/\") = \"b\") }"
        ),
        26
    );
    // The shared contacts work across the guides: the same five persons.
    let out = smarty(&dir)
        .args(["--store", "store", "contacts", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let contacts: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(contacts.as_array().map(Vec::len), Some(5), "{contacts}");
}

/// `ingest --keep-previous`: the replaced edition stays readable with `--at`, by `DOC@VERSION` or
/// by its version IRI, while the current data holds only the new edition; the kept version
/// cannot be written.
#[test]
fn a_kept_edition_is_readable_at_its_version() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(guide()).unwrap();
    std::fs::write(dir.path().join("guide.txt"), &text).unwrap();
    let edition = text.replace("Access Innovation", "Access to Innovation");
    std::fs::write(dir.path().join("guide-2025.txt"), edition).unwrap();
    smarty(&dir)
        .args(["--store", "store", "ingest", "guide.txt"])
        .assert()
        .success();
    let old = smarty(&dir)
        .args(["--store", "store", "stats"])
        .output()
        .unwrap();
    let old = String::from_utf8(old.stdout).unwrap();
    let version = old
        .lines()
        .find_map(|l| l.strip_prefix("document        guide (version "))
        .and_then(|v| v.strip_suffix(')'))
        .unwrap()
        .to_owned();
    smarty(&dir)
        .args([
            "--store",
            "store",
            "ingest",
            "--keep-previous",
            "guide-2025.txt",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "kept version {version} of guide: read it with --at guide@{version}"
        )));
    let titled = |title: &str| {
        format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ ?p a smarty:GoodPractice ; schema:name \"{title}\"@en }}"
        )
    };
    // The current data: the new edition only.
    assert_eq!(count(&dir, PRACTICES), 26);
    assert_eq!(count(&dir, &titled("Access Innovation")), 0);
    assert_eq!(count(&dir, &titled("Access to Innovation")), 1);
    // The kept edition, by DOC@VERSION and by its version IRI: the old titles, whole.
    let at = format!("guide@{version}");
    let iri = format!("https://w3id.org/smarty-kg/id/source/guide-{version}.txt");
    for selector in [&at, &iri] {
        let n = |q: &str| -> String {
            let out = smarty(&dir)
                .args([
                    "--store", "store", "--at", selector, "query", "--format", "csv", q,
                ])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8(out.stdout).unwrap()
        };
        assert_eq!(n(PRACTICES).lines().nth(1), Some("26"));
        assert_eq!(n(&titled("Access Innovation")).lines().nth(1), Some("1"));
        assert_eq!(n(&titled("Access to Innovation")).lines().nth(1), Some("0"));
    }
    smarty(&dir)
        .args(["--store", "store", "stats"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("kept            {at}")));
    smarty(&dir)
        .args([
            "--store", "store", "--at", &at, "contacts", "--format", "json",
        ])
        .assert()
        .success();
    smarty(&dir)
        .args(["--store", "store", "--at", &at, "update", "CLEAR ALL"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "reads a kept version; it cannot be written",
        ));
    smarty(&dir)
        .args(["--store", "store", "--at", "guide@00000000", "stats"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("kept: {at}")));
}
