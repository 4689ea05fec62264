//! The store directory: created only by commands that may write, refused by the others when
//! missing, and private to its user.

use std::path::Path;

use predicates::prelude::*;

use crate::support::{guide, smarty};

#[test]
fn only_commands_that_write_create_a_missing_store() {
    let dir = tempfile::tempdir().unwrap();
    let read_only: &[&[&str]] = &[
        &["query", "ASK {}"],
        &["export"],
        &["validate"],
        &["stats"],
        &["contacts"],
        &["graph", "partners"],
        &["path", "A", "B"],
        &["serve", "--bind", "127.0.0.1:0"],
    ];
    for args in read_only {
        smarty(&dir)
            .args(["--store", "typo"])
            .args(*args)
            .assert()
            .code(3)
            .stderr(predicate::str::contains(
                "no store at typo (no such directory); create one with \
                 `smarty-kg --store typo ingest FILE`",
            ));
        assert!(
            !dir.path().join("typo").exists(),
            "{args:?} created the store"
        );
    }
    // The default store, and an empty directory.
    smarty(&dir)
        .arg("stats")
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "no store at .smarty-kg/store (no such directory); create one with `smarty-kg ingest FILE`",
        ));
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    smarty(&dir)
        .args(["--store", "empty", "stats"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("(the directory holds no store)"));
    smarty(&dir).args(["--memory", "stats"]).assert().success();

    // Writing creates it, and says so once.
    let insert = "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }";
    smarty(&dir)
        .args(["--store", "new", "update", insert])
        .assert()
        .success()
        .stderr(predicate::str::contains("created a new store at new"));
    smarty(&dir)
        .args(["--store", "new", "update", insert])
        .assert()
        .success()
        .stderr(predicate::str::contains("created").not());
    smarty(&dir)
        .args(["--store", "empty", "ingest"])
        .arg(guide())
        .assert()
        .success()
        .stderr(predicate::str::contains("created a new store at empty"));
    smarty(&dir)
        .args(["--store", "empty", "stats"])
        .assert()
        .success();
}

/// Everything under `dir` that is not private: directories other than 0700, files other than 0600.
fn not_private(dir: &Path, out: &mut Vec<String>) {
    use std::os::unix::fs::PermissionsExt;
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let meta = entry.metadata().unwrap();
        let want = if meta.is_dir() { 0o700 } else { 0o600 };
        let mode = meta.permissions().mode() & 0o777;
        if mode != want {
            out.push(format!("{} {mode:o}", entry.path().display()));
        }
        if meta.is_dir() {
            not_private(&entry.path(), out);
        }
    }
}

/// The process's umask, read without changing it.
fn umask() -> u32 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("Umask:")).unwrap();
    u32::from_str_radix(line["Umask:".len()..].trim(), 8).unwrap()
}

#[test]
fn the_store_is_private_to_its_user_and_outputs_are_not() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    smarty(&dir)
        .args(["--store", "data/store", "ingest"])
        .arg(guide())
        .assert()
        .success();
    // An update and an export add files of their own (a write-ahead log, derived answers).
    smarty(&dir)
        .args(["--store", "data/store", "update"])
        .arg("INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }")
        .assert()
        .success();
    smarty(&dir)
        .args(["--store", "data/store", "export", "-o", "out.ttl"])
        .assert()
        .success();
    let store = dir.path().join("data");
    let mut wrong = Vec::new();
    not_private(&store, &mut wrong);
    assert!(wrong.is_empty(), "not private: {wrong:?}");
    assert!(store.join("store/sources").read_dir().unwrap().count() > 0);
    // What the user asks for gets the user's own umask.
    let mode = std::fs::metadata(dir.path().join("out.ttl"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o666 & !umask());
}
