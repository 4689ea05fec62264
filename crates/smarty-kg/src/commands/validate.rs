//! `smarty-kg validate`: the store against the SHACL shapes, as a readable report.

use std::collections::BTreeMap;

use serde_json::json;

use crate::cli::{StoreArgs, ValidateArgs, ValidateFormat};
use crate::exit::Status;
use crate::input::read_text;

pub fn run(store_args: &StoreArgs, args: &ValidateArgs) -> anyhow::Result<Status> {
    let shapes = match &args.shapes {
        Some(path) => read_text(path)?,
        None => smarty_rdf::SHAPES_TTL.to_owned(),
    };
    let kg = super::store::open(store_args, super::store::Access::Read)?;
    let report = kg.validate(&shapes)?;
    let status = if report.conforms() {
        Status::Success
    } else {
        Status::NothingFound
    };
    if args.format == ValidateFormat::Json {
        println!("{}", serde_json::to_string_pretty(&as_json(&report))?);
        return Ok(status);
    }
    let checked: usize = report.checked.values().sum();
    if report.violations.is_empty() {
        println!(
            "conforms: {checked} focus nodes checked against {} shapes, no violations",
            report.checked.len()
        );
        return Ok(Status::Success);
    }
    let mut by_shape: BTreeMap<&str, Vec<&smarty_store::Violation>> = BTreeMap::new();
    for v in &report.violations {
        by_shape.entry(v.shape.as_str()).or_default().push(v);
    }
    for (shape, violations) in &by_shape {
        println!("{shape}: {} violation(s)", violations.len());
        for v in violations.iter().take(20) {
            println!(
                "  {} {}{}: {}{}",
                v.focus,
                v.path
                    .as_deref()
                    .map(|p| format!("{p} "))
                    .unwrap_or_default(),
                v.component,
                v.message,
                v.value
                    .as_deref()
                    .map(|x| format!(" (value: {x})"))
                    .unwrap_or_default(),
            );
        }
        if violations.len() > 20 {
            println!("  … and {} more", violations.len() - 20);
        }
    }
    println!(
        "does not conform: {} violation(s) among {checked} focus nodes",
        report.violations.len()
    );
    Ok(status)
}

/// The whole report for programs: every violation with its severity, and the focus nodes checked
/// per shape.
fn as_json(report: &smarty_store::ValidationReport) -> serde_json::Value {
    let violations: Vec<serde_json::Value> = report
        .violations
        .iter()
        .map(|v| {
            json!({
                "severity": v.severity.as_str(),
                "shape": v.shape,
                "sourceShape": v.source_shape,
                "sparqlConstraint": v.sparql_constraint,
                "focus": v.focus,
                "path": v.path,
                "component": v.component,
                "value": v.value,
                "message": v.message,
            })
        })
        .collect();
    json!({
        "conforms": report.conforms(),
        "focusNodesChecked": report.checked.values().sum::<usize>(),
        "checked": report.checked,
        "violations": violations,
    })
}
