//! The interactive loop on a terminal: rustyline with the project's helper, persistent history,
//! Ctrl-C clears the input (or stops a running query), Ctrl-D leaves. No error ends the session.

use std::io::Write;
use std::path::PathBuf;

use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::{CompletionType, Config, Editor};

use crate::error::ReplError;
use crate::helper::{HelperState, ReplHelper};
use crate::session::{Flow, Session};

/// Where history is kept: `$SMARTY_KG_HISTORY`, else the user's data directory.
pub fn history_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SMARTY_KG_HISTORY") {
        return Some(PathBuf::from(p));
    }
    dirs::data_dir().map(|d| d.join("smarty-kg").join("history.txt"))
}

fn readline_error(e: ReadlineError) -> ReplError {
    ReplError::Io(std::io::Error::other(e.to_string()))
}

/// Runs the loop until Ctrl-D or `.quit`. Results and messages go to `out`, errors to `err`:
/// the binary passes its standard output and error.
pub fn run(
    session: &mut Session<'_>,
    colour: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), ReplError> {
    let config = Config::builder()
        .max_history_size(10_000)
        .and_then(|b| b.history_ignore_dups(true))
        .map_err(readline_error)?
        .history_ignore_space(true)
        .completion_type(CompletionType::List)
        .build();
    let mut editor: Editor<ReplHelper<'_>, FileHistory> =
        Editor::with_config(config).map_err(readline_error)?;
    editor.set_helper(Some(ReplHelper::new(session.knowledge_graph(), colour)));
    let history = history_path();
    if let Some(path) = &history {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        // A missing history file is the normal first run.
        let _ = editor.load_history(path);
    }
    writeln!(
        out,
        "smarty-kg {} — SPARQL over good-practice guides. .help for commands, Tab to complete, Ctrl-D to leave.",
        env!("CARGO_PKG_VERSION")
    )?;
    let prompt = (
        "smarty> ",
        if colour {
            "\x1b[1;32msmarty>\x1b[0m "
        } else {
            "smarty> "
        },
    );
    loop {
        if let Some(helper) = editor.helper_mut() {
            helper.state = helper_state(session);
        }
        match editor.readline(&prompt) {
            Ok(input) => {
                if input.trim().is_empty() {
                    continue;
                }
                let _ = editor.add_history_entry(input.as_str());
                if let Some(path) = &history {
                    let _ = editor.append_history(path);
                }
                match session.execute(&input, out) {
                    Ok(Flow::Quit) => break,
                    Ok(Flow::Continue) => {}
                    Err(e) => {
                        let _ = writeln!(err, "error: {e}");
                    }
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(readline_error(e)),
        }
    }
    Ok(())
}

fn helper_state(session: &Session<'_>) -> HelperState {
    let mut prefixes: Vec<String> = smarty_rdf::vocab::PREFIXES
        .iter()
        .map(|(p, _)| (*p).to_owned())
        .collect();
    prefixes.extend(session.session_prefixes().iter().map(|(p, _)| p.clone()));
    HelperState {
        generation: session.generation(),
        prefixes,
        session_prefixes: session.session_prefixes().to_vec(),
        queries: session
            .library()
            .iter()
            .map(|q| {
                (
                    q.name.clone(),
                    q.parameters.iter().map(|p| p.name.clone()).collect(),
                )
            })
            .collect(),
    }
}
