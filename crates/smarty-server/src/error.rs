//! Every way a request can fail, and the status code each one answers with.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use smarty_store::StoreError;

/// A failed request; the body is a one-paragraph plain-text explanation.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    /// A write without a valid bearer token.
    #[error("writes need the bearer token: send 'Authorization: Bearer TOKEN'")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("{0}")]
    TooLarge(String),
    #[error("the request body did not arrive in time")]
    RequestTimeout,
    /// Every evaluation slot and the queue are taken.
    #[error("the server is busy: every evaluation slot and the queue are taken; retry shortly")]
    Busy,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("internal error: {0}")]
    Internal(String),
}

/// Seconds a client is told to wait when the queue is full.
const RETRY_AFTER_SECONDS: &str = "1";

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            ApiError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::Store(e) => store_status(e),
        }
    }
}

fn store_status(e: &StoreError) -> StatusCode {
    match e {
        StoreError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        StoreError::Refused(_) => StatusCode::FORBIDDEN,
        // As other SPARQL servers do: the service could not answer in the time it allows.
        StoreError::Timeout(_) | StoreError::Cancelled => StatusCode::SERVICE_UNAVAILABLE,
        // Type errors, unknown functions and the like come from the query, not the store.
        StoreError::Evaluation(_) => StatusCode::BAD_REQUEST,
        e if e.is_input_error() => StatusCode::BAD_REQUEST,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let mut response = (status, format!("{self}\n")).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        match self {
            ApiError::Busy => {
                headers.insert(
                    header::RETRY_AFTER,
                    HeaderValue::from_static(RETRY_AFTER_SECONDS),
                );
            }
            ApiError::Unauthorized => {
                headers.insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"smarty-kg\""),
                );
            }
            _ => {}
        }
        response
    }
}

impl From<smarty_network::NetworkError> for ApiError {
    fn from(e: smarty_network::NetworkError) -> Self {
        match e {
            e if e.is_input_error() => ApiError::BadRequest(e.to_string()),
            smarty_network::NetworkError::Store(e) => ApiError::Store(e),
            e => ApiError::Internal(e.to_string()),
        }
    }
}
