//! Linked data: every IRI minted under `https://w3id.org/smarty-kg/id/…` is answered at the same
//! path here, and the ontology at `/def`, with content negotiation (an HTML page for browsers).
//!
//! Resources answer 200 directly (with `Vary: Accept`) rather than 303 to a document: the
//! persistent IRIs already redirect from w3id.org, and one more round trip buys nothing a client
//! uses.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use smarty_rdf::iri;
use smarty_store::{ExportOptions, GraphFormat, NamedNode, QueryOutcome, QueryOutput, Term};

use crate::error::ApiError;
use crate::html;
use crate::negotiate::{self, Choice, Kind};
use crate::protocol::pairs;
use crate::respond::{self, accept, format_param};
use crate::state::Shared;
use crate::workbench;

/// The statements about a resource, the statements pointing to it, and the labels of both ends.
const RESOURCE_QUERY: &str =
    "CONSTRUCT { ?this ?p ?o . ?o ?lp ?label . ?s ?ip ?this . ?s ?slp ?slabel }
WHERE {
  { ?this ?p ?o
    OPTIONAL { ?o ?lp ?label FILTER(?lp IN (skos:prefLabel, schema:name, rdfs:label)) } }
  UNION
  { ?s ?ip ?this
    OPTIONAL { ?s ?slp ?slabel FILTER(?slp IN (skos:prefLabel, schema:name, rdfs:label)) } }
}";

/// `GET /id/{*path}`.
pub async fn resource(
    State(state): State<Shared>,
    Path(path): Path<String>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let not_found = || ApiError::NotFound(format!("nothing is known about /id/{path}"));
    if state.config.public && path.starts_with("person/") {
        return Err(ApiError::NotFound(
            "persons are personal data and are not published by this server".into(),
        ));
    }
    let iri = format!("{}{path}", iri::ID_BASE);
    let node = NamedNode::new(iri.as_str()).map_err(|_| not_found())?;
    let capped = state
        .query(
            RESOURCE_QUERY.to_owned(),
            vec![("this".to_owned(), Term::NamedNode(node))],
            None,
            false,
        )
        .await?;
    let QueryOutcome::Graph(triples) = &capped.outcome else {
        return Err(ApiError::Internal("a CONSTRUCT gave no graph".into()));
    };
    if triples.is_empty() {
        return Err(not_found());
    }
    let params = pairs(query.as_deref().unwrap_or_default().as_bytes());
    match negotiate::choose(accept(&headers), format_param(&params), Kind::Graph, true) {
        // A practice's page is the workbench's, which shows its record with the source lines.
        Choice::Html if path.starts_with("practice/") && workbench::is_embedded() => {
            let (title, body) = html::resource_parts(&iri, triples);
            workbench::shell_with(Some((&title, &body))).ok_or_else(not_found)
        }
        Choice::Html => Ok(respond::body(
            "text/html; charset=utf-8",
            html::resource(&iri, triples).into_bytes(),
        )),
        Choice::Results(_) => respond::outcome(&state, &headers, &params, capped),
    }
}

/// `GET /def`: the ontology graph.
pub async fn ontology(
    State(state): State<Shared>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let params = pairs(query.as_deref().unwrap_or_default().as_bytes());
    let choice = negotiate::choose(accept(&headers), format_param(&params), Kind::Graph, true);
    let format = match choice {
        Choice::Results(f) => f,
        Choice::Html => QueryOutput::Graph(GraphFormat::Turtle),
    };
    let public = state.config.public;
    let bytes = state
        .read(move |kg| {
            let graph = smarty_store::ONTOLOGY_GRAPH;
            if !kg.has_graph(graph)? {
                return Ok(None);
            }
            let mut out = Vec::new();
            let options = ExportOptions {
                format: negotiate::export_format(format),
                graph: Some(graph.to_owned()),
                public,
                expanded: false,
            };
            kg.export(&options, &mut out)?;
            Ok(Some(out))
        })
        .await?
        .ok_or_else(|| ApiError::NotFound("the store holds no ontology yet".into()))?;
    Ok(match choice {
        Choice::Html => respond::body(
            "text/html; charset=utf-8",
            html::turtle_page("smarty-kg ontology", &String::from_utf8_lossy(&bytes)).into_bytes(),
        ),
        Choice::Results(f) => respond::body(negotiate::media_type(f), bytes),
    })
}
