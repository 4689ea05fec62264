//! Tab completion by position: what is offered depends on what is being typed.
//!
//! - first word of a line starting with `.`: the dot-commands; later words: that command's arguments
//!   (formats, network kinds, query names, parameter names, `on`/`off`, things' names);
//! - `?` or `$`: the variables already used in the statement;
//! - a word with `:`: prefixed names of the classes and properties in the store, and of things;
//! - any other word: SPARQL keywords, prefixes (predeclared, session, and declared in the statement),
//!   and the names of practices, organisations, persons and themes — choosing one inserts its IRI.

use crate::command::{COMMANDS, EXPORT_FORMATS, OutputFormat};
use crate::names::Names;

/// A choice: what the menu shows, and what replaces the word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub display: String,
    pub replacement: String,
}

impl Choice {
    fn same(text: impl Into<String>) -> Choice {
        let text = text.into();
        Choice {
            display: text.clone(),
            replacement: text,
        }
    }
}

pub const KEYWORDS: &[&str] = &[
    "SELECT",
    "DISTINCT",
    "REDUCED",
    "WHERE",
    "FROM",
    "NAMED",
    "GRAPH",
    "OPTIONAL",
    "FILTER",
    "UNION",
    "MINUS",
    "BIND",
    "VALUES",
    "SERVICE",
    "ORDER",
    "BY",
    "ASC",
    "DESC",
    "LIMIT",
    "OFFSET",
    "GROUP",
    "HAVING",
    "COUNT",
    "SUM",
    "AVG",
    "MIN",
    "MAX",
    "SAMPLE",
    "GROUP_CONCAT",
    "SEPARATOR",
    "AS",
    "ASK",
    "CONSTRUCT",
    "DESCRIBE",
    "PREFIX",
    "BASE",
    "INSERT",
    "DELETE",
    "DATA",
    "WITH",
    "USING",
    "CLEAR",
    "DROP",
    "CREATE",
    "LOAD",
    "COPY",
    "MOVE",
    "ADD",
    "SILENT",
    "DEFAULT",
    "ALL",
    "EXISTS",
    "NOT",
    "IN",
    "STR",
    "LANG",
    "LANGMATCHES",
    "DATATYPE",
    "BOUND",
    "IRI",
    "URI",
    "BNODE",
    "RAND",
    "ABS",
    "CEIL",
    "FLOOR",
    "ROUND",
    "CONCAT",
    "STRLEN",
    "UCASE",
    "LCASE",
    "ENCODE_FOR_URI",
    "CONTAINS",
    "STRSTARTS",
    "STRENDS",
    "STRBEFORE",
    "STRAFTER",
    "YEAR",
    "MONTH",
    "DAY",
    "NOW",
    "REGEX",
    "REPLACE",
    "SUBSTR",
    "COALESCE",
    "IF",
    "ISIRI",
    "ISURI",
    "ISBLANK",
    "ISLITERAL",
    "ISNUMERIC",
    "SAMETERM",
    "STRLANG",
    "STRDT",
    "TRUE",
    "FALSE",
];

pub const NETWORK_KINDS: [&str; 4] = [
    "contacts",
    "partners",
    "practice-person",
    "practice-organisation",
];
pub const NETWORK_FORMATS: [&str; 7] = ["dot", "svg", "png", "graphml", "gexf", "json", "csv"];

/// What completion knows beyond the line itself.
pub struct Context<'a> {
    pub names: &'a Names,
    /// Predeclared and session prefixes.
    pub prefixes: Vec<String>,
    /// `(name, parameter names)` of the named queries.
    pub queries: Vec<(String, Vec<String>)>,
}

fn is_break(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '{' | '}' | '[' | ']' | ',' | ';')
}

