//! Where input ends: the one rule the terminal (Enter) and scripts (each line) share.
//!
//! A SPARQL statement runs at a `;` at its end or at an empty line, once its brackets and strings
//! are closed; until then more lines belong to it, because almost any complete query can still be
//! continued (`}` then `ORDER BY ?x`, `LIMIT 5` then `OFFSET 5`). A prologue alone (PREFIX, BASE)
//! never runs: its query follows. Two empty lines run what is there anyway, so a statement with an
//! unclosed bracket shows its error instead of waiting. A dot-command is one line; typed after a
//! pending statement, it ends that statement first.

use smarty_store::statement_shape;

/// One thing to run, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// SPARQL, without its terminating `;`.
    Statement(&'a str),
    /// A dot-command line.
    Command(&'a str),
}

/// Whether the input so far (lines joined by `\n`, the current line last) is ready to run.
pub fn ready(input: &str) -> bool {
    if input.trim().is_empty() {
        return true;
    }
    let (before, last) = split_last_line(input);
    if is_command(last) {
        return before.trim().is_empty() || !statement_shape(before).open;
    }
    // Blank lines at the end of the input (the current line among them).
    let blank_lines = input
        .rsplit('\n')
        .take_while(|l| l.trim().is_empty())
        .count();
    if blank_lines >= 2 {
        // Two empty lines: run it as it is.
        return true;
    }
    let shape = statement_shape(input);
    if shape.open || shape.prologue_only {
        return false;
    }
    blank_lines == 1 || shape.final_semicolon.is_some()
}

/// What ready input holds to run: a statement (its `;` removed), a dot-command, or both in that
/// order.
pub fn pieces(input: &str) -> Vec<Piece<'_>> {
    let input = input.trim_end();
    let (before, last) = split_last_line(input);
    let (statement, command) = if is_command(last) {
        (before, Some(last.trim()))
    } else {
        (input, None)
    };
    let mut out = Vec::new();
    let shape = statement_shape(statement);
    let text = shape
        .final_semicolon
        .map_or(statement, |at| &statement[..at])
        .trim();
    // A prologue on its own (the end of a script) still runs, and says what is missing.
    if !text.is_empty() {
        out.push(Piece::Statement(text));
    }
    if let Some(command) = command {
        out.push(Piece::Command(command));
    }
    out
}

fn split_last_line(input: &str) -> (&str, &str) {
    let input = input.trim_end_matches([' ', '\t', '\r']);
    match input.rfind('\n') {
        Some(at) => (&input[..at], &input[at + 1..]),
        None => ("", input),
    }
}

/// A dot-command: `.` then a letter (a SPARQL line may start with `.` before a triple).
fn is_command(line: &str) -> bool {
    let t = line.trim_start();
    t.strip_prefix('.')
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `input` as typed (lines joined by `\n`): whether it runs, and what.
    fn check(input: &str, expect: Option<&[Piece<'_>]>) {
        let got = ready(input).then(|| pieces(input));
        assert_eq!(got.as_deref(), expect, "{input:?}");
    }

    #[test]
    fn where_statements_end() {
        use Piece::{Command, Statement};
        check(".stats", Some(&[Command(".stats")]));
        check("SELECT * { ?s ?p ?o }", None);
        check(
            "SELECT * { ?s ?p ?o };",
            Some(&[Statement("SELECT * { ?s ?p ?o }")]),
        );
        check(
            "SELECT * { ?s ?p ?o }\n",
            Some(&[Statement("SELECT * { ?s ?p ?o }")]),
        );
        check("SELECT * { ?s ?p ?o }\nORDER BY ?s", None);
        check(
            "SELECT * { ?s ?p ?o }\nORDER BY ?s ; # sorted",
            Some(&[Statement("SELECT * { ?s ?p ?o }\nORDER BY ?s")]),
        );
        check("PREFIX ex: <http://e/>", None);
        check("PREFIX ex: <http://e/>\n", None);
        check("PREFIX ex: <http://e/>;", None);
        check(
            "PREFIX ex: <http://e/>\nSELECT * { ?s ex:p ?o }\n",
            Some(&[Statement("PREFIX ex: <http://e/>\nSELECT * { ?s ex:p ?o }")]),
        );
        check("SELECT * {\n", None);
        check("SELECT * { ?s ?p \"a;\n", None);
        check("SELECT * {\n\n\n", Some(&[Statement("SELECT * {")]));
        check(
            "SELECT * { ?s ?p ?o }\n.stats",
            Some(&[Statement("SELECT * { ?s ?p ?o }"), Command(".stats")]),
        );
        check("SELECT * {\n.stats", None);
        check("SELECT * { ?s ?p ?o\n. ?s ?q ?r }", None);
        check(
            "INSERT DATA { <http://a> <http://b> 1 } ;\n",
            Some(&[Statement("INSERT DATA { <http://a> <http://b> 1 }")]),
        );
        check("", Some(&[]));
        assert_eq!(pieces(".timer off\n"), [Piece::Command(".timer off")]);
        assert_eq!(pieces("ASK {}\n\n"), [Piece::Statement("ASK {}")]);
    }
}
