//! The facts of [`Facts::load`] read by SPARQL instead of index scans: the reference the scan
//! version is tested against (`a_scan_reads_what_sparql_reads`), and the reading of a remote
//! store (`--endpoint`), where no index can be scanned.

use std::collections::BTreeMap;

use smarty_store::{Answers, QueryOptions, QueryOutcome, Term};

use crate::NetworkError;
use crate::facts::*;
use crate::model::{Role, ThemeRef};

/// The store queried and the options the queries run under.
#[derive(Clone, Copy)]
pub(crate) struct Sparql<'a>(pub &'a dyn Answers, pub &'a QueryOptions);

const PRACTICES: &str = "SELECT DISTINCT ?s ?p ?o WHERE {
  ?s a smarty:GoodPractice .
  OPTIONAL {
    ?s ?p ?o .
    VALUES ?p { schema:name schema:alternateName dcterms:title rdfs:label dcat:theme dcterms:spatial dcat:contactPoint }
  }
}";

const THEMES: &str = "SELECT DISTINCT ?s ?p ?o WHERE {
  ?practice a smarty:GoodPractice ; dcat:theme ?s .
  ?s ?p ?o .
  VALUES ?p { rdfs:label skos:prefLabel skos:notation }
}";

const PLACES: &str = "SELECT DISTINCT ?s ?p ?o WHERE {
  ?x dcterms:spatial ?start .
  { ?start skos:broader* ?s } UNION { ?start skos:broader*/dcterms:isPartOf ?s }
  ?s ?p ?o .
  VALUES ?p { skos:prefLabel skos:altLabel rdfs:label skos:notation skos:broader dcterms:isPartOf }
}";

const PERSONS: &str = "SELECT DISTINCT ?s ?p ?o WHERE {
  ?practice a smarty:GoodPractice ; dcat:contactPoint ?s .
  ?s ?p ?o .
  VALUES ?p { vcard:fn foaf:name vcard:hasEmail smarty:printedEmail org:memberOf }
}";

