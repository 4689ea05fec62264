//! A practice's page as JSON: its record (the `practice-record` named query), its place on the
//! NUTS hierarchy, related practices (shared contacts, shared organisations) and the source lines
//! behind each fact (the store's provenance, as the shell's `.why` prints it).
//!
//! With `public` the record and the facts come from the public view, so they hold no person; the
//! source lines come from the stored text, so the lines a personal-data graph cites, and any line
//! with an address or a contact's name, are withheld.

use std::collections::{BTreeMap, BTreeSet};

use axum::Json;
use axum::extract::{Path, State};
use serde_json::{Value, json};
use smarty_network::{NetworkKind, NetworkOptions, fold};
use smarty_rdf::iri;
use smarty_store::{KnowledgeGraph, NamedNode, Origin, QueryLibrary, QueryOptions, Term};

use crate::api::{select, text};
use crate::error::ApiError;
use crate::html::local_href;
use crate::state::{Reading, Shared};

/// Each region of the practice with the regions above it, most general first, and its country.
const PLACES: &str = "SELECT ?region ?up ?code ?label ?country WHERE {
  ?this dcterms:spatial ?region . ?region a skos:Concept ; skos:broader* ?up .
  ?up skos:notation ?code ; skos:prefLabel ?label .
  OPTIONAL { ?region dcterms:isPartOf/rdfs:label ?country }
} ORDER BY ?region STRLEN(?code)";

/// The sources of the personal-data graphs, and the names of persons: what public pages withhold.
const PERSONAL: &str = "SELECT DISTINCT ?source ?name WHERE {
  { ?g dpv:hasPersonalData ?kind ; prov:wasDerivedFrom ?source }
  UNION { ?person a foaf:Person ; vcard:fn ?name }
}";

/// The record fields that name a person.
const PERSON_FIELDS: [&str; 3] = ["contact", "contact e-mail", "contact role"];

/// `GET /api/practice/{slug}`.
pub async fn practice(
    State(state): State<Shared>,
    Path(slug): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let iri = format!("{}practice/{slug}", iri::ID_BASE);
    let node = NamedNode::new(iri.as_str())
        .map_err(|_| ApiError::NotFound(format!("no practice '{slug}'")))?;
    let library = state.config.library.clone();
    let page = state
        .inspect(move |r| {
            let record = record(&r, &library, &node)?;
            if record.is_empty() {
                return Err(ApiError::NotFound(format!("no practice '{slug}'")));
            }
            Ok(json!({
                "iri": node.as_str(),
                "slug": slug,
                "public": r.public,
                "record": record,
                "places": places(&r, &node)?,
                "related": related(&r, node.as_str())?,
                "sources": sources(&r, &node)?,
            }))
        })
        .await?;
    Ok(Json(page))
}

/// The rows of `practice-record`: field, value and the resource behind it (with its local link).
fn record(
    r: &Reading<'_>,
    library: &QueryLibrary,
    node: &NamedNode,
) -> Result<Vec<Value>, ApiError> {
    let bundled = QueryLibrary::bundled();
    let query = library
        .get("practice-record")
        .or_else(|| bundled.get("practice-record"))
        .ok_or_else(|| ApiError::Internal("the practice-record query is missing".into()))?;
    let parameters = vec![("practice".to_owned(), Term::NamedNode(node.clone()))];
    let table = select(r.view, &query.text, &r.options, parameters)?;
    let column = |name: &str| table.variables.iter().position(|v| v == name);
    let (Some(field), Some(value), Some(reference)) =
        (column("field"), column("value"), column("ref"))
    else {
        return Ok(Vec::new());
    };
    Ok(table
        .rows
        .iter()
        .map(|row| (text(&row[field]), text(&row[value]), text(&row[reference])))
        .filter(|(field, _, _)| !(r.public && PERSON_FIELDS.contains(&field.as_str())))
        .map(|(field, value, reference)| {
            let href = (!reference.is_empty()).then(|| local_href(&reference));
            json!({ "field": field, "value": value, "ref": reference, "href": href })
        })
        .collect())
}

/// Each NUTS region with its ancestors (most general first) and its country.
fn places(r: &Reading<'_>, node: &NamedNode) -> Result<Vec<Value>, ApiError> {
    let parameters = vec![("this".to_owned(), Term::NamedNode(node.clone()))];
    let table = select(r.view, PLACES, &r.options, parameters)?;
    let mut by_region: BTreeMap<String, (Vec<Value>, String)> = BTreeMap::new();
    for row in &table.rows {
        let [region, up, code, label, country] = [0, 1, 2, 3, 4].map(|i| text(&row[i]));
        let entry = by_region.entry(region).or_default();
        entry
            .0
            .push(json!({ "iri": up, "code": code, "label": label }));
        entry.1 = country;
    }
    Ok(by_region
        .into_iter()
        .map(|(region, (chain, country))| {
            json!({ "region": region, "chain": chain, "country": country })
        })
        .collect())
}

