//! `smarty-kg diff`: editions of the bundled guide, against files and stored versions.

use predicates::prelude::*;

use crate::support::{guide, smarty};

/// The bundled guide with three practices edited: a summary sentence (Access Innovation), an
/// amount (Skills for Growth) and a website (Future Industry Platform).
fn edited() -> String {
    std::fs::read_to_string(guide())
        .unwrap()
        .replacen(
            "Access Innovation is a package of support",
            "Access Innovation is a programme of support",
            1,
        )
        .replacen("(£1,980,000)", "(£2,100,000)", 1)
        .replacen(
            "<https://przemyslprzyszlosci.gov.pl>",
            "<https://www.przemyslprzyszlosci.gov.pl>",
            1,
        )
}

#[test]
fn three_edited_practices_are_exactly_the_changes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("edited.txt"), edited()).unwrap();
    let out = smarty(&dir)
        .args([
            "diff",
            guide().to_str().unwrap(),
            "edited.txt",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let diff: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(diff["added"], serde_json::json!([]));
    assert_eq!(diff["removed"], serde_json::json!([]));
    let changed: Vec<(String, Vec<String>)> = diff["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let fields = c["fields"].as_array().unwrap();
            (
                c["new"]["title"].as_str().unwrap().to_owned(),
                fields
                    .iter()
                    .map(|f| f["field"].as_str().unwrap().to_owned())
                    .collect(),
            )
        })
        .collect();
    let titles: Vec<&str> = changed.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Future Industry Platform",
            "Access Innovation",
            "Skills for Growth"
        ]
    );
    assert_eq!(changed[0].1, ["websites[0]"], "{changed:?}");
    assert_eq!(changed[1].1, ["summary"], "{changed:?}");
    assert_eq!(
        changed[2].1,
        [
            "amounts[0].text",
            "amounts[0].value",
            "sections[resources_needed].text"
        ],
        "{changed:?}"
    );
    // Both source lines are given, and the amount's new value.
    let amount = diff["changed"][2]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "amounts[0].value")
        .unwrap()
        .clone();
    assert_eq!(amount["old_line"], 1309);
    assert_eq!(amount["new_line"], 1309);
    assert_eq!(amount["old"], "1980000", "{amount}");
    assert_eq!(amount["new"], "2100000", "{amount}");
}

#[test]
fn a_table_for_people_and_stored_versions_by_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("guide.txt"),
        std::fs::read(guide()).unwrap(),
    )
    .unwrap();
    std::fs::write(dir.path().join("edited.txt"), edited()).unwrap();
    smarty(&dir)
        .args(["--store", "store", "ingest", "guide.txt"])
        .assert()
        .success();
    let version = "77f3f761";
    smarty(&dir)
        .args([
            "--store",
            "store",
            "diff",
            &format!("guide@{version}"),
            "edited.txt",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "changed: Skills for Growth (guide@77f3f761:",
        ))
        .stdout(predicate::str::contains("- guide@77f3f761:1309"))
        .stdout(predicate::str::contains("3 changed, 0 added, 0 removed"));
    smarty(&dir)
        .args(["--store", "store", "diff", "guide@00000000", "edited.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "keeps no version 00000000 of 'guide'",
        ));
    smarty(&dir)
        .args(["diff", "nothing-here.txt", "edited.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "neither a file nor a stored version",
        ));
}
