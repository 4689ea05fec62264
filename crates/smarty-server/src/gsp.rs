//! The Graph Store Protocol at `/store` (`?graph=IRI`, `?default`), and the ingest of a guide by
//! POST to `/ingest?name=NAME`. Reads come from what queries see; writes need `--read-write`
//! and the token, and each is one transaction.

use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use smarty_store::{ExportOptions, GraphFormat, GraphWrite, NamedNode, StoreError};

use crate::error::ApiError;
use crate::negotiate::{self, Choice, Kind};
use crate::protocol::pairs;
use crate::respond::{self, accept, format_param};
use crate::safety::check_write;
use crate::state::Shared;

/// Which graph a request names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// `?default`: the union of the named graphs, as queries see it.
    Default,
    Graph(String),
}

fn target(params: &[(String, String)]) -> Result<Target, ApiError> {
    let graph = params.iter().find(|(k, _)| k == "graph").map(|(_, v)| v);
    let default = params.iter().any(|(k, _)| k == "default");
    match (graph, default) {
        (Some(g), false) => NamedNode::new(g.as_str())
            .map(|n| Target::Graph(n.into_string()))
            .map_err(|e| ApiError::BadRequest(format!("graph {g:?} is not an IRI: {e}"))),
        (None, true) => Ok(Target::Default),
        _ => Err(ApiError::BadRequest(
            "name exactly one of ?graph=IRI and ?default".into(),
        )),
    }
}

fn body_format(headers: &HeaderMap) -> Result<GraphFormat, ApiError> {
    let media = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    Ok(match media.as_str() {
        "text/turtle" | "application/x-turtle" => GraphFormat::Turtle,
        "application/n-triples" => GraphFormat::NTriples,
        "application/trig" => GraphFormat::TriG,
        "application/n-quads" => GraphFormat::NQuads,
        "application/rdf+xml" => GraphFormat::RdfXml,
        "application/ld+json" => GraphFormat::JsonLd,
        other => {
            return Err(ApiError::UnsupportedMediaType(format!(
                "a graph is sent as text/turtle, application/n-triples, application/trig, \
                 application/n-quads, application/rdf+xml or application/ld+json, not {other:?}"
            )));
        }
    })
}

/// `/store`, every method.
pub async fn handle(
    State(state): State<Shared>,
    method: Method,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Body,
) -> Result<Response, ApiError> {
    let body =
        crate::safety::read_body(body, crate::MAX_WRITE_BODY, state.config.read_timeout).await?;
    let params = pairs(query.as_deref().unwrap_or_default().as_bytes());
    let target = target(&params)?;
    if method == Method::GET || method == Method::HEAD {
        return read(&state, &headers, &params, target).await;
    }
    let mode = match method {
        Method::PUT => GraphWrite::Replace,
        Method::POST => GraphWrite::Add,
        Method::DELETE => GraphWrite::Delete,
        _ => {
            return Err(ApiError::BadRequest(format!(
                "/store answers GET, HEAD, PUT, POST and DELETE, not {method}"
            )));
        }
    };
    check_write(
        state.config.read_write,
        state.config.token.as_deref(),
        &headers,
    )?;
    let Target::Graph(graph) = target else {
        return Err(ApiError::BadRequest(
            "writes name a graph (?graph=IRI): the default graph is the union of the named graphs"
                .into(),
        ));
    };
    let format = match mode {
        GraphWrite::Delete => GraphFormat::Turtle,
        _ => body_format(&headers)?,
    };
    let (existed, written) = state
        .write(move |kg, _| {
            let existed = kg.has_graph(&graph)?;
            if mode == GraphWrite::Delete && !existed {
                return Ok((false, None));
            }
            Ok((existed, Some(kg.write_graph(&graph, mode, &body, format)?)))
        })
        .await?;
    match written {
        None => Err(ApiError::NotFound("no such graph".into())),
        Some(n) => {
            let status = if existed || mode == GraphWrite::Delete {
                StatusCode::OK
            } else {
                StatusCode::CREATED
            };
            Ok((status, format!("{n} statements written\n")).into_response())
        }
    }
}

async fn read(
    state: &Shared,
    headers: &HeaderMap,
    params: &[(String, String)],
    target: Target,
) -> Result<Response, ApiError> {
    let format = match negotiate::choose(accept(headers), format_param(params), Kind::Graph, false)
    {
        Choice::Results(f) => f,
        Choice::Html => smarty_store::QueryOutput::Graph(GraphFormat::Turtle),
    };
    let public = state.config.public;
    let graph = match target {
        Target::Default => None,
        Target::Graph(g) => Some(g),
    };
    let bytes = state
        .read(move |kg| {
            if let Some(g) = &graph
                && !kg.has_graph(g)?
            {
                return Ok(None);
            }
            let mut out = Vec::new();
            let options = ExportOptions {
                format: negotiate::export_format(format),
                graph,
                public,
                expanded: false,
            };
            kg.export(&options, &mut out)?;
            Ok(Some(out))
        })
        .await?;
    match bytes {
        Some(bytes) => Ok(respond::body(negotiate::media_type(format), bytes)),
        None => Err(ApiError::NotFound("no such graph".into())),
    }
}

/// POST `/ingest?name=NAME`: the body is a guide's text, ingested as `smarty-kg ingest` would.
pub async fn ingest(
    State(state): State<Shared>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Body,
) -> Result<Response, ApiError> {
    let body =
        crate::safety::read_body(body, crate::MAX_WRITE_BODY, state.config.read_timeout).await?;
    check_write(
        state.config.read_write,
        state.config.token.as_deref(),
        &headers,
    )?;
    let params = pairs(query.as_deref().unwrap_or_default().as_bytes());
    let name = params
        .iter()
        .find(|(k, _)| k == "name")
        .map(|(_, v)| v.clone())
        .filter(|n| {
            !n.is_empty()
                && n.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
        .ok_or_else(|| {
            ApiError::BadRequest("name the guide: ?name=NAME (letters, digits, - _ .)".into())
        })?;
    let text = String::from_utf8(body.to_vec())
        .map_err(|_| ApiError::BadRequest("the guide is not UTF-8 text".into()))?;
    let report = state
        .write(move |kg, _| {
            let reference = smarty_reference::Reference::bundled()
                .map_err(|e| StoreError::Storage(e.to_string()))?;
            kg.ingest_text(&name, &text, &reference)
        })
        .await?;
    Ok(respond::done(&format!(
        "ingested {} practices, {} organisations, {} persons ({} statements)",
        report.practices, report.organisations, report.persons, report.quads
    )))
}