const ROLES: &str = "SELECT DISTINCT ?practice ?role ?organisation WHERE {
  ?practice a smarty:GoodPractice .
  { ?practice smarty:mainInstitution ?organisation . BIND(\"main\" AS ?role) }
  UNION { ?practice smarty:contactOrganisation ?organisation . BIND(\"contact\" AS ?role) }
  UNION { ?practice schema:funding/schema:funder ?organisation . BIND(\"funder\" AS ?role) }
  FILTER(isIRI(?organisation))
}";

const PARTNERS: &str = "SELECT DISTINCT ?programme ?organisation WHERE {
  ?programme a schema:Project ; schema:member ?organisation .
  FILTER NOT EXISTS { ?programme a smarty:GoodPractice }
  FILTER(isIRI(?organisation))
}";

// The subquery first: joining the union straight to `?s ?p ?o` makes oxigraph enumerate every
// (practice, organisation) pair against every statement (17 s on 1,000 practices, 40 ms so).
const ORGANISATIONS: &str = "SELECT DISTINCT ?s ?p ?o WHERE {
  { SELECT DISTINCT ?s WHERE {
      { ?x smarty:mainInstitution ?s } UNION { ?x smarty:contactOrganisation ?s }
      UNION { ?x schema:funder ?s } UNION { ?x org:memberOf ?s }
      UNION { ?programme a schema:Project ; schema:member ?s }
  } }
  VALUES ?p { skos:prefLabel skos:altLabel rdfs:label schema:name foaf:name dcterms:spatial }
  ?s ?p ?o .
}";

fn select(kg: Sparql<'_>, query: &str) -> Result<Vec<Vec<Option<Term>>>, NetworkError> {
    kg.1.check_cancelled()?;
    match kg.0.answer(query, kg.1)? {
        QueryOutcome::Solutions(table) => Ok(table.rows),
        _ => Ok(Vec::new()),
    }
}

fn iri(term: Option<&Option<Term>>) -> Option<String> {
    match term {
        Some(Some(Term::NamedNode(n))) => Some(n.as_str().to_owned()),
        _ => None,
    }
}

/// Rows of `?s ?p ?o` into sorted maps; subjects that are not IRIs are skipped.
fn props(kg: Sparql<'_>, query: &str) -> Result<Props, NetworkError> {
    let mut out = Props::new();
    for row in select(kg, query)? {
        let Some(s) = iri(row.first()) else { continue };
        let entry = out.entry(s).or_default();
        if let (Some(p), Some(Some(o))) = (iri(row.get(1)), row.get(2))
            && let Some(v) = value(o)
        {
            entry.entry(p).or_default().push(v);
        }
    }
    for predicates in out.values_mut() {
        for values in predicates.values_mut() {
            values.sort();
            values.dedup();
        }
    }
    Ok(out)
}

fn load_themes(kg: Sparql<'_>) -> Result<Vec<ThemeRef>, NetworkError> {
    let mut themes: Vec<ThemeRef> = props(kg, THEMES)?
        .into_iter()
        .map(|(iri, p)| theme_from(iri, &p))
        .collect();
    order_themes(&mut themes);
    Ok(themes)
}

fn load_places(kg: Sparql<'_>) -> Result<BTreeMap<String, Place>, NetworkError> {
    Ok(props(kg, PLACES)?
        .into_iter()
        .map(|(iri, p)| {
            let place = place_from(&iri, &p);
            (iri, place)
        })
        .collect())
}

pub(crate) fn load(kg: Sparql<'_>) -> Result<Facts, NetworkError> {
    let mut facts = Facts {
        themes: load_themes(kg)?,
        places: load_places(kg)?,
        ..Facts::default()
    };

    for (iri, p) in props(kg, PRACTICES)? {
        facts.practices.insert(iri.clone(), practice_from(iri, &p));
    }
    for (iri, p) in props(kg, PERSONS)? {
        facts.persons.insert(iri.clone(), person_from(iri, &p));
    }
    // A contact point without any fact about the person (a --public store keeps none; the
    // links are dropped there too, but loaded data may hold them) is still a person.
    for practice in facts.practices.values() {
        for person in &practice.contacts {
            facts
                .persons
                .entry(person.clone())
                .or_insert_with(|| bare_person(person));
        }
    }

    for row in select(kg, ROLES)? {
        let (Some(practice), Some(Some(Term::Literal(role))), Some(org)) =
            (iri(row.first()), row.get(1), iri(row.get(2)))
        else {
            continue;
        };
        let role = match role.value() {
            "main" => Role::MainInstitution,
            "contact" => Role::ContactOrganisation,
            _ => Role::Funder,
        };
        if let Some(p) = facts.practices.get_mut(&practice) {
            p.organisations.entry(org).or_default().insert(role);
        }
    }

    for row in select(kg, PARTNERS)? {
        if let (Some(programme), Some(org)) = (iri(row.first()), iri(row.get(1))) {
            facts.partners.entry(org).or_default().insert(programme);
        }
    }

    for (iri, p) in props(kg, ORGANISATIONS)? {
        facts
            .organisations
            .insert(iri.clone(), organisation_from(iri, &p));
    }
    facts.add_unnamed();
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use smarty_store::{KnowledgeGraph, QueryOptions};

    use crate::facts::{Facts, Source};

    /// The scans read exactly the facts the SPARQL reads, on the bundled guide and a synthetic
    /// one in the same store.
    #[test]
    fn a_scan_reads_what_sparql_reads() {
        let kg = KnowledgeGraph::in_memory().expect("in-memory store");
        let reference = smarty_reference::Reference::bundled().expect("bundled reference");
        kg.ingest_text(
            "smarty-good-practice-guide",
            smarty_reference::BUNDLED_GUIDE.text,
            &reference,
        )
        .expect("ingest");
        let guide = smarty_synth::generate(300, 7, &reference);
        kg.ingest_text("synthetic", &guide.text, &reference)
            .expect("ingest");
        let options = QueryOptions::default();
        let scanned = Facts::load(Source(&kg, &options)).expect("scan");
        let queried = super::load(super::Sparql(&kg, &options)).expect("sparql");
        assert!(scanned.practices.len() > 300);
        let json = |f: &Facts| serde_json::to_value(f).expect("json");
        let (a, b) = (json(&scanned), json(&queried));
        for part in [
            "practices",
            "persons",
            "organisations",
            "themes",
            "places",
            "partners",
        ] {
            assert!(a[part] == b[part], "{part} differ");
        }
    }
}
