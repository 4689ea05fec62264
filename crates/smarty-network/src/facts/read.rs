//! Reading statements: the predicates each kind of node is read under, the statements about a
//! set of subjects (index seeks or predicate scans), and the small accessors over what was read.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashSet;
use smarty_store::{
    Collected, KnowledgeGraph, NamedNode, NamedOrBlankNode, Quad, QueryOptions, Term,
};

use crate::NetworkError;
use crate::names::best_label;

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

/// The predicates read by scanning, which link the records: with those each kind of record is
/// read under, every statement the facts are made of.
pub(crate) const LINK_PREDICATES: &[&str] = &[
    "rdf:type",
    "dcat:contactPoint",
    "dcat:theme",
    "dcterms:spatial",
    "org:memberOf",
    "schema:funder",
    "schema:funding",
    "schema:member",
    "smarty:mainInstitution",
    "smarty:contactOrganisation",
];

/// The classes whose members are read by type (`typed` in `load.rs`).
pub(crate) const TYPED_CLASSES: &[&str] = &["smarty:GoodPractice", "schema:Project"];

/// Whether the facts are made of the statement: its predicate is one they are read under, and
/// a type statement types a member of a class they read by type.
pub(crate) fn fact_statement() -> impl Fn(&Quad) -> bool + Send + Sync + 'static {
    let predicates: FxHashSet<String> = [
        LINK_PREDICATES,
        PRACTICE_PREDICATES,
        THEME_PREDICATES,
        PLACE_PREDICATES,
        PERSON_PREDICATES,
        ORGANISATION_PREDICATES,
    ]
    .concat()
    .iter()
    .map(|p| ns_pred(p))
    .collect();
    let rdf_type = ns_pred("rdf:type");
    let classes: FxHashSet<String> = TYPED_CLASSES.iter().map(|c| ns_pred(c)).collect();
    move |quad: &Quad| {
        let predicate = quad.predicate.as_str();
        predicates.contains(predicate)
            && (predicate != rdf_type
                || matches!(&quad.object, Term::NamedNode(c) if classes.contains(c.as_str())))
    }
}

/// Where facts are read from, and the options every read runs under (timeout, Ctrl-C).
#[derive(Clone, Copy)]
pub(crate) struct Source<'a>(pub &'a dyn Statements, pub &'a QueryOptions);

/// The three readings the facts are made of: the store's indexes, or the statements a write
/// into an empty store handed over ([`smarty_store::Written::Everything`]). Both see each
/// statement once, whatever graphs hold it.
pub(crate) trait Statements: Sync {
    /// `(subject, object)` of every statement with the predicate whose subject is an IRI.
    fn subjects_and_objects(&self, predicate: &str)
    -> Result<Vec<(NamedNode, Term)>, NetworkError>;
    /// The IRI subjects of `?s predicate object`.
    fn subjects_with(&self, predicate: &str, object: &str) -> Result<Vec<NamedNode>, NetworkError>;
    /// `(predicate, object)` of every statement about the subject.
    fn statements_about(&self, subject: &str) -> Result<Vec<(NamedNode, Term)>, NetworkError>;
    /// Below how many subjects reading each one's statements beats scanning the predicates.
    fn seeks_before_scanning(&self) -> usize;
    /// [`Statements::subjects_and_objects`] of the subjects only.
    fn subjects_and_objects_among(
        &self,
        predicate: &str,
        subjects: &FxHashSet<&str>,
    ) -> Result<Vec<(NamedNode, Term)>, NetworkError> {
        let mut found = self.subjects_and_objects(predicate)?;
        found.retain(|(s, _)| subjects.contains(s.as_str()));
        Ok(found)
    }
}

impl Statements for KnowledgeGraph {
    fn subjects_and_objects(
        &self,
        predicate: &str,
    ) -> Result<Vec<(NamedNode, Term)>, NetworkError> {
        Ok(KnowledgeGraph::subjects_and_objects(
            self,
            iri_node(predicate).as_ref(),
        )?)
    }
    fn subjects_with(&self, predicate: &str, object: &str) -> Result<Vec<NamedNode>, NetworkError> {
        Ok(KnowledgeGraph::subjects_with(
            self,
            iri_node(predicate).as_ref(),
            iri_node(object).as_ref(),
        )?)
    }
    fn statements_about(&self, subject: &str) -> Result<Vec<(NamedNode, Term)>, NetworkError> {
        Ok(KnowledgeGraph::statements_about(
            self,
            iri_node(subject).as_ref(),
        )?)
    }
    fn seeks_before_scanning(&self) -> usize {
        SEEKS_BEFORE_SCANNING
    }
}

impl Statements for Collected {
    fn subjects_and_objects(
        &self,
        predicate: &str,
    ) -> Result<Vec<(NamedNode, Term)>, NetworkError> {
        Ok(self
            .with_predicate(predicate)
            .filter_map(|(s, o)| match s {
                NamedOrBlankNode::NamedNode(s) => Some((s.clone(), o.clone())),
                NamedOrBlankNode::BlankNode(_) => None,
            })
            .collect())
    }
    fn subjects_with(&self, predicate: &str, object: &str) -> Result<Vec<NamedNode>, NetworkError> {
        Ok(self
            .with_predicate(predicate)
            .filter_map(|(s, o)| match (s, o) {
                (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) if o.as_str() == object => {
                    Some(s.clone())
                }
                _ => None,
            })
            .collect())
    }
    fn statements_about(&self, subject: &str) -> Result<Vec<(NamedNode, Term)>, NetworkError> {
        Ok(self
            .about(subject)
            .map(|(p, o)| (iri_node(p), o.clone()))
            .collect())
    }
    fn seeks_before_scanning(&self) -> usize {
        // Statements about one subject are found by going through them all: a scan of the
        // predicates wanted is never slower.
        0
    }
    fn subjects_and_objects_among(
        &self,
        predicate: &str,
        subjects: &FxHashSet<&str>,
    ) -> Result<Vec<(NamedNode, Term)>, NetworkError> {
        // Cloned only when wanted: most statements are about other subjects.
        Ok(self
            .with_predicate(predicate)
            .filter_map(|(s, o)| match s {
                NamedOrBlankNode::NamedNode(s) if subjects.contains(s.as_str()) => {
                    Some((s.clone(), o.clone()))
                }
                _ => None,
            })
            .collect())
    }
}

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
    if subjects.len() < kg.0.seeks_before_scanning() {
        for subject in subjects {
            for (p, o) in kg.0.statements_about(subject)? {
                if predicates.contains(p.as_str()) {
                    add(subject.clone(), p.into_string(), &o);
                }
            }
        }
    } else {
        // One scan per predicate, on every core: decoding the terms read is the cost, and the
        // scans are independent. Membership by hashing: a sorted set compares long IRIs with
        // long common prefixes a score of times per statement.
        let subjects: FxHashSet<&str> = subjects.iter().map(String::as_str).collect();
        let scanned: Vec<Vec<(NamedNode, Term)>> = predicates
            .par_iter()
            .map(|predicate| kg.0.subjects_and_objects_among(predicate, &subjects))
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
