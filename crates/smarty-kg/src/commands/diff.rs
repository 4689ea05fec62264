//! `smarty-kg diff OLD NEW`: what changed between two editions of a guide, practice by practice
//! and field by field, with the source lines on both sides.

use std::io::Write;
use std::path::Path;

use smarty_extract::diff::{FieldChange, GuideDiff, PracticeRef};

use super::UsageError;
use crate::cli::{DiffArgs, DiffFormat, StoreArgs};
use crate::exit::Status;
use crate::input::read_guide;

pub fn run(store_args: &StoreArgs, args: &DiffArgs) -> anyhow::Result<Status> {
    let old = smarty_extract::extract(&text_of(store_args, &args.old)?);
    let new = smarty_extract::extract(&text_of(store_args, &args.new)?);
    let diff = smarty_extract::diff::diff(&old, &new);
    let mut out = std::io::stdout().lock();
    match args.format {
        DiffFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&diff)?)?,
        DiffFormat::Table => write!(out, "{}", table(&diff, &args.old, &args.new))?,
    }
    Ok(Status::Success)
}

/// A guide's text: a file, or a version kept in the store (`DOC@VERSION`).
fn text_of(store_args: &StoreArgs, given: &str) -> anyhow::Result<String> {
    let path = Path::new(given);
    if path.exists() {
        return Ok(read_guide(path)?.text);
    }
    let Some((doc, version)) = given.split_once('@') else {
        return Err(UsageError(format!(
            "'{given}' is neither a file nor a stored version (DOC@VERSION, as `stats` lists them)"
        ))
        .into());
    };
    let kg = super::store::open(store_args, super::store::Access::Read)?;
    kg.source_text(&format!("{doc}-{version}.txt"))
        .ok_or_else(|| {
            UsageError(format!(
                "the store keeps no version {version} of '{doc}' (`stats` lists the documents and versions)"
            ))
            .into()
        })
}

fn table(diff: &GuideDiff, old: &str, new: &str) -> String {
    let mut s = String::new();
    for p in &diff.removed {
        s += &format!("removed: {} ({old}:{})\n", p.title, lines(p));
    }
    for p in &diff.added {
        s += &format!("added: {} ({new}:{})\n", p.title, lines(p));
    }
    for c in &diff.changed {
        s += &format!(
            "changed: {} ({old}:{} → {new}:{}; matched by {})\n",
            c.old.title,
            lines(&c.old),
            lines(&c.new),
            c.matched_by
        );
        for f in &c.fields {
            s += &field(f, old, new);
        }
    }
    s += &format!(
        "{} changed, {} added, {} removed\n",
        diff.changed.len(),
        diff.added.len(),
        diff.removed.len()
    );
    s
}

fn lines(p: &PracticeRef) -> String {
    format!("{}-{}", p.lines.0, p.lines.1)
}

fn field(f: &FieldChange, old: &str, new: &str) -> String {
    let at = |file: &str, line: Option<u32>| match line {
        Some(l) => format!("{file}:{l}"),
        None => format!("{file}: not printed"),
    };
    format!(
        "  {}\n    - {}  {}\n    + {}  {}\n",
        f.field,
        at(old, f.old_line),
        shown(&f.old),
        at(new, f.new_line),
        shown(&f.new)
    )
}

/// A value on one line, cut to a readable length.
fn shown(value: &serde_json::Value) -> String {
    let text = match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "—".to_owned(),
        other => other.to_string(),
    };
    smarty_extract::text::shorten(&text.replace('\n', " "), 120)
}
