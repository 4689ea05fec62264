//! What the networks are made of, read from the store's indexes (`smarty_store` scans): one
//! scan per predicate involved, or index seeks when only a few subjects are wanted.
//!
//! No user value enters a read; grouping, labels and filters are done here, in sorted maps, so
//! the result does not depend on the order the store returns statements in. A fact read from
//! two documents is in two graphs; the scans return it once. `facts_sparql.rs` reads the same
//! facts by SPARQL, as the reference the tests hold the scans to.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use smarty_rdf::vocab::{COUNTRY, NUTS};
use smarty_store::{KnowledgeGraph, NamedNode, QueryOptions, Term};

use crate::NetworkError;
use crate::model::{PlaceRef, Role, ThemeRef};
use crate::names::{best_label, compact, local_name};

pub(crate) const PRACTICE_PREDICATES: &[&str] = &[
    "schema:name",
    "schema:alternateName",
    "dcterms:title",
    "rdfs:label",
    "dcat:theme",
    "dcterms:spatial",
    "dcat:contactPoint",
];
pub(crate) const THEME_PREDICATES: &[&str] = &["rdfs:label", "skos:prefLabel", "skos:notation"];
pub(crate) const PLACE_PREDICATES: &[&str] = &[
    "skos:prefLabel",
    "skos:altLabel",
    "rdfs:label",
    "skos:notation",
    "skos:broader",
    "dcterms:isPartOf",
];
pub(crate) const PERSON_PREDICATES: &[&str] = &[
    "vcard:fn",
    "foaf:name",
    "vcard:hasEmail",
    "smarty:printedEmail",
    "org:memberOf",
];
pub(crate) const ORGANISATION_PREDICATES: &[&str] = &[
    "skos:prefLabel",
    "skos:altLabel",
    "rdfs:label",
    "schema:name",
    "foaf:name",
    "dcterms:spatial",
];

/// The store and the options every query runs under (timeout, Ctrl-C).
#[derive(Clone, Copy)]
pub(crate) struct Source<'a>(pub &'a KnowledgeGraph, pub &'a QueryOptions);

/// Predicate (full IRI) → values, sorted and without repeats.
pub(crate) type Predicates = BTreeMap<String, Vec<Value>>;

/// Subject → its predicates.
pub(crate) type Props = BTreeMap<String, Predicates>;

