//! Shared contacts: every person behind more than one practice, and why the occurrences were
//! judged to be one person.
//!
//! The store keeps one person per lower-cased e-mail address (a contact without an address joins
//! the person of the same name, diacritics and case ignored). The reasons are read back from what
//! the store holds about the person: the addresses as printed (`smarty:printedEmail`) and the
//! names (`vcard:fn`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;
use smarty_store::{KnowledgeGraph, QueryOptions, Written};

use crate::NetworkError;
use crate::facts::{Facts, NETWORK_FACTS, Person, Practice, Source, Statements, fact_statement};
use crate::model::{Labelled, PlaceRef, ThemeRef};
use smarty_extract::text::{fold, shorten};

/// Why several contact blocks are one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum MatchReason {
    /// The same address, printed the same way every time.
    SameEmail { email: String },
    /// The same address printed in different cases ("Igor.kovac@…", "igor.kovac@…").
    SameEmailIgnoringCase { spellings: Vec<String> },
    /// No address; the same name.
    SameName { name: String },
    /// Names that differ only in diacritics or case ("Kovač", "Kovac").
    SameNameWithoutDiacritics { spellings: Vec<String> },
    /// Nothing stored explains it (data loaded from elsewhere): the same person IRI.
    SameIdentifier,
}

impl MatchReason {
    /// "same e-mail ignoring case"
    pub fn summary(&self) -> &'static str {
        match self {
            MatchReason::SameEmail { .. } => "same e-mail",
            MatchReason::SameEmailIgnoringCase { .. } => "same e-mail ignoring case",
            MatchReason::SameName { .. } => "same name",
            MatchReason::SameNameWithoutDiacritics { .. } => "same name without diacritics",
            MatchReason::SameIdentifier => "same person identifier",
        }
    }
}

impl fmt::Display for MatchReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MatchReason::SameEmailIgnoringCase { spellings }
            | MatchReason::SameNameWithoutDiacritics { spellings } => {
                write!(f, "{} ({})", self.summary(), spellings.join(" / "))
            }
            _ => f.write_str(self.summary()),
        }
    }
}

/// A practice as the contacts report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PracticeSummary {
    pub iri: String,
    pub title: String,
    pub themes: Vec<ThemeRef>,
    pub regions: Vec<PlaceRef>,
    pub countries: Vec<PlaceRef>,
}

/// A person behind several practices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedContact {
    pub person: String,
    /// Names as printed (several when spellings differ).
    pub names: Vec<String>,
    /// Addresses, lower-cased.
    pub emails: Vec<String>,
    /// Addresses as printed.
    pub printed_emails: Vec<String>,
    /// Sorted by IRI.
    pub practices: Vec<PracticeSummary>,
    /// The organisations the person is listed under (`org:memberOf`).
    pub organisations: Vec<Labelled>,
    pub reasons: Vec<MatchReason>,
}

impl SharedContact {
    pub fn name(&self) -> String {
        self.names.first().cloned().unwrap_or_default()
    }
}

/// Every person who is the contact of at least `min_practices` practices (2: "shared"), most
/// practices first, then by name and IRI.
pub fn shared_contacts(
    kg: &KnowledgeGraph,
    min_practices: usize,
) -> Result<Vec<SharedContact>, NetworkError> {
    shared_contacts_with(kg, min_practices, &QueryOptions::default())
}

/// [`shared_contacts`], its queries under a timeout or a canceller.
pub fn shared_contacts_with(
    kg: &KnowledgeGraph,
    min_practices: usize,
    query: &QueryOptions,
) -> Result<Vec<SharedContact>, NetworkError> {
    Ok(shared_contacts_from(
        &contact_facts(kg, min_practices, query)?,
        min_practices,
    ))
}

/// The facts behind the report, kept in the store's derived data until the store changes: made
/// after each write by [`deriver`] for the default minimum, from the kept network facts for
/// another, else read from the indexes once.
fn contact_facts(
    kg: &KnowledgeGraph,
    min_practices: usize,
    query: &QueryOptions,
) -> Result<Facts, NetworkError> {
    Facts::kept(
        kg,
        query,
        &contact_facts_name(min_practices),
        |source| match Facts::read_kept(kg, NETWORK_FACTS) {
            Some(whole) => Ok(whole.shared_only(min_practices)),
            None => Facts::load_for_contacts(source, min_practices),
        },
    )
}

pub(crate) fn contact_facts_name(min_practices: usize) -> String {
    format!("contact-facts-v3-min{}.bin", min_practices.max(1))
}

