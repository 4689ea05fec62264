//! The library of named queries (`queries/*.rq`).
//!
//! Each file starts with a header of `# key: value` comment lines:
//!
//! ```text
//! # title: Practices by theme
//! # description: Every practice with its theme, by theme number and title.
//! # param: theme  iri  optional  A theme's IRI (e.g. theme:digital-innovation-hubs)
//! ```
//!
//! `# param: NAME KIND optional|required DESCRIPTION` declares a parameter (words separated by
//! white space; the description is the rest of the line):
//!
//! - `NAME`: the query variable, without `?` (letters, digits, `_`);
//! - `KIND`: `iri`, `string`, `integer`, `decimal`, `date` or `term` (any RDF term, read from its
//!   syntax) — what a value must be, and how a typed value becomes an RDF term;
//! - `optional` (the query runs without it, usually meaning "all") or `required`.
//!
//! `build.rs` checks every bundled header with the same parser ([`header`]): a malformed `param`
//! line or an unknown kind fails the build, naming the file and line. Parameters are bound as RDF
//! terms (see `QueryOptions::parameters`); the query text is never edited. The library is compiled
//! into the binary; `QueryLibrary::with_dir` adds or overrides queries from a directory of the
//! user's, whose headers are checked when read.

mod bind;
mod header;

use std::path::Path;

use oxigraph::model::{Literal, NamedNode, Term};

use crate::StoreError;

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/queries.rs"));
}

pub use bind::{ParamError, ParamValue};
pub use header::{ParamKind, Parameter};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedQuery {
    pub name: String,
    pub title: String,
    pub description: String,
    pub parameters: Vec<Parameter>,
    pub text: String,
}

impl NamedQuery {
    /// Reads a query and its header; `Err` names the malformed header line.
    pub fn parse(name: &str, text: &str) -> Result<NamedQuery, header::HeaderError> {
        let header = header::parse_header(text)?;
        Ok(NamedQuery {
            name: name.to_owned(),
            title: header.title.unwrap_or_else(|| name.to_owned()),
            description: header.description,
            parameters: header.parameters,
            text: text.to_owned(),
        })
    }
}

#[derive(Debug, Clone)]
pub struct QueryLibrary {
    queries: Vec<NamedQuery>,
}

impl QueryLibrary {
    /// The queries compiled into the binary.
    pub fn bundled() -> QueryLibrary {
        QueryLibrary {
            queries: bundled::BUNDLED
                .iter()
                // Every bundled header was checked by build.rs with the same parser.
                .filter_map(|(name, text)| NamedQuery::parse(name, text).ok())
                .collect(),
        }
    }

    /// Adds the `.rq` files of `dir`, replacing bundled queries of the same name.
    pub fn with_dir(mut self, dir: &Path) -> Result<QueryLibrary, StoreError> {
        let entries = std::fs::read_dir(dir).map_err(|e| StoreError::File {
            path: dir.to_owned(),
            position: None,
            message: format!("cannot read the query directory: {e}"),
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "rq") {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| StoreError::File {
                path: path.clone(),
                position: None,
                message: e.to_string(),
            })?;
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let query = NamedQuery::parse(&name, &text).map_err(|e| StoreError::File {
                path: path.clone(),
                position: Some((e.line as u64, 1)),
                message: e.message,
            })?;
            self.queries.retain(|q| q.name != name);
            self.queries.push(query);
        }
        self.queries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(self)
    }

    pub fn get(&self, name: &str) -> Option<&NamedQuery> {
        self.queries.iter().find(|q| q.name == name)
    }

    pub fn iter(&self) -> impl Iterator<Item = &NamedQuery> {
        self.queries.iter()
    }
}

/// Reads a parameter value typed by a user: `<iri>`, `prefix:local`, `"text"`, `"text"@en`,
/// a number, `true`/`false`, or bare text (a plain literal).
pub fn parse_term(text: &str) -> Result<Term, StoreError> {
    let t = text.trim();
    let bad = |why: &str| StoreError::Evaluation(format!("parameter value {t:?}: {why}"));
    if let Some(iri) = t.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
        return NamedNode::new(iri)
            .map(Term::from)
            .map_err(|e| bad(&e.to_string()));
    }
    if let Some(rest) = t.strip_prefix('"') {
        let (value, suffix) = rest
            .rsplit_once('"')
            .ok_or_else(|| bad("unterminated string"))?;
        let value = unescape(value).into_owned();
        if let Some(lang) = suffix.strip_prefix('@') {
            return Literal::new_language_tagged_literal(value, lang)
                .map(Term::from)
                .map_err(|e| bad(&e.to_string()));
        }
        if let Some(dt) = suffix.strip_prefix("^^") {
            let dt = parse_term(dt)?;
            let Term::NamedNode(dt) = dt else {
                return Err(bad("the datatype must be an IRI"));
            };
            return Ok(Literal::new_typed_literal(value, dt).into());
        }
        if !suffix.is_empty() {
            return Err(bad(
                "only @language or ^^<datatype> may follow the closing quote",
            ));
        }
        return Ok(Literal::new_simple_literal(value).into());
    }
    if let Some((prefix, local)) = t.split_once(':')
        && let Some(ns) = smarty_rdf::vocab::namespace(prefix)
    {
        return NamedNode::new(format!("{ns}{local}"))
            .map(Term::from)
            .map_err(|e| bad(&e.to_string()));
    }
    if t.starts_with("http://") || t.starts_with("https://") {
        return NamedNode::new(t)
            .map(Term::from)
            .map_err(|e| bad(&e.to_string()));
    }
    if let Ok(i) = t.parse::<i64>() {
        return Ok(Literal::from(i).into());
    }
    if t == "true" || t == "false" {
        return Ok(Literal::from(t == "true").into());
    }
    Ok(Literal::new_simple_literal(t).into())
}