/// An object: an IRI or a literal with its language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Value {
    Iri(String),
    Literal(String, Option<String>),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Practice {
    pub iri: String,
    pub title: String,
    /// Every name: titles and alternate names.
    pub names: Vec<String>,
    pub themes: Vec<String>,
    pub places: Vec<String>,
    pub contacts: BTreeSet<String>,
    pub organisations: BTreeMap<String, BTreeSet<Role>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Person {
    pub iri: String,
    pub names: Vec<String>,
    /// Lower-cased addresses (`vcard:hasEmail` without `mailto:`).
    pub emails: Vec<String>,
    /// As printed (`smarty:printedEmail`).
    pub printed_emails: Vec<String>,
    pub member_of: Vec<String>,
}

impl Person {
    pub fn label(&self) -> String {
        self.names
            .first()
            .cloned()
            .unwrap_or_else(|| compact(&self.iri))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Organisation {
    pub iri: String,
    pub label: String,
    pub names: Vec<String>,
    pub countries: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Place {
    pub label: String,
    pub names: Vec<String>,
    pub code: Option<String>,
    pub broader: Vec<String>,
    pub part_of: Vec<String>,
}

/// Everything the networks need, keyed by IRI.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Facts {
    pub practices: BTreeMap<String, Practice>,
    pub persons: BTreeMap<String, Person>,
    pub organisations: BTreeMap<String, Organisation>,
    /// In notation order, with their colours.
    pub themes: Vec<ThemeRef>,
    pub places: BTreeMap<String, Place>,
    /// Programme partners, with the programmes they are partners of.
    pub partners: BTreeMap<String, BTreeSet<String>>,
}

pub(crate) fn value(term: &Term) -> Option<Value> {
    match term {
        Term::NamedNode(n) => Some(Value::Iri(n.as_str().to_owned())),
        Term::Literal(l) => Some(Value::Literal(
            l.value().to_owned(),
            l.language().map(str::to_owned),
        )),
        _ => None,
    }
}

pub(crate) fn ns(prefix: &str, local: &str) -> String {
    format!(
        "{}{local}",
        smarty_rdf::vocab::namespace(prefix).unwrap_or_default()
    )
}

pub(crate) fn literals(p: &Predicates, predicate: &str) -> Vec<(String, Option<String>)> {
    p.get(predicate)
        .into_iter()
        .flatten()
        .filter_map(|v| match v {
            Value::Literal(s, l) => Some((s.clone(), l.clone())),
            Value::Iri(_) => None,
        })
        .collect()
}

pub(crate) fn iris(p: &Predicates, predicate: &str) -> Vec<String> {
    p.get(predicate)
        .into_iter()
        .flatten()
        .filter_map(|v| match v {
            Value::Iri(s) => Some(s.clone()),
            Value::Literal(..) => None,
        })
        .collect()
}

/// The first label found under the predicates, in order of preference.
pub(crate) fn label_of(p: &Predicates, predicates: &[&str]) -> Option<String> {
    predicates
        .iter()
        .find_map(|pred| best_label(&literals(p, &ns_pred(pred))))
}

/// "schema:name" → full IRI.
pub(crate) fn ns_pred(prefixed: &str) -> String {
    match prefixed.split_once(':') {
        Some((prefix, local)) => ns(prefix, local),
        None => prefixed.to_owned(),
    }
}

/// Every literal under the predicates, deduplicated and sorted.
pub(crate) fn all_literals(p: &Predicates, predicates: &[&str]) -> Vec<String> {
    let set: BTreeSet<String> = predicates
        .iter()
        .flat_map(|pred| literals(p, &ns_pred(pred)))
        .map(|(v, _)| v)
        .collect();
    set.into_iter().collect()
}

impl Facts {
    /// Everything the networks need, read from the indexes: one scan per predicate involved,
    /// then the statements about the subjects found (see [`props_of`]). Linear in the
    /// statements read. A test keeps it equal to the same facts read by SPARQL.
    pub fn load(kg: Source<'_>) -> Result<Facts, NetworkError> {
        let store = kg.0;
        let pairs = |predicate: &str| -> Result<Vec<(String, String)>, NetworkError> {
            Ok(store
                .subjects_and_objects(iri_node(&ns_pred(predicate)).as_ref())?
                .into_iter()
                .filter_map(|(s, o)| match o {
                    Term::NamedNode(o) => Some((s.into_string(), o.into_string())),
                    _ => None,
                })
                .collect())
        };
        let typed = |class: &str| -> Result<BTreeSet<String>, NetworkError> {
            Ok(store
                .subjects_with(
                    iri_node(&ns_pred("rdf:type")).as_ref(),
                    iri_node(&ns_pred(class)).as_ref(),
                )?
                .into_iter()
                .map(NamedNode::into_string)
                .collect())
        };
        let practices = typed("smarty:GoodPractice")?;
        kg.1.check_cancelled()?;
        let mut facts = Facts {
            practices: read_each(kg, &practices, PRACTICE_PREDICATES, practice_from)?,
            ..Facts::default()
        };

        let themes: BTreeSet<String> = facts
            .practices
            .values()
            .flat_map(|p| p.themes.iter().cloned())
            .collect();
        facts.themes = themes_from(kg, &themes)?;

        // Places: every place stated anywhere, and those above.
        let starts: BTreeSet<String> = pairs("dcterms:spatial")?
            .into_iter()
            .map(|(_, o)| o)
            .collect();
        facts.places = places_from(kg, starts)?;

        let persons: BTreeSet<String> = facts
            .practices
            .values()
            .flat_map(|p| p.contacts.iter().cloned())
            .collect();
        facts.persons = read_each(kg, &persons, PERSON_PREDICATES, person_from)?;
        kg.1.check_cancelled()?;

        let mut organisations: BTreeSet<String> = BTreeSet::new();
        for (predicate, role) in [
            ("smarty:mainInstitution", Role::MainInstitution),
            ("smarty:contactOrganisation", Role::ContactOrganisation),
        ] {
            for (practice, org) in pairs(predicate)? {
                organisations.insert(org.clone());
                if let Some(p) = facts.practices.get_mut(&practice) {
                    p.organisations.entry(org).or_default().insert(role);
                }
            }
        }
        let mut funders: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (grant, org) in pairs("schema:funder")? {
            organisations.insert(org.clone());
            funders.entry(grant).or_default().insert(org);
        }
        for (practice, grant) in pairs("schema:funding")? {
            if let (Some(p), Some(orgs)) = (facts.practices.get_mut(&practice), funders.get(&grant))
            {
                for org in orgs {
                    p.organisations
                        .entry(org.clone())
                        .or_default()
                        .insert(Role::Funder);
                }
            }
        }
        for (_, org) in pairs("org:memberOf")? {
            organisations.insert(org);
        }
        let projects = typed("schema:Project")?;
        for (programme, org) in pairs("schema:member")? {
            if projects.contains(&programme) {
                organisations.insert(org.clone());
                if !practices.contains(&programme) {
                    facts.partners.entry(org).or_default().insert(programme);
                }
            }
        }
        for (org, p) in props_of(kg, &organisations, ORGANISATION_PREDICATES)? {
            facts
                .organisations
                .insert(org.clone(), organisation_from(org, &p));
        }
        facts.add_unnamed();
        Ok(facts)
    }

    /// Persons and organisations named only by IRI (no fact about them in the store) still get
    /// a node.
    pub(crate) fn add_unnamed(&mut self) {
        let contacts: BTreeSet<String> = self
            .practices
            .values()
            .flat_map(|p| p.contacts.iter().cloned())
            .collect();
        for person in contacts {
            self.persons
                .entry(person.clone())
                .or_insert_with(|| bare_person(&person));
        }
        let mut unnamed: BTreeSet<String> = self
            .practices
            .values()
            .flat_map(|p| p.organisations.keys().cloned())
            .collect();
        unnamed.extend(self.partners.keys().cloned());
        unnamed.extend(
            self.persons
                .values()
                .flat_map(|p| p.member_of.iter().cloned()),
        );
        for org in unnamed {
            self.organisations
                .entry(org.clone())
                .or_insert_with(|| Organisation {
                    label: local_name(&org).to_owned(),
                    iri: org,
                    names: Vec::new(),
                    countries: Vec::new(),
                });
        }
    }

    /// [`Facts::load`], kept in the store's derived data until the store changes: the networks
    /// and paths after the first read are a deserialisation away.
    pub fn load_kept(kg: Source<'_>) -> Result<Facts, NetworkError> {
        Facts::kept(kg, "network-facts-v1.json", Facts::load)
    }

    /// Facts kept under `name` since the last change to the store, or `load`ed and kept.
    /// The version in the name retires data kept by an older layout of `Facts`.
    pub fn kept(
        kg: Source<'_>,
        name: &str,
        load: impl FnOnce(Source<'_>) -> Result<Facts, NetworkError>,
    ) -> Result<Facts, NetworkError> {
        // The timeout covers the whole reading, not each scan.
        let options = kg.1.started_now();
        let kg = Source(kg.0, &options);
        if let Some(facts) =
            kg.0.derived(name)
                .and_then(|bytes| serde_json::from_slice::<Facts>(&bytes).ok())
        {
            return Ok(facts);
        }
        let facts = load(kg)?;
        if let Ok(bytes) = serde_json::to_vec(&facts) {
            // Failing to keep them only costs the next call the same work again.
            let _ = kg.0.keep_derived(name, bytes);
        }
        Ok(facts)
    }

    /// What the shared-contacts report needs, read straight from the indexes: the contact
    /// links (one scan of `dcat:contactPoint`), the practices (one scan of their type), then
    /// only the persons behind at least `min_practices` practices, their practices, themes,
    /// places and organisations. Linear in the statements scanned, where [`Facts::load`] runs
    /// SPARQL over the whole graph.
    pub fn load_for_contacts(kg: Source<'_>, min_practices: usize) -> Result<Facts, NetworkError> {
        let store = kg.0;
        let check = || kg.1.check_cancelled().map_err(NetworkError::from);
        // Only subjects typed as practices count, as in the SPARQL of [`Facts::load`].
        let practices: BTreeSet<String> = store
            .subjects_with(
                iri_node(&ns_pred("rdf:type")).as_ref(),
                iri_node(&ns_pred("smarty:GoodPractice")).as_ref(),
            )?
            .into_iter()
            .map(NamedNode::into_string)
            .collect();
        let mut by_person: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (practice, person) in
            store.subjects_and_objects(iri_node(&ns_pred("dcat:contactPoint")).as_ref())?
        {
            if let Term::NamedNode(person) = person
                && practices.contains(practice.as_str())
            {
                by_person
                    .entry(person.into_string())
                    .or_default()
                    .insert(practice.into_string());
            }
        }
        by_person.retain(|_, practices| practices.len() >= min_practices.max(1));
        check()?;

        let mut facts = Facts::default();
        let persons: BTreeSet<String> = by_person.keys().cloned().collect();
        facts.persons = read_each(kg, &persons, PERSON_PREDICATES, person_from)?;

        let wanted: BTreeSet<String> = by_person.into_values().flatten().collect();
        facts.practices = read_each(kg, &wanted, PRACTICE_PREDICATES, practice_from)?;

        // Every practice's themes, not only these practices': a theme's colour is its place
        // among all of them, as in every other view.
        let themes: BTreeSet<String> = store
            .subjects_and_objects(iri_node(&ns_pred("dcat:theme")).as_ref())?
            .into_iter()
            .filter(|(practice, _)| practices.contains(practice.as_str()))
            .filter_map(|(_, theme)| match theme {
                Term::NamedNode(t) => Some(t.into_string()),
                _ => None,
            })
            .collect();
        facts.themes = themes_from(kg, &themes)?;

        let starts: BTreeSet<String> = facts
            .practices
            .values()
            .flat_map(|p| p.places.iter().cloned())
            .collect();
        facts.places = places_from(kg, starts)?;

        let organisations: BTreeSet<String> = facts
            .persons
            .values()
            .flat_map(|p| p.member_of.iter().cloned())
            .collect();
        facts.organisations = read_each(
            kg,
            &organisations,
            ORGANISATION_PREDICATES,
            organisation_from,
        )?;
        check()?;
        Ok(facts)
    }

    pub fn theme(&self, iri: &str) -> Option<&ThemeRef> {
        self.themes.iter().find(|t| t.iri == iri)
    }

    pub fn place_ref(&self, iri: &str) -> PlaceRef {
        match self.places.get(iri) {
            Some(p) => PlaceRef {
                iri: iri.to_owned(),
                code: p.code.clone(),
                label: p.label.clone(),
            },
            None => PlaceRef {
                iri: iri.to_owned(),
                code: None,
                label: local_name(iri).to_owned(),
            },
        }
    }

    /// The practice's NUTS regions (as stated, not their broader regions).
    pub fn regions_of(&self, practice: &Practice) -> Vec<PlaceRef> {
        practice
            .places
            .iter()
            .filter(|p| !is_country(p))
            .map(|p| self.place_ref(p))
            .collect()
    }

    /// The practice's countries: stated, or the countries its regions are part of.
    pub fn countries_of(&self, practice: &Practice) -> Vec<PlaceRef> {
        let mut set: BTreeSet<String> = BTreeSet::new();
        for p in &practice.places {
            if is_country(p) {
                set.insert(p.clone());
            } else if let Some(place) = self.places.get(p) {
                set.extend(place.part_of.iter().cloned());
            }
        }
        set.iter().map(|c| self.place_ref(c)).collect()
    }

    /// The place and every region it lies within (`skos:broader`, transitively).
    pub fn ancestors(&self, place: &str) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![place.to_owned()];
        while let Some(p) = stack.pop() {
            if seen.insert(p.clone())
                && let Some(facts) = self.places.get(&p)
            {
                stack.extend(facts.broader.iter().cloned());
            }
        }
        seen
    }

    pub fn themes_of(&self, practice: &Practice) -> Vec<ThemeRef> {
        let mut out: Vec<ThemeRef> = practice
            .themes
            .iter()
            .filter_map(|t| self.theme(t).cloned())
            .collect();
        out.sort_by_key(theme_order);
        out
    }
}

/// Themes are ordered by notation (numerically when it is a number), then IRI.
pub(crate) fn theme_order(t: &ThemeRef) -> (u64, String, String) {
    let number = t
        .notation
        .as_deref()
        .and_then(|n| n.parse::<u64>().ok())
        .unwrap_or(u64::MAX);
    (
        number,
        t.notation.clone().unwrap_or_default(),
        t.iri.clone(),
    )
}

pub(crate) fn is_country(iri: &str) -> bool {
    iri.starts_with(COUNTRY)
}

pub(crate) fn is_nuts(iri: &str) -> bool {
    iri.starts_with(NUTS)
}

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

/// An IRI the store was asked about; IRIs read from the store are valid, so this never fails
/// for them.
pub(crate) fn iri_node(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

/// Subjects below this many are read one by one (an index seek each); above, each predicate is
/// scanned once and its statements kept for the wanted subjects: a seek costs as much as reading
/// a few hundred statements in order.
const SEEKS_BEFORE_SCANNING: usize = 256;

/// The statements about the subjects, restricted to the predicates (prefixed names).
pub(crate) fn props_of(
    kg: Source<'_>,
    subjects: &BTreeSet<String>,
    predicates: &[&str],
) -> Result<Props, NetworkError> {
    let predicates: BTreeSet<String> = predicates.iter().map(|p| ns_pred(p)).collect();
    let mut out = Props::new();
    let mut add = |s: String, p: String, o: &Term| {
        if let Some(v) = value(o) {
            out.entry(s).or_default().entry(p).or_default().push(v);
        }
    };
    if subjects.len() < SEEKS_BEFORE_SCANNING {
        for subject in subjects {
            for (p, o) in kg.0.statements_about(iri_node(subject).as_ref())? {
                if predicates.contains(p.as_str()) {
                    add(subject.clone(), p.into_string(), &o);
                }
            }
        }
    } else {
        // One scan per predicate, on every core: decoding the terms read is the cost, and the
        // scans are independent.
        let scanned: Vec<Vec<(NamedNode, Term)>> = predicates
            .par_iter()
            .map(|predicate| {
                let found = kg.0.subjects_and_objects(iri_node(predicate).as_ref())?;
                Ok(found
                    .into_iter()
                    .filter(|(s, _)| subjects.contains(s.as_str()))
                    .collect())
            })
            .collect::<Result<_, NetworkError>>()?;
        for (predicate, found) in predicates.iter().zip(scanned) {
            for (s, o) in found {
                add(s.into_string(), predicate.clone(), &o);
            }
        }
    }
    kg.1.check_cancelled()?;
    for predicates in out.values_mut() {
        for values in predicates.values_mut() {
            values.sort();
            values.dedup();
        }
    }
    Ok(out)
}

/// The places, every place above them (`skos:broader`, any number of steps) and the countries
/// those are part of, with what the store says about each.
fn places_from(
    kg: Source<'_>,
    starts: BTreeSet<String>,
) -> Result<BTreeMap<String, Place>, NetworkError> {
    let mut seen: BTreeSet<String> = starts.clone();
    let mut level = starts;
    let mut found_places = Props::new();
    let mut part_of: BTreeSet<String> = BTreeSet::new();
    while !level.is_empty() {
        let found = props_of(kg, &level, PLACE_PREDICATES)?;
        let mut next = BTreeSet::new();
        for p in found.values() {
            next.extend(iris(p, &ns_pred("skos:broader")));
            part_of.extend(iris(p, &ns_pred("dcterms:isPartOf")));
        }
        found_places.extend(found);
        next.retain(|p| seen.insert(p.clone()));
        level = next;
    }
    part_of.retain(|p| !seen.contains(p));
    found_places.extend(props_of(kg, &part_of, PLACE_PREDICATES)?);
    Ok(found_places
        .into_iter()
        .map(|(place, p)| {
            let built = place_from(&place, &p);
            (place, built)
        })
        .collect())
}

/// One value per subject, built from what the store says about it under the predicates
/// (nothing, for a subject it says nothing about).
fn read_each<T>(
    kg: Source<'_>,
    subjects: &BTreeSet<String>,
    predicates: &[&str],
    build: fn(String, &Predicates) -> T,
) -> Result<BTreeMap<String, T>, NetworkError> {
    let mut found = props_of(kg, subjects, predicates)?;
    Ok(subjects
        .iter()
        .map(|s| {
            let p = found.remove(s).unwrap_or_default();
            (s.clone(), build(s.clone(), &p))
        })
        .collect())
}

/// The themes the store describes (labels or notation), in notation order with their colours.
fn themes_from(kg: Source<'_>, themes: &BTreeSet<String>) -> Result<Vec<ThemeRef>, NetworkError> {
    let mut out: Vec<ThemeRef> = props_of(kg, themes, THEME_PREDICATES)?
        .into_iter()
        .map(|(theme, p)| theme_from(theme, &p))
        .collect();
    order_themes(&mut out);
    Ok(out)
}
