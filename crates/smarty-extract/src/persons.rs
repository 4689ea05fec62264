//! Which contact blocks denote the same person.
//!
//! One person per e-mail address, compared case-insensitively (`Igor.kovac@ijs.si` and
//! `igor.kovac@ijs.si` are one person). A contact printed without an address joins the person whose
//! name matches once diacritics and case are ignored ("Igor Kovac" = "Igor Kovač"); otherwise it is
//! a person of its own, keyed by that folded name.

use std::collections::HashMap;

use serde::Serialize;

use crate::record::PracticeRecord;
use crate::span::Span;
use crate::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchReason {
    /// The same e-mail address once case is ignored.
    SameEmailIgnoringCase,
    /// The same e-mail address, printed identically.
    SameEmail,
    /// The same name once diacritics and case are ignored (no address to compare).
    SameNameWithoutDiacritics,
}

/// One printing of a contact under a practice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactOccurrence {
    pub practice: u32,
    pub name: String,
    pub email: Option<String>,
    pub organisation: Option<String>,
    pub span: Span,
}

/// A person behind one or more practices.
#[derive(Debug, Clone, Serialize)]
pub struct PersonRecord {
    /// The identity key: the lower-cased address, or `name:` and the folded name.
    pub key: String,
    /// The name as first printed.
    pub name: String,
    /// The address lower-cased, when one is printed.
    pub email: Option<String>,
    pub occurrences: Vec<ContactOccurrence>,
    /// Why the occurrences were judged to be one person (empty for a single occurrence).
    pub matched_by: Vec<MatchReason>,
}

impl PersonRecord {
    /// Distinct practice numbers, in order.
    pub fn practices(&self) -> Vec<u32> {
        let mut p: Vec<u32> = self.occurrences.iter().map(|o| o.practice).collect();
        p.sort_unstable();
        p.dedup();
        p
    }
}

pub fn persons(practices: &[PracticeRecord]) -> Vec<PersonRecord> {
    let mut out: Vec<PersonRecord> = Vec::new();
    // Identity key → position in `out`; folded name → key, for contacts printed without address.
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut by_name: HashMap<String, String> = HashMap::new();
    for practice in practices {
        for contact in &practice.contacts {
            if contact.name.is_empty() && contact.email.is_none() {
                continue;
            }
            let occurrence = ContactOccurrence {
                practice: practice.number,
                name: contact.name.clone(),
                email: contact.email.clone(),
                organisation: contact.organisation.clone(),
                span: contact.span,
            };
            let folded_name = fold(&contact.name);
            let (key, reason) = match &contact.email {
                Some(email) => (email.to_lowercase(), None),
                None => match by_name.get(&folded_name) {
                    Some(key) => (key.clone(), Some(MatchReason::SameNameWithoutDiacritics)),
                    None => (format!("name:{folded_name}"), None),
                },
            };
            by_name.entry(folded_name).or_insert_with(|| key.clone());
            match by_key.get(&key) {
                Some(&i) => {
                    let person = &mut out[i];
                    let reason = reason.unwrap_or_else(|| {
                        let same_spelling =
                            person.occurrences.iter().all(|o| o.email == contact.email);
                        if same_spelling {
                            MatchReason::SameEmail
                        } else {
                            MatchReason::SameEmailIgnoringCase
                        }
                    });
                    if !person.matched_by.contains(&reason) {
                        person.matched_by.push(reason);
                        person.matched_by.sort();
                    }
                    person.occurrences.push(occurrence);
                }
                None => {
                    by_key.insert(key.clone(), out.len());
                    out.push(PersonRecord {
                        email: contact.email.as_ref().map(|e| e.to_lowercase()),
                        key,
                        name: contact.name.clone(),
                        occurrences: vec![occurrence],
                        matched_by: Vec::new(),
                    });
                }
            }
        }
    }
    out
}
