//! Where every quad goes: the graph of its source lines (personal or not), written once per
//! triple, with the categories of personal data each personal graph holds; and the literal
//! helpers the mapping uses.

use std::collections::BTreeMap;

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{Literal, NamedNode, Quad, Term};
use rustc_hash::FxHashSet;
use smarty_extract::Span;
use xxhash_rust::xxh3::Xxh3;

use crate::iri;
use crate::vocab::*;

pub(super) struct Emitter<'a> {
    pub(super) name: &'a str,
    pub(super) version: String,
    pub(super) source: NamedNode,
    pub(super) activity: NamedNode,
    pub(super) sink: &'a mut dyn FnMut(Quad),
    pub(super) emitted: usize,
    /// Fingerprints of the triples already written: a triple read from several places is stored
    /// once, in the graph of its first source lines, because oxigraph's union default graph counts
    /// a triple once per graph that holds it. 128-bit hashes rather than the triples themselves
    /// keep this set small next to the store (an accidental collision is about as likely as
    /// 2^-100 for a guide of a million practices).
    pub(super) written: FxHashSet<u128>,
    /// (first line, last line, personal) → graph
    pub(super) graphs: BTreeMap<(u32, u32, bool), NamedNode>,
    /// Personal graph → the categories of personal data it holds.
    pub(super) categories: BTreeMap<NamedNode, Vec<oxrdf::NamedNodeRef<'static>>>,
}

/// A 128-bit fingerprint of a triple: its terms in N-Triples-like form, separated by bytes that
/// cannot occur in IRIs or in the kind tags.
fn fingerprint(s: &NamedNode, p: oxrdf::NamedNodeRef<'_>, o: &Term) -> u128 {
    let mut h = Xxh3::new();
    h.update(s.as_str().as_bytes());
    h.update(b"\0");
    h.update(p.as_str().as_bytes());
    h.update(b"\0");
    match o {
        Term::NamedNode(n) => {
            h.update(b"I");
            h.update(n.as_str().as_bytes());
        }
        Term::BlankNode(b) => {
            h.update(b"B");
            h.update(b.as_str().as_bytes());
        }
        Term::Literal(l) => {
            h.update(b"L");
            h.update(&(l.value().len() as u64).to_le_bytes());
            h.update(l.value().as_bytes());
            match l.language() {
                Some(lang) => {
                    h.update(b"@");
                    h.update(lang.as_bytes());
                }
                None => {
                    h.update(b"^");
                    h.update(l.datatype().as_str().as_bytes());
                }
            }
        }
        #[allow(unreachable_patterns)]
        _ => h.update(o.to_string().as_bytes()),
    }
    h.digest128()
}

/// The DPV personal-data category a person's property carries.
fn personal_category(p: oxrdf::NamedNodeRef<'_>) -> Option<oxrdf::NamedNodeRef<'static>> {
    if p == vcard::FN {
        Some(pd::NAME)
    } else if p == vcard::HAS_EMAIL || p == smarty::PRINTED_EMAIL {
        Some(pd::EMAIL_ADDRESS)
    } else if p == vcard::HAS_TELEPHONE {
        Some(pd::TELEPHONE_NUMBER)
    } else if p == vcard::TITLE {
        Some(pd::PROFESSIONAL_TITLE)
    } else if p == org::MEMBER_OF {
        Some(pd::EMPLOYER)
    } else if p == dcat::CONTACT_POINT || p == rdf::TYPE {
        // The person's (pseudonymous) identifier, tied to a practice or a class.
        Some(pd::IDENTIFIER)
    } else {
        None
    }
}

impl Emitter<'_> {
    fn graph(&mut self, span: Span, personal: bool) -> NamedNode {
        let key = (span.start, span.end, personal);
        let (name, version) = (self.name, self.version.clone());
        self.graphs
            .entry(key)
            .or_insert_with(|| iri::fact_graph(name, &version, span.start, span.end, personal))
            .clone()
    }

    fn emit(
        &mut self,
        span: Span,
        personal: bool,
        s: &NamedNode,
        p: oxrdf::NamedNodeRef<'_>,
        o: Term,
    ) {
        if !self.written.insert(fingerprint(s, p, &o)) {
            return;
        }
        let g = self.graph(span, personal);
        if personal {
            let categories = self.categories.entry(g.clone()).or_default();
            if let Some(c) = personal_category(p)
                && !categories.contains(&c)
            {
                categories.push(c);
            }
        }
        self.send(Quad::new(s.clone(), p, o, g));
    }

    pub(super) fn send(&mut self, quad: Quad) {
        self.emitted += 1;
        (self.sink)(quad);
    }

    pub(super) fn fact(
        &mut self,
        span: Span,
        s: &NamedNode,
        p: oxrdf::NamedNodeRef<'_>,
        o: impl Into<Term>,
    ) {
        self.emit(span, false, s, p, o.into());
    }

    pub(super) fn personal(
        &mut self,
        span: Span,
        s: &NamedNode,
        p: oxrdf::NamedNodeRef<'_>,
        o: impl Into<Term>,
    ) {
        self.emit(span, true, s, p, o.into());
    }
}

pub(super) fn en(text: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(text, "en")
}

pub(super) fn string(text: &str) -> Literal {
    Literal::new_simple_literal(text)
}

pub(super) fn decimal(value: impl ToString) -> Literal {
    Literal::new_typed_literal(value.to_string(), xsd::DECIMAL)
}

pub(super) fn boolean(value: bool) -> Literal {
    Literal::new_typed_literal(value.to_string(), xsd::BOOLEAN)
}

/// `xsd:gYear` or `xsd:gYearMonth` as the precision requires.
pub(super) fn partial_date(d: smarty_extract::PartialDate) -> Literal {
    let datatype = match (d.month, d.day) {
        (Some(_), Some(_)) => NamedNode::new_unchecked("http://www.w3.org/2001/XMLSchema#date"),
        (Some(_), None) => NamedNode::new_unchecked("http://www.w3.org/2001/XMLSchema#gYearMonth"),
        _ => NamedNode::new_unchecked("http://www.w3.org/2001/XMLSchema#gYear"),
    };
    Literal::new_typed_literal(d.to_string(), datatype)
}
