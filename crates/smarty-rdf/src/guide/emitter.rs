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
    /// The same for the triples about the practice being mapped (its IRI and its children's):
    /// no other practice states them, so they are forgotten when the next practice starts and
    /// `written` only grows with what practices share (organisations, persons, places). At
    /// 100,000 practices that is a tenth of the triples, and the set of them all was 140 MB.
    pub(super) written_here: FxHashSet<u128>,
    /// The IRI of the practice being mapped, while it is.
    pub(super) practice: Option<String>,
    /// Every graph written, (first line, last line, personal), with the categories of personal
    /// data it holds (a bit per entry of [`CATEGORIES`]). Its IRI is made again when needed: a
    /// million of them, held as IRIs, took more memory than the set above.
    pub(super) graphs: BTreeMap<(u32, u32, bool), u8>,
    /// The graph of the last triple and its IRI: consecutive triples mostly share their lines.
    pub(super) last_graph: Option<((u32, u32, bool), NamedNode)>,
}

/// The categories of personal data a personal graph may hold, in the order its provenance
/// lists them.
pub(super) const CATEGORIES: [oxrdf::NamedNodeRef<'static>; 6] = [
    pd::IDENTIFIER,
    pd::NAME,
    pd::EMAIL_ADDRESS,
    pd::TELEPHONE_NUMBER,
    pd::PROFESSIONAL_TITLE,
    pd::EMPLOYER,
];

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

/// The DPV personal-data category a person's property carries, as its bit in [`CATEGORIES`].
fn personal_category(p: oxrdf::NamedNodeRef<'_>) -> u8 {
    let category = if p == vcard::FN {
        pd::NAME
    } else if p == vcard::HAS_EMAIL || p == smarty::PRINTED_EMAIL {
        pd::EMAIL_ADDRESS
    } else if p == vcard::HAS_TELEPHONE {
        pd::TELEPHONE_NUMBER
    } else if p == vcard::TITLE {
        pd::PROFESSIONAL_TITLE
    } else if p == org::MEMBER_OF {
        pd::EMPLOYER
    } else if p == dcat::CONTACT_POINT || p == rdf::TYPE {
        // The person's (pseudonymous) identifier, tied to a practice or a class.
        pd::IDENTIFIER
    } else {
        return 0;
    };
    CATEGORIES
        .iter()
        .position(|c| *c == category)
        .map_or(0, |i| 1 << i)
}

impl Emitter<'_> {
    /// From here on the triples about `practice` (and its children) are its own.
    pub(super) fn start_practice(&mut self, practice: &NamedNode) {
        self.written_here.clear();
        self.practice = Some(practice.as_str().to_owned());
    }

    /// The mapping of practices is over: the memory of what they wrote goes.
    pub(super) fn end_practices(&mut self) {
        self.written_here = FxHashSet::default();
        self.practice = None;
    }

    /// Whether `s` is the practice being mapped or one of its children.
    fn of_this_practice(&self, s: &NamedNode) -> bool {
        self.practice.as_deref().is_some_and(|practice| {
            s.as_str()
                .strip_prefix(practice)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    }

    /// Whether the triple is new, remembering it.
    fn first_time(&mut self, s: &NamedNode, p: oxrdf::NamedNodeRef<'_>, o: &Term) -> bool {
        let f = fingerprint(s, p, o);
        if self.of_this_practice(s) {
            !self.written.contains(&f) && self.written_here.insert(f)
        } else {
            self.written.insert(f)
        }
    }

    fn graph(&mut self, key: (u32, u32, bool)) -> NamedNode {
        match &self.last_graph {
            Some((last, g)) if *last == key => g.clone(),
            _ => {
                let (first, last, personal) = key;
                let g = iri::fact_graph(self.name, &self.version, first, last, personal);
                self.last_graph = Some((key, g.clone()));
                g
            }
        }
    }

    fn emit(
        &mut self,
        span: Span,
        personal: bool,
        s: &NamedNode,
        p: oxrdf::NamedNodeRef<'_>,
        o: Term,
    ) {
        if !self.first_time(s, p, &o) {
            return;
        }
        let key = (span.start, span.end, personal);
        let held = self.graphs.entry(key).or_insert(0);
        if personal {
            *held |= personal_category(p);
        }
        let g = self.graph(key);
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
