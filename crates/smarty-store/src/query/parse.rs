//! Query text before evaluation: size and nesting checks, prefixes, parsers, syntax errors, and
//! whether a line editor's text is a whole statement yet.

use oxigraph::sparql::{CancellationToken, SparqlEvaluator, SparqlSyntaxError};

use crate::StoreError;

/// The largest query text accepted.
pub const MAX_QUERY_BYTES: usize = 1 << 20;
/// The deepest bracket nesting accepted. Far below what the large evaluation stack can take.
pub const MAX_NESTING: usize = 200;

/// What the shell needs to know of a statement typed so far to decide whether it ends here (the
/// decision itself is the shell's, in one place).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatementShape {
    /// A bracket or a string is still open.
    pub open: bool,
    /// Nothing but PREFIX and BASE declarations (and comments): a prologue waits for its query.
    pub prologue_only: bool,
    /// Byte offset of a `;` that is the last thing before the end (bar spaces and comments).
    pub final_semicolon: Option<usize>,
}

/// The shape of a statement typed so far, read outside strings, IRIs and comments.
pub fn statement_shape(text: &str) -> StatementShape {
    let scan = scan(text);
    let final_semicolon = scan.last.filter(|(_, c)| *c == ';').map(|(at, _)| at);
    let body = final_semicolon.map_or(text, |at| &text[..at]);
    // A prologue alone parses as an update of no operations.
    let prologue_only = !scan.in_string
        && scan.open_brackets == 0
        && spargebra_parser()
            .parse_update(body)
            .is_ok_and(|u| u.operations.is_empty());
    StatementShape {
        open: scan.in_string || scan.open_brackets > 0,
        prologue_only,
        final_semicolon,
    }
}

fn with_session_prefixes(
    mut parser: spargebra::SparqlParser,
    prefixes: &[(String, String)],
) -> spargebra::SparqlParser {
    for (p, ns) in prefixes {
        parser = match parser.clone().with_prefix(p, ns) {
            Ok(next) => next,
            Err(_) => parser,
        };
    }
    parser
}

/// The parser a query or update of these options is read with: the predeclared prefixes (unless
/// strict) and the session's.
pub(crate) fn parser_for(options: &super::QueryOptions) -> spargebra::SparqlParser {
    let parser = if options.strict {
        spargebra::SparqlParser::new()
    } else {
        spargebra_parser()
    };
    with_session_prefixes(parser, &options.prefixes)
}

/// Checks a query's size and bracket nesting before it reaches the recursive parser.
pub fn parse_check(text: &str) -> Result<(), StoreError> {
    if text.len() > MAX_QUERY_BYTES {
        return Err(StoreError::TooLarge {
            what: "the query".into(),
            size: text.len() as u64,
            max: MAX_QUERY_BYTES as u64,
        });
    }
    let depth = bracket_depth(text);
    if depth > MAX_NESTING {
        return Err(StoreError::TooDeep {
            depth,
            max: MAX_NESTING,
        });
    }
    Ok(())
}

/// What a scan of brackets finds, outside strings, IRIs and comments.
struct Scan {
    max_depth: usize,
    open_brackets: usize,
    in_string: bool,
    /// The last character outside comments and spaces, with its byte offset.
    last: Option<(usize, char)>,
}

