//! Every IRI smarty-kg mints, in one place. Instances live under [`ID_BASE`], named graphs under
//! [`GRAPH_BASE`]. Readable slugs for practices, organisations and themes; an opaque keyed hash for
//! persons, so no name or address ever appears in an IRI.

use hmac::{Hmac, KeyInit, Mac};
use oxrdf::NamedNode;
use sha2::{Digest, Sha256};

pub const ID_BASE: &str = "https://w3id.org/smarty-kg/id/";
pub const GRAPH_BASE: &str = "https://w3id.org/smarty-kg/graph/";

fn node(iri: String) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

pub fn practice(slug: &str) -> NamedNode {
    node(format!("{ID_BASE}practice/{slug}"))
}

/// A child of a practice: `…/practice/x/funding/1`, `…/practice/x/period`.
pub fn practice_child(slug: &str, path: &str) -> NamedNode {
    node(format!("{ID_BASE}practice/{slug}/{path}"))
}

pub fn organisation(id: &str) -> NamedNode {
    node(format!("{ID_BASE}org/{id}"))
}

pub fn theme(slug: &str) -> NamedNode {
    node(format!("{ID_BASE}theme/{slug}"))
}

pub fn guide(doc: &str) -> NamedNode {
    node(format!("{ID_BASE}guide/{doc}"))
}

pub fn theme_scheme(doc: &str) -> NamedNode {
    node(format!("{ID_BASE}guide/{doc}/themes"))
}

pub fn programme(slug: &str) -> NamedNode {
    node(format!("{ID_BASE}programme/{slug}"))
}

/// One version of a source text: `…/source/{doc}-{sha8}.txt`.
pub fn source(doc: &str, version: &str, extension: &str) -> NamedNode {
    node(format!("{ID_BASE}source/{doc}-{version}.{extension}"))
}

/// Lines `a..=b` (1-based) of a source, as an RFC 5147 fragment: positions between lines are
/// 0-based, so lines 220–223 are `#line=219,223`.
pub fn source_lines(source: &NamedNode, first: u32, last: u32) -> NamedNode {
    node(format!(
        "{}#line={},{}",
        source.as_str(),
        first.saturating_sub(1),
        last
    ))
}

pub fn extraction_activity(doc: &str, version: &str) -> NamedNode {
    node(format!("{ID_BASE}activity/extract/{doc}-{version}"))
}

pub fn software_agent() -> NamedNode {
    node(format!("{ID_BASE}agent/smarty-kg"))
}

pub fn nuts(code: &str) -> NamedNode {
    node(format!("{}{code}", crate::vocab::NUTS))
}

pub fn country(iso3: &str) -> NamedNode {
    node(format!("{}{iso3}", crate::vocab::COUNTRY))
}

/// The prefix shared by every graph of one document (all versions): re-ingesting replaces them.
pub fn document_graphs_prefix(doc: &str) -> String {
    format!("{GRAPH_BASE}doc/{doc}/")
}

/// Facts read from lines `a..=b` of one document version.
pub fn fact_graph(doc: &str, version: &str, first: u32, last: u32, personal: bool) -> NamedNode {
    let kind = if personal { "personal/" } else { "" };
    node(format!(
        "{}{version}/{kind}L{first}-{last}",
        document_graphs_prefix(doc)
    ))
}

/// Where the provenance of a document version's graphs is recorded.
pub fn provenance_graph(doc: &str, version: &str) -> NamedNode {
    node(format!(
        "{}{version}/provenance",
        document_graphs_prefix(doc)
    ))
}

/// Graphs of curated reference data, shared by all documents.
pub fn curated_graph(name: &str) -> NamedNode {
    node(format!("{GRAPH_BASE}curated/{name}"))
}

/// A graph for a user's RDF file.
pub fn file_graph(name: &str) -> NamedNode {
    node(format!("{GRAPH_BASE}file/{name}"))
}

/// The first eight hex digits of a SHA-256: the version part of source and graph IRIs.
pub fn version_of(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))[..8].to_owned()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The secret behind person IRIs. Person IRIs are an HMAC of the lower-cased e-mail address, so
/// whoever lacks the key cannot test a guessed address against published IRIs (an unsalted hash
/// of a guessable address would be reversible).
#[derive(Clone)]
pub struct PersonKey(Vec<u8>);

impl std::fmt::Debug for PersonKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PersonKey(…)")
    }
}

impl PersonKey {
    pub fn new(bytes: impl Into<Vec<u8>>) -> PersonKey {
        PersonKey(bytes.into())
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// `…/person/{32 hex digits}` for a person's identity key (see
    /// `smarty_extract::PersonRecord::key`: the lower-cased address, or `name:` and a folded name).
    pub fn person(&self, identity: &str) -> NamedNode {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0)
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
        mac.update(identity.to_lowercase().as_bytes());
        let digest = mac.finalize().into_bytes();
        node(format!("{ID_BASE}person/{}", &hex(&digest)[..32]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc5147_line_fragments() {
        let s = source("guide", "1234abcd", "txt");
        assert_eq!(
            source_lines(&s, 220, 223).as_str(),
            "https://w3id.org/smarty-kg/id/source/guide-1234abcd.txt#line=219,223"
        );
    }

    #[test]
    fn person_iris_are_keyed_and_case_blind() {
        let key = PersonKey::new(b"k1".to_vec());
        let a = key.person("Igor.kovac@ijs.si");
        assert_eq!(a, key.person("igor.kovac@ijs.si"));
        assert_ne!(
            a,
            PersonKey::new(b"k2".to_vec()).person("igor.kovac@ijs.si")
        );
        assert!(!a.as_str().contains("igor"));
        assert_eq!(a.as_str().len(), ID_BASE.len() + "person/".len() + 32);
    }
}
