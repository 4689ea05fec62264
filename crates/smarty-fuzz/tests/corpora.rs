//! Every committed fuzz input, run once through its target's body: the minimised corpus of each
//! target (`fuzz/corpus/TARGET/`) and the inputs that once failed (`fuzz/regressions/TARGET/`).
//! This is how the fuzzing reaches the test command, on the stable toolchain, in seconds.

// The counts of inputs run, for `cargo test -- --nocapture`.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// The files of one folder, sorted; none if it does not exist.
fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs every input of `target`, and fails naming each input that fails.
fn run(target: &str) {
    let (_, body) = smarty_fuzz::TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .unwrap();
    let corpus = files(&fuzz_dir().join("corpus").join(target));
    let regressions = files(&fuzz_dir().join("regressions").join(target));
    assert!(!corpus.is_empty(), "no corpus for {target}");
    let mut failed = Vec::new();
    for path in corpus.iter().chain(&regressions) {
        let data = std::fs::read(path).unwrap();
        if catch_unwind(AssertUnwindSafe(|| body(&data))).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(failed.is_empty(), "{target}: failed on {failed:#?}");
    println!(
        "{target}: {} corpus inputs and {} regressions",
        corpus.len(),
        regressions.len()
    );
}

#[test]
fn every_target_has_a_test_here() {
    let source = include_str!("corpora.rs");
    for (name, _) in smarty_fuzz::TARGETS {
        assert!(
            source.contains(&format!("fn {name}()")),
            "no test runs {name}"
        );
    }
}

#[test]
fn extract() {
    run("extract");
}

#[test]
fn extract_guide() {
    run("extract_guide");
}

#[test]
fn readers() {
    run("readers");
}

#[test]
fn repl_line() {
    run("repl_line");
}

#[test]
fn param() {
    run("param");
}

#[test]
fn load_rdf() {
    run("load_rdf");
}

#[test]
fn serve() {
    run("serve");
}
