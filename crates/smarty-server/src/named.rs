//! The library of named queries as an API: `/queries` lists it (JSON), `/queries/{name}` runs one
//! with its parameters checked and bound as RDF terms, as `--param` binds them.

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::protocol::pairs;
use crate::respond;
use crate::state::Shared;

/// `GET /queries`.
pub async fn list(State(state): State<Shared>) -> Json<Value> {
    listing(&state, false)
}

/// `GET /api/queries`: the same listing with each query's text, for the workbench's editor.
pub async fn list_with_text(State(state): State<Shared>) -> Json<Value> {
    listing(&state, true)
}

fn listing(state: &Shared, with_text: bool) -> Json<Value> {
    let queries: Vec<Value> = state
        .config
        .library
        .iter()
        .map(|q| {
            json!({
                "name": q.name,
                "title": q.title,
                "description": q.description,
                "url": format!("/queries/{}", q.name),
                "text": with_text.then_some(q.text.as_str()),
                "parameters": q.parameters.iter().map(|p| json!({
                    "name": p.name,
                    "kind": p.kind.name(),
                    "description": p.description,
                    "optional": p.optional,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    Json(json!({ "queries": queries }))
}

/// `GET /queries/{name}?param=value…`.
pub async fn run(
    State(state): State<Shared>,
    Path(name): Path<String>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let Some(named) = state.config.library.get(&name) else {
        return Err(ApiError::NotFound(format!(
            "no query named {name:?}; GET /queries lists them"
        )));
    };
    let params = pairs(query.as_deref().unwrap_or_default().as_bytes());
    let given: Vec<(String, String)> = params
        .iter()
        .filter(|(key, _)| key != "format")
        .cloned()
        .collect();
    // The command line's checks and readings by kind; names of things are not looked up here
    // (that needs the store's names index), so an IRI parameter takes an IRI or prefixed name.
    let bound = named
        .bind(&given, &[], &mut |param, value| {
            Err(format!(
                "'{value}' is a name; give {}'s IRI (<https://…> or prefix:local)",
                param.name
            ))
        })
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let text = named.text.clone();
    let outcome = state.query(text, bound, None, false).await?;
    respond::outcome(&state, &headers, &params, outcome)
}
