//! Dot-commands: one enum, parsed with `FromStr`, each with its help text.

use std::path::PathBuf;
use std::str::FromStr;

pub use crate::format::OutputFormat;
use smarty_store::GraphFormat;

/// Export serialisations (`.export FORMAT FILE`).
pub const EXPORT_FORMATS: [&str; 6] = GraphFormat::NAMES;

#[derive(Debug, Clone, PartialEq)]
pub enum DotCommand {
    Help(Option<String>),
    Prefixes,
    Prefix {
        name: String,
        iri: String,
    },
    Queries,
    Run {
        name: String,
        params: Vec<(String, String)>,
    },
    Ingest(PathBuf),
    Load(PathBuf),
    Export {
        format: GraphFormat,
        file: PathBuf,
        public: bool,
    },
    Graph {
        kind: String,
        format: Option<String>,
        file: Option<PathBuf>,
    },
    Contacts {
        min_practices: Option<usize>,
    },
    Describe(String),
    Why(String),
    Stats,
    Explain(String),
    Timer(bool),
    Format(OutputFormat),
    Output(Option<PathBuf>),
    MaxRows(usize),
    /// Table width in columns; `None` fits the terminal.
    Width(Option<u16>),
    Quit,
}

/// Every command: name, arguments, one-line summary. The order is the order of `.help`.
pub const COMMANDS: &[(&str, &str, &str)] = &[
    ("help", "[COMMAND]", "list the commands, or explain one"),
    ("queries", "", "the named query library, with descriptions"),
    (
        "run",
        "NAME [PARAM=VALUE ...]",
        "run a named query; values are RDF terms: <iri>, prefix:local, \"text\"@en, 42, or a name",
    ),
    (
        "describe",
        "IRI-OR-NAME",
        "every statement about a practice, organisation, person or theme",
    ),
    (
        "why",
        "IRI-OR-NAME",
        "the source lines each fact about it came from, with line numbers",
    ),
    (
        "contacts",
        "[MIN-PRACTICES]",
        "persons behind more than one practice (or at least MIN-PRACTICES)",
    ),
    (
        "graph",
        "KIND [FORMAT] [FILE]",
        "a network: contacts, partners, practice-person, practice-organisation; formats dot svg png graphml gexf json csv",
    ),
    (
        "stats",
        "",
        "statements, graphs, documents, classes with counts",
    ),
    (
        "explain",
        "QUERY",
        "run a query and print oxigraph's plan with statistics",
    ),
    ("prefixes", "", "the prefixes queries can use"),
    ("prefix", "NAME: <IRI>", "declare a prefix for this session"),
    ("ingest", "FILE", "ingest a guide (text) into the store"),
    (
        "load",
        "RDF-FILE",
        "load an RDF file (.ttl .trig .nt .nq .rdf .jsonld) into a graph of its own",
    ),
    (
        "export",
        "FORMAT FILE [--public]",
        "write the store to a file; --public leaves out personal data",
    ),
    (
        "format",
        "FORMAT",
        "how results print: table csv tsv json xml turtle ntriples jsonld",
    ),
    (
        "output",
        "[FILE]",
        "send results to FILE; without FILE, back to the screen",
    ),
    ("maxrows", "N", "show at most N rows of a table (0: all)"),
    (
        "width",
        "N|auto",
        "lay tables out N columns wide (auto: the terminal's width)",
    ),
    ("timer", "on|off", "print the time each statement takes"),
    ("quit", "", "leave (Ctrl-D does the same)"),
];

