//! Content negotiation: the `Accept` header (or a `format=` parameter, for links and browsers)
//! chooses a serialisation among those the answer's kind allows.

use smarty_store::{GraphFormat, QueryOutput, ResultsFormat};

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
    Results(QueryOutput),
    Html,
}

/// Media types clients send beside the registered ones (which the store's format enums know).
const ALIASES: &[(QueryOutput, &[&str])] = &[
    (
        QueryOutput::Results(ResultsFormat::Json),
        &["application/json"],
    ),
    (
        QueryOutput::Results(ResultsFormat::Xml),
        &["application/xml", "text/xml"],
    ),
    (
        QueryOutput::Graph(GraphFormat::Turtle),
        &["application/x-turtle"],
    ),
    (QueryOutput::Graph(GraphFormat::NTriples), &["text/plain"]),
    (
        QueryOutput::Graph(GraphFormat::RdfXml),
        &["application/xml", "text/xml"],
    ),
    (
        QueryOutput::Graph(GraphFormat::JsonLd),
        &["application/json"],
    ),
];

/// The formats an answer of `kind` can take, in order of preference for aliases.
fn candidates(kind: Kind) -> Vec<QueryOutput> {
    match kind {
        Kind::Solutions => ResultsFormat::ALL.map(QueryOutput::Results).to_vec(),
        // Quads formats are for whole stores; a graph answer is triples.
        Kind::Graph => [
            GraphFormat::Turtle,
            GraphFormat::NTriples,
            GraphFormat::RdfXml,
            GraphFormat::JsonLd,
        ]
        .map(QueryOutput::Graph)
        .to_vec(),
    }
}

/// A `format=` value: a results format's extension or an RDF format's name or extension.
fn by_name(name: &str, kind: Kind) -> Option<QueryOutput> {
    let found = match kind {
        Kind::Solutions => ResultsFormat::from_extension(name).map(QueryOutput::Results),
        Kind::Graph => GraphFormat::from_name(name).map(QueryOutput::Graph),
    };
    found.filter(|f| candidates(kind).contains(f))
}

fn by_media_type(range: &str, kind: Kind) -> Option<QueryOutput> {
    let registered = candidates(kind)
        .into_iter()
        .find(|f| f.media_type() == range);
    registered.or_else(|| {
        ALIASES
            .iter()
            .find(|(f, types)| candidates(kind).contains(f) && types.contains(&range))
            .map(|(f, _)| *f)
    })
}

pub fn media_type(format: QueryOutput) -> &'static str {
    format.media_type()
}

/// The RDF format of a graph answer (Graph Store Protocol reads and `/def`).
pub fn export_format(format: QueryOutput) -> GraphFormat {
    match format {
        QueryOutput::Graph(f) => f,
        QueryOutput::Results(_) => GraphFormat::Turtle,
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

fn default_for(kind: Kind) -> QueryOutput {
    match kind {
        Kind::Solutions => QueryOutput::Results(ResultsFormat::Json),
        Kind::Graph => QueryOutput::Graph(GraphFormat::Turtle),
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
        if let Some(f) = by_name(&name, kind) {
            return Choice::Results(f);
        }
    }
    for range in ranges(accept.unwrap_or("*/*")) {
        if html && (range == "text/html" || range == "application/xhtml+xml") {
            return Choice::Html;
        }
        if range == "*/*" || range == "application/*" || range == "text/*" {
            return Choice::Results(default_for(kind));
        }
        if let Some(f) = by_media_type(&range, kind) {
            return Choice::Results(f);
        }
    }
    Choice::Results(default_for(kind))
}

#[cfg(test)]
mod tests {
    use super::*;
    use smarty_store::GraphFormat as G;
    use smarty_store::ResultsFormat as R;

    fn check(accept: &str, kind: Kind, html: bool, expect: Choice) {
        assert_eq!(choose(Some(accept), None, kind, html), expect, "{accept}");
    }

    #[test]
    fn accept_headers_of_real_clients() {
        use Choice::{Html, Results};
        use Kind::{Graph, Solutions};
        // SPARQLWrapper asking for JSON.
        let wrapper = "application/sparql-results+json,application/json,text/javascript,application/javascript";
        check(
            wrapper,
            Solutions,
            false,
            Results(QueryOutput::Results(R::Json)),
        );
        check(
            "application/sparql-results+xml",
            Solutions,
            false,
            Results(QueryOutput::Results(R::Xml)),
        );
        check(
            "text/csv",
            Solutions,
            false,
            Results(QueryOutput::Results(R::Csv)),
        );
        check(
            "text/tab-separated-values",
            Solutions,
            false,
            Results(QueryOutput::Results(R::Tsv)),
        );
        check(
            "*/*",
            Solutions,
            false,
            Results(QueryOutput::Results(R::Json)),
        );
        check(
            "application/json",
            Graph,
            false,
            Results(QueryOutput::Graph(G::JsonLd)),
        );
        check(
            "application/rdf+xml",
            Graph,
            false,
            Results(QueryOutput::Graph(G::RdfXml)),
        );
        check(
            "application/n-triples",
            Graph,
            false,
            Results(QueryOutput::Graph(G::NTriples)),
        );
        check(
            "text/turtle;q=0.5, application/ld+json",
            Graph,
            false,
            Results(QueryOutput::Graph(G::JsonLd)),
        );
        // A browser.
        let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        check(browser, Graph, true, Html);
        check(
            browser,
            Graph,
            false,
            Results(QueryOutput::Graph(G::RdfXml)),
        );
        // A results type asked of a graph falls back to Turtle.
        check(
            "application/sparql-results+json",
            Graph,
            false,
            Results(QueryOutput::Graph(G::Turtle)),
        );
        assert_eq!(
            choose(Some("text/html"), Some("ttl"), Graph, true),
            Results(QueryOutput::Graph(G::Turtle))
        );
    }
}
