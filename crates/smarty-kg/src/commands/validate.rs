//! `smarty-kg validate`: the store against the SHACL shapes, as a readable report.

use std::collections::BTreeMap;

use crate::cli::{StoreArgs, ValidateArgs};
use crate::exit::Status;
use crate::input::read_text;

pub fn run(store_args: &StoreArgs, args: &ValidateArgs) -> anyhow::Result<Status> {
    let shapes = match &args.shapes {
        Some(path) => read_text(path)?,
        None => smarty_rdf::SHAPES_TTL.to_owned(),
    };
    let kg = super::store::open(store_args, super::store::Access::Read)?;
    let report = kg.validate(&shapes)?;
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
    Ok(if report.conforms() {
        Status::Success
    } else {
        Status::NothingFound
    })
}
