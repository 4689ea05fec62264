//! Writing answers: query outcomes in the negotiated format, with the row-cap note.

use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use smarty_store::{CappedOutcome, GraphFormat, QueryOutcome, QueryOutput, ResultsFormat};

use crate::error::ApiError;
use crate::negotiate::{self, Choice, Kind};
use crate::state::AppState;

/// Set on an answer cut at the row cap; its value is the cap.
pub const TRUNCATED_HEADER: &str = "smarty-truncated";

pub fn accept(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok())
}

pub fn format_param(url_params: &[(String, String)]) -> Option<&str> {
    url_params
        .iter()
        .find(|(k, _)| k == "format")
        .map(|(_, v)| v.as_str())
}

/// A body with its media type; `Vary: Accept` since the same URL has several representations.
pub fn body(media_type: &str, bytes: Vec<u8>) -> Response {
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(media_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    headers.insert(header::VARY, HeaderValue::from_static("Accept"));
    response
}

/// The format an outcome is written in.
pub fn format_for(
    headers: &HeaderMap,
    url_params: &[(String, String)],
    outcome: &QueryOutcome,
) -> QueryOutput {
    let kind = match outcome {
        QueryOutcome::Graph(_) => Kind::Graph,
        _ => Kind::Solutions,
    };
    match negotiate::choose(accept(headers), format_param(url_params), kind, false) {
        Choice::Results(f) => f,
        Choice::Html => QueryOutput::Results(ResultsFormat::Json),
    }
}

/// A query's answer in the negotiated format; a cut answer says so in a header.
pub fn outcome(
    state: &AppState,
    headers: &HeaderMap,
    url_params: &[(String, String)],
    capped: CappedOutcome,
) -> Result<Response, ApiError> {
    let format = format_for(headers, url_params, &capped.outcome);
    let mut bytes = Vec::new();
    smarty_store::write_outcome(&capped.outcome, format, &mut bytes)?;
    let mut media = negotiate::media_type(format).to_owned();
    // XML carries its encoding in its declaration.
    let xml = matches!(
        format,
        QueryOutput::Graph(GraphFormat::RdfXml) | QueryOutput::Results(ResultsFormat::Xml)
    );
    if !xml {
        media.push_str("; charset=utf-8");
    }
    let mut response = body(&media, bytes);
    if capped.truncated {
        response.headers_mut().insert(
            HeaderName::from_static(TRUNCATED_HEADER),
            HeaderValue::from(state.config.max_rows),
        );
    }
    Ok(response)
}

/// A write's answer.
pub fn done(message: &str) -> Response {
    (StatusCode::OK, format!("{message}\n")).into_response()
}
