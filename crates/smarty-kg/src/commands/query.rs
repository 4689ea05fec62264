//! `smarty-kg query` and `smarty-kg update`.

use std::io::{IsTerminal, Write};

use anyhow::Context;
use smarty_repl::OutputFormat;
use smarty_repl::names::Names;
use smarty_repl::render;
use smarty_store::{NamedQuery, QueryLibrary, QueryOutcome, StoreError};

use super::reader::Reader;

use super::UsageError;
use crate::cli::{QueryArgs, StoreArgs, UpdateArgs};
use crate::exit::Status;
use crate::input::{InputError, read_text};

/// The query to run, where it came from (for error positions) and what parameters it takes.
fn source(args: &QueryArgs, given: &[(String, String)]) -> anyhow::Result<(NamedQuery, String)> {
    if let Some(name) = &args.name {
        let library = QueryLibrary::bundled();
        let q = library.get(name).ok_or_else(|| InputError::UnknownQuery {
            name: name.clone(),
            known: library.iter().map(|q| q.name.clone()).collect(),
        })?;
        return Ok((q.clone(), format!("queries/{name}.rq")));
    }
    let (text, origin) = match (&args.query, &args.file) {
        (Some(q), _) => (q.clone(), "query".to_owned()),
        (None, Some(path)) => (read_text(path)?, path.display().to_string()),
        (None, None) => unreachable!("clap requires a query source"),
    };
    Ok((NamedQuery::ad_hoc(&origin, &text, given), origin))
}

pub fn run(store_args: &StoreArgs, args: &QueryArgs) -> anyhow::Result<Status> {
    if args.list {
        return list();
    }
    let given = args
        .params
        .iter()
        .map(|p| {
            p.split_once('=')
                .map(|(n, v)| (n.to_owned(), v.to_owned()))
                .ok_or_else(|| InputError::Parameter(p.clone()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let (query, origin) = source(args, &given)?;
    let format = output_format(args)?;
    let reader = super::reader::open(store_args)?;
    let kg = reader.answers();
    let mut options = super::store::query_options(store_args);
    // Names are read from the store only when a value needs one.
    let names = || Ok(std::rc::Rc::new(Names::load_things(kg)?));
    options.parameters = smarty_repl::params::bind(&query, &given, &[], &names)?;
    let started = std::time::Instant::now();
    let outcome = kg
        .answer(&query.text, &options)
        .map_err(|e| with_source(e, &origin, &query.text))?;
    crate::timings::record("query", started.elapsed());
    if let Reader::Remote(endpoint) = &reader {
        super::reader::report(endpoint);
    }
    smarty_repl::interrupt::clear();
    match &args.output {
        Some(path) => {
            let summary = smarty_repl::write_atomically(path, |w| {
                let format = format.unwrap_or(default_format(&outcome, false));
                smarty_repl::format::write_outcome(&outcome, format, layout(args), w)
            })?;
            eprintln!("{summary} → {}", path.display());
        }
        None => print_outcome(&outcome, format, layout(args))?,
    }
    Ok(Status::Success)
}

/// `--format`, else the format the `-o` file's extension names.
fn output_format(args: &QueryArgs) -> anyhow::Result<Option<OutputFormat>> {
    match (args.format, &args.output) {
        (Some(f), _) => Ok(Some(f)),
        (None, None) => Ok(None),
        (None, Some(path)) => OutputFormat::from_path(path).map(Some).ok_or_else(|| {
            UsageError(format!(
                "cannot tell the format from '{}'; give --format ({})",
                path.display(),
                OutputFormat::NAMES.join(", ")
            ))
            .into()
        }),
    }
}

/// `query --list`: each named query on a line, with its title and parameters.
fn list() -> anyhow::Result<Status> {
    let library = QueryLibrary::bundled();
    let width = library.iter().map(|q| q.name.len()).max().unwrap_or(0);
    let mut out = std::io::stdout().lock();
    for q in library.iter() {
        let params: Vec<String> = q
            .parameters
            .iter()
            .map(|p| {
                let flag = format!("-p {}={}", p.name, p.kind.name().to_ascii_uppercase());
                if p.optional {
                    format!("[{flag}]")
                } else {
                    flag
                }
            })
            .collect();
        let line = format!("{:<width$}  {}  {}", q.name, q.title, params.join(" "));
        writeln!(out, "{}", line.trim_end())?;
    }
    out.flush()?;
    Ok(Status::Success)
}

pub fn update(store_args: &StoreArgs, args: &UpdateArgs) -> anyhow::Result<Status> {
    let (text, origin) = match (&args.update, &args.file) {
        (Some(u), _) => (u.clone(), "update".to_owned()),
        (None, Some(path)) => (read_text(path)?, path.display().to_string()),
        (None, None) => unreachable!("clap requires an update source"),
    };
    let kg = super::store::open(store_args, super::store::Access::Write)?;
    let options = super::store::query_options(store_args);
    kg.update(&text, &options)
        .map_err(|e| with_source(e, &origin, &text))?;
    smarty_repl::interrupt::clear();
    eprintln!("update applied");
    Ok(Status::Success)
}

/// A syntax error with the offending line and a caret under the column.
#[derive(Debug, thiserror::Error)]
#[error("{origin}:{line}:{column}: syntax error: {message}\n{excerpt}")]
pub struct PositionedSyntaxError {
    pub origin: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub excerpt: String,
}

fn with_source(e: StoreError, origin: &str, text: &str) -> anyhow::Error {
    match e {
        StoreError::Syntax {
            line,
            column,
            message,
        } => PositionedSyntaxError {
            origin: origin.to_owned(),
            excerpt: render::caret_excerpt(text, line, column),
            line,
            column,
            message,
        }
        .into(),
        other => other.into(),
    }
}

/// Tables laid out at `--max-width`, else at `$COLUMNS` when piped.
fn layout(args: &QueryArgs) -> render::TableLayout {
    render::TableLayout {
        width: args.max_width.or_else(super::piped_width),
        ..render::TableLayout::default()
    }
}

/// The format without `--format`: a table on a terminal, TSV otherwise; Turtle for a graph.
fn default_format(outcome: &QueryOutcome, terminal: bool) -> OutputFormat {
    match outcome {
        QueryOutcome::Graph(_) => OutputFormat::Turtle,
        _ if terminal => OutputFormat::Table,
        _ => OutputFormat::Tsv,
    }
}

fn print_outcome(
    outcome: &QueryOutcome,
    format: Option<OutputFormat>,
    layout: render::TableLayout,
) -> anyhow::Result<()> {
    let format = format.unwrap_or(default_format(outcome, std::io::stdout().is_terminal()));
    let mut out = std::io::stdout().lock();
    let summary = smarty_repl::format::write_outcome(outcome, format, layout, &mut out)
        .context("writing the results")?;
    if format == OutputFormat::Table && matches!(outcome, QueryOutcome::Solutions(_)) {
        writeln!(out, "{summary}")?;
    }
    Ok(())
}
