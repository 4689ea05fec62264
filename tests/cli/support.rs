//! Shared helpers for the end-to-end tests.

use std::path::PathBuf;

use assert_cmd::Command;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn guide() -> PathBuf {
    root().join("data/smarty-good-practice-guide.txt")
}

/// The binary, run from a fresh temporary directory so that no test sees another's default store.
pub fn smarty(dir: &tempfile::TempDir) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_smarty-kg"));
    cmd.current_dir(dir.path())
        .env_remove("SMARTY_KG_STORE")
        .env("NO_COLOR", "1");
    cmd
}

/// What a successful `smarty-kg --store STORE ARGS…` run in `dir` writes to standard output.
pub fn stdout_of(dir: &tempfile::TempDir, store: &str, args: &[&str]) -> Vec<u8> {
    smarty(dir)
        .args(["--store", store])
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

/// A temporary directory with the bundled guide ingested into `store/`.
pub fn ingested() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    smarty(&dir)
        .args(["--store", "store", "ingest"])
        .arg(guide())
        .assert()
        .success();
    dir
}

/// An update that removes one shared contact of the bundled guide from all her practices.
pub const UNLINK_BRYONY_CHIPP: &str = "DELETE { GRAPH ?g { ?practice dcat:contactPoint ?person } } \
    WHERE { GRAPH ?g { ?practice dcat:contactPoint ?person } \
    GRAPH ?h { ?person vcard:fn \"Bryony Chipp\" } }";
