//! The shell: `smarty-kg` with no command (interactive on a terminal, a script from a pipe), and
//! `smarty-kg demo`.

use std::io::{IsTerminal, Read, Write};

use anyhow::Context;
use smarty_reference::{BUNDLED_GUIDE, Reference};
use smarty_repl::{Session, script};
use smarty_store::{GuideDocument, KnowledgeGraph, QueryLibrary};

use crate::cli::StoreArgs;
use crate::exit::Status;

/// An error in a script, with its line.
#[derive(Debug, thiserror::Error)]
#[error("{origin}:{line}: {message}")]
pub struct ScriptFailure {
    pub origin: String,
    pub line: usize,
    pub message: String,
    pub input_error: bool,
}

/// Ingests the bundled guide into an empty store, saying so.
fn ensure_content(kg: &KnowledgeGraph) -> anyhow::Result<()> {
    if !kg.is_empty()? {
        return Ok(());
    }
    let reference = Reference::bundled().context("bundled reference data")?;
    let doc = GuideDocument {
        name: "smarty-good-practice-guide",
        text: BUNDLED_GUIDE.text,
        bytes: BUNDLED_GUIDE.text.as_bytes(),
    };
    let report = kg.ingest_guide(&doc, &reference, &mut |_| {})?;
    eprintln!(
        "The store was empty: ingested the bundled SMARTY guide ({} practices, {} statements).",
        report.practices, report.quads
    );
    Ok(())
}

fn session<'kg>(kg: &'kg KnowledgeGraph, store_args: &StoreArgs) -> anyhow::Result<Session<'kg>> {
    let mut session = Session::new(kg, QueryLibrary::bundled())?;
    session.settings.timeout = store_args
        .timeout
        .filter(|t| *t > 0.0)
        .map(std::time::Duration::from_secs_f64);
    Ok(session)
}

pub fn run(store_args: &StoreArgs) -> anyhow::Result<Status> {
    let kg = super::store::open(store_args)?;
    ensure_content(&kg)?;
    let mut session = session(&kg, store_args)?;
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
    run_script(&mut session, &text, "stdin", false)
}

pub fn demo(store_args: &StoreArgs) -> anyhow::Result<Status> {
    let kg = super::store::open(store_args)?;
    ensure_content(&kg)?;
    let mut session = session(&kg, store_args)?;
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
        Err(e) => {
            let input_error = !matches!(e.error, smarty_repl::ReplError::Io(_))
                && !matches!(&e.error, smarty_repl::ReplError::Store(s) if !s.is_input_error());
            Err(ScriptFailure {
                origin: origin.to_owned(),
                line: e.line,
                message: e.error.to_string(),
                input_error,
            }
            .into())
        }
    }
}
