//! Crash consistency at chosen points (failpoints): around an ingest's bulk commit, before the
//! derived facts are kept; and a first ingest writes everything in one bulk load. Kills at
//! random moments are in `kills.rs`.

use super::*;
use crate::support::UNLINK_BRYONY_CHIPP;

/// The shared contacts answered from whatever derived data the store kept are those computed
/// again from the statements.
pub(super) fn assert_kept_facts_are_true(dir: &tempfile::TempDir, when: &str) {
    let contacts = || {
        smarty(dir)
            .args(["--store", "store", "contacts", "--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let answered = contacts();
    let _ = std::fs::remove_dir_all(dir.path().join("store/derived"));
    assert_eq!(
        String::from_utf8_lossy(&answered),
        String::from_utf8_lossy(&contacts()),
        "{when}"
    );
}

/// A process killed after a write has committed but before it kept the derived facts leaves
/// them missing, never stale: the next reader computes them from the new statements.
#[test]
fn a_kill_before_the_facts_are_kept_leaves_none_stale() {
    let dir = ingested();
    let before = smarty(&dir)
        .args(["--store", "store", "contacts", "--format", "json"])
        .output()
        .unwrap()
        .stdout;
    smarty(&dir)
        .env("SMARTY_KG_FAILPOINT", "before-derive")
        .args(["--store", "store", "update", UNLINK_BRYONY_CHIPP])
        .assert()
        .failure();
    assert!(!dir.path().join("store/derived").exists());
    let after = smarty(&dir)
        .args(["--store", "store", "contacts", "--format", "json"])
        .output()
        .unwrap()
        .stdout;
    assert_ne!(before, after);
    assert!(!String::from_utf8_lossy(&after).contains("Bryony Chipp"));
    assert_kept_facts_are_true(&dir, "after a kill before keeping the facts");
}

/// How many distinct versions of the bundled guide the store holds, and how many graphs of the
/// version `version`.
fn versions_and_graphs_of(dir: &tempfile::TempDir, version: &str) -> (u64, u64) {
    let versions = count(
        dir,
        "SELECT (COUNT(DISTINCT ?v) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } \
         BIND(STRBEFORE(STRAFTER(STR(?g), \"/doc/smarty-good-practice-guide/\"), \"/\") AS ?v) \
         FILTER(?v != \"\") }",
    );
    let graphs = count(
        dir,
        &format!(
            "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} \
             FILTER(CONTAINS(STR(?g), \"/doc/smarty-good-practice-guide/{version}/\")) }}"
        ),
    );
    (versions, graphs)
}

/// A new version of the bundled guide replaces the old one in two commits on disk (bulk load,
/// then a small transaction); a crash at either side of the first leaves the old state or, once
/// the store is opened again, the whole new one.
#[test]
fn a_crash_around_the_bulk_commit_leaves_one_whole_version() {
    for (failpoint, new_state_expected) in
        [("before-bulk-commit", false), ("after-bulk-commit", true)]
    {
        let dir = ingested();
        let out = smarty(&dir)
            .args(["--store", "store", "ingest"])
            .arg(guide())
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let out = String::from_utf8(out).unwrap();
        let old_version = out
            .split("version ")
            .nth(1)
            .and_then(|rest| rest.get(..8))
            .expect("the ingest names the version")
            .to_owned();
        let old_total = count(&dir, TOTAL);
        let (versions, old_graphs) = versions_and_graphs_of(&dir, &old_version);
        assert_eq!(versions, 1);
        assert!(old_graphs > 300, "{old_graphs} graphs");

        // The same document (same file name), one byte longer: a new version of it.
        let v2 = dir.path().join("v2");
        std::fs::create_dir(&v2).unwrap();
        let mut text = std::fs::read(guide()).unwrap();
        text.push(b'\n');
        std::fs::write(v2.join("smarty-good-practice-guide.txt"), text).unwrap();
        smarty(&dir)
            .env("SMARTY_KG_FAILPOINT", failpoint)
            .args([
                "--store",
                "store",
                "ingest",
                "v2/smarty-good-practice-guide.txt",
            ])
            .assert()
            .failure();
        // The process died with the marker naming the pending version in place.
        assert!(
            dir.path().join("store/ingest-pending").exists(),
            "{failpoint}: no pending marker"
        );

        // The next open finishes (or forgets) the interrupted ingest before anything reads.
        let (versions, old_graphs) = versions_and_graphs_of(&dir, &old_version);
        assert_eq!(versions, 1, "{failpoint}: both versions visible");
        assert_eq!(
            old_graphs == 0,
            new_state_expected,
            "{failpoint}: {old_graphs} graphs of the old version"
        );
        assert_eq!(count(&dir, TOTAL), old_total, "{failpoint}");
        assert_eq!(count(&dir, DUPLICATES), 0, "{failpoint}");
        assert!(!dir.path().join("store/ingest-pending").exists());
        smarty(&dir)
            .args(["--store", "store", "validate"])
            .assert()
            .success();
    }
}

/// The table files of the on-disk store, by name and size.
fn table_files(dir: &tempfile::TempDir) -> Vec<(String, u64)> {
    let mut files: Vec<(String, u64)> = std::fs::read_dir(dir.path().join("store/rocksdb"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".sst"))
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, e.metadata().unwrap().len())
        })
        .collect();
    files.sort();
    files
}

/// A first ingest writes everything, curated and ontology graphs included, in its bulk load:
/// the finishing step after it then writes nothing, and each index stays one sorted file
/// (a flushed transaction adds a small file every later index seek also consults).
#[test]
fn a_first_ingest_writes_everything_in_its_bulk_load() {
    let dir = tempfile::tempdir().unwrap();
    smarty(&dir)
        .env("SMARTY_KG_FAILPOINT", "after-bulk-commit")
        .args(["--store", "store", "ingest"])
        .arg(guide())
        .assert()
        .failure();
    let after_bulk_load = table_files(&dir);
    assert!(!after_bulk_load.is_empty());
    // Opening the store finishes the ingest: nothing left to write.
    let graphs = count(
        &dir,
        "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } \
         FILTER(STRSTARTS(STR(?g), \"https://w3id.org/smarty-kg/graph/\") \
         && !CONTAINS(STR(?g), \"/doc/\")) }",
    );
    // Curated organisations, regions and provenance, and the ontology.
    assert_eq!(graphs, 4);
    assert!(!dir.path().join("store/ingest-pending").exists());
    assert_eq!(table_files(&dir), after_bulk_load);
    smarty(&dir)
        .args(["--store", "store", "validate"])
        .assert()
        .success();
}
