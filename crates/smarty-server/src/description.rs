//! The SPARQL 1.1 Service Description, in Turtle, answered by GET `/sparql` without a query.

use axum::http::{HeaderMap, header};
use axum::response::Response;

use crate::respond;
use crate::state::AppState;

/// The endpoint's own URL, from the Host header the client used (it may be a proxy's name).
pub fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| !h.is_empty() && !h.contains(['<', '>', '"', ' ', '\\']))
        .map(str::to_owned)
        .unwrap_or_else(|| state.config.bind.to_string());
    format!("http://{host}")
}

pub fn turtle(endpoint: &str, read_write: bool) -> String {
    let languages = if read_write {
        "sd:SPARQL11Query, sd:SPARQL11Update"
    } else {
        "sd:SPARQL11Query"
    };
    let formats = [
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "RDF_XML",
        "JSON-LD",
    ]
    .map(|f| format!("<http://www.w3.org/ns/formats/{f}>"))
    .join(",\n        ");
    format!(
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n\
         @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\n\
         <{endpoint}#service> a sd:Service ;\n    \
             sd:endpoint <{endpoint}> ;\n    \
             sd:supportedLanguage {languages} ;\n    \
             sd:feature sd:UnionDefaultGraph ;\n    \
             sd:resultFormat {formats} ;\n    \
             sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] ;\n    \
             rdfs:comment \"smarty-kg: the default graph is the union of the named graphs.\" .\n"
    )
}

pub fn response(state: &AppState, headers: &HeaderMap) -> Response {
    let endpoint = format!("{}/sparql", base_url(state, headers));
    respond::body(
        "text/turtle; charset=utf-8",
        turtle(&endpoint, state.config.read_write).into_bytes(),
    )
}
