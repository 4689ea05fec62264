//! The library of named queries as an API: `/queries` lists it (JSON), `/queries/{name}` runs one
//! with its parameters bound as RDF terms exactly as `--param` binds them.

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
                "parameters": q.parameters.iter().map(|p| json!({
                    "name": p.name,
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
    let mut bound = Vec::new();
    for (key, value) in &params {
        if key == "format" {
            continue;
        }
        if !named.parameters.iter().any(|p| &p.name == key) {
            let known: Vec<&str> = named.parameters.iter().map(|p| p.name.as_str()).collect();
            return Err(ApiError::BadRequest(format!(
                "{name} has no parameter {key:?}; its parameters: {}",
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            )));
        }
        bound.push((key.clone(), smarty_store::parse_term(value)?));
    }
    let text = named.text.clone();
    let outcome = state.query(text, bound, None).await?;
    respond::outcome(&state, &headers, &params, outcome)
}