/// The start of the word under the cursor, and the candidates for it.
pub fn complete(line: &str, pos: usize, cx: &Context<'_>) -> (usize, Vec<Choice>) {
    let pos = pos.min(line.len());
    let before = &line[..pos];
    // The current line of a multi-line statement.
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let current = &before[line_start..];
    let start = before.rfind(is_break).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let start = start.max(line_start);
    let word = &before[start..];

    if current.trim_start().starts_with('.') && line_start == 0 {
        return (start, dot_command(current, word, cx));
    }
    let mut out = Vec::new();
    if let Some(v) = word.strip_prefix(['?', '$']) {
        let mut vars = variables(line);
        vars.retain(|x| x.starts_with(v) && x != v);
        out.extend(
            vars.into_iter()
                .map(|x| Choice::same(format!("{}{x}", &word[..1]))),
        );
        return (start, out);
    }
    if word.contains(':') {
        out.extend(
            cx.names
                .vocabulary
                .iter()
                .filter(|t| t.starts_with(word) && t.as_str() != word)
                .map(|t| Choice::same(t.clone())),
        );
        // Things by IRI: "practice:acc" → practice:access-innovation.
        for thing in cx.names.all() {
            let r = thing.reference();
            if r.starts_with(word) && r != word {
                out.push(Choice {
                    display: format!("{r} ({})", thing.label),
                    replacement: r,
                });
            }
        }
        return (start, dedup(out));
    }
    if word.is_empty() {
        return (start, out);
    }
    // "Access Innov": a phrase of plain words naming a thing, longest first.
    if let Some((phrase_start, choices)) = phrase(before, line_start, cx.names) {
        return (phrase_start, choices);
    }
    let upper = word.to_ascii_uppercase();
    out.extend(
        KEYWORDS
            .iter()
            .filter(|k| k.starts_with(&upper))
            .map(|k| Choice::same(*k)),
    );
    let mut prefixes = cx.prefixes.clone();
    prefixes.extend(declared_prefixes(line));
    prefixes.sort();
    prefixes.dedup();
    out.extend(
        prefixes
            .iter()
            .filter(|p| p.starts_with(word))
            .map(|p| Choice::same(format!("{p}:"))),
    );
    if word.chars().count() >= 2 {
        out.extend(things(cx.names, word));
    }
    (start, dedup(out))
}

/// The longest run of two or more plain words before the cursor (no variables, prefixed names,
/// keywords or punctuation) that is part of some thing's name, with the things it matches.
fn phrase(before: &str, line_start: usize, names: &Names) -> Option<(usize, Vec<Choice>)> {
    let text = &before[line_start..];
    let from = text
        .rfind(['{', '}', '(', ')', '.', ';', ','])
        .map_or(0, |i| i + 1);
    let region = &text[from..];
    // Word start offsets within `region`.
    let mut starts = Vec::new();
    let mut in_word = false;
    for (i, c) in region.char_indices() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            starts.push(i);
        }
    }
    let plain = |w: &str| {
        !w.contains(['?', '$', ':', '<', '"'])
            && !KEYWORDS.contains(&w.to_ascii_uppercase().as_str())
            && w != "a"
    };
    for (k, &s) in starts.iter().enumerate() {
        let candidate = &region[s..];
        let words: Vec<&str> = candidate.split_whitespace().collect();
        if words.len() < 2 || starts.len() - k > 6 || !words.iter().all(|w| plain(w)) {
            continue;
        }
        let found = things(names, candidate.trim_end());
        if !found.is_empty() {
            return Some((line_start + from + s, found));
        }
    }
    None
}

/// Named things whose name contains the fragment; choosing one inserts its IRI.
fn things(names: &Names, fragment: &str) -> Vec<Choice> {
    names
        .matching(fragment)
        .into_iter()
        .take(30)
        .map(|t| Choice {
            display: format!("{} ({}) → {}", t.label, t.kind.as_str(), t.reference()),
            replacement: t.reference(),
        })
        .collect()
}

fn dedup(mut choices: Vec<Choice>) -> Vec<Choice> {
    let mut seen = std::collections::HashSet::new();
    choices.retain(|c| seen.insert(c.replacement.clone()));
    choices
}

