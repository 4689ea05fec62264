//! The SPARQL 1.1 Protocol at `/sparql`: a query by GET `?query=`, by POST as a form or as
//! `application/sparql-query`; an update by POST as a form `update=` or as
//! `application/sparql-update`; `default-graph-uri` / `named-graph-uri` name the dataset. GET
//! without a query answers the service description.

use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, Method, header};
use axum::response::Response;
use smarty_store::{NamedNode, RequestDataset};

use crate::error::ApiError;
use crate::state::Shared;
use crate::{description, respond, safety};

/// What a request to `/sparql` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SparqlRequest {
    Query {
        text: String,
        dataset: Option<RequestDataset>,
    },
    Update(String),
    Description,
}

/// `key=value&…` pairs, percent-decoded.
pub fn pairs(text: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(text)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn only_one(params: &[(String, String)], key: &str) -> Result<Option<String>, ApiError> {
    let mut values = params.iter().filter(|(k, _)| k == key).map(|(_, v)| v);
    let first = values.next().cloned();
    if values.next().is_some() {
        return Err(ApiError::BadRequest(format!(
            "more than one '{key}' parameter: send one"
        )));
    }
    Ok(first)
}

fn dataset(params: &[(String, String)]) -> Result<Option<RequestDataset>, ApiError> {
    let iris = |key: &str| -> Result<Vec<String>, ApiError> {
        params
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| {
                NamedNode::new(v.as_str())
                    .map(|n| n.into_string())
                    .map_err(|e| ApiError::BadRequest(format!("{key} {v:?} is not an IRI: {e}")))
            })
            .collect()
    };
    let default_graphs = iris("default-graph-uri")?;
    let named_graphs = iris("named-graph-uri")?;
    Ok(
        (!default_graphs.is_empty() || !named_graphs.is_empty()).then_some(RequestDataset {
            default_graphs,
            named_graphs,
        }),
    )
}

/// The media type of a request body, without parameters.
fn content_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default()
}

fn body_text(body: &Bytes) -> Result<String, ApiError> {
    String::from_utf8(body.to_vec())
        .map_err(|_| ApiError::BadRequest("the request body is not UTF-8".into()))
}

/// Reads a protocol request from its method, URL parameters, content type and body.
pub fn parse(
    method: &Method,
    url_params: &[(String, String)],
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<SparqlRequest, ApiError> {
    if *method == Method::GET || *method == Method::HEAD {
        if only_one(url_params, "update")?.is_some() {
            return Err(ApiError::BadRequest(
                "an update is sent by POST, as a form field 'update' or as application/sparql-update"
                    .into(),
            ));
        }
        return Ok(match only_one(url_params, "query")? {
            Some(text) => SparqlRequest::Query {
                text,
                dataset: dataset(url_params)?,
            },
            None => SparqlRequest::Description,
        });
    }
    match content_type(headers).as_str() {
        "application/x-www-form-urlencoded" => {
            let mut params = pairs(body);
            params.extend(url_params.iter().cloned());
            match (only_one(&params, "query")?, only_one(&params, "update")?) {
                (Some(text), None) => Ok(SparqlRequest::Query {
                    text,
                    dataset: dataset(&params)?,
                }),
                (None, Some(text)) => Ok(SparqlRequest::Update(text)),
                _ => Err(ApiError::BadRequest(
                    "a form needs exactly one of the fields 'query' and 'update'".into(),
                )),
            }
        }
        "application/sparql-query" => Ok(SparqlRequest::Query {
            text: body_text(body)?,
            dataset: dataset(url_params)?,
        }),
        "application/sparql-update" => Ok(SparqlRequest::Update(body_text(body)?)),
        other => Err(ApiError::UnsupportedMediaType(format!(
            "a POST to /sparql is application/x-www-form-urlencoded, application/sparql-query \
             or application/sparql-update, not {other:?}"
        ))),
    }
}

/// `/sparql`, every method.
pub async fn handle(
    State(state): State<Shared>,
    method: Method,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Body,
) -> Result<Response, ApiError> {
    let body =
        crate::safety::read_body(body, crate::MAX_QUERY_BODY, state.config.read_timeout).await?;
    let url_params = pairs(query.as_deref().unwrap_or_default().as_bytes());
    match parse(&method, &url_params, &headers, &body)? {
        SparqlRequest::Description => Ok(description::response(&state, &headers)),
        SparqlRequest::Query { text, dataset } => {
            let outcome = state.query(text, Vec::new(), dataset, true).await?;
            respond::outcome(&state, &headers, &url_params, outcome)
        }
        SparqlRequest::Update(text) => {
            safety::check_write(
                state.config.read_write,
                state.config.token.as_deref(),
                &headers,
            )?;
            let allow = state.config.allow_federation;
            let strict = state.config.strict;
            state
                .write(move |kg, mut options| {
                    options.strict = strict;
                    kg.update_endpoint(&text, &options, allow)
                })
                .await?;
            Ok(respond::done("update applied"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(
        method: Method,
        url: &str,
        content_type: Option<&str>,
        body: &str,
        expect: Result<SparqlRequest, u16>,
    ) {
        let mut headers = HeaderMap::new();
        if let Some(t) = content_type {
            headers.insert(header::CONTENT_TYPE, t.parse().expect("header"));
        }
        let got = parse(
            &method,
            &pairs(url.as_bytes()),
            &headers,
            &Bytes::from(body.to_owned()),
        )
        .map_err(|e| e.status().as_u16());
        assert_eq!(got, expect, "{method} {url} {content_type:?} {body}");
    }

    fn query(text: &str, dataset: Option<RequestDataset>) -> Result<SparqlRequest, u16> {
        Ok(SparqlRequest::Query {
            text: text.into(),
            dataset,
        })
    }

    #[test]
    fn every_protocol_form() {
        let ask = "ASK {}";
        check(
            Method::GET,
            "query=ASK%20%7B%7D",
            None,
            "",
            query(ask, None),
        );
        check(Method::GET, "", None, "", Ok(SparqlRequest::Description));
        check(
            Method::POST,
            "",
            Some("application/x-www-form-urlencoded"),
            "query=ASK+%7B%7D",
            query(ask, None),
        );
        check(
            Method::POST,
            "",
            Some("application/sparql-query; charset=utf-8"),
            ask,
            query(ask, None),
        );
        check(
            Method::POST,
            "",
            Some("application/x-www-form-urlencoded"),
            "update=CLEAR+ALL",
            Ok(SparqlRequest::Update("CLEAR ALL".into())),
        );
        check(
            Method::POST,
            "",
            Some("application/sparql-update"),
            "CLEAR ALL",
            Ok(SparqlRequest::Update("CLEAR ALL".into())),
        );
        let dataset = RequestDataset {
            default_graphs: vec!["http://g/1".into()],
            named_graphs: vec!["http://g/2".into()],
        };
        check(
            Method::GET,
            "query=ASK%20%7B%7D&default-graph-uri=http%3A%2F%2Fg%2F1&named-graph-uri=http://g/2",
            None,
            "",
            query(ask, Some(dataset)),
        );
        check(Method::GET, "query=a&query=b", None, "", Err(400));
        check(Method::GET, "update=CLEAR+ALL", None, "", Err(400));
        check(
            Method::GET,
            "query=ASK{}&default-graph-uri=not%20an%20iri",
            None,
            "",
            Err(400),
        );
        check(Method::POST, "", Some("text/plain"), ask, Err(415));
        check(
            Method::POST,
            "",
            Some("application/x-www-form-urlencoded"),
            "query=a&update=b",
            Err(400),
        );
    }
}
