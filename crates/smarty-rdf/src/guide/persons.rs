//! Persons: each contact point of a practice (in a personal graph) with the organisations the
//! contact block names, and everything said about the person, at the lines of the block.

use oxrdf::NamedNode;
use oxrdf::vocab::rdf;
use smarty_extract::PracticeRecord;
use smarty_reference::ResolvedPractice;

use super::document::organisation_facts;
use super::emitter::{Emitter, string};
use super::practice::Context;
use crate::iri::{self, PersonKey};
use crate::vocab::*;

/// The practice's contact persons and the organisations printed in their blocks.
pub(super) fn contact_points(
    e: &mut Emitter<'_>,
    s: &NamedNode,
    p: &PracticeRecord,
    rp: &ResolvedPractice,
    cx: &Context<'_>,
) {
    let (r, reference, key) = (cx.resolved, cx.reference, cx.key);
    for (contact, rc) in p.contacts.iter().zip(&rp.contacts) {
        let person = key.person(&rc.person);
        e.personal(contact.span, s, dcat::CONTACT_POINT, person);
        for id in &rc.organisations {
            let org = iri::organisation(id);
            e.fact(contact.span, s, smarty::CONTACT_ORGANISATION, org.clone());
            if let Some(o) = r.organisation(id) {
                let printed = contact.organisation.as_deref().unwrap_or(&o.name);
                let printed = if rc.organisations.len() > 1 {
                    o.name.as_str()
                } else {
                    printed
                };
                organisation_facts(e, contact.span, &org, o, printed, reference);
            }
        }
        // "ACCIÓ - …, Regional Government of Catalonia": the text says the first is part of the second.
        for pair in rc.organisations.windows(2) {
            let curated = reference
                .organisations()
                .get(&pair[0])
                .is_some_and(|o| o.unit_of.as_deref() == Some(pair[1].as_str()));
            if curated {
                continue;
            }
            e.fact(
                contact.span,
                &iri::organisation(&pair[0]),
                org::UNIT_OF,
                iri::organisation(&pair[1]),
            );
        }
    }
}

/// Everything about the persons of one practice, in personal graphs, at the lines of each
/// contact block.
pub(super) fn persons(
    e: &mut Emitter<'_>,
    p: &PracticeRecord,
    rp: &ResolvedPractice,
    key: &PersonKey,
) {
    for (contact, rc) in p.contacts.iter().zip(&rp.contacts) {
        let person = key.person(&rc.person);
        let span = contact.span;
        e.personal(span, &person, rdf::TYPE, foaf::PERSON.into_owned());
        e.personal(span, &person, rdf::TYPE, vcard::INDIVIDUAL.into_owned());
        if !contact.name.is_empty() {
            e.personal(span, &person, vcard::FN, string(&contact.name));
        }
        if let Some(email) = &contact.email
            && let Ok(mailto) = NamedNode::new(format!("mailto:{}", email.to_lowercase()))
        {
            e.personal(span, &person, vcard::HAS_EMAIL, mailto);
            // As printed, so that "the same address in another case" can be shown later.
            e.personal(span, &person, smarty::PRINTED_EMAIL, string(email));
        }
        if let Some(role) = &contact.role {
            e.personal(span, &person, vcard::TITLE, string(role));
        }
        if let Some(phone) = &contact.phone {
            let digits: String = phone
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect();
            if let Ok(tel) = NamedNode::new(format!("tel:{digits}")) {
                e.personal(span, &person, vcard::HAS_TELEPHONE, tel);
            }
        }
        if let Some(first) = rc.organisations.first() {
            e.personal(span, &person, org::MEMBER_OF, iri::organisation(first));
        }
    }
}