/// Practices sharing a contact person (not with `public`) or an organisation with this one, with
/// what they share; from the same projections as `contacts` and `graph practice-organisation`.
fn related(r: &Reading<'_>, practice: &str) -> Result<Value, ApiError> {
    let mut by_contact: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    if !r.public {
        for contact in smarty_network::shared_contacts_with(r.view, 2, &r.options)? {
            if contact.practices.iter().all(|p| p.iri != practice) {
                continue;
            }
            for p in contact.practices.iter().filter(|p| p.iri != practice) {
                let entry = by_contact.entry(p.iri.clone()).or_default();
                entry.0.clone_from(&p.title);
                entry.1.push(contact.name());
            }
        }
    }
    let by_partner = shared_organisations(r, practice)?;
    let list = |map: BTreeMap<String, (String, Vec<String>)>| -> Vec<Value> {
        map.into_iter()
            .map(|(iri, (title, via))| {
                json!({ "iri": iri, "href": local_href(&iri), "title": title, "via": via })
            })
            .collect()
    };
    Ok(json!({ "shared_contacts": list(by_contact), "shared_organisations": list(by_partner) }))
}

/// Practices meeting this one on an organisation (the `practice-organisation` network), with
/// the organisations they share.
fn shared_organisations(
    r: &Reading<'_>,
    practice: &str,
) -> Result<BTreeMap<String, (String, Vec<String>)>, ApiError> {
    let options = NetworkOptions::new(NetworkKind::PracticeOrganisation);
    let network = smarty_network::build_with(r.view, &options, &r.options)?;
    let label = |id: &str| {
        network
            .node(id)
            .map(|n| n.label.clone())
            .unwrap_or_default()
    };
    let mut by_partner: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for org in neighbours(&network, practice) {
        for p in neighbours(&network, &org)
            .into_iter()
            .filter(|p| p != practice)
        {
            let entry = by_partner.entry(p.clone()).or_default();
            entry.0 = label(&p);
            entry.1.push(label(&org));
        }
    }
    Ok(by_partner)
}

/// The nodes an edge joins to `id`, sorted.
fn neighbours(network: &smarty_network::Network, id: &str) -> BTreeSet<String> {
    network
        .edges
        .iter()
        .filter_map(|e| {
            if e.source == id {
                Some(e.target.clone())
            } else if e.target == id {
                Some(e.source.clone())
            } else {
                None
            }
        })
        .collect()
}

/// The facts about the practice grouped by origin, with the source lines each group came from.
fn sources(r: &Reading<'_>, node: &NamedNode) -> Result<Vec<Value>, ApiError> {
    let withheld = if r.public {
        Some(Withheld::read(r.store, &r.options)?)
    } else {
        None
    };
    let groups = r.view.provenance(node, &r.options)?;
    Ok(groups
        .into_iter()
        .map(|group| {
            let facts: Vec<Value> = group
                .facts
                .iter()
                .map(|(p, o)| json!({ "property": short(p.as_str()), "value": object(o) }))
                .collect();
            let (origin, lines) = match &group.origin {
                Origin::Lines { file, first, last } => {
                    let lines = r.store.source_lines(file, *first, *last).map(|lines| {
                        lines
                            .into_iter()
                            .map(|(n, line)| match &withheld {
                                Some(w) if w.hides(file, n, &line) => {
                                    json!({ "number": n, "withheld": true })
                                }
                                _ => json!({ "number": n, "text": line }),
                            })
                            .collect::<Vec<_>>()
                    });
                    let origin = json!({ "file": file, "first": first, "last": last });
                    (origin, lines)
                }
                Origin::File(name) => (json!({ "curated": name }), None),
                Origin::Unknown(graph) => (json!({ "graph": graph }), None),
            };
            json!({ "origin": origin, "facts": facts, "lines": lines })
        })
        .collect())
}

/// `prefix:local`, else the IRI.
fn short(iri: &str) -> String {
    smarty_rdf::vocab::compact(iri).unwrap_or_else(|| iri.to_owned())
}

/// An object as the page shows it: text, and a link for resources.
fn object(term: &Term) -> Value {
    match term {
        Term::NamedNode(n) => json!({ "text": short(n.as_str()), "href": local_href(n.as_str()) }),
        other => json!({ "text": text(&Some(other.clone())) }),
    }
}

/// The source lines a public page must not show.
struct Withheld {
    /// (file, 1-based line) cited by a personal-data graph.
    lines: BTreeSet<(String, usize)>,
    /// Persons' names, folded.
    names: Vec<String>,
}

impl Withheld {
    fn read(store: &KnowledgeGraph, options: &QueryOptions) -> Result<Withheld, ApiError> {
        let table = select(store, PERSONAL, options, vec![])?;
        let mut withheld = Withheld {
            lines: BTreeSet::new(),
            names: Vec::new(),
        };
        for row in &table.rows {
            if let Some((file, first, last)) = smarty_store::parse_source(&text(&row[0])) {
                withheld
                    .lines
                    .extend((first..=last).map(|n| (file.clone(), n)));
            }
            let name = fold(&text(&row[1]));
            if !name.is_empty() {
                withheld.names.push(name);
            }
        }
        Ok(withheld)
    }

    /// An e-mail address is withheld wherever it is printed, and so is a contact's name.
    fn hides(&self, file: &str, number: usize, line: &str) -> bool {
        let folded = fold(line);
        self.lines.contains(&(file.to_owned(), number))
            || line.contains('@')
            || self.names.iter().any(|n| folded.contains(n.as_str()))
    }
}
