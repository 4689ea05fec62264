//! smarty-kg's own SHACL validator against the fixtures of `tests/shacl/`: the valid data conforms,
//! and each broken fixture fails on exactly the shape and constraint its header names — the same
//! verdicts pySHACL gives in the test command (`tests/interop/test_shacl.py`).
// Test and bench helpers outside #[test] functions state their expectations with unwrap too.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use smarty_store::{GraphFormat, KnowledgeGraph};

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/shacl")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ttl"))
        .collect();
    files.sort();
    files
}

fn validate(file: &Path) -> smarty_store::ValidationReport {
    let kg = KnowledgeGraph::in_memory().unwrap();
    let ontology = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ontology/smarty.ttl");
    kg.load_rdf_file(&ontology, GraphFormat::Turtle).unwrap();
    kg.load_rdf_file(file, GraphFormat::Turtle)
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    kg.validate(smarty_rdf::SHAPES_TTL).unwrap()
}

/// `# key: value` from a fixture's header.
fn header(file: &Path, key: &str) -> Option<String> {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| {
            l.strip_prefix(&format!("# {key}:"))
                .map(|v| v.trim().to_owned())
        })
}

#[test]
fn valid_data_conforms() {
    for file in fixtures("valid") {
        let report = validate(&file);
        assert!(
            report.violations.is_empty(),
            "{}: {:#?}",
            file.display(),
            report.violations
        );
    }
}

#[test]
fn every_broken_fixture_fails_on_the_shape_it_names() {
    let files = fixtures("broken");
    assert!(
        files.len() > 50,
        "expected the broken fixtures, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    for file in &files {
        let shape = header(file, "violates").expect("a '# violates:' header");
        let component = header(file, "constraint").expect("a '# constraint:' header");
        let sparql = header(file, "sparql");
        let report = validate(file);
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if report.violations.is_empty() {
            failures.push(format!("{name}: conforms, expected {shape} {component}"));
            continue;
        }
        for v in &report.violations {
            let shape_ok = v.source_shape == shape || v.shape == shape;
            let component_ok = v.component == component;
            let sparql_ok = sparql.is_none() || v.sparql_constraint == sparql;
            if !(shape_ok && component_ok && sparql_ok) {
                failures.push(format!(
                    "{name}: unexpected {} / {} {} {:?} on {}",
                    v.shape, v.source_shape, v.component, v.sparql_constraint, v.focus
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
