//! `smarty-kg query` and `smarty-kg update`.

use std::io::{IsTerminal, Write};

use anyhow::Context;
use smarty_repl::render;
use smarty_store::{
    GraphFormat, QueryLibrary, QueryOutcome, QueryOutput, ResultsFormat, StoreError,
};

use crate::cli::{QueryArgs, QueryFormat, StoreArgs, UpdateArgs};
use crate::exit::Status;
use crate::input::{InputError, read_text};

pub fn run(store_args: &StoreArgs, args: &QueryArgs) -> anyhow::Result<Status> {
    let (text, origin) = if let Some(q) = &args.query {
        (q.clone(), "query".to_owned())
    } else if let Some(path) = &args.file {
        (read_text(path)?, path.display().to_string())
    } else if let Some(name) = &args.name {
        let library = QueryLibrary::bundled();
        let q = library.get(name).ok_or_else(|| InputError::UnknownQuery {
            name: name.clone(),
            known: library.iter().map(|q| q.name.clone()).collect(),
        })?;
        (q.text.clone(), format!("queries/{name}.rq"))
    } else {
        unreachable!("clap requires a query source")
    };
    let kg = super::store::open(store_args)?;
    let mut options = super::store::query_options(store_args);
    for p in &args.params {
        let (name, value) = p
            .split_once('=')
            .ok_or_else(|| InputError::Parameter(p.clone()))?;
        options
            .parameters
            .push((name.to_owned(), smarty_store::parse_term(value)?));
    }
    let started = std::time::Instant::now();
    let outcome = kg
        .query(&text, &options)
        .map_err(|e| with_source(e, &origin, &text))?;
    crate::timings::record("query", started.elapsed());
    smarty_repl::interrupt::clear();
    print_outcome(&outcome, args.format)?;
    Ok(Status::Success)
}

pub fn update(store_args: &StoreArgs, args: &UpdateArgs) -> anyhow::Result<Status> {
    let (text, origin) = match (&args.update, &args.file) {
        (Some(u), _) => (u.clone(), "update".to_owned()),
        (None, Some(path)) => (read_text(path)?, path.display().to_string()),
        (None, None) => unreachable!("clap requires an update source"),
    };
    let kg = super::store::open(store_args)?;
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

fn print_outcome(outcome: &QueryOutcome, format: Option<QueryFormat>) -> anyhow::Result<()> {
    let terminal = std::io::stdout().is_terminal();
    let format = format.unwrap_or(match outcome {
        QueryOutcome::Graph(_) => QueryFormat::Turtle,
        _ if terminal => QueryFormat::Table,
        _ => QueryFormat::Tsv,
    });
    let mut out = std::io::stdout().lock();
    let result_format = match format {
        QueryFormat::Table => {
            match outcome {
                QueryOutcome::Solutions(table) => {
                    let layout = render::Layout {
                        width: (!terminal)
                            .then(|| std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()))
                            .flatten(),
                        ..render::Layout::default()
                    };
                    writeln!(out, "{}", render::solutions(table, layout))?;
                    writeln!(out, "{}", render::row_count(table.rows.len(), None))?;
                }
                QueryOutcome::Boolean(b) => writeln!(out, "{b}")?,
                QueryOutcome::Graph(_) => {
                    smarty_store::write_outcome(
                        outcome,
                        QueryOutput::Graph(GraphFormat::Turtle),
                        &mut out,
                    )?;
                }
            }
            return Ok(());
        }
        QueryFormat::Json => QueryOutput::Results(ResultsFormat::Json),
        QueryFormat::Xml => QueryOutput::Results(ResultsFormat::Xml),
        QueryFormat::Csv => QueryOutput::Results(ResultsFormat::Csv),
        QueryFormat::Tsv => QueryOutput::Results(ResultsFormat::Tsv),
        QueryFormat::Turtle => QueryOutput::Graph(GraphFormat::Turtle),
        QueryFormat::Ntriples => QueryOutput::Graph(GraphFormat::NTriples),
        QueryFormat::Rdfxml => QueryOutput::Graph(GraphFormat::RdfXml),
        QueryFormat::Jsonld => QueryOutput::Graph(GraphFormat::JsonLd),
    };
    smarty_store::write_outcome(outcome, result_format, &mut out).context("writing the results")?;
    if result_format.needs_final_newline() {
        writeln!(out)?;
    }
    Ok(())
}