fn scan(text: &str) -> Scan {
    let mut depth = 0usize;
    let mut max = 0usize;
    let mut in_string = false;
    let mut last = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if !c.is_whitespace() && c != '#' {
            last = Some((at, c));
        }
        match c {
            '#' => {
                for (_, c) in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '"' | '\'' => {
                let mut escaped = false;
                in_string = true;
                for (_, d) in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if d == '\\' {
                        escaped = true;
                    } else if d == c {
                        in_string = false;
                        break;
                    }
                }
            }
            // An IRI has no spaces; `<` followed by a space is the less-than operator.
            '<' if chars
                .peek()
                .is_some_and(|(_, n)| !n.is_whitespace() && *n != '=') =>
            {
                for (_, d) in chars.by_ref() {
                    if d == '>' || d.is_whitespace() {
                        break;
                    }
                }
            }
            '(' | '{' | '[' => {
                depth += 1;
                max = max.max(depth);
            }
            ')' | '}' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Scan {
        max_depth: max,
        open_brackets: depth,
        in_string,
        last,
    }
}

/// The deepest nesting of `(`, `{` and `[`, outside strings, IRIs and comments.
fn bracket_depth(text: &str) -> usize {
    scan(text).max_depth
}

/// How long one SERVICE or LOAD request may take when the query itself has no timeout.
const HTTP_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// The evaluator with the common prefixes (unless strict), the session's prefixes and a
/// cancellation token.
/// SERVICE and LOAD requests get the query's own timeout (the endpoint refuses them beforehand
/// unless the server allows federation).
pub(super) fn session_evaluator(
    token: &CancellationToken,
    options: &super::QueryOptions,
) -> Result<SparqlEvaluator, StoreError> {
    let common = if options.strict {
        SparqlEvaluator::new()
    } else {
        evaluator()
    };
    let mut evaluator = common
        .with_cancellation_token(token.clone())
        .with_http_timeout(options.timeout.unwrap_or(HTTP_TIMEOUT));
    for (p, ns) in &options.prefixes {
        evaluator = evaluator
            .with_prefix(p, ns)
            .map_err(|e| StoreError::Evaluation(format!("prefix {p}: {e}")))?;
    }
    Ok(evaluator)
}

pub(crate) fn evaluator() -> SparqlEvaluator {
    let mut e = SparqlEvaluator::new();
    for (prefix, ns) in smarty_rdf::vocab::PREFIXES {
        e = match e.clone().with_prefix(*prefix, *ns) {
            Ok(next) => next,
            Err(_) => e,
        };
    }
    e
}

fn spargebra_parser() -> spargebra::SparqlParser {
    let mut p = spargebra::SparqlParser::new();
    for (prefix, ns) in smarty_rdf::vocab::PREFIXES {
        p = match p.clone().with_prefix(*prefix, *ns) {
            Ok(next) => next,
            Err(_) => p,
        };
    }
    p
}

/// "error at 3:7: expected …" → line, column and the rest.
pub(crate) fn syntax_error(
    e: &SparqlSyntaxError,
    text: &str,
    options: &super::QueryOptions,
    expecting: super::hint::Expecting,
) -> StoreError {
    let said = e.to_string();
    let declared = super::hint::Declared {
        session: &options.prefixes,
        predeclared: !options.strict,
    };
    let parsed = said.strip_prefix("error at ").and_then(|rest| {
        let (position, message) = rest.split_once(": ")?;
        let (line, column) = position.split_once(':')?;
        Some((line.parse().ok()?, column.parse().ok()?, message.to_owned()))
    });
    // The parser lists every character class it would accept; the keywords and punctuation
    // before them are what a person can act on.
    let parsed = parsed.map(|(line, column, message): (usize, usize, String)| {
        let message = match message.find(", [") {
            Some(cut) => format!("{} …", &message[..cut]),
            None => message,
        };
        // A grammar's own message ("Prefix not found") hides among the expected tokens; it is the
        // one item that is neither quoted nor a keyword.
        let custom = message
            .strip_prefix("expected one of ")
            .or_else(|| message.strip_prefix("expected "))
            .and_then(|list| {
                list.trim_end_matches(" …")
                    .split(", ")
                    .find(|item| item.contains(' ') && !item.starts_with('"'))
                    .map(str::to_owned)
            });
        (line, column, custom.unwrap_or(message))
    });
    match parsed {
        Some((line, column, message)) => StoreError::Syntax {
            line,
            column,
            message: super::hint::explain(message, text, &declared, expecting),
        },
        None => StoreError::Syntax {
            line: 1,
            column: 1,
            message: super::hint::explain(said, text, &declared, expecting),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_ignores_strings_iris_and_comments() {
        assert_eq!(bracket_depth("SELECT * { ?s ?p ?o }"), 1);
        assert_eq!(
            bracket_depth("SELECT * { FILTER(\"(((\" != <http://x/(>) } # ((((("),
            2
        );
        assert_eq!(bracket_depth("SELECT * { FILTER(?a < ?b) }"), 2);
        assert_eq!(bracket_depth(&"{".repeat(1000)), 1000);
    }

    #[test]
    fn statement_shapes() {
        let shape = |t: &str| {
            let s = statement_shape(t);
            (s.open, s.prologue_only, s.final_semicolon)
        };
        assert_eq!(shape("SELECT * WHERE {"), (true, false, None));
        assert_eq!(shape("SELECT * { ?s ?p \"a {\" }"), (false, false, None));
        assert_eq!(
            shape("SELECT * { ?s ?p \"unterminated"),
            (true, false, None)
        );
        assert_eq!(shape("PREFIX ex: <http://e/>"), (false, true, None));
        assert_eq!(
            shape("PREFIX ex: <http://e/> # the prefix"),
            (false, true, None)
        );
        assert_eq!(shape("PREFIX ex: <http://e/>;"), (false, true, Some(22)));
        assert_eq!(shape("SELECT * {} ; # done"), (false, false, Some(12)));
        assert_eq!(shape("SELECT * { ?s ?p \";\" }"), (false, false, None));
        assert_eq!(shape("SELECT * {} # ;"), (false, false, None));
        assert_eq!(shape(""), (false, true, None));
    }

    #[test]
    fn syntax_positions_are_read_from_the_message() {
        let Err(e) = SparqlEvaluator::new().parse_query("SELECT * WHERE {\n  ?s ?p }") else {
            panic!("the query should not parse");
        };
        match syntax_error(
            &e,
            "SELECT * WHERE {\n  ?s ?p }",
            &super::super::QueryOptions::default(),
            super::super::hint::Expecting::Query,
        ) {
            StoreError::Syntax { line, column, .. } => assert_eq!((line, column), (2, 10)),
            other => panic!("{other:?}"),
        }
    }
}
