//! Reading the facts from the store's indexes: everything the networks need
//! ([`Facts::load`]), or only what the shared-contacts report needs
//! ([`Facts::load_for_contacts`]).

use std::collections::{BTreeMap, BTreeSet};

use smarty_store::{NamedNode, Term};

use super::read::*;
use super::records::*;
use super::{Facts, Place};
use crate::NetworkError;
use crate::model::{Role, ThemeRef};

/// The (subject, object) pairs of a predicate whose object is an IRI.
fn pairs(store: &dyn Statements, predicate: &str) -> Result<Vec<(String, String)>, NetworkError> {
    // A write into an empty store hands over only these (`fact_predicates`).
    debug_assert!(LINK_PREDICATES.contains(&predicate), "{predicate}");
    Ok(store
        .subjects_and_objects(&ns_pred(predicate))?
        .into_iter()
        .filter_map(|(s, o)| match o {
            Term::NamedNode(o) => Some((s.into_string(), o.into_string())),
            _ => None,
        })
        .collect())
}

/// The subjects typed with the class (a prefixed name).
fn typed(store: &dyn Statements, class: &str) -> Result<BTreeSet<String>, NetworkError> {
    // A write into an empty store hands over only the members of these (`fact_statement`).
    debug_assert!(TYPED_CLASSES.contains(&class), "{class}");
    Ok(store
        .subjects_with(&ns_pred("rdf:type"), &ns_pred(class))?
        .into_iter()
        .map(NamedNode::into_string)
        .collect())
}

impl Facts {
    /// Everything the networks need, read from the indexes: one scan per predicate involved,
    /// then the statements about the subjects found (see [`props_of`]). Linear in the
    /// statements read. A test keeps it equal to the same facts read by SPARQL.
    pub fn load(kg: Source<'_>) -> Result<Facts, NetworkError> {
        let store = kg.0;
        let practices = typed(store, "smarty:GoodPractice")?;
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
        let starts: BTreeSet<String> = pairs(store, "dcterms:spatial")?
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

        let organisations = facts.link_organisations(store, &practices)?;
        for (org, p) in props_of(kg, &organisations, ORGANISATION_PREDICATES)? {
            facts
                .organisations
                .insert(org.clone(), organisation_from(org, &p));
        }
        facts.add_unnamed();
        Ok(facts)
    }

    /// Gives the practices their organisations (main institutions, contact organisations,
    /// funders of their grants) and collects the programme partners; returns every organisation
    /// mentioned, members of included.
    fn link_organisations(
        &mut self,
        store: &dyn Statements,
        practices: &BTreeSet<String>,
    ) -> Result<BTreeSet<String>, NetworkError> {
        let mut organisations: BTreeSet<String> = BTreeSet::new();
        for (predicate, role) in [
            ("smarty:mainInstitution", Role::MainInstitution),
            ("smarty:contactOrganisation", Role::ContactOrganisation),
        ] {
            for (practice, org) in pairs(store, predicate)? {
                organisations.insert(org.clone());
                if let Some(p) = self.practices.get_mut(&practice) {
                    p.organisations.entry(org).or_default().insert(role);
                }
            }
        }
        let mut funders: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (grant, org) in pairs(store, "schema:funder")? {
            organisations.insert(org.clone());
            funders.entry(grant).or_default().insert(org);
        }
        for (practice, grant) in pairs(store, "schema:funding")? {
            if let (Some(p), Some(orgs)) = (self.practices.get_mut(&practice), funders.get(&grant))
            {
                for org in orgs {
                    p.organisations
                        .entry(org.clone())
                        .or_default()
                        .insert(Role::Funder);
                }
            }
        }
        for (_, org) in pairs(store, "org:memberOf")? {
            organisations.insert(org);
        }
        let projects = typed(store, "schema:Project")?;
        for (programme, org) in pairs(store, "schema:member")? {
            if projects.contains(&programme) {
                organisations.insert(org.clone());
                if !practices.contains(&programme) {
                    self.partners.entry(org).or_default().insert(programme);
                }
            }
        }
        Ok(organisations)
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
        let practices = typed(store, "smarty:GoodPractice")?;
        let mut by_person: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (practice, person) in store.subjects_and_objects(&ns_pred("dcat:contactPoint"))? {
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
        let themes: BTreeSet<String> = pairs(store, "dcat:theme")?
            .into_iter()
            .filter(|(practice, _)| practices.contains(practice.as_str()))
            .map(|(_, theme)| theme)
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
