//! The shell's reading of typed input: where a statement ends, which line is a dot-command, what
//! a dot-command says, and the colours of a line.

use smarty_repl::command::{DotCommand, help};
use smarty_repl::highlight::{highlight, strip};
use smarty_repl::statement::{Piece, pieces, ready};

/// The input as lines typed one after the other, then each line as a dot-command.
pub fn repl_line(data: &[u8]) {
    let input = crate::text(data);

    // As typed: after each line, whether the input so far runs, and what it runs.
    let mut so_far = String::new();
    for line in input.split('\n') {
        if !so_far.is_empty() {
            so_far.push('\n');
        }
        so_far.push_str(line);
        if ready(&so_far) {
            check_pieces(&so_far);
            so_far.clear();
        }
    }
    check_pieces(&input);

    for line in input.lines() {
        if let Ok(DotCommand::Help(Some(name))) = line.parse::<DotCommand>() {
            let _ = help(Some(&name));
        }
        if !line.contains('\x1b') {
            assert!(
                strip(&highlight(line)) == line,
                "{line:?}: colouring changes the text"
            );
        }
    }
}

/// Each piece is part of the input, a statement is not empty, and a dot-command comes last and
/// parses (or says why not) without panicking.
fn check_pieces(input: &str) {
    let found = pieces(input);
    for (i, piece) in found.iter().enumerate() {
        match piece {
            Piece::Statement(text) => {
                assert!(!text.trim().is_empty(), "{input:?}: an empty statement");
                assert!(
                    input.contains(text),
                    "{input:?}: statement {text:?} is not in it"
                );
            }
            Piece::Command(line) => {
                assert!(
                    i + 1 == found.len(),
                    "{input:?}: a dot-command before a statement"
                );
                assert!(
                    input.contains(line),
                    "{input:?}: command {line:?} is not in it"
                );
                let _ = line.parse::<DotCommand>();
            }
        }
    }
}