/// [`shared_contacts`] from the facts kept beside the store in `dir`, without opening the
/// store; `None` when none are kept (the store changed since, or nothing derived them).
pub fn kept_shared_contacts(dir: &Path, min_practices: usize) -> Option<Vec<SharedContact>> {
    let facts = Facts::read_kept_in(dir, &contact_facts_name(min_practices)).or_else(|| {
        Facts::read_kept_in(dir, NETWORK_FACTS).map(|whole| whole.shared_only(min_practices))
    })?;
    Some(shared_contacts_from(&facts, min_practices))
}

/// The minimum the `contacts` command and the shell's `.contacts` use unless told otherwise.
pub const DEFAULT_MIN_PRACTICES: usize = 2;

/// What a store runs after each write ([`KnowledgeGraph::derive_after_writes`]): the facts the
/// networks, paths and the default shared-contacts report read, computed once and kept, so the
/// first of them after a change answers as fast as the next.
pub fn deriver() -> smarty_store::Deriver {
    smarty_store::Deriver {
        wants: Box::new(fact_statement()),
        derive: Box::new(|kg: &KnowledgeGraph, written: Written<'_>| {
            let options = QueryOptions::default();
            let source: &dyn Statements = match written {
                Written::Everything(graph) => graph,
                Written::Changed => kg,
            };
            let keep = || -> Result<(), NetworkError> {
                let whole = Facts::load(Source(source, &options))?;
                Facts::keep(kg, NETWORK_FACTS, &whole)?;
                let shared = whole.shared_only(DEFAULT_MIN_PRACTICES);
                Facts::keep(kg, &contact_facts_name(DEFAULT_MIN_PRACTICES), &shared)
            };
            keep().map_err(|e| e.to_string())
        }),
    }
}

