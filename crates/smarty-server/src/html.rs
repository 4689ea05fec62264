//! Minimal HTML: the index of routes and a page per resource. No scripts, no external assets.

use smarty_rdf::{iri, vocab};
use smarty_store::{Term, Triple};

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>{}</title>\
         <style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}}\
         td{{vertical-align:top;padding:.2em .6em}}code{{font-size:90%}}</style></head>\
         <body>{body}</body></html>\n",
        escape(title)
    )
}

/// The plain index of routes; `note` is HTML placed under the heading.
pub fn index(public: bool, read_write: bool, note: &str) -> String {
    let mut body =
        format!("<h1>smarty-kg</h1>{note}<p>A SPARQL endpoint over good-practice guides.");
    if public {
        body.push_str(" Personal data (contact persons) is not served.");
    }
    body.push_str("</p><ul>");
    let routes = [
        (
            "/sparql",
            "SPARQL 1.1 Protocol endpoint (GET without a query: service description)",
        ),
        (
            "/queries",
            "the named queries, with their parameters (JSON)",
        ),
        (
            "/store?default",
            "Graph Store Protocol: the default graph (the union of the graphs)",
        ),
        ("/def", "the ontology"),
        (
            "/id/theme/",
            "resources: /id/practice/…, /id/org/…, /id/theme/…",
        ),
    ];
    for (href, what) in routes {
        body.push_str(&format!(
            "<li><a href=\"{href}\"><code>{}</code></a> — {}</li>",
            escape(href),
            escape(what)
        ));
    }
    body.push_str("</ul>");
    if read_write {
        body.push_str("<p>Writes (updates, Graph Store PUT/POST/DELETE, POST /ingest) need the bearer token.</p>");
    }
    page("smarty-kg", &body)
}

/// `prefix:local` for a known namespace, else the IRI.
fn compact(iri: &str) -> String {
    vocab::PREFIXES
        .iter()
        .filter(|(_, ns)| iri.starts_with(ns) && iri.len() > ns.len())
        .max_by_key(|(_, ns)| ns.len())
        .map(|(p, ns)| format!("{p}:{}", &iri[ns.len()..]))
        .unwrap_or_else(|| iri.to_owned())
}

/// Where a resource is read here: `/id/…` for this graph's IRIs, else the IRI itself.
pub fn local_href(iri: &str) -> String {
    iri.strip_prefix(iri::ID_BASE)
        .map(|rest| format!("/id/{rest}"))
        .unwrap_or_else(|| iri.to_owned())
}

/// A term as HTML: resources of this graph link to their local page.
fn term(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => {
            let iri = n.as_str();
            let href = local_href(iri);
            format!(
                "<a href=\"{}\">{}</a>",
                escape(&href),
                escape(&compact(iri))
            )
        }
        Term::Literal(l) => escape(l.value()),
        other => escape(&other.to_string()),
    }
}

const LABELS: [&str; 4] = [
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://schema.org/name",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://purl.org/dc/terms/title",
];

/// The page of a resource: its statements, then the statements that point to it.
pub fn resource(iri: &str, triples: &[Triple]) -> String {
    let (title, body) = resource_parts(iri, triples);
    page(&title, &body)
}

/// A resource page's title and body (the workbench's practice page starts from the body, so
/// the statements are there before, or without, its script).
pub fn resource_parts(iri: &str, triples: &[Triple]) -> (String, String) {
    let about: Vec<&Triple> = triples
        .iter()
        .filter(|t| t.subject.to_string() == format!("<{iri}>"))
        .collect();
    let title = LABELS
        .iter()
        .find_map(|l| about.iter().find(|t| t.predicate.as_str() == *l))
        .map(|t| match &t.object {
            Term::Literal(l) => l.value().to_owned(),
            other => other.to_string(),
        })
        .unwrap_or_else(|| compact(iri));
    let mut body = format!(
        "<h1>{}</h1><p><code>{}</code> — also as <a href=\"?format=turtle\">Turtle</a>, \
         <a href=\"?format=jsonld\">JSON-LD</a>, <a href=\"?format=ntriples\">N-Triples</a></p><table>",
        escape(&title),
        escape(iri)
    );
    for t in &about {
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td></tr>",
            term(&Term::NamedNode(t.predicate.clone())),
            term(&t.object)
        ));
    }
    body.push_str("</table>");
    let incoming: Vec<&Triple> = triples
        .iter()
        .filter(|t| matches!(&t.object, Term::NamedNode(n) if n.as_str() == iri))
        .collect();
    if !incoming.is_empty() {
        body.push_str("<h2>Referenced by</h2><table>");
        for t in incoming {
            body.push_str(&format!(
                "<tr><td>{}</td><td>{}</td></tr>",
                term(&t.subject.clone().into()),
                term(&Term::NamedNode(t.predicate.clone()))
            ));
        }
        body.push_str("</table>");
    }
    (title, body)
}

/// A page holding a Turtle document as text (the ontology).
pub fn turtle_page(title: &str, turtle: &str) -> String {
    page(
        title,
        &format!("<h1>{}</h1><pre>{}</pre>", escape(title), escape(turtle)),
    )
}
