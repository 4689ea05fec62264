//! Curated facts that are not in any guide's text: canonical organisation names and aliases,
//! NUTS regions and countries. They live in their own graphs, attributed to the data files they
//! come from, and are the same whichever guide is ingested.

use std::collections::BTreeSet;

use oxrdf::vocab::{rdf, rdfs};
use oxrdf::{Literal, NamedNode, Quad, Term};
use smarty_reference::{Reference, slug::slug};

use crate::guide::organisation_types;
use crate::iri;
use crate::vocab::*;

pub const ORGANISATIONS_GRAPH: &str = "organisations";
pub const REGIONS_GRAPH: &str = "regions";
pub const PROVENANCE_GRAPH: &str = "provenance";

/// Every curated graph, so a store can refresh them without listing all its graphs.
pub fn curated_graphs() -> [NamedNode; 3] {
    [ORGANISATIONS_GRAPH, REGIONS_GRAPH, PROVENANCE_GRAPH].map(iri::curated_graph)
}

/// All curated quads: every organisation of the alias table, and the given NUTS regions (with
/// their ancestors) and countries.
pub fn curated_quads(
    reference: &Reference,
    nuts_codes: &BTreeSet<String>,
    countries: &BTreeSet<String>,
) -> Vec<Quad> {
    let mut out = Vec::new();
    let orgs = iri::curated_graph(ORGANISATIONS_GRAPH);
    let mut q = |g: &NamedNode, s: &NamedNode, p: oxrdf::NamedNodeRef<'_>, o: Term| {
        out.push(Quad::new(s.clone(), p, o, g.clone()));
    };
    for o in reference.organisations().iter() {
        let s = iri::organisation(&o.id);
        for t in organisation_types(o.kind) {
            q(&orgs, &s, rdf::TYPE, t.into_owned().into());
        }
        q(
            &orgs,
            &s,
            skos::PREF_LABEL,
            Literal::new_simple_literal(&o.name).into(),
        );
        for alias in &o.aliases {
            q(
                &orgs,
                &s,
                skos::ALT_LABEL,
                Literal::new_simple_literal(alias).into(),
            );
            let acronym = alias.chars().count() <= 8
                && alias
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase);
            if o.kind == smarty_reference::OrganisationKind::Fund && acronym {
                q(
                    &orgs,
                    &s,
                    schema::ALTERNATE_NAME,
                    Literal::new_simple_literal(alias).into(),
                );
            }
        }
        if let Some(parent) = &o.unit_of {
            q(&orgs, &s, org::UNIT_OF, iri::organisation(parent).into());
        }
        if let Some(parent) = &o.sub_organization_of {
            q(
                &orgs,
                &s,
                org::SUB_ORGANIZATION_OF,
                iri::organisation(parent).into(),
            );
        }
        if let Some(url) = o.website.as_deref().and_then(|u| NamedNode::new(u).ok()) {
            q(&orgs, &s, schema::URL, url.into());
        }
        if let Some(c) = &o.country {
            q(&orgs, &s, dcterms::SPATIAL, iri::country(c).into());
        }
    }

    let regions = iri::curated_graph(REGIONS_GRAPH);
    let gazetteer = reference.gazetteer();
    let mut wanted: BTreeSet<String> = BTreeSet::new();
    for code in nuts_codes {
        let mut c = Some(code.clone());
        while let Some(code) = c {
            c = gazetteer.parent(&code).map(|p| p.code.clone());
            wanted.insert(code);
        }
    }
    let mut wanted_countries = countries.clone();
    // Organisations' countries are described too, or their dcterms:spatial would dangle.
    wanted_countries.extend(
        reference
            .organisations()
            .iter()
            .filter_map(|o| o.country.clone()),
    );
    for code in &wanted {
        let Some(region) = gazetteer.region(code) else {
            continue;
        };
        let s = iri::nuts(code);
        q(&regions, &s, rdf::TYPE, skos::CONCEPT.into_owned().into());
        q(
            &regions,
            &s,
            skos::NOTATION,
            Literal::new_simple_literal(code).into(),
        );
        q(
            &regions,
            &s,
            skos::PREF_LABEL,
            Literal::new_simple_literal(&region.name).into(),
        );
        for name in gazetteer.other_names(code) {
            q(
                &regions,
                &s,
                skos::ALT_LABEL,
                Literal::new_language_tagged_literal_unchecked(name, "en").into(),
            );
        }
        if let Some(parent) = gazetteer.parent(code) {
            q(&regions, &s, skos::BROADER, iri::nuts(&parent.code).into());
        }
        if let Some(country) = gazetteer.country_by_nuts(&code[..2.min(code.len())]) {
            q(
                &regions,
                &s,
                dcterms::IS_PART_OF,
                iri::country(&country.iso3).into(),
            );
            wanted_countries.insert(country.iso3.clone());
        }
    }
    for iso3 in &wanted_countries {
        let Some(country) = gazetteer.country_by_iso3(iso3) else {
            continue;
        };
        let s = iri::country(iso3);
        q(
            &regions,
            &s,
            rdf::TYPE,
            dcterms::LOCATION.into_owned().into(),
        );
        q(
            &regions,
            &s,
            skos::NOTATION,
            Literal::new_simple_literal(iso3).into(),
        );
        q(
            &regions,
            &s,
            skos::PREF_LABEL,
            Literal::new_language_tagged_literal_unchecked(&country.name, "en").into(),
        );
        q(
            &regions,
            &s,
            rdfs::LABEL,
            Literal::new_language_tagged_literal_unchecked(&country.name, "en").into(),
        );
    }

    // Each curated graph is derived from its data files.
    let prov_graph = iri::curated_graph(PROVENANCE_GRAPH);
    for (graph, files) in [
        (&orgs, vec![smarty_reference::ORGANISATIONS_TOML]),
        (
            &regions,
            vec![
                smarty_reference::NUTS_CSV,
                smarty_reference::NAMES_CSV,
                smarty_reference::COUNTRIES_CSV,
            ],
        ),
    ] {
        for file in files {
            let (stem, ext) = file
                .path
                .rsplit('/')
                .next()
                .and_then(|name| name.rsplit_once('.'))
                .unwrap_or((file.path, "txt"));
            let source = iri::source(&slug(stem), &iri::version_of(file.text.as_bytes()), ext);
            q(
                &prov_graph,
                graph,
                prov::WAS_DERIVED_FROM,
                source.clone().into(),
            );
            q(
                &prov_graph,
                &source,
                rdf::TYPE,
                prov::ENTITY.into_owned().into(),
            );
            q(
                &prov_graph,
                &source,
                rdfs::LABEL,
                Literal::new_simple_literal(file.path).into(),
            );
        }
    }
    out
}
