//! What the networks are made of, read from the store's indexes (`smarty_store` scans): one
//! scan per predicate involved, or index seeks when only a few subjects are wanted.
//!
//! No user value enters a read; grouping, labels and filters are done here, in sorted maps, so
//! the result does not depend on the order the store returns statements in. A fact read from
//! two documents is in two graphs; the scans return it once. `facts_sparql.rs` reads the same
//! facts by SPARQL, as the reference the tests hold the scans to.
//!
//! Here: the records and what is asked of them. `read.rs` reads statements about subjects,
//! `records.rs` makes a record of one subject's statements, `load.rs` decides what to read,
//! `kept.rs` keeps what was read until the store changes.

mod kept;
mod load;
mod read;
mod records;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use smarty_rdf::vocab::{COUNTRY, NUTS};

use crate::model::{PlaceRef, Role, ThemeRef};
use crate::names::{compact, local_name};

pub(crate) use kept::NETWORK_FACTS;
pub(crate) use read::*;
pub(crate) use records::*;

/// The facts the networks, paths and shared contacts are made of, read by SPARQL from anything
/// that answers it: how they are computed against a remote store (`--endpoint`), where no index
/// can be scanned and nothing is kept.
pub struct NetworkFacts(Facts);

impl NetworkFacts {
    /// Reads the facts with a few SPARQL queries (`facts_sparql.rs`).
    pub fn by_sparql(
        answers: &dyn smarty_store::Answers,
        options: &smarty_store::QueryOptions,
    ) -> Result<NetworkFacts, crate::NetworkError> {
        crate::facts_sparql::load(crate::facts_sparql::Sparql(answers, options)).map(NetworkFacts)
    }

    /// The network the options describe ([`crate::build`]).
    pub fn network(
        &self,
        options: &crate::NetworkOptions,
    ) -> Result<crate::Network, crate::NetworkError> {
        crate::build::build_from(&self.0, options)
    }

    /// The persons behind at least `min_practices` practices ([`crate::shared_contacts`]).
    pub fn shared_contacts(&self, min_practices: usize) -> Vec<crate::SharedContact> {
        crate::contacts::shared_contacts_from(&self.0.shared_only(min_practices), min_practices)
    }

    /// The shortest chain between two things ([`crate::shortest_path`]).
    pub fn shortest_path(
        &self,
        from: &str,
        to: &str,
        options: crate::PathOptions,
    ) -> Result<Option<crate::PathReport>, crate::NetworkError> {
        crate::path::path_from(&self.0, from, to, options)
    }
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
    /// For facts cut from others ([`Facts::shared_only`]), how many practices those held.
    pub cut_from: Option<usize>,
}

impl Facts {
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

    /// What the shared-contacts report at `min_practices` needs of these facts, and the contacts
    /// network over every practice too (`build::cut_facts_suffice`): the persons behind at
    /// least that many practices, those practices without their names and organisations, the
    /// organisations the persons are members of and the places the practices are in. Themes
    /// stay whole: a theme's colour is its place among all of them. Every fact left out is one
    /// a fresh `contacts` would otherwise decode for nothing.
    pub(crate) fn shared_only(&self, min_practices: usize) -> Facts {
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for p in self.practices.values() {
            for person in &p.contacts {
                *count.entry(person).or_default() += 1;
            }
        }
        count.retain(|_, n| *n >= min_practices.max(1));
        let practices: BTreeMap<String, Practice> = self
            .practices
            .iter()
            .filter(|(_, p)| p.contacts.iter().any(|c| count.contains_key(c.as_str())))
            .map(|(k, p)| {
                // Only the fields read; the others are not cloned to be dropped.
                let cut = Practice {
                    iri: p.iri.clone(),
                    title: p.title.clone(),
                    names: Vec::new(),
                    themes: p.themes.clone(),
                    places: p.places.clone(),
                    contacts: p.contacts.clone(),
                    organisations: BTreeMap::new(),
                };
                (k.clone(), cut)
            })
            .collect();
        let persons = pick(&self.persons, count.keys().copied());
        let members: BTreeSet<&str> = persons
            .values()
            .flat_map(|p| p.member_of.iter().map(String::as_str))
            .collect();
        let mut places: BTreeSet<&str> = practices
            .values()
            .flat_map(|p| p.places.iter().map(String::as_str))
            .collect();
        let countries: Vec<&str> = places
            .iter()
            .filter_map(|p| self.places.get(*p))
            .flat_map(|p| p.part_of.iter().map(String::as_str))
            .collect();
        places.extend(countries);
        Facts {
            organisations: pick(&self.organisations, members),
            places: pick(&self.places, places),
            practices,
            persons,
            themes: self.themes.clone(),
            partners: BTreeMap::new(),
            cut_from: Some(self.practice_count()),
        }
    }

    /// How many practices the store holds: these facts', or those they were cut from.
    pub(crate) fn practice_count(&self) -> usize {
        self.cut_from.unwrap_or(self.practices.len())
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

/// The entries of `map` under `keys` (the keys it does not have are left out).
fn pick<'k, T: Clone>(
    map: &BTreeMap<String, T>,
    keys: impl IntoIterator<Item = &'k str>,
) -> BTreeMap<String, T> {
    keys.into_iter()
        .filter_map(|k| map.get_key_value(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
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
