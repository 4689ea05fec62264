//! `smarty-kg extract`.

use predicates::prelude::*;

use crate::support::{guide, smarty};

#[test]
fn json_of_every_record_with_diagnostics_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let out = smarty(&dir)
        .arg("extract")
        .arg(guide())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "smarty-good-practice-guide.txt:306: note[displaced-sections]",
        ))
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        json["sha256"],
        "77f3f761540b1b60d24ab31d153e48cd062a54f258103826912ee6f5be3dd93f"
    );
    let practices = json["extraction"]["practices"].as_array().unwrap();
    assert_eq!(practices.len(), 26);
    assert_eq!(practices[1]["title"]["value"], "Access Innovation");
    assert_eq!(practices[1]["amounts"][0]["value"], "7057734");
    assert_eq!(json["resolution"]["persons"].as_array().unwrap().len(), 17);
    assert_eq!(json["resolution"]["partners"].as_array().unwrap().len(), 14);
    assert_eq!(
        json["resolution"]["practices"][1]["slug"],
        "access-innovation"
    );
}

#[test]
fn table_lists_every_practice() {
    let dir = tempfile::tempdir().unwrap();
    let out = smarty(&dir)
        .args(["extract", "--format", "table"])
        .arg(guide())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("Future Industry Platform"));
    assert!(text.contains("FrostBit Software Lab"));
    assert!(text.contains("between £11,000 and £18,000"));
    assert!(text.contains("[SI04 SI03]"));
}

#[test]
fn unreadable_file_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    smarty(&dir)
        .args(["extract", "no-such-guide.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-guide.txt: cannot read"));
}

#[test]
fn invalid_utf8_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.txt");
    std::fs::write(&path, b"Title\nSummary\nLe\xf3n\n").unwrap();
    smarty(&dir)
        .args(["extract", "latin1.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("latin1.txt:3: invalid UTF-8"))
        .stderr(predicate::str::contains("expected UTF-8 text"));
}

#[test]
fn binary_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.bin"), b"PK\x03\x04\0\0").unwrap();
    smarty(&dir)
        .args(["extract", "x.bin"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("x.bin:1: NUL byte"));
}

#[test]
fn text_without_practices_exits_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "Just some notes.\n").unwrap();
    smarty(&dir)
        .args(["extract", "notes.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("notes.txt: no practices found"));
}

#[test]
fn utf16_guides_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(guide()).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.path().join("utf16.txt"), bytes).unwrap();
    let out = smarty(&dir)
        .args(["extract", "utf16.txt"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        json["extraction"]["practices"].as_array().unwrap().len(),
        26
    );
}
