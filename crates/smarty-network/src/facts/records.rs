//! Records built from the statements read about one subject.

use std::collections::{BTreeMap, BTreeSet};

use smarty_rdf::vocab::COUNTRY;

use super::read::{Predicates, all_literals, iris, label_of, ns_pred};
use super::{Organisation, Person, Place, Practice, is_country, theme_order};
use crate::model::ThemeRef;
use crate::names::local_name;

pub(crate) fn practice_from(iri: String, p: &Predicates) -> Practice {
    let title = label_of(p, &["schema:name", "dcterms:title", "rdfs:label"])
        .unwrap_or_else(|| local_name(&iri).to_owned());
    let names = all_literals(
        p,
        &[
            "schema:name",
            "schema:alternateName",
            "dcterms:title",
            "rdfs:label",
        ],
    );
    Practice {
        title,
        names,
        themes: iris(p, &ns_pred("dcat:theme")),
        places: iris(p, &ns_pred("dcterms:spatial")),
        contacts: iris(p, &ns_pred("dcat:contactPoint")).into_iter().collect(),
        organisations: BTreeMap::new(),
        iri,
    }
}

pub(crate) fn person_from(iri: String, p: &Predicates) -> Person {
    let mut names = all_literals(p, &["vcard:fn", "foaf:name"]);
    names.dedup();
    let emails: BTreeSet<String> = iris(p, &ns_pred("vcard:hasEmail"))
        .iter()
        .map(|m| m.strip_prefix("mailto:").unwrap_or(m).to_owned())
        .collect();
    Person {
        names,
        emails: emails.into_iter().collect(),
        printed_emails: all_literals(p, &["smarty:printedEmail"]),
        member_of: iris(p, &ns_pred("org:memberOf")),
        iri,
    }
}

/// A person named only by IRI (no fact about them in the store).
pub(crate) fn bare_person(iri: &str) -> Person {
    Person {
        iri: iri.to_owned(),
        names: Vec::new(),
        emails: Vec::new(),
        printed_emails: Vec::new(),
        member_of: Vec::new(),
    }
}

pub(crate) fn organisation_from(iri: String, p: &Predicates) -> Organisation {
    let label = label_of(
        p,
        &["skos:prefLabel", "rdfs:label", "schema:name", "foaf:name"],
    )
    .unwrap_or_else(|| local_name(&iri).to_owned());
    let names = all_literals(
        p,
        &[
            "skos:prefLabel",
            "skos:altLabel",
            "rdfs:label",
            "schema:name",
            "foaf:name",
        ],
    );
    let countries = iris(p, &ns_pred("dcterms:spatial"))
        .into_iter()
        .filter(|c| c.starts_with(COUNTRY))
        .collect();
    Organisation {
        iri,
        label,
        names,
        countries,
    }
}

pub(crate) fn place_from(iri: &str, p: &Predicates) -> Place {
    Place {
        label: label_of(p, &["skos:prefLabel", "rdfs:label", "skos:altLabel"])
            .unwrap_or_else(|| local_name(iri).to_owned()),
        names: all_literals(
            p,
            &[
                "skos:prefLabel",
                "skos:altLabel",
                "rdfs:label",
                "skos:notation",
            ],
        ),
        code: label_of(p, &["skos:notation"]),
        broader: iris(p, &ns_pred("skos:broader")),
        part_of: iris(p, &ns_pred("dcterms:isPartOf"))
            .into_iter()
            .filter(|c| is_country(c))
            .collect(),
    }
}

pub(crate) fn theme_from(iri: String, p: &Predicates) -> ThemeRef {
    ThemeRef {
        label: label_of(p, &["rdfs:label", "skos:prefLabel"])
            .unwrap_or_else(|| local_name(&iri).to_owned()),
        notation: label_of(p, &["skos:notation"]),
        colour: String::new(),
        iri,
    }
}

/// Sorts the themes into notation order and gives each its colour.
pub(crate) fn order_themes(themes: &mut [ThemeRef]) {
    themes.sort_by_key(theme_order);
    for (i, t) in themes.iter_mut().enumerate() {
        t.colour = crate::style::theme_colour(i).to_owned();
    }
}
