//! The serialisations the store reads and writes, each with its file extensions and media types
//! (for content negotiation), and the one mapping of each to oxigraph's own format types.

use std::path::Path;

use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::sparql::results::QueryResultsFormat;

/// An RDF serialisation: of loaded files, exports and CONSTRUCT/DESCRIBE results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GraphFormat {
    Turtle,
    NTriples,
    NQuads,
    TriG,
    RdfXml,
    JsonLd,
}

impl GraphFormat {
    pub const ALL: [GraphFormat; 6] = [
        GraphFormat::Turtle,
        GraphFormat::NTriples,
        GraphFormat::NQuads,
        GraphFormat::TriG,
        GraphFormat::RdfXml,
        GraphFormat::JsonLd,
    ];

    /// The name users type (`--format`, `.export`), in the order of [`GraphFormat::ALL`].
    pub const NAMES: [&'static str; 6] =
        ["turtle", "ntriples", "nquads", "trig", "rdfxml", "jsonld"];

    pub fn name(self) -> &'static str {
        match self {
            GraphFormat::Turtle => "turtle",
            GraphFormat::NTriples => "ntriples",
            GraphFormat::NQuads => "nquads",
            GraphFormat::TriG => "trig",
            GraphFormat::RdfXml => "rdfxml",
            GraphFormat::JsonLd => "jsonld",
        }
    }

    /// From a name users type or an extension (any case): `turtle`, `ttl`, `jsonld`, …
    pub fn from_name(name: &str) -> Option<GraphFormat> {
        GraphFormat::from_extension(name)
    }

    /// Whether the format keeps named graphs (the others get the union of the graphs).
    pub fn keeps_graphs(self) -> bool {
        matches!(
            self,
            GraphFormat::NQuads | GraphFormat::TriG | GraphFormat::JsonLd
        )
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            GraphFormat::Turtle => "ttl",
            GraphFormat::NTriples => "nt",
            GraphFormat::NQuads => "nq",
            GraphFormat::TriG => "trig",
            GraphFormat::RdfXml => "rdf",
            GraphFormat::JsonLd => "jsonld",
        }
    }

    /// From a file extension (without the dot, any case), the usual one or a common alias.
    pub fn from_extension(extension: &str) -> Option<GraphFormat> {
        Some(match extension.to_ascii_lowercase().as_str() {
            "ttl" | "turtle" => GraphFormat::Turtle,
            "trig" => GraphFormat::TriG,
            "nt" | "ntriples" => GraphFormat::NTriples,
            "nq" | "nquads" => GraphFormat::NQuads,
            "rdf" | "xml" | "owl" | "rdfxml" => GraphFormat::RdfXml,
            "jsonld" | "json" => GraphFormat::JsonLd,
            _ => return None,
        })
    }

    /// From a file name's extension.
    pub fn from_path(path: &Path) -> Option<GraphFormat> {
        GraphFormat::from_extension(path.extension()?.to_str()?)
    }

    /// The registered media type.
    pub fn media_type(self) -> &'static str {
        match self {
            GraphFormat::Turtle => "text/turtle",
            GraphFormat::NTriples => "application/n-triples",
            GraphFormat::NQuads => "application/n-quads",
            GraphFormat::TriG => "application/trig",
            GraphFormat::RdfXml => "application/rdf+xml",
            GraphFormat::JsonLd => "application/ld+json",
        }
    }

    /// From a media type, ignoring parameters (`; charset=utf-8`) and case.
    pub fn from_media_type(media_type: &str) -> Option<GraphFormat> {
        let essence = essence(media_type);
        GraphFormat::ALL
            .into_iter()
            .find(|f| f.media_type() == essence)
    }

    /// The oxigraph format, for its parsers and serializers.
    /// Whether oxigraph's serializer ends without a line break (text files end with one).
    pub fn needs_final_newline(self) -> bool {
        matches!(self, GraphFormat::RdfXml | GraphFormat::JsonLd)
    }

    pub(crate) fn to_oxigraph(self) -> RdfFormat {
        match self {
            GraphFormat::Turtle => RdfFormat::Turtle,
            GraphFormat::NTriples => RdfFormat::NTriples,
            GraphFormat::NQuads => RdfFormat::NQuads,
            GraphFormat::TriG => RdfFormat::TriG,
            GraphFormat::RdfXml => RdfFormat::RdfXml,
            GraphFormat::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        }
    }
}