/// A quoted value's text as SPARQL and N-Triples read it, so that a term printed in their syntax
/// reads back as itself: `\"`, `\\`, `\n`, `\t`, `\r`, `\b`, `\f`, `\'` and `\uXXXX`,
/// `\UXXXXXXXX` stand for their characters. Any other backslash is kept as typed (`"C:\data"`).
fn unescape(value: &str) -> std::borrow::Cow<'_, str> {
    if !value.contains('\\') {
        return value.into();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let simple = match after.chars().next() {
            Some('"') => Some('"'),
            Some('\\') => Some('\\'),
            Some('\'') => Some('\''),
            Some('n') => Some('\n'),
            Some('t') => Some('\t'),
            Some('r') => Some('\r'),
            Some('b') => Some('\u{8}'),
            Some('f') => Some('\u{c}'),
            _ => None,
        };
        if let Some(c) = simple {
            out.push(c);
            rest = &after[1..];
            continue;
        }
        let code = match after.chars().next() {
            Some('u') => after.get(1..5),
            Some('U') => after.get(1..9),
            _ => None,
        };
        match code
            .filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .and_then(char::from_u32)
        {
            Some(c) => {
                out.push(c);
                rest = &after[1 + code.map_or(0, str::len)..];
            }
            None => {
                out.push('\\');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::header::{HeaderError, parse_header};
    use super::{ParamKind, Parameter};

    /// `Ok(parameters)` or `Err((line, part of the message))`.
    fn check(input: &str, expect: Result<Vec<Parameter>, (usize, &str)>) {
        let got = parse_header(input).map(|h| h.parameters);
        match (&got, &expect) {
            (Ok(got), Ok(want)) => assert_eq!(got, want, "{input}"),
            (Err(HeaderError { line, message }), Err((want_line, want))) => {
                assert_eq!(line, want_line, "{input}: {message}");
                assert!(message.contains(want), "{input}: {message}");
            }
            _ => panic!("{input}: got {got:?}, expected {expect:?}"),
        }
    }

    fn param(name: &str, kind: ParamKind, optional: bool, description: &str) -> Parameter {
        Parameter {
            name: name.into(),
            kind,
            optional,
            description: description.into(),
        }
    }

    #[test]
    fn parameter_declarations() {
        check(
            "# title: T\n# param: theme  iri  optional  A theme's IRI (e.g. theme:x)\nSELECT",
            Ok(vec![param(
                "theme",
                ParamKind::Iri,
                true,
                "A theme's IRI (e.g. theme:x)",
            )]),
        );
        check(
            "# param: ?term string required The text; required\n# param: year integer optional A year",
            Ok(vec![
                param("term", ParamKind::String, false, "The text; required"),
                param("year", ParamKind::Integer, true, "A year"),
            ]),
        );
        check(
            "# param: d date optional A day\n# param: x decimal required An amount\n# param: t term optional Anything",
            Ok(vec![
                param("d", ParamKind::Date, true, "A day"),
                param("x", ParamKind::Decimal, false, "An amount"),
                param("t", ParamKind::Term, true, "Anything"),
            ]),
        );
        // The header ends at the first line of query text.
        check("SELECT * {}\n# param: broken", Ok(vec![]));
    }

    #[test]
    fn malformed_declarations() {
        check(
            "# title: T\n# param: theme  A theme's IRI",
            Err((2, "unknown kind \"A\"")),
        );
        check(
            "# param: theme  uri  optional  x",
            Err((1, "unknown kind \"uri\"")),
        );
        check(
            "# param: theme  iri  A theme",
            Err((1, "expected optional or required, found \"A\"")),
        );
        check(
            "# param: theme  iri  optional",
            Err((1, "no description for theme")),
        );
        check("# param: theme", Err((1, "no kind for theme")));
        check("# param:", Err((1, "no parameter name")));
        check(
            "# param: the-me iri optional x",
            Err((1, "is not a variable name")),
        );
        check(
            "# param: a iri optional x\n\n# param: a iri optional y",
            Err((3, "declared twice")),
        );
    }

    /// A term printed in N-Triples syntax reads back as itself (found by the `param` fuzz
    /// target: `"a\"b"` was read with its backslash, and printed again with two more).
    #[test]
    fn printed_terms_read_back() {
        use super::parse_term;
        for typed in [
            r#""a\"b""#,
            r#""back\\slash""#,
            r#""line\nbreak\ttab""#,
            r#""\u00e9t\U0001F600""#,
            r#""C:\data""#,
            r#""x"@en-GB""#,
            r#""1"^^<http://www.w3.org/2001/XMLSchema#integer>""#,
            "plain text",
            "42",
            "<http://example.org/a>",
        ] {
            let term = parse_term(typed).unwrap();
            let printed = term.to_string();
            assert_eq!(parse_term(&printed).unwrap(), term, "{typed} → {printed}");
        }
        assert_eq!(parse_term(r#""a\"b""#).unwrap().to_string(), r#""a\"b""#);
        assert_eq!(
            parse_term(r#""C:\data""#).unwrap().to_string(),
            r#""C:\\data""#
        );
        assert!(parse_term(r#""x"y"#).is_err());
    }
}
