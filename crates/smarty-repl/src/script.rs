//! Scripts: statements and dot-commands from a file or a pipe, run in order. A statement ends when
//! it is complete SPARQL (or at an empty line); a dot-command is one line. The first error stops
//! the script, naming its line.

use std::io::Write;

use crate::error::ReplError;
use crate::helper::submit;
use crate::session::{Flow, Session};

/// An error in a script: where, and what.
#[derive(Debug)]
pub struct ScriptError {
    pub line: usize,
    pub error: ReplError,
}

/// Runs a whole script. With `echo`, each statement is printed after a prompt, like a transcript.
pub fn run(
    session: &mut Session<'_>,
    script: &str,
    echo: bool,
    screen: &mut dyn Write,
) -> Result<(), ScriptError> {
    let mut buffer = String::new();
    let mut first_line = 0;
    let mut run_one =
        |text: &str, line: usize, screen: &mut dyn Write| -> Result<Flow, ScriptError> {
            if echo {
                let shown = text.trim_end().replace('\n', "\n   ...> ");
                let _ = writeln!(screen, "smarty> {shown}");
            }
            session
                .execute(text, screen)
                .map_err(|error| ScriptError { line, error })
        };
    let lines: Vec<&str> = script.lines().collect();
    for (i, line) in lines.iter().copied().enumerate() {
        let no = i + 1;
        if buffer.is_empty() {
            let t = line.trim();
            if t.is_empty() || (t.starts_with('#') && !echo) {
                continue;
            }
            if t.starts_with('#') {
                let _ = writeln!(screen, "{t}");
                continue;
            }
            if t.starts_with('.') {
                if run_one(t, no, screen)? == Flow::Quit {
                    return Ok(());
                }
                continue;
            }
            first_line = no;
        }
        buffer.push_str(line);
        buffer.push('\n');
        // Session prefixes (`.prefix`) only make a statement parse; an unparsable but balanced
        // statement is submitted anyway, so they do not change where statements end.
        let complete = line.trim().is_empty()
            || (submit(buffer.trim_end_matches('\n'), &[])
                && lines.get(i + 1).is_none_or(|next| starts_statement(next)));
        if complete {
            let text = std::mem::take(&mut buffer);
            if run_one(&text, first_line, screen)? == Flow::Quit {
                return Ok(());
            }
        }
    }
    if !buffer.trim().is_empty() {
        run_one(&buffer, first_line, screen)?;
    }
    Ok(())
}

/// Whether a line begins something new: a blank line, a comment, a dot-command, or a statement
/// keyword. A complete query followed by `ORDER BY …` or `LIMIT …` goes on.
fn starts_statement(line: &str) -> bool {
    let t = line.trim_start();
    if t.is_empty() || t.starts_with(['#', '.']) {
        return true;
    }
    let word: String = t
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_uppercase();
    matches!(
        word.as_str(),
        "SELECT"
            | "ASK"
            | "CONSTRUCT"
            | "DESCRIBE"
            | "PREFIX"
            | "BASE"
            | "INSERT"
            | "DELETE"
            | "WITH"
            | "LOAD"
            | "CLEAR"
            | "DROP"
            | "CREATE"
            | "ADD"
            | "MOVE"
            | "COPY"
    )
}

#[cfg(test)]
mod tests {
    use super::starts_statement;

    #[test]
    fn modifiers_continue_a_statement() {
        assert!(!starts_statement("ORDER BY ?title"));
        assert!(!starts_statement("  LIMIT 3"));
        assert!(starts_statement("SELECT * {}"));
        assert!(starts_statement(".stats"));
        assert!(starts_statement(""));
    }
}