/// A SPARQL query results serialisation, for SELECT and ASK.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResultsFormat {
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL Query Results XML.
    Xml,
    Csv,
    Tsv,
}

impl ResultsFormat {
    pub const ALL: [ResultsFormat; 4] = [
        ResultsFormat::Json,
        ResultsFormat::Xml,
        ResultsFormat::Csv,
        ResultsFormat::Tsv,
    ];

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ResultsFormat::Json => "srj",
            ResultsFormat::Xml => "srx",
            ResultsFormat::Csv => "csv",
            ResultsFormat::Tsv => "tsv",
        }
    }

    /// From a file extension (without the dot, any case).
    pub fn from_extension(extension: &str) -> Option<ResultsFormat> {
        Some(match extension.to_ascii_lowercase().as_str() {
            "srj" | "json" => ResultsFormat::Json,
            "srx" | "xml" => ResultsFormat::Xml,
            "csv" => ResultsFormat::Csv,
            "tsv" => ResultsFormat::Tsv,
            _ => return None,
        })
    }

    /// The registered media type.
    pub fn media_type(self) -> &'static str {
        match self {
            ResultsFormat::Json => "application/sparql-results+json",
            ResultsFormat::Xml => "application/sparql-results+xml",
            ResultsFormat::Csv => "text/csv",
            ResultsFormat::Tsv => "text/tab-separated-values",
        }
    }

    /// From a media type, ignoring parameters (`; charset=utf-8`) and case.
    pub fn from_media_type(media_type: &str) -> Option<ResultsFormat> {
        let essence = essence(media_type);
        ResultsFormat::ALL
            .into_iter()
            .find(|f| f.media_type() == essence)
    }

    /// Whether a line break should follow the output on a terminal (the formats that do not end
    /// with one).
    pub fn needs_final_newline(self) -> bool {
        matches!(self, ResultsFormat::Json | ResultsFormat::Xml)
    }

    pub(crate) fn to_oxigraph(self) -> QueryResultsFormat {
        match self {
            ResultsFormat::Json => QueryResultsFormat::Json,
            ResultsFormat::Xml => QueryResultsFormat::Xml,
            ResultsFormat::Csv => QueryResultsFormat::Csv,
            ResultsFormat::Tsv => QueryResultsFormat::Tsv,
        }
    }
}

/// `Text/Turtle; charset=utf-8` → `text/turtle`.
fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: Option<GraphFormat>) {
        let by_media = GraphFormat::from_media_type(input);
        let by_extension = GraphFormat::from_extension(input);
        assert_eq!(by_media.or(by_extension), expect, "{input:?}");
    }

    #[test]
    fn graph_formats_from_media_types_and_extensions() {
        check("text/turtle", Some(GraphFormat::Turtle));
        check("Text/Turtle; charset=utf-8", Some(GraphFormat::Turtle));
        check("application/n-quads", Some(GraphFormat::NQuads));
        check("application/ld+json", Some(GraphFormat::JsonLd));
        check("OWL", Some(GraphFormat::RdfXml));
        check("trig", Some(GraphFormat::TriG));
        check("text/html", None);
        check("txt", None);
        for f in GraphFormat::ALL {
            check(f.media_type(), Some(f));
            check(f.extension(), Some(f));
        }
    }

    #[test]
    fn results_formats_round_trip() {
        for f in ResultsFormat::ALL {
            assert_eq!(ResultsFormat::from_media_type(f.media_type()), Some(f));
            assert_eq!(ResultsFormat::from_extension(f.extension()), Some(f));
        }
        assert_eq!(
            ResultsFormat::from_media_type("application/sparql-results+json; charset=utf-8"),
            Some(ResultsFormat::Json)
        );
        assert_eq!(ResultsFormat::from_media_type("text/turtle"), None);
    }
}
