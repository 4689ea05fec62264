//! The JSON the workbench's pages read: networks, their filter options, shared contacts, name
//! search and the store's vocabulary for completion. Each answer comes from the library code the
//! command line uses (smarty-network's projections, metrics and contacts), so a page shows the
//! numbers `smarty-kg graph` and `smarty-kg contacts` print. Persons never appear with `public`:
//! the view holds none, and the routes that would list them say so.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};
use smarty_network::{NetworkFormat, NetworkKind, NetworkOptions, fold};
use smarty_store::{KnowledgeGraph, QueryOptions, QueryOutcome, SolutionTable, Term};

use crate::error::ApiError;
use crate::respond;
use crate::state::Shared;

/// The filters `graph` takes, by the same names.
#[derive(Debug, Default, Deserialize)]
pub struct NetworkQuery {
    theme: Option<String>,
    country: Option<String>,
    region: Option<String>,
    /// json (default), graphml, gexf or csv.
    format: Option<String>,
}

/// An empty form field means "no filter".
fn given(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// `GET /api/networks/{kind}?theme=&country=&region=&format=`.
pub async fn network(
    State(state): State<Shared>,
    Path(kind): Path<String>,
    Query(query): Query<NetworkQuery>,
) -> Result<Response, ApiError> {
    let kind: NetworkKind = kind.parse()?;
    let format = match query.format.as_deref() {
        None | Some("") => NetworkFormat::Json,
        Some(name) => name
            .parse::<NetworkFormat>()
            .ok()
            .filter(|f| !f.is_picture() && *f != NetworkFormat::Dot)
            .ok_or_else(|| {
                ApiError::BadRequest(format!(
                    "format '{name}' is not served here; choose json, graphml, gexf or csv"
                ))
            })?,
    };
    let options = NetworkOptions {
        theme: given(query.theme),
        country: given(query.country),
        region: given(query.region),
        ..NetworkOptions::new(kind)
    };
    let bytes = state
        .inspect(move |r| {
            let network = smarty_network::build_with(r.view, &options, &r.options)?;
            Ok(network
                .write(format, None, smarty_network::Renderer::Auto)?
                .bytes)
        })
        .await?;
    let media = match format {
        NetworkFormat::Graphml => "application/graphml+xml",
        NetworkFormat::Gexf => "application/gexf+xml",
        NetworkFormat::Csv => "text/csv; charset=utf-8",
        _ => "application/json",
    };
    Ok(respond::body(media, bytes))
}

/// Themes, countries and NUTS regions of the practices (every level a region filter accepts),
/// as (IRI, label) for the filter menus; the values are IRIs, which `graph` resolves too.
const FILTERS: &str = "SELECT DISTINCT ?kind ?iri ?code ?label WHERE {
  ?practice a smarty:GoodPractice .
  { ?practice dcat:theme ?iri . ?iri skos:notation ?code ; rdfs:label ?label . BIND(\"theme\" AS ?kind) }
  UNION
  { ?practice dcterms:spatial ?place . ?place skos:broader* ?iri .
    ?iri a skos:Concept ; skos:notation ?code ; skos:prefLabel ?label . BIND(\"region\" AS ?kind) }
  UNION
  { ?practice dcterms:spatial ?iri . ?iri a dcterms:Location ; skos:notation ?code ; rdfs:label ?label .
    BIND(\"country\" AS ?kind) }
} ORDER BY ?kind ?code";

/// `GET /api/filters`.
pub async fn filters(State(state): State<Shared>) -> Result<Json<Value>, ApiError> {
    let table = state
        .inspect(|r| select(r.view, FILTERS, &r.options, vec![]))
        .await?;
    let mut out = json!({ "theme": [], "region": [], "country": [] });
    for row in &table.rows {
        let [kind, iri, code, label] = [0, 1, 2, 3].map(|i| text(&row[i]));
        if let Some(list) = out.get_mut(&kind).and_then(Value::as_array_mut) {
            list.push(json!({ "value": iri, "code": code, "label": label }));
        }
    }
    Ok(Json(out))
}

/// `GET /api/contacts`: the shared contacts with the reasons (as `contacts --format json`).
pub async fn contacts(State(state): State<Shared>) -> Result<Json<Value>, ApiError> {
    if state.config.public {
        return Ok(Json(json!({ "public": true, "contacts": [] })));
    }
    let contacts = state
        .inspect(|r| Ok(smarty_network::shared_contacts_with(r.view, 2, &r.options)?))
        .await?;
    let contacts: Vec<Value> = contacts
        .iter()
        .map(|c| {
            let mut v = serde_json::to_value(c).unwrap_or_default();
            if let Some(o) = v.as_object_mut() {
                let reasons: Vec<String> = c.reasons.iter().map(ToString::to_string).collect();
                o.insert("reasons_text".into(), json!(reasons));
            }
            v
        })
        .collect();
    Ok(Json(json!({ "public": false, "contacts": contacts })))
}

/// Every practice, organisation and place name (other names too), for the search box.
const NAMES: &str = "SELECT DISTINCT ?kind ?iri ?name ?label WHERE {
  { ?iri a smarty:GoodPractice ; schema:name ?label . { ?iri schema:name ?name } UNION { ?iri schema:alternateName ?name }
    BIND(\"practice\" AS ?kind) }
  UNION
  { ?iri a org:Organization ; skos:prefLabel ?label . { ?iri skos:prefLabel ?name } UNION { ?iri skos:altLabel ?name }
    BIND(\"organisation\" AS ?kind) }
  UNION
  { ?practice a smarty:GoodPractice ; dcterms:spatial ?place . ?place skos:broader* ?iri .
    ?iri skos:prefLabel ?label . { ?iri skos:prefLabel ?name } UNION { ?iri skos:altLabel ?name } UNION { ?iri skos:notation ?name }
    BIND(\"place\" AS ?kind) }
} ORDER BY ?kind ?label ?iri";

#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

/// `GET /api/search?q=`: names containing the words, case and diacritics ignored, one hit per
/// thing (a place links to its practices through `/api/search`'s `practices`).
pub async fn search(
    State(state): State<Shared>,
    Query(query): Query<SearchQuery>,
) -> Result<Json<Value>, ApiError> {
    let wanted = fold(query.q.trim());
    if wanted.is_empty() {
        return Ok(Json(json!({ "query": query.q, "hits": [] })));
    }
    let table = state
        .inspect(|r| select(r.view, NAMES, &r.options, vec![]))
        .await?;
    let mut hits: Vec<Value> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for row in &table.rows {
        let [kind, iri, name, label] = [0, 1, 2, 3].map(|i| text(&row[i]));
        if fold(&name).contains(&wanted) && seen.insert(iri.clone()) {
            let matched = (name != label).then_some(name);
            let href = match kind.as_str() {
                "place" => place_href(&iri),
                _ => crate::html::local_href(&iri),
            };
            hits.push(
                json!({ "kind": kind, "iri": iri, "href": href, "label": label,
                              "matched": matched }),
            );
        }
    }
    Ok(Json(json!({ "query": query.q, "hits": hits })))
}

/// A place opens the partners network filtered to it (countries by country, NUTS by region).
fn place_href(iri: &str) -> String {
    let filter = if iri.starts_with(smarty_rdf::vocab::namespace("country").unwrap_or("-")) {
        "country"
    } else {
        "region"
    };
    let value: String = form_urlencoded::byte_serialize(iri.as_bytes()).collect();
    format!("/network?{filter}={value}")
}

/// Classes, properties and the things of this store (practices, organisations, themes), as
/// prefixed names where a prefix fits, and the prefixes themselves: the editor completes them.
const TERMS: &str = "SELECT DISTINCT ?term WHERE {
  { ?s a ?term } UNION { ?s ?term ?o } UNION
  { ?term a ?class FILTER(?class IN (smarty:GoodPractice, org:Organization, skos:Concept, dcterms:Location)) }
}";

/// `GET /api/vocabulary`.
pub async fn vocabulary(State(state): State<Shared>) -> Result<Json<Value>, ApiError> {
    let table = state
        .inspect(|r| select(r.view, TERMS, &r.options, vec![]))
        .await?;
    let mut terms: Vec<String> = table
        .rows
        .iter()
        .filter_map(|row| match &row[0] {
            Some(Term::NamedNode(n)) => Some(
                smarty_rdf::vocab::compact(n.as_str())
                    .unwrap_or_else(|| format!("<{}>", n.as_str())),
            ),
            _ => None,
        })
        .collect();
    terms.sort();
    terms.dedup();
    let prefixes: serde_json::Map<String, Value> = smarty_rdf::vocab::PREFIXES
        .iter()
        .map(|(p, ns)| ((*p).to_owned(), json!(ns)))
        .collect();
    Ok(Json(json!({ "prefixes": prefixes, "terms": terms })))
}

/// A SELECT's table (an empty one for other forms).
pub fn select(
    kg: &KnowledgeGraph,
    text: &str,
    options: &QueryOptions,
    parameters: Vec<(String, Term)>,
) -> Result<SolutionTable, ApiError> {
    let options = QueryOptions {
        parameters,
        ..options.clone()
    };
    match kg.query(text, &options)? {
        QueryOutcome::Solutions(table) => Ok(table),
        _ => Ok(SolutionTable {
            variables: Vec::new(),
            rows: Vec::new(),
        }),
    }
}

/// A cell as text: an IRI's string, a literal's value, "" when unbound.
pub fn text(cell: &Option<Term>) -> String {
    match cell {
        Some(Term::NamedNode(n)) => n.as_str().to_owned(),
        Some(Term::Literal(l)) => l.value().to_owned(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}