/// Splits arguments on spaces, keeping `"quoted text"` and `<iri with spaces?>` together.
fn split_args(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match (quote, c) {
            (None, '"') | (None, '<') => {
                quote = Some(if c == '<' { '>' } else { '"' });
                current.push(c);
            }
            (Some(q), c) if c == q => {
                quote = None;
                current.push(c);
            }
            (None, c) if c.is_whitespace() => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            (_, c) => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

impl FromStr for DotCommand {
    type Err = String;

    fn from_str(line: &str) -> Result<Self, Self::Err> {
        let line = line.trim();
        let body = line
            .strip_prefix('.')
            .ok_or_else(|| "dot-commands start with '.'".to_owned())?;
        let (name, rest) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
        let rest = rest.trim();
        let args = split_args(rest);
        let usage = |name: &str| {
            let (_, a, _) = COMMANDS
                .iter()
                .find(|(n, _, _)| *n == name)
                .copied()
                .unwrap_or(("", "", ""));
            format!("usage: .{name} {a}")
        };
        let need = |n: usize| -> Result<(), String> {
            if args.len() < n {
                Err(usage(name))
            } else {
                Ok(())
            }
        };
        Ok(match name {
            "help" | "h" | "?" => {
                DotCommand::Help(args.first().map(|a| a.trim_start_matches('.').to_owned()))
            }
            "prefixes" => DotCommand::Prefixes,
            "prefix" => {
                need(1)?;
                // ".prefix ex: <http://e/>" or ".prefix ex <http://e/>"
                let (name_part, iri_part) = match args.as_slice() {
                    [one] => one
                        .split_once(':')
                        .map(|(a, b)| (a.to_owned(), b.to_owned()))
                        .ok_or_else(|| usage("prefix"))?,
                    [n, iri, ..] => (n.trim_end_matches(':').to_owned(), iri.clone()),
                    [] => return Err(usage("prefix")),
                };
                let iri = iri_part
                    .trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_owned();
                if iri.is_empty() || name_part.contains(char::is_whitespace) {
                    return Err(usage("prefix"));
                }
                DotCommand::Prefix {
                    name: name_part,
                    iri,
                }
            }
            "queries" => DotCommand::Queries,
            "run" => {
                need(1)?;
                let mut params = Vec::new();
                for a in &args[1..] {
                    let (k, v) = a
                        .split_once('=')
                        .ok_or_else(|| format!("'{a}' is not PARAM=VALUE"))?;
                    params.push((k.trim_start_matches(['?', '$']).to_owned(), v.to_owned()));
                }
                DotCommand::Run {
                    name: args[0].clone(),
                    params,
                }
            }
            "ingest" => {
                need(1)?;
                DotCommand::Ingest(PathBuf::from(rest))
            }
            "load" => {
                need(1)?;
                DotCommand::Load(PathBuf::from(rest))
            }
            "export" => {
                need(2)?;
                let public = args.iter().any(|a| a == "--public");
                let positional: Vec<&String> = args.iter().filter(|a| *a != "--public").collect();
                if positional.len() != 2 {
                    return Err(usage("export"));
                }
                let name = positional[0].to_ascii_lowercase();
                let format = GraphFormat::from_name(&name).ok_or_else(|| {
                    format!(
                        "unknown export format '{name}'; one of: {}",
                        EXPORT_FORMATS.join(", ")
                    )
                })?;
                DotCommand::Export {
                    format,
                    file: PathBuf::from(positional[1]),
                    public,
                }
            }
            "graph" => {
                need(1)?;
                DotCommand::Graph {
                    kind: args[0].clone(),
                    format: args.get(1).cloned(),
                    file: args.get(2).map(PathBuf::from),
                }
            }
            "contacts" => DotCommand::Contacts {
                min_practices: match args.first() {
                    Some(n) => Some(n.parse().map_err(|_| usage("contacts"))?),
                    None => None,
                },
            },
            "describe" => {
                need(1)?;
                DotCommand::Describe(rest.to_owned())
            }
            "why" => {
                need(1)?;
                DotCommand::Why(rest.to_owned())
            }
            "stats" => DotCommand::Stats,
            "explain" => {
                need(1)?;
                DotCommand::Explain(rest.to_owned())
            }
            "timer" => match args.first().map(String::as_str) {
                Some("on") => DotCommand::Timer(true),
                Some("off") => DotCommand::Timer(false),
                _ => return Err(usage("timer")),
            },
            "format" => {
                need(1)?;
                DotCommand::Format(args[0].parse()?)
            }
            "output" => DotCommand::Output(args.first().map(PathBuf::from)),
            "maxrows" => {
                need(1)?;
                DotCommand::MaxRows(args[0].parse().map_err(|_| usage("maxrows"))?)
            }
            "width" => {
                need(1)?;
                match args[0].as_str() {
                    "auto" => DotCommand::Width(None),
                    n => DotCommand::Width(Some(
                        n.parse()
                            .ok()
                            .filter(|w| *w >= 20)
                            .ok_or_else(|| usage("width"))?,
                    )),
                }
            }
            "quit" | "exit" | "q" => DotCommand::Quit,
            other => {
                let close: Vec<&str> = COMMANDS
                    .iter()
                    .map(|(n, _, _)| *n)
                    .filter(|n| {
                        // The first two characters, whatever their width in bytes.
                        let head = other
                            .char_indices()
                            .nth(2)
                            .map_or(other.len(), |(at, _)| at);
                        n.starts_with(&other[..head])
                    })
                    .collect();
                return Err(if close.is_empty() {
                    format!("unknown command '.{other}'; .help lists them")
                } else {
                    format!(
                        "unknown command '.{other}'; did you mean {}?",
                        close
                            .iter()
                            .map(|c| format!(".{c}"))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    )
                });
            }
        })
    }
}

/// `.help` and `.help COMMAND`.
pub fn help(command: Option<&str>) -> Result<String, String> {
    match command {
        None => {
            let mut out = String::from(
                "Type a SPARQL query or update; it runs when it is complete (an empty line runs it anyway).\n\
                 Tab completes keywords, prefixes, classes and properties, variables, commands, query names and\n\
                 the names of practices, organisations and persons (inserting their IRI). Ctrl-R searches history,\n\
                 Ctrl-C clears the input or stops a running query, Ctrl-D leaves.\n\n",
            );
            for (name, args, summary) in COMMANDS {
                let head = format!(".{name} {args}");
                out.push_str(&format!("  {head:<34} {summary}\n"));
            }
            Ok(out)
        }
        Some(name) => COMMANDS
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(n, a, s)| format!(".{n} {a}\n  {s}\n"))
            .ok_or_else(|| format!("no command '.{name}'; .help lists them")),
    }
}

impl DotCommand {
    /// Whether the command needs the local store itself (it writes, or reads what only the
    /// store keeps: sources, provenance, query plans), not only answers to queries.
    pub fn local_only(&self) -> bool {
        matches!(
            self,
            DotCommand::Ingest(_)
                | DotCommand::Load(_)
                | DotCommand::Export { .. }
                | DotCommand::Describe(_)
                | DotCommand::Why(_)
                | DotCommand::Explain(_)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: &str) {
        let got = match input.parse::<DotCommand>() {
            Ok(c) => format!("{c:?}"),
            Err(e) => format!("error: {e}"),
        };
        assert_eq!(got, expect, "input: {input}");
    }

    #[test]
    fn parsing() {
        check(".help run", "Help(Some(\"run\"))");
        check(
            ".prefix ex: <http://example.org/>",
            "Prefix { name: \"ex\", iri: \"http://example.org/\" }",
        );
        check(
            ".prefix ex:<http://example.org/>",
            "Prefix { name: \"ex\", iri: \"http://example.org/\" }",
        );
        check(
            ".run practices-by-theme theme=theme:digital-innovation-hubs",
            "Run { name: \"practices-by-theme\", params: [(\"theme\", \"theme:digital-innovation-hubs\")] }",
        );
        check(
            ".run search term=\"green deal\"",
            "Run { name: \"search\", params: [(\"term\", \"\\\"green deal\\\"\")] }",
        );
        check(
            ".export turtle out.ttl --public",
            "Export { format: Turtle, file: \"out.ttl\", public: true }",
        );
        check(
            ".export csv out.csv",
            "error: unknown export format 'csv'; one of: turtle, ntriples, nquads, trig, rdfxml, jsonld",
        );
        check(".timer maybe", "error: usage: .timer on|off");
        check(".format tsv", "Format(Tsv)");
        check(".maxrows 10", "MaxRows(10)");
        check(".width 160", "Width(Some(160))");
        check(".width auto", "Width(None)");
        check(
            ".describe Access Innovation",
            "Describe(\"Access Innovation\")",
        );
        check(
            ".stat",
            "error: unknown command '.stat'; did you mean .stats?",
        );
        check(
            ".graph contacts svg docs/x.svg",
            "Graph { kind: \"contacts\", format: Some(\"svg\"), file: Some(\"docs/x.svg\") }",
        );
    }

    /// An unknown command whose second character is wider than one byte is answered, not a
    /// panic of the shell (`.a€` was cut inside the `€`).
    #[test]
    fn unknown_commands_with_wide_characters() {
        check(".a€", "error: unknown command '.a€'; .help lists them");
        check(".eé", "error: unknown command '.eé'; .help lists them");
        check(".qü", "error: unknown command '.qü'; .help lists them");
        check(
            ".sté",
            "error: unknown command '.sté'; did you mean .stats?",
        );
    }
}
