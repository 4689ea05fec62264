//! Scripts: statements and dot-commands from a file or a pipe, run in order. Statements end where
//! they would at a terminal (see [`crate::statement`]): at a `;` or an empty line. The first error
//! stops the script, naming its line.

use std::io::Write;

use crate::error::ReplError;
use crate::session::{Flow, Session};
use crate::statement;

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
    for (i, line) in script.lines().enumerate() {
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
            first_line = no;
        }
        buffer.push_str(line);
        buffer.push('\n');
        // The same rule as Enter at a terminal: the text so far, this line last.
        if statement::ready(&buffer[..buffer.len() - 1]) {
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
