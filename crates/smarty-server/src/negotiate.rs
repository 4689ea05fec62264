//! Content negotiation: the `Accept` header (or a `format=` parameter, for links and browsers)
//! chooses a serialisation among those the answer's kind allows.

use smarty_store::{ExportFormat, ResultFormat};

/// What kind of answer is being negotiated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// SELECT and ASK: SPARQL results formats, JSON by default.
    Solutions,
    /// CONSTRUCT, DESCRIBE, graphs and resource pages: RDF formats, Turtle by default.
    Graph,
}

/// The chosen representation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Results(ResultFormat),
    Html,
}

/// Media types each format is known by, the first being the one answers carry.
const MEDIA_TYPES: &[(ResultFormat, &[&str])] = &[
    (
        ResultFormat::Json,
        &["application/sparql-results+json", "application/json"],
    ),
    (
        ResultFormat::Xml,
        &[
            "application/sparql-results+xml",
            "application/xml",
            "text/xml",
        ],
    ),
    (ResultFormat::Csv, &["text/csv"]),
    (ResultFormat::Tsv, &["text/tab-separated-values"]),
    (
        ResultFormat::Turtle,
        &["text/turtle", "application/x-turtle"],
    ),
    (
        ResultFormat::NTriples,
        &["application/n-triples", "text/plain"],
    ),
    (
        ResultFormat::RdfXml,
        &["application/rdf+xml", "application/xml", "text/xml"],
    ),
    (
        ResultFormat::JsonLd,
        &["application/ld+json", "application/json"],
    ),
];

/// `format=` values.
const NAMES: &[(&str, ResultFormat)] = &[
    ("json", ResultFormat::Json),
    ("xml", ResultFormat::Xml),
    ("csv", ResultFormat::Csv),
    ("tsv", ResultFormat::Tsv),
    ("turtle", ResultFormat::Turtle),
    ("ttl", ResultFormat::Turtle),
    ("ntriples", ResultFormat::NTriples),
    ("nt", ResultFormat::NTriples),
    ("rdfxml", ResultFormat::RdfXml),
    ("jsonld", ResultFormat::JsonLd),
];

pub fn media_type(format: ResultFormat) -> &'static str {
    MEDIA_TYPES
        .iter()
        .find(|(f, _)| *f == format)
        .map(|(_, types)| types[0])
        .unwrap_or("application/octet-stream")
}

/// The export format for an RDF result format (Graph Store Protocol reads and `/def`).
pub fn export_format(format: ResultFormat) -> ExportFormat {
    match format {
        ResultFormat::NTriples => ExportFormat::NTriples,
        ResultFormat::RdfXml => ExportFormat::RdfXml,
        ResultFormat::JsonLd => ExportFormat::JsonLd,
        _ => ExportFormat::Turtle,
    }
}

/// The media ranges of an Accept header, best first (stable for equal quality).
fn ranges(accept: &str) -> Vec<String> {
    let mut ranked: Vec<(u16, usize, String)> = accept
        .split(',')
        .enumerate()
        .filter_map(|(i, item)| {
            let mut parts = item.split(';');
            let range = parts.next()?.trim().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (!range.is_empty() && q > 0.0).then_some(((q * 1000.0) as u16, i, range))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.into_iter().map(|(_, _, r)| r).collect()
}

fn allowed(format: ResultFormat, kind: Kind) -> bool {
    format.is_rdf() == (kind == Kind::Graph)
}

fn default_for(kind: Kind) -> ResultFormat {
    match kind {
        Kind::Solutions => ResultFormat::Json,
        Kind::Graph => ResultFormat::Turtle,
    }
}

/// Chooses a representation. `html` says whether an HTML page exists for this answer; a format
/// the kind cannot give is skipped, and nothing acceptable falls back to the default (clients
/// often send lists meant for another kind of answer).
pub fn choose(accept: Option<&str>, format: Option<&str>, kind: Kind, html: bool) -> Choice {
    if let Some(name) = format {
        let name = name.to_ascii_lowercase();
        if html && name == "html" {
            return Choice::Html;
        }
        if let Some((_, f)) = NAMES.iter().find(|(n, f)| *n == name && allowed(*f, kind)) {
            return Choice::Results(*f);
        }
    }
    for range in ranges(accept.unwrap_or("*/*")) {
        if html && (range == "text/html" || range == "application/xhtml+xml") {
            return Choice::Html;
        }
        if range == "*/*" || range == "application/*" || range == "text/*" {
            return Choice::Results(default_for(kind));
        }
        let found = MEDIA_TYPES
            .iter()
            .find(|(f, types)| allowed(*f, kind) && types.contains(&range.as_str()));
        if let Some((f, _)) = found {
            return Choice::Results(*f);
        }
    }
    Choice::Results(default_for(kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(accept: &str, kind: Kind, html: bool, expect: Choice) {
        assert_eq!(choose(Some(accept), None, kind, html), expect, "{accept}");
    }

    #[test]
    fn accept_headers_of_real_clients() {
        use Choice::{Html, Results};
        use Kind::{Graph, Solutions};
        // SPARQLWrapper asking for JSON.
        let wrapper = "application/sparql-results+json,application/json,text/javascript,application/javascript";
        check(wrapper, Solutions, false, Results(ResultFormat::Json));
        check(
            "application/sparql-results+xml",
            Solutions,
            false,
            Results(ResultFormat::Xml),
        );
        check("text/csv", Solutions, false, Results(ResultFormat::Csv));
        check(
            "text/tab-separated-values",
            Solutions,
            false,
            Results(ResultFormat::Tsv),
        );
        check("*/*", Solutions, false, Results(ResultFormat::Json));
        check(
            "application/json",
            Graph,
            false,
            Results(ResultFormat::JsonLd),
        );
        check(
            "application/rdf+xml",
            Graph,
            false,
            Results(ResultFormat::RdfXml),
        );
        check(
            "application/n-triples",
            Graph,
            false,
            Results(ResultFormat::NTriples),
        );
        check(
            "text/turtle;q=0.5, application/ld+json",
            Graph,
            false,
            Results(ResultFormat::JsonLd),
        );
        // A browser.
        let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        check(browser, Graph, true, Html);
        check(browser, Graph, false, Results(ResultFormat::RdfXml));
        // A results type asked of a graph falls back to Turtle.
        check(
            "application/sparql-results+json",
            Graph,
            false,
            Results(ResultFormat::Turtle),
        );
        assert_eq!(
            choose(Some("text/html"), Some("ttl"), Graph, true),
            Results(ResultFormat::Turtle)
        );
    }
}