fn dot_command(current: &str, word: &str, cx: &Context<'_>) -> Vec<Choice> {
    let words: Vec<&str> = current.split_whitespace().collect();
    let completing_first = words.len() <= 1 && !current.ends_with(char::is_whitespace);
    if completing_first {
        let typed = word.trim_start_matches('.');
        return COMMANDS
            .iter()
            .filter(|(n, _, _)| n.starts_with(typed))
            .map(|(n, _, _)| Choice {
                display: format!(".{n}"),
                replacement: format!(".{n} "),
            })
            .collect();
    }
    let command = words[0].trim_start_matches('.');
    // Which argument is being typed (0-based).
    let index = if current.ends_with(char::is_whitespace) {
        words.len() - 1
    } else {
        words.len() - 2
    };
    let starting = |options: &[&str]| -> Vec<Choice> {
        options
            .iter()
            .filter(|o| o.starts_with(word))
            .map(|o| Choice::same(*o))
            .collect()
    };
    match (command, index) {
        ("help", 0) => COMMANDS
            .iter()
            .filter(|(n, _, _)| n.starts_with(word))
            .map(|(n, _, _)| Choice::same(*n))
            .collect(),
        ("format", 0) => starting(&OutputFormat::NAMES),
        ("timer", 0) => starting(&["on", "off"]),
        ("export", 0) => starting(&EXPORT_FORMATS),
        ("export", 2) => starting(&["--public"]),
        ("graph", 0) => starting(&NETWORK_KINDS),
        ("graph", 1) => starting(&NETWORK_FORMATS),
        ("run", 0) => cx
            .queries
            .iter()
            .filter(|(n, _)| n.starts_with(word))
            .map(|(n, _)| Choice {
                display: n.clone(),
                replacement: format!("{n} "),
            })
            .collect(),
        ("run", _) => {
            let params = cx
                .queries
                .iter()
                .find(|(n, _)| n == words[1])
                .map(|(_, p)| p.clone())
                .unwrap_or_default();
            match word.split_once('=') {
                None => params
                    .iter()
                    .filter(|p| p.starts_with(word))
                    .map(|p| Choice::same(format!("{p}=")))
                    .collect(),
                // After "practice=": the things, by name.
                Some((p, fragment)) if fragment.chars().count() >= 2 => things(cx.names, fragment)
                    .into_iter()
                    .map(|c| Choice {
                        display: c.display,
                        replacement: format!("{p}={}", c.replacement),
                    })
                    .collect(),
                Some(_) => Vec::new(),
            }
        }
        ("describe" | "why", _) if word.chars().count() >= 2 => things(cx.names, word),
        _ => Vec::new(),
    }
}

/// Variables used in a statement, without `?`/`$`, in order of appearance.
pub fn variables(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '?' || c == '$' {
            let name: String = text[i + 1..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && !out.contains(&name) {
                out.push(name);
            }
        } else if c == '"' {
            // Skip strings: a '?' in a literal is not a variable.
            for (_, d) in chars.by_ref() {
                if d == '"' {
                    break;
                }
            }
        }
    }
    out
}

/// Prefix names declared with `PREFIX p: <…>` in the statement.
fn declared_prefixes(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let upper = text.to_ascii_uppercase();
    let mut from = 0;
    while let Some(i) = upper[from..].find("PREFIX") {
        let rest = &text[from + i + 6..];
        if let Some((name, _)) = rest.trim_start().split_once(':') {
            let name = name.trim();
            if name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                out.push(name.to_owned());
            }
        }
        from += i + 6;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx(names: &Names) -> Context<'_> {
        Context {
            names,
            prefixes: vec!["schema".into(), "smarty".into(), "skos".into()],
            queries: vec![
                ("practices-by-theme".into(), vec!["theme".into()]),
                ("search".into(), vec!["term".into()]),
            ],
        }
    }

    fn check(line: &str, expect: &[&str]) {
        let names = Names::default();
        let (_, got) = complete(line, line.len(), &cx(&names));
        let got: Vec<&str> = got.iter().map(|c| c.replacement.as_str()).collect();
        assert_eq!(got, expect, "line: {line:?}");
    }

    #[test]
    fn by_position() {
        check(".qu", &[".queries ", ".quit "]);
        check(".format j", &["json", "jsonld"]);
        check(".run pr", &["practices-by-theme "]);
        check(".run practices-by-theme th", &["theme="]);
        check(".graph contacts s", &["svg"]);
        check(
            "SELECT ?practice WHERE { ?practice ?p ?o } ORDER BY ?pr",
            &["?practice"],
        );
        check("sel", &["SELECT"]);
        check("SELECT * WHERE { ?s sc", &["schema:"]);
        check(
            "PREFIX ex: <http://e/>\nSELECT * WHERE { ?s e",
            &["EXISTS", "ENCODE_FOR_URI", "ex:"],
        );
        check("SELECT * WHERE { FILTER(\"?x\" = ?y) ", &[]);
    }

    #[test]
    fn phrases_complete_to_things() {
        let names = Names::from_things(vec![
            (
                "Access Innovation",
                "https://w3id.org/smarty-kg/id/practice/access-innovation",
            ),
            (
                "Digital Innovation Hubs",
                "https://w3id.org/smarty-kg/id/theme/digital-innovation-hubs",
            ),
        ]);
        let line = "SELECT ?n WHERE { Access Innov";
        let (start, got) = complete(line, line.len(), &cx(&names));
        assert_eq!(&line[start..], "Access Innov");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].replacement, "practice:access-innovation");
    }

    #[test]
    fn variables_skip_strings() {
        assert_eq!(
            variables("SELECT ?a WHERE { ?a ?b \"?not\" . $c }"),
            ["a", "b", "c"]
        );
    }
}
