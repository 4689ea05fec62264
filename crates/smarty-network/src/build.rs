//! Building a network from the store's facts: select practices, project, keep what the options
//! ask for. Every collection is a sorted map keyed by IRI, so the same store gives the same
//! network.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use smarty_store::{KnowledgeGraph, QueryOptions};

use crate::NetworkError;
use crate::contacts::{DEFAULT_MIN_PRACTICES, contact_facts_name};
use crate::facts::{Facts, NETWORK_FACTS, Practice, theme_order};
use crate::filter::select_practices;
use crate::model::{
    Edge, Labelled, Network, NetworkKind, NetworkOptions, Node, NodeKind, Role, ThemeRef,
};

/// Builds the network the options describe from the store.
///
/// An empty store, or one without persons (built from an `export --public` file), gives an
/// empty network for the person kinds, not an error. An unknown theme, country or region is an
/// error listing the ones the store has.
pub fn build(kg: &KnowledgeGraph, options: &NetworkOptions) -> Result<Network, NetworkError> {
    build_with(kg, options, &QueryOptions::default())
}

/// [`build`], its queries under a timeout or a canceller.
pub fn build_with(
    kg: &KnowledgeGraph,
    options: &NetworkOptions,
    query: &QueryOptions,
) -> Result<Network, NetworkError> {
    let cut = cut_facts_suffice(options)
        .then(|| Facts::read_kept(kg, &contact_facts_name(DEFAULT_MIN_PRACTICES)))
        .flatten();
    let facts = match cut {
        Some(facts) => facts,
        None => Facts::load_kept(kg, query)?,
    };
    build_from(&facts, options)
}

/// [`build`] from the facts kept beside the store in `dir`, without opening the store; `None`
/// when none are kept (the store changed since, or nothing derived them).
pub fn build_kept(dir: &Path, options: &NetworkOptions) -> Option<Result<Network, NetworkError>> {
    cut_facts_suffice(options)
        .then(|| Facts::read_kept_in(dir, &contact_facts_name(DEFAULT_MIN_PRACTICES)))
        .flatten()
        .or_else(|| Facts::read_kept_in(dir, NETWORK_FACTS))
        .map(|facts| build_from(&facts, options))
}

/// Whether the facts kept for the shared-contacts report hold the whole network: they do for
/// the contacts network over every practice without isolated ones, where each edge is a person
/// behind two practices. They are about half the whole facts, and decoding the facts is most of
/// a projection's time (at 10^5 practices, mostly the kernel handing over fresh memory).
fn cut_facts_suffice(options: &NetworkOptions) -> bool {
    options.kind == NetworkKind::Contacts && !options.is_filtered() && !options.include_isolated
}

/// Edges under construction: (source, target) → what links them.
#[derive(Default)]
struct Link {
    via: BTreeMap<String, String>,
    kinds: BTreeSet<String>,
    roles: BTreeSet<Role>,
}

pub(crate) fn build_from(facts: &Facts, options: &NetworkOptions) -> Result<Network, NetworkError> {
    // In IRI order, as the practices are kept.
    let selected: Vec<&Practice> = select_practices(facts, options)?;
    let mut links: BTreeMap<(String, String), Link> = BTreeMap::new();
    fn link<'a>(links: &'a mut BTreeMap<(String, String), Link>, a: &str, b: &str) -> &'a mut Link {
        let key = if a < b {
            (a.to_owned(), b.to_owned())
        } else {
            (b.to_owned(), a.to_owned())
        };
        links.entry(key).or_default()
    }
    // Nodes that may stay without an edge (`include_isolated`).
    let mut candidates: BTreeSet<String> = BTreeSet::new();

    match options.kind {
        NetworkKind::Contacts => {
            let mut by_person: BTreeMap<&str, Vec<&Practice>> = BTreeMap::new();
            for p in &selected {
                if options.include_isolated {
                    candidates.insert(p.iri.clone());
                }
                for person in &p.contacts {
                    by_person.entry(person).or_default().push(p);
                }
            }
            for (person, practices) in by_person {
                let name = facts
                    .persons
                    .get(person)
                    .map(|p| p.label())
                    .unwrap_or_else(|| person.to_owned());
                for (i, a) in practices.iter().enumerate() {
                    for b in &practices[i + 1..] {
                        let l = link(&mut links, &a.iri, &b.iri);
                        l.via.insert(person.to_owned(), name.clone());
                        l.kinds.insert("shared contact".to_owned());
                        l.roles.insert(Role::ContactPerson);
                    }
                }
            }
        }
        NetworkKind::Partners => {
            for p in &selected {
                candidates.extend(p.organisations.keys().cloned());
                let orgs: Vec<(&String, &BTreeSet<Role>)> = p.organisations.iter().collect();
                for (i, (a, roles_a)) in orgs.iter().enumerate() {
                    for (b, roles_b) in &orgs[i + 1..] {
                        let l = link(&mut links, a, b);
                        l.via.insert(p.iri.clone(), p.title.clone());
                        for ra in roles_a.iter() {
                            for rb in roles_b.iter() {
                                let mut pair = [ra.as_str(), rb.as_str()];
                                pair.sort();
                                l.kinds.insert(pair.join(" – "));
                            }
                        }
                    }
                }
            }
            if !options.is_filtered() {
                candidates.extend(facts.partners.keys().cloned());
            }
        }
        NetworkKind::PracticePerson => {
            for p in &selected {
                candidates.insert(p.iri.clone());
                for person in &p.contacts {
                    let l = link(&mut links, &p.iri, person);
                    l.via.insert(p.iri.clone(), p.title.clone());
                    l.kinds.insert(Role::ContactPerson.as_str().to_owned());
                    l.roles.insert(Role::ContactPerson);
                }
            }
        }
        NetworkKind::PracticeOrganisation => {
            for p in &selected {
                candidates.insert(p.iri.clone());
                for (org, roles) in &p.organisations {
                    let l = link(&mut links, &p.iri, org);
                    l.via.insert(p.iri.clone(), p.title.clone());
                    l.roles.extend(roles.iter().copied());
                }
            }
            if !options.is_filtered() {
                candidates.extend(facts.partners.keys().cloned());
            }
        }
    }

    let edges: Vec<Edge> = links
        .into_iter()
        .map(|((source, target), l)| edge(options.kind, source, target, l))
        .filter(|e| e.weight >= options.min_weight.max(1))
        .collect();
    let mut ids: BTreeSet<String> = edges
        .iter()
        .flat_map(|e| [e.source.clone(), e.target.clone()])
        .collect();
    if options.include_isolated {
        ids.extend(candidates);
    }
    // Who takes part in which selected practices, and how: one pass, so describing a node
    // does not walk every practice again. Only persons and organisations are described by it,
    // and the contacts network has neither.
    let mut involvement: BTreeMap<&str, Involvement<'_>> = BTreeMap::new();
    let describes_people = options.kind != NetworkKind::Contacts;
    for p in selected.iter().filter(|_| describes_people) {
        for person in &p.contacts {
            let entry = involvement.entry(person.as_str()).or_default();
            entry.roles.insert(Role::ContactPerson);
            entry.practices.push(p);
        }
        for (org, roles) in &p.organisations {
            let entry = involvement.entry(org.as_str()).or_default();
            entry.roles.extend(roles.iter().copied());
            if entry.practices.last().is_none_or(|last| last.iri != p.iri) {
                entry.practices.push(p);
            }
        }
    }
    let nodes = ids
        .iter()
        .filter_map(|id| node(facts, &involvement, id))
        .collect();
    Ok(Network {
        kind: options.kind,
        options: options.clone(),
        nodes,
        edges,
        themes: facts.themes.clone(),
        practices_selected: if options.is_filtered() {
            selected.len()
        } else {
            facts.practice_count()
        },
    })
}