pub(crate) fn shared_contacts_from(facts: &Facts, min_practices: usize) -> Vec<SharedContact> {
    // One pass over the practices (sorted by IRI, so each person's list is too).
    let mut by_person: BTreeMap<&str, Vec<&Practice>> = BTreeMap::new();
    for p in facts.practices.values() {
        for person in &p.contacts {
            by_person.entry(person).or_default().push(p);
        }
    }
    let mut out: Vec<SharedContact> = facts
        .persons
        .values()
        .filter_map(|person| {
            let practices: Vec<PracticeSummary> = by_person
                .get(person.iri.as_str())
                .into_iter()
                .flatten()
                .map(|p| PracticeSummary {
                    iri: p.iri.clone(),
                    title: p.title.clone(),
                    themes: facts.themes_of(p),
                    regions: facts.regions_of(p),
                    countries: facts.countries_of(p),
                })
                .collect();
            if practices.len() < min_practices.max(1) {
                return None;
            }
            let organisations = person
                .member_of
                .iter()
                .filter_map(|o| facts.organisations.get(o))
                .map(|o| Labelled {
                    iri: o.iri.clone(),
                    label: o.label.clone(),
                })
                .collect();
            Some(SharedContact {
                person: person.iri.clone(),
                names: person.names.clone(),
                emails: person.emails.clone(),
                printed_emails: person.printed_emails.clone(),
                reasons: if practices.len() > 1 {
                    reasons(person)
                } else {
                    Vec::new()
                },
                practices,
                organisations,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.practices
            .len()
            .cmp(&a.practices.len())
            .then_with(|| a.names.first().cmp(&b.names.first()))
            .then_with(|| a.person.cmp(&b.person))
    });
    out
}

/// What the stored spellings say about why the occurrences are one person.
fn reasons(person: &Person) -> Vec<MatchReason> {
    let mut out = Vec::new();
    let printed: BTreeSet<&str> = person.printed_emails.iter().map(String::as_str).collect();
    let lowered: BTreeSet<String> = printed.iter().map(|e| e.to_lowercase()).collect();
    if printed.len() > 1 && lowered.len() == 1 {
        out.push(MatchReason::SameEmailIgnoringCase {
            spellings: printed.iter().map(|s| (*s).to_owned()).collect(),
        });
    } else if let [email] = person.emails.as_slice() {
        out.push(MatchReason::SameEmail {
            email: email.clone(),
        });
    } else if let [email] = person.printed_emails.as_slice() {
        out.push(MatchReason::SameEmail {
            email: email.to_lowercase(),
        });
    }
    let folded: BTreeSet<String> = person.names.iter().map(|n| fold(n)).collect();
    if person.names.len() > 1 && folded.len() == 1 {
        out.push(MatchReason::SameNameWithoutDiacritics {
            spellings: person.names.clone(),
        });
    } else if out.is_empty()
        && let [name] = person.names.as_slice()
    {
        out.push(MatchReason::SameName { name: name.clone() });
    }
    if out.is_empty() {
        out.push(MatchReason::SameIdentifier);
    }
    out
}

/// Column names of [`SharedContact::rows`], for tables.
pub const CONTACT_COLUMNS: [&str; 7] = [
    "person",
    "#",
    "practice",
    "theme",
    "region",
    "organisation",
    "why one person",
];

impl SharedContact {
    /// Table rows for the person: one per practice (title cut to `title_width`, theme
    /// notation, NUTS codes — or the country where no region is stated), with the person's name,
    /// practice count, organisations and reasons down the first rows. Persons' e-mail addresses
    /// are left out of the table (see JSON or CSV).
    pub fn rows(&self, title_width: usize) -> Vec<Vec<String>> {
        let person: Vec<String> = self.names.clone();
        let count = vec![self.practices.len().to_string()];
        let titles: Vec<String> = self
            .practices
            .iter()
            .map(|p| shorten(&p.title, title_width))
            .collect();
        let themes: Vec<String> = self
            .practices
            .iter()
            .map(|p| {
                p.themes
                    .iter()
                    .map(|t| t.notation.clone().unwrap_or_else(|| t.label.clone()))
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .collect();
        let regions: Vec<String> = self
            .practices
            .iter()
            .map(|p| {
                let places = if p.regions.is_empty() {
                    &p.countries
                } else {
                    &p.regions
                };
                places
                    .iter()
                    .map(|r| r.code.clone().unwrap_or_else(|| r.label.clone()))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let organisations: Vec<String> = self
            .organisations
            .iter()
            .map(|o| shorten(&o.label, 34))
            .collect();
        let mut why: Vec<String> = Vec::new();
        for r in &self.reasons {
            why.push(r.summary().to_owned());
            if let MatchReason::SameEmailIgnoringCase { spellings }
            | MatchReason::SameNameWithoutDiacritics { spellings } = r
            {
                why.extend(spellings.iter().map(|s| format!("  {s}")));
            }
        }
        let columns = [person, count, titles, themes, regions, organisations, why];
        let height = columns.iter().map(Vec::len).max().unwrap_or(0);
        (0..height)
            .map(|i| {
                columns
                    .iter()
                    .map(|c| c.get(i).cloned().unwrap_or_default())
                    .collect()
            })
            .collect()
    }
}

/// The themes the contacts' practices have, "1 Regional platforms and clusters", for a table's
/// footnote.
pub fn contact_themes(contacts: &[SharedContact]) -> Vec<String> {
    let mut themes: Vec<&ThemeRef> = contacts
        .iter()
        .flat_map(|c| c.practices.iter().flat_map(|p| p.themes.iter()))
        .collect();
    themes.sort_by_key(|t| crate::facts::theme_order(t));
    themes.dedup();
    themes
        .into_iter()
        .map(|t| match &t.notation {
            Some(n) => format!("{n} {}", t.label),
            None => t.label.clone(),
        })
        .collect()
}

/// Writes the shared contacts as pretty JSON (an array of [`SharedContact`]) to `out`. Written
/// as it is serialised: at 10^4 practices the text is megabytes, and building it as one string
/// first cost a fresh process more than reading the kept facts (the string's growth touches new
/// memory at every doubling).
pub fn write_contacts_json(contacts: &[SharedContact], out: &mut dyn Write) -> io::Result<()> {
    // The pretty printer writes a few bytes at a time; a buffer of a known type takes them
    // inline, where each would be a call through `dyn Write`.
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut buffered, contacts)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// The shared contacts as CSV, one row per person and practice.
pub fn contacts_to_csv(contacts: &[SharedContact]) -> String {
    let mut out = String::new();
    crate::formats::csv_row(
        &mut out,
        &[
            "person",
            "name",
            "email",
            "practices",
            "practice",
            "title",
            "themes",
            "regions",
            "countries",
            "organisations",
            "reasons",
        ],
    );
    for c in contacts {
        let organisations = c
            .organisations
            .iter()
            .map(|o| o.label.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        let reasons = c
            .reasons
            .iter()
            .map(|r| r.to_string())
            .collect::<Vec<_>>()
            .join("; ");
        for p in &c.practices {
            let join = |items: Vec<String>| items.join("; ");
            crate::formats::csv_row(
                &mut out,
                &[
                    &c.person,
                    &c.names.join(" / "),
                    &c.emails.join("; "),
                    &c.practices.len().to_string(),
                    &p.iri,
                    &p.title,
                    &join(p.themes.iter().map(|t| t.label.clone()).collect()),
                    &join(p.regions.iter().map(|r| r.display()).collect()),
                    &join(p.countries.iter().map(|r| r.display()).collect()),
                    &organisations,
                    &reasons,
                ],
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use smarty_store::{KnowledgeGraph, QueryOptions};

    use super::shared_contacts_from;
    use crate::facts::{Facts, Source};

    fn ingest(kg: &KnowledgeGraph, name: &str, text: &str) {
        let reference = smarty_reference::Reference::bundled().expect("bundled reference");
        kg.ingest_text(name, text, &reference).expect("ingest");
    }

    /// The kept facts go with any change to the store: an update, a new version of the guide.
    #[test]
    fn kept_facts_follow_every_change() {
        let kg = KnowledgeGraph::in_memory().expect("in-memory store");
        let text = smarty_reference::BUNDLED_GUIDE.text;
        ingest(&kg, "smarty-good-practice-guide", text);
        let names = |kg: &KnowledgeGraph| -> Vec<String> {
            super::shared_contacts(kg, 2)
                .expect("contacts")
                .iter()
                .map(|c| c.name())
                .collect()
        };
        let edges = |kg: &KnowledgeGraph| {
            crate::build(
                kg,
                &crate::NetworkOptions::new(crate::NetworkKind::Contacts),
            )
            .expect("contacts network")
            .edges
            .len()
        };
        let before = names(&kg);
        assert!(before.contains(&"Bryony Chipp".to_owned()), "{before:?}");
        assert_eq!(names(&kg), before, "kept facts give the same report");
        let edges_before = edges(&kg);
        assert_eq!(edges(&kg), edges_before);

        let options = QueryOptions::default();
        kg.update(
            "DELETE { GRAPH ?g { ?practice dcat:contactPoint ?person } } WHERE { \
             GRAPH ?g { ?practice dcat:contactPoint ?person } \
             GRAPH ?h { ?person vcard:fn \"Bryony Chipp\" } }",
            &options,
        )
        .expect("update");
        let after = names(&kg);
        assert!(!after.contains(&"Bryony Chipp".to_owned()), "{after:?}");
        assert_eq!(after.len() + 1, before.len());
        // Her four practices were a clique of six edges.
        assert_eq!(edges(&kg) + 6, edges_before);

        ingest(&kg, "smarty-good-practice-guide", &format!("{text}\n"));
        assert_eq!(edges(&kg), edges_before);
        assert_eq!(
            names(&kg),
            before,
            "a new version of the guide brings her back"
        );
    }

    /// The report read from the indexes is the one computed from the whole graph, on the
    /// bundled guide and on a synthetic one in the same store (two documents).
    #[test]
    fn the_indexed_report_equals_the_whole_graph_one() {
        let kg = KnowledgeGraph::in_memory().expect("in-memory store");
        ingest(
            &kg,
            "smarty-good-practice-guide",
            smarty_reference::BUNDLED_GUIDE.text,
        );
        let reference = smarty_reference::Reference::bundled().expect("bundled reference");
        let guide = smarty_synth::generate(300, 5, &reference);
        ingest(&kg, "synthetic", &guide.text);

        let options = QueryOptions::default();
        let whole = Facts::load(Source(&kg, &options)).expect("whole graph");
        for min in [1, 2, 3, 4] {
            let indexed = Facts::load_for_contacts(Source(&kg, &options), min).expect("indexed");
            let expected = shared_contacts_from(&whole, min);
            assert!(!expected.is_empty());
            assert_eq!(shared_contacts_from(&indexed, min), expected, "min {min}");
            let kept = whole.shared_only(min);
            assert!(kept.persons.len() <= whole.persons.len());
            assert_eq!(shared_contacts_from(&kept, min), expected, "min {min}");
        }
        // The cut the default report keeps serves the unfiltered contacts network too
        // (`build::cut_facts_suffice`), with fewer organisations and places than the whole.
        let cut = whole.shared_only(super::DEFAULT_MIN_PRACTICES);
        assert!(cut.organisations.len() < whole.organisations.len());
        assert!(cut.places.len() < whole.places.len());
        let contacts = crate::NetworkOptions::new(crate::NetworkKind::Contacts);
        let network = |facts: &Facts| crate::build::build_from(facts, &contacts).expect("network");
        let expected = network(&whole);
        assert!(expected.edges.len() > 100, "{}", expected.edges.len());
        assert_eq!(network(&cut), expected);
    }
}
