//! Crash consistency: an ingest killed or aborted at any point leaves the old state or the
//! whole new one, and a first ingest writes everything in one bulk load.

use super::*;
use crate::support::UNLINK_BRYONY_CHIPP;

/// The bundled guide repeated: a document big enough that an ingest takes a while.
fn big_guide(dir: &Path, copies: usize) -> std::path::PathBuf {
    let text = std::fs::read_to_string(guide()).unwrap();
    let path = dir.join("big-guide.txt");
    std::fs::write(&path, text.repeat(copies)).unwrap();
    path
}

#[test]
fn an_ingest_killed_part_way_leaves_the_old_state() {
    let dir = ingested();
    let old = count(&dir, TOTAL);
    let big = big_guide(dir.path(), 30);
    // What the big document adds when its ingest completes, measured in a store of its own. The
    // two documents share statements (the same practices in graphs of both), so the full state has
    // cross-graph repeats of its own; a torn ingest would show a different number.
    let (full, full_repeats) = {
        let other = tempfile::tempdir().unwrap();
        smarty(&other)
            .args(["--store", "store", "ingest"])
            .arg(guide())
            .assert()
            .success();
        smarty(&other)
            .args(["--store", "store", "ingest"])
            .arg(&big)
            .assert()
            .success();
        (count(&other, TOTAL), count(&other, DUPLICATES))
    };
    assert!(full > old);
    // Kill at several moments; each time the store reopens with the old state or the whole new one.
    let mut saw_old_state = false;
    for delay_ms in [150u64, 400, 800, 1500] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_smarty-kg"))
            .current_dir(dir.path())
            .args(["--store", "store", "ingest"])
            .arg(&big)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = count(&dir, TOTAL);
        assert!(
            now == old || now == full,
            "after a kill at {delay_ms} ms: {now} statements, expected {old} or {full}"
        );
        assert_kept_facts_are_true(&dir, &format!("after a kill at {delay_ms} ms"));
        saw_old_state |= now == old;
        let repeats = if now == old { 0 } else { full_repeats };
        assert_eq!(
            count(&dir, DUPLICATES),
            repeats,
            "after a kill at {delay_ms} ms"
        );
        if now == full {
            // Start again from the old state for the next attempt.
            smarty(&dir)
                .args(["--store", "store", "update", "DROP SILENT ALL"])
                .assert()
                .success();
            smarty(&dir)
                .args(["--store", "store", "ingest"])
                .arg(guide())
                .assert()
                .success();
        }
    }
    assert!(
        saw_old_state,
        "no kill landed before the commit; the test proved nothing"
    );
}

/// The shared contacts answered from whatever derived data the store kept are those computed
/// again from the statements.
fn assert_kept_facts_are_true(dir: &tempfile::TempDir, when: &str) {
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

/// Runs the binary with `args` in `dir`, kills it (SIGKILL) after each delay in turn, and after
/// each kill checks with `check` (true: the old state), that the kept facts are true and that
/// `validate` reports on a whole state; `reset` restores the old state when a kill came too late.
fn kill_at_delays(
    dir: &tempfile::TempDir,
    args: &[&str],
    delays_ms: &[u64],
    mut check: impl FnMut(&str) -> bool,
    reset: impl Fn(),
) -> bool {
    let mut saw_old_state = false;
    let mut reports: [Option<Vec<u8>>; 2] = [None, None];
    for delay_ms in delays_ms {
        let mut child = Command::new(env!("CARGO_BIN_EXE_smarty-kg"))
            .current_dir(dir.path())
            .args(["--store", "store"])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(*delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let when = format!("{args:?} killed at {delay_ms} ms");
        let old = check(&when);
        assert_kept_facts_are_true(dir, &when);
        let report = smarty(dir)
            .args(["--store", "store", "validate"])
            .output()
            .unwrap();
        // Each state, old or new, gives the report it gives whole.
        {
            let first = reports[usize::from(old)].get_or_insert_with(|| report.stdout.clone());
            assert_eq!(
                String::from_utf8_lossy(first),
                String::from_utf8_lossy(&report.stdout),
                "{when}"
            );
        }
        saw_old_state |= old;
        if !old {
            reset();
        }
    }
    saw_old_state
}

/// A load of RDF files and an update, each killed at several moments: the store holds the old
/// state or the whole new one, reports on it as on that state, and its kept facts say what its
/// statements say.
#[test]
fn loads_and_updates_killed_part_way_leave_one_whole_state() {
    // A file big enough that loading it takes a while: a synthetic guide's statements, loaded
    // into an empty store (a file sharing graphs with ingested guides would merge into them).
    let dir = tempfile::tempdir().unwrap();
    smarty(&dir)
        .args(["synth", "--practices", "400", "-o", "synth.txt"])
        .assert()
        .success();
    smarty(&dir)
        .args(["--store", "other", "ingest", "synth.txt"])
        .assert()
        .success();
    smarty(&dir)
        .args([
            "--store", "other", "export", "--format", "nquads", "-o", "synth.nq",
        ])
        .assert()
        .success();
    let drop_all = || {
        smarty(&dir)
            .args(["--store", "store", "update", "DROP SILENT ALL"])
            .assert()
            .success();
    };
    drop_all();
    let mut full = None::<u64>;
    let saw_old = kill_at_delays(
        &dir,
        &["ingest", "synth.nq"],
        &[100, 300, 700, 1500, 3000],
        |when| {
            let now = count(&dir, TOTAL);
            if now != 0 {
                assert_eq!(*full.get_or_insert(now), now, "{when}");
            }
            now == 0
        },
        drop_all,
    );
    assert!(saw_old, "no kill landed before the load's commit");

    // An update copying every statement into one graph, killed the same way.
    smarty(&dir)
        .args(["--store", "store", "ingest", "synth.nq"])
        .assert()
        .success();
    let old = count(&dir, TOTAL);
    let copied = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:x:copy> { ?s ?p ?o } }";
    let saw_old = kill_at_delays(
        &dir,
        &[
            "update",
            "INSERT { GRAPH <urn:x:copy> { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }",
        ],
        &[50, 150, 300, 600, 1200],
        |when| {
            let now = count(&dir, copied);
            assert!(now == 0 || now == old, "{when}: {now} of {old} copied");
            now == 0
        },
        || {
            smarty(&dir)
                .args(["--store", "store", "update", "DROP GRAPH <urn:x:copy>"])
                .assert()
                .success();
        },
    );
    assert!(saw_old, "no kill landed before the update's commit");
}
