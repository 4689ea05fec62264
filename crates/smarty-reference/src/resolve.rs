//! Resolves an extraction's printed names against reference data: locations to NUTS codes,
//! organisation names to canonical organisations, contact blocks to persons, partner-logo captions
//! to partner organisations. Resolution never fails; what it cannot resolve is kept (an unknown
//! organisation gets an identifier from its printed name) and reported as a note.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use smarty_extract::text::fold;
use smarty_extract::{Extraction, MatchReason, PersonRecord, Span, Spanned};

use crate::Reference;
use crate::gazetteer::LocationResolution;
use crate::organisations::OrganisationKind;
use crate::slug::{slug, unique_slug};

/// An organisation the guide refers to.
#[derive(Debug, Clone, Serialize)]
pub struct ResolvedOrganisation {
    pub id: String,
    /// Canonical name (from the alias table) or the name as printed.
    pub name: String,
    pub kind: OrganisationKind,
    /// False when the alias table does not know the organisation.
    pub known: bool,
    /// Every spelling printed in this guide.
    pub spellings: Vec<String>,
    /// Units printed as "Unit, Parent" ("ACCIÓ - Catalonia Trade and Investment, Regional
    /// Government of Catalonia"): the parent's id.
    pub printed_unit_of: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResolvedContact {
    /// The person's identity key (see [`smarty_extract::PersonRecord::key`]).
    pub person: String,
    /// The organisations printed under the name, most specific first.
    pub organisations: Vec<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResolvedPractice {
    pub number: u32,
    /// Readable identifier from the title: `access-innovation`.
    pub slug: String,
    pub institutions: Vec<String>,
    pub location: Option<LocationResolution>,
    /// Every funder, once.
    pub funders: Vec<String>,
    /// The ids each funder mention denotes, in the order of the extraction's `funders`.
    pub funders_by_mention: Vec<Vec<String>>,
    pub contacts: Vec<ResolvedContact>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResolvedPerson {
    pub key: String,
    pub name: String,
    pub email: Option<String>,
    pub practices: Vec<u32>,
    pub organisations: Vec<String>,
    pub matched_by: Vec<MatchReason>,
    pub record: PersonRecord,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResolvedPartner {
    pub organisation: String,
    /// The caption as printed (lines joined).
    pub caption: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResolutionNote {
    pub line: u32,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResolvedGuide {
    pub practices: Vec<ResolvedPractice>,
    pub organisations: Vec<ResolvedOrganisation>,
    pub persons: Vec<ResolvedPerson>,
    pub partners: Vec<ResolvedPartner>,
    pub notes: Vec<ResolutionNote>,
}

impl ResolvedGuide {
    pub fn organisation(&self, id: &str) -> Option<&ResolvedOrganisation> {
        self.organisations.iter().find(|o| o.id == id)
    }

    pub fn person(&self, key: &str) -> Option<&ResolvedPerson> {
        self.persons.iter().find(|p| p.key == key)
    }
}

struct Resolver<'r> {
    reference: &'r Reference,
    organisations: Vec<ResolvedOrganisation>,
    /// Organisation id → position in `organisations`.
    index: HashMap<String, usize>,
    notes: Vec<ResolutionNote>,
}

impl Resolver<'_> {
    /// Ids of the organisations a printed name denotes (most specific first).
    fn organisation(&mut self, printed: &str, line: u32) -> Vec<String> {
        if let Some(id) = self.known(printed) {
            return vec![id];
        }
        // "Unit, Parent" where both parts are known.
        let parts: Vec<&str> = printed.split(", ").map(str::trim).collect();
        if parts.len() > 1 {
            let ids: Vec<Option<String>> = parts.iter().map(|p| self.known(p)).collect();
            if ids.iter().all(Option::is_some) {
                let ids: Vec<String> = ids.into_iter().flatten().collect();
                for pair in ids.windows(2) {
                    if let Some(&i) = self.index.get(&pair[0]) {
                        self.organisations[i]
                            .printed_unit_of
                            .get_or_insert_with(|| pair[1].clone());
                    }
                }
                return ids;
            }
        }
        let id = slug(printed);
        if id.is_empty() {
            return Vec::new();
        }
        match self.index.get(&id).map(|&i| &mut self.organisations[i]) {
            Some(o) => {
                if !o.spellings.iter().any(|s| s == printed) {
                    o.spellings.push(printed.to_owned());
                }
            }
            None => {
                self.index.insert(id.clone(), self.organisations.len());
                self.notes.push(ResolutionNote {
                    line,
                    message: format!(
                        "organisation '{printed}' is not in data/organisations.toml; identified as '{id}'"
                    ),
                });
                self.organisations.push(ResolvedOrganisation {
                    id: id.clone(),
                    name: printed.to_owned(),
                    kind: OrganisationKind::Organisation,
                    known: false,
                    spellings: vec![printed.to_owned()],
                    printed_unit_of: None,
                });
            }
        }
        vec![id]
    }

    fn known(&mut self, printed: &str) -> Option<String> {
        let org = self.reference.organisations().lookup(printed)?;
        match self.index.get(&org.id).map(|&i| &mut self.organisations[i]) {
            Some(o) => {
                if !o.spellings.iter().any(|s| s == printed) {
                    o.spellings.push(printed.to_owned());
                }
            }
            None => {
                self.index.insert(org.id.clone(), self.organisations.len());
                self.organisations.push(ResolvedOrganisation {
                    id: org.id.clone(),
                    name: org.name.clone(),
                    kind: org.kind,
                    known: true,
                    spellings: vec![printed.to_owned()],
                    printed_unit_of: None,
                });
            }
        }
        Some(org.id.clone())
    }
}

/// Organisation words that make an unmatched partner caption worth keeping as an organisation.
const ORGANISATION_WORDS: &[&str] = &[
    "university",
    "council",
    "government",
    "ministry",
    "agency",
    "institute",
    "foundation",
    "authority",
    "municipality",
    "chamber",
    "cluster",
    "centre",
    "center",
];

pub fn resolve(extraction: &Extraction, reference: &Reference) -> ResolvedGuide {
    let mut r = Resolver {
        reference,
        organisations: Vec::new(),
        index: HashMap::new(),
        notes: Vec::new(),
    };
    let people = smarty_extract::persons(&extraction.practices);
    // Which person each contact block is, by the block's lines.
    let person_at: HashMap<Span, &str> = people
        .iter()
        .flat_map(|p| p.occurrences.iter().map(move |o| (o.span, p.key.as_str())))
        .collect();
    let mut slugs: HashSet<String> = HashSet::new();
    let mut practices = Vec::new();
    for p in &extraction.practices {
        let base = slug(&without_brackets(&p.title.value));
        let base = if base.is_empty() {
            format!("practice-{}", p.number)
        } else {
            cut_slug(&base, 60)
        };
        let practice_slug = unique_slug(&base, &slugs);
        slugs.insert(practice_slug.clone());

        let mut institutions = Vec::new();
        for inst in &p.main_institutions {
            for id in r.organisation(&inst.value, inst.span.start) {
                if !institutions.contains(&id) {
                    institutions.push(id);
                }
            }
        }
        let location = p.location.as_ref().map(|l| {
            let res = reference.gazetteer().resolve(&l.value);
            for part in &res.unresolved {
                r.notes.push(ResolutionNote {
                    line: l.span.start,
                    message: format!("location part '{part}' names no NUTS region or country"),
                });
            }
            res
        });
        let mut funders = Vec::new();
        let mut funders_by_mention = Vec::new();
        for f in &p.funders {
            let ids = r.organisation(&f.name, f.span.start);
            for id in &ids {
                if !funders.contains(id) {
                    funders.push(id.clone());
                }
            }
            funders_by_mention.push(ids);
        }
        let contacts = p
            .contacts
            .iter()
            .filter_map(|c| {
                let person = *person_at.get(&c.span)?;
                let organisations = c
                    .organisation
                    .as_ref()
                    .map(|o| r.organisation(o, c.span.start))
                    .unwrap_or_default();
                Some(ResolvedContact {
                    person: person.to_owned(),
                    organisations,
                    span: c.span,
                })
            })
            .collect();
        practices.push(ResolvedPractice {
            number: p.number,
            slug: practice_slug,
            institutions,
            location,
            funders,
            funders_by_mention,
            contacts,
        });
    }

    let mut organisations_of: HashMap<&str, Vec<String>> = HashMap::new();
    for c in practices.iter().flat_map(|p| &p.contacts) {
        if let Some(first) = c.organisations.first() {
            let list = organisations_of.entry(c.person.as_str()).or_default();
            if !list.contains(first) {
                list.push(first.clone());
            }
        }
    }
    let persons = people
        .iter()
        .map(|record| {
            let organisations = organisations_of
                .remove(record.key.as_str())
                .unwrap_or_default();
            ResolvedPerson {
                key: record.key.clone(),
                name: record.name.clone(),
                email: record.email.clone(),
                practices: record.practices(),
                organisations,
                matched_by: record.matched_by.clone(),
                record: record.clone(),
            }
        })
        .collect();

    let partners = partners(&extraction.partner_lines, &mut r);
    ResolvedGuide {
        practices,
        organisations: r.organisations,
        persons,
        partners,
        notes: r.notes,
    }
}

/// Partner-logo captions: the longest run of up to four consecutive lines that names a known
/// organisation wins; a leftover line that reads like an organisation's name is kept too.
fn partners(lines: &[Spanned<String>], r: &mut Resolver<'_>) -> Vec<ResolvedPartner> {
    let mut out: Vec<ResolvedPartner> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut matched = false;
        for width in (1..=4.min(lines.len() - i)).rev() {
            let caption = lines[i..i + width]
                .iter()
                .map(|l| l.value.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(id) = r.known(&caption) {
                let span = lines[i].span.cover(lines[i + width - 1].span);
                match out.iter_mut().find(|p| p.organisation == id) {
                    Some(p) => {
                        p.caption = format!("{} / {caption}", p.caption);
                        p.span = p.span.cover(span);
                    }
                    None => out.push(ResolvedPartner {
                        organisation: id,
                        caption,
                        span,
                    }),
                }
                i += width;
                matched = true;
                break;
            }
        }
        if !matched {
            let line = &lines[i];
            let folded = fold(&line.value);
            if folded.split(' ').any(|w| ORGANISATION_WORDS.contains(&w)) {
                for id in r.organisation(&line.value, line.span.start) {
                    out.push(ResolvedPartner {
                        organisation: id,
                        caption: line.value.clone(),
                        span: line.span,
                    });
                }
            } else {
                r.notes.push(ResolutionNote {
                    line: line.span.start,
                    message: format!(
                        "partner-page text '{}' names no organisation (a tagline?)",
                        line.value
                    ),
                });
            }
            i += 1;
        }
    }
    out
}

fn without_brackets(title: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in title.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Cuts a slug at a hyphen so that it is at most `max` bytes long.
fn cut_slug(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_owned();
    }
    match slug[..max].rfind('-') {
        Some(cut) if cut > 0 => slug[..cut].to_owned(),
        _ => slug[..max].to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_cut_at_hyphens() {
        assert_eq!(cut_slug("abc-def-ghi", 8), "abc-def");
        assert_eq!(cut_slug("abc", 8), "abc");
    }
}
