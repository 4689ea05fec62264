//! `smarty-kg ingest FILE...`: guides are extracted and written one transaction each; RDF files are
//! loaded into a graph of their own.

use std::io::Write;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use smarty_reference::Reference;
use smarty_store::{GraphFormat, GuideDocument, IngestStage, LoadOptions};

use crate::cli::{IngestArgs, StoreArgs};
use crate::exit::Status;
use crate::input::read_guide;

pub fn run(store_args: &StoreArgs, args: &IngestArgs) -> anyhow::Result<Status> {
    if args.keep_previous && store_args.memory {
        return Err(super::UsageError(
            "--keep-previous keeps versions beside an on-disk store; it has no meaning with --memory"
                .into(),
        )
        .into());
    }
    if args.graph.is_some() || args.base.is_some() {
        let guides: Vec<String> = args
            .files
            .iter()
            .filter(|p| GraphFormat::from_path(p).is_none())
            .map(|p| p.display().to_string())
            .collect();
        if !guides.is_empty() {
            return Err(super::UsageError(format!(
                "--graph and --base are for RDF files; these are guides: {}",
                guides.join(", ")
            ))
            .into());
        }
    }
    let load = LoadOptions {
        base: args.base.clone(),
        into: args.graph.clone(),
    };
    let kg = super::store::open(store_args, super::store::Access::Write)?;
    let reference = Reference::bundled().context("bundled reference data")?;
    for path in &args.files {
        let shown = path.display().to_string();
        if let Some(format) = GraphFormat::from_path(path) {
            let report = kg.load_rdf_file_with(path, format, &load)?;
            println!(
                "loaded {shown}: {} statements into {}{}",
                report.quads,
                if report.graph.is_empty() {
                    "the default graph".to_owned()
                } else {
                    format!("<{}>", report.graph)
                },
                if report.named_graphs > 0 {
                    format!(" and {} named graphs", report.named_graphs)
                } else {
                    String::new()
                }
            );
            continue;
        }
        let mut guide = read_guide(path)?;
        // Handed to the store, which keeps it as the source and holds it no longer than that;
        // what stays of `guide` locates the diagnostics.
        let (text, original) = guide.take_contents();
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        let doc = GuideDocument {
            name: path.file_stem().and_then(|s| s.to_str()).unwrap_or(&shown),
            text,
            original,
            keep_previous: args.keep_previous,
            allow_partial: args.allow_partial,
        };
        let started = std::time::Instant::now();
        // Each stage's duration for --timings, as `ingest.STAGE`.
        let mut stage_started: Option<(&'static str, std::time::Instant)> = None;
        let mut end_stage = |next: Option<&'static str>| {
            let now = std::time::Instant::now();
            if let Some((name, since)) = stage_started.take() {
                crate::timings::record(&format!("ingest.{name}"), now - since);
            }
            stage_started = next.map(|n| (n, now));
        };
        let report = kg.ingest_guide(doc, &reference, &mut |stage| {
            let (phase, message) = match stage {
                IngestStage::Extracting => ("extract", "extracting"),
                IngestStage::Resolving => ("resolve", "resolving names"),
                IngestStage::Writing => ("write", "mapping to RDF and writing"),
                IngestStage::Finishing => ("finish", "replacing earlier versions"),
                IngestStage::Flushing => ("flush", "flushing to disk"),
                IngestStage::Deriving => ("derive", "keeping network facts"),
            };
            end_stage(Some(phase));
            bar.set_message(format!("{shown}: {message}"));
        });
        end_stage(None);
        bar.finish_and_clear();
        crate::timings::record("ingest", started.elapsed());
        // The store names a guide by its document name; the user knows the file.
        let report = report.map_err(|e| match e {
            smarty_store::StoreError::File {
                position, message, ..
            } => smarty_store::StoreError::File {
                path: path.clone(),
                position,
                message,
            },
            smarty_store::StoreError::NoPractices { .. } => {
                smarty_store::StoreError::NoPractices { path: path.clone() }
            }
            smarty_store::StoreError::CutShort { line, message, .. } => {
                smarty_store::StoreError::CutShort {
                    path: path.clone(),
                    line,
                    message,
                }
            }
            other => other,
        })?;
        let mut stderr = std::io::stderr().lock();
        let mut hidden = 0;
        for d in &report.diagnostics {
            if args.quiet && d.severity == smarty_extract::Severity::Note {
                hidden += 1;
                continue;
            }
            writeln!(stderr, "{}", guide.diagnostic(&shown, d))?;
        }
        for n in &report.notes {
            if args.quiet {
                hidden += 1;
                continue;
            }
            let what = format_args!("note[unresolved]: {}", n.message);
            writeln!(stderr, "{}", guide.located(&shown, n.line, what))?;
        }
        if hidden > 0 {
            writeln!(stderr, "{shown}: {hidden} notes left out (--quiet)")?;
        }
        if let Some(stored) = &report.same_guide_as {
            writeln!(
                stderr,
                "{shown}: the same guide as the stored document '{stored}' (its title and programme): it replaces it"
            )?;
        }
        drop(stderr);
        println!(
            "ingested {shown}: {} practices, {} persons, {} organisations; {} statements in {} graphs (document {}, version {}{})",
            report.practices,
            report.persons,
            report.organisations,
            report.quads,
            report.graphs,
            report.document,
            report.version,
            if report.replaced_graphs > 0 {
                format!(
                    "; replaced {} graphs of an earlier ingest",
                    report.replaced_graphs
                )
            } else {
                String::new()
            }
        );
        for version in &report.kept {
            println!(
                "kept version {version} of {doc}: read it with --at {doc}@{version}",
                doc = report.document
            );
        }
    }
    Ok(Status::Success)
}