fn edge(kind: NetworkKind, source: String, target: String, l: Link) -> Edge {
    let via: Vec<Labelled> = l
        .via
        .into_iter()
        .map(|(iri, label)| Labelled { iri, label })
        .collect();
    let roles: Vec<Role> = l.roles.into_iter().collect();
    let role_names = || {
        roles
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (weight, kind_text, label) = match kind {
        NetworkKind::Contacts => {
            let names: Vec<&str> = via.iter().map(|v| v.label.as_str()).collect();
            (via.len(), "shared contact".to_owned(), names.join(", "))
        }
        NetworkKind::Partners => {
            let label = if via.len() > 1 {
                format!("{} practices", via.len())
            } else {
                String::new()
            };
            let kinds: Vec<String> = l.kinds.into_iter().collect();
            (via.len(), kinds.join("; "), label)
        }
        NetworkKind::PracticePerson => (1, role_names(), role_names()),
        NetworkKind::PracticeOrganisation => (roles.len(), role_names(), role_names()),
    };
    Edge {
        source,
        target,
        weight: u32::try_from(weight).unwrap_or(u32::MAX),
        kind: kind_text,
        label,
        via,
        roles,
    }
}

/// How a person or an organisation takes part in the selected practices.
#[derive(Default)]
struct Involvement<'a> {
    roles: BTreeSet<Role>,
    practices: Vec<&'a Practice>,
}

/// The node for an IRI: a practice, a person or an organisation, described by the selected
/// practices it takes part in.
fn node(facts: &Facts, involvement: &BTreeMap<&str, Involvement<'_>>, id: &str) -> Option<Node> {
    if let Some(p) = facts.practices.get(id) {
        return Some(Node {
            id: id.to_owned(),
            label: p.title.clone(),
            kind: NodeKind::Practice,
            themes: facts.themes_of(p),
            countries: facts.countries_of(p),
            regions: facts.regions_of(p),
            roles: Vec::new(),
        });
    }
    let mut themes: Vec<ThemeRef> = Vec::new();
    let mut roles: BTreeSet<Role> = BTreeSet::new();
    if let Some(inv) = involvement.get(id) {
        roles.extend(inv.roles.iter().copied());
        for p in &inv.practices {
            for t in facts.themes_of(p) {
                if !themes.contains(&t) {
                    themes.push(t);
                }
            }
        }
    }
    themes.sort_by_key(theme_order);
    if let Some(person) = facts.persons.get(id) {
        return Some(Node {
            id: id.to_owned(),
            label: person.label(),
            kind: NodeKind::Person,
            themes,
            countries: Vec::new(),
            regions: Vec::new(),
            roles: roles.into_iter().collect(),
        });
    }
    let org = facts.organisations.get(id)?;
    if facts.partners.contains_key(id) {
        roles.insert(Role::ProgrammePartner);
    }
    Some(Node {
        id: id.to_owned(),
        label: org.label.clone(),
        kind: NodeKind::Organisation,
        themes,
        countries: org.countries.iter().map(|c| facts.place_ref(c)).collect(),
        regions: Vec::new(),
        roles: roles.into_iter().collect(),
    })
}
