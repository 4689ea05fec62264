//! The shell: `smarty-kg` with no command (interactive on a terminal, a script from a pipe), and
//! `smarty-kg demo`.

use std::io::{IsTerminal, Read, Write};

use anyhow::Context;
use smarty_reference::{BUNDLED_GUIDE, Reference};
use smarty_repl::{OutputFormat, Session, script};
use smarty_store::{GuideDocument, KnowledgeGraph, QueryLibrary};

use crate::cli::StoreArgs;
use crate::exit::Status;

/// An error in a script, with its line; the script ends with its error's exit code.
#[derive(Debug, thiserror::Error)]
#[error("{origin}:{line}: {message}")]
pub struct ScriptFailure {
    pub origin: String,
    pub line: usize,
    pub message: String,
    pub code: u8,
}

/// Ingests the bundled guide into an empty store, saying so.
fn ensure_content(kg: &KnowledgeGraph) -> anyhow::Result<()> {
    if !kg.is_empty()? {
        return Ok(());
    }
    let reference = Reference::bundled().context("bundled reference data")?;
    let doc = GuideDocument {
        name: "smarty-good-practice-guide",
        text: BUNDLED_GUIDE.text.to_owned(),
        original: None,
        keep_previous: false,
        allow_partial: false,
    };
    let report = kg.ingest_guide(doc, &reference, &mut |_| {})?;
    eprintln!(
        "The store was empty: ingested the bundled SMARTY guide ({} practices, {} statements).",
        report.practices, report.quads
    );
    Ok(())
}

fn session<'kg>(
    kg: &'kg KnowledgeGraph,
    store_args: &StoreArgs,
    format: Option<OutputFormat>,
) -> anyhow::Result<Session<'kg>> {
    let mut session = Session::new(kg, QueryLibrary::bundled())?;
    if let Some(format) = format {
        session.settings.format = format;
    }
    session.settings.strict = store_args.strict;
    session.settings.timeout = store_args
        .timeout
        .filter(|t| *t > 0.0)
        .map(std::time::Duration::from_secs_f64);
    Ok(session)
}

pub fn run(store_args: &StoreArgs, format: Option<OutputFormat>) -> anyhow::Result<Status> {
    // With --endpoint the session reads the remote store; the local one is not opened (an empty
    // in-memory store stands in for what the session never reads then).
    let remote = super::reader::remote(store_args)?;
    let kg = match &remote {
        Some(_) => KnowledgeGraph::in_memory()?,
        None => super::store::open(store_args, super::store::Access::Write)?,
    };
    let mut session = match &remote {
        Some(endpoint) => {
            eprintln!(
                "reading {} (queries, .run, .stats, .contacts, .graph)",
                endpoint.url()
            );
            session(&kg, store_args, format)?.with_remote(endpoint)
        }
        None => {
            ensure_content(&kg)?;
            session(&kg, store_args, format)?
        }
    };
    if std::io::stdin().is_terminal() {
        let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let (mut out, mut err) = (std::io::stdout(), std::io::stderr());
        smarty_repl::interactive::run(&mut session, colour, &mut out, &mut err)?;
        return Ok(Status::Success);
    }
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .context("reading the script from standard input")?;
    // Standard output holds only results, so that `… | smarty-kg > out.csv` is a CSV file; row
    // counts, times and other messages go to standard error, as every command's messages do
    // (whether or not it is a terminal: a log of the run keeps them).
    session.send_messages_to(Box::new(std::io::stderr()));
    run_script(&mut session, &text, "stdin", false)
}

pub fn demo(store_args: &StoreArgs) -> anyhow::Result<Status> {
    let kg = super::store::open(store_args, super::store::Access::Write)?;
    ensure_content(&kg)?;
    let mut session = session(&kg, store_args, None)?;
    run_script(&mut session, smarty_repl::DEMO_SCRIPT, "demo", true)
}

fn run_script(
    session: &mut Session<'_>,
    text: &str,
    origin: &str,
    echo: bool,
) -> anyhow::Result<Status> {
    let mut stdout = std::io::stdout().lock();
    let result = script::run(session, text, echo, &mut stdout);
    stdout.flush()?;
    match result {
        Ok(()) => Ok(Status::Success),
        Err(e) => Err(ScriptFailure {
            origin: origin.to_owned(),
            line: e.line,
            message: e.error.to_string(),
            code: crate::exit::repl_code(&e.error),
        }
        .into()),
    }
}
