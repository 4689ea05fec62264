//! How query answers are printed, for the CLI (`query --format`) and the shell (`.format`) alike:
//! one enum, one place that chooses the serialisation for an answer.

use std::fmt;
use std::io::Write;
use std::str::FromStr;

use smarty_store::{GraphFormat, QueryOutcome, QueryOutput, ResultsFormat};

use crate::error::ReplError;
use crate::render::{self, TableLayout};

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// A table for people (graphs print as Turtle)
    Table,
    /// SPARQL JSON results; JSON-LD for graphs
    Json,
    /// SPARQL XML results; RDF/XML for graphs
    Xml,
    Csv,
    Tsv,
    Turtle,
    #[value(name = "ntriples", alias = "nt")]
    NTriples,
    #[value(name = "rdfxml")]
    RdfXml,
    #[value(name = "jsonld", alias = "json-ld")]
    JsonLd,
}

impl OutputFormat {
    /// Every name, in the order help lists them.
    pub const NAMES: [&'static str; 9] = [
        "table", "json", "xml", "csv", "tsv", "turtle", "ntriples", "rdfxml", "jsonld",
    ];

    /// The serialisation that prints `outcome` in this format; `None` for a table of solutions or
    /// a boolean, which are drawn rather than serialised.
    pub fn serialisation(self, outcome: &QueryOutcome) -> Option<QueryOutput> {
        use QueryOutput::{Graph, Results};
        let graph = matches!(outcome, QueryOutcome::Graph(_));
        Some(match self {
            OutputFormat::Table if graph => Graph(GraphFormat::Turtle),
            OutputFormat::Table => return None,
            OutputFormat::Json if graph => Graph(GraphFormat::JsonLd),
            OutputFormat::Json => Results(ResultsFormat::Json),
            OutputFormat::Xml if graph => Graph(GraphFormat::RdfXml),
            OutputFormat::Xml => Results(ResultsFormat::Xml),
            OutputFormat::Csv => Results(ResultsFormat::Csv),
            OutputFormat::Tsv => Results(ResultsFormat::Tsv),
            OutputFormat::Turtle => Graph(GraphFormat::Turtle),
            OutputFormat::NTriples => Graph(GraphFormat::NTriples),
            OutputFormat::RdfXml => Graph(GraphFormat::RdfXml),
            OutputFormat::JsonLd => Graph(GraphFormat::JsonLd),
        })
    }
}

impl OutputFormat {
    /// The format a file's extension names (`.csv`, `.srj`, `.ttl`, `.txt` for a table, …); `.json`
    /// and `.xml` are the results formats, which print graphs as JSON-LD and RDF/XML.
    pub fn from_path(path: &std::path::Path) -> Option<OutputFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match extension.as_str() {
            "txt" => OutputFormat::Table,
            "json" | "srj" => OutputFormat::Json,
            "xml" | "srx" => OutputFormat::Xml,
            "csv" => OutputFormat::Csv,
            "tsv" => OutputFormat::Tsv,
            "ttl" => OutputFormat::Turtle,
            "nt" => OutputFormat::NTriples,
            "rdf" | "owl" => OutputFormat::RdfXml,
            "jsonld" => OutputFormat::JsonLd,
            _ => return None,
        })
    }
}

impl FromStr for OutputFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        <OutputFormat as clap::ValueEnum>::from_str(s, true).map_err(|_| {
            format!(
                "unknown format '{}'; one of: {}",
                s.to_ascii_lowercase(),
                Self::NAMES.join(", ")
            )
        })
    }
}

impl fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = clap::ValueEnum::to_possible_value(self);
        f.write_str(value.as_ref().map_or("?", |v| v.get_name()))
    }
}

/// Writes `outcome` in `format`, and returns the summary a person reads beside it
/// ("26 rows", "1 answer", "1,234 triples").
pub fn write_outcome(
    outcome: &QueryOutcome,
    format: OutputFormat,
    layout: TableLayout,
    out: &mut dyn Write,
) -> Result<String, ReplError> {
    match (format.serialisation(outcome), outcome) {
        (Some(serialisation), _) => {
            smarty_store::write_outcome(outcome, serialisation, &mut *out)?;
            // The results formats end without a newline; a shell prompt must not follow on the
            // same line.
            if serialisation.needs_final_newline() {
                writeln!(out)?;
            }
        }
        (None, QueryOutcome::Solutions(table)) => {
            writeln!(out, "{}", render::solutions(table, layout))?;
            return Ok(render::row_count(table.rows.len(), layout.max_rows));
        }
        (None, QueryOutcome::Boolean(b)) => writeln!(out, "{b}")?,
        // A graph always has a serialisation.
        (None, QueryOutcome::Graph(_)) => {}
    }
    Ok(summary(outcome))
}

fn summary(outcome: &QueryOutcome) -> String {
    match outcome {
        QueryOutcome::Solutions(t) => render::row_count(t.rows.len(), None),
        QueryOutcome::Boolean(_) => "1 answer".to_owned(),
        QueryOutcome::Graph(t) => format!("{} triples", render::thousands(t.len())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: &str) {
        let got = match input.parse::<OutputFormat>() {
            Ok(f) => f.to_string(),
            Err(e) => format!("error: {e}"),
        };
        assert_eq!(got, expect, "input: {input}");
    }

    #[test]
    fn names_and_aliases() {
        check("TSV", "tsv");
        check("nt", "ntriples");
        check("json-ld", "jsonld");
        check("rdfxml", "rdfxml");
        check(
            "yaml",
            "error: unknown format 'yaml'; one of: table, json, xml, csv, tsv, turtle, ntriples, rdfxml, jsonld",
        );
        let by_extension =
            |file: &str| OutputFormat::from_path(std::path::Path::new(file)).map(|f| f.to_string());
        assert_eq!(by_extension("out.CSV").as_deref(), Some("csv"));
        assert_eq!(by_extension("out.srj").as_deref(), Some("json"));
        assert_eq!(by_extension("out.ttl").as_deref(), Some("turtle"));
        assert_eq!(by_extension("out.txt").as_deref(), Some("table"));
        assert_eq!(by_extension("out.data"), None);
        assert_eq!(OutputFormat::NAMES.len(), {
            use clap::ValueEnum;
            OutputFormat::value_variants().len()
        });
    }
}
