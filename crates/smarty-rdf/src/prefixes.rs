//! Which predeclared prefixes a document uses, and the prefixed name of an IRI — one rule for
//! every syntax that abbreviates (Turtle, TriG, RDF/XML namespaces, the JSON-LD `@context`), so
//! a document declares exactly the prefixes it writes, in prefix order.

use oxrdf::{NamedOrBlankNodeRef, QuadRef, TermRef, TripleRef, vocab::rdf, vocab::xsd};

use crate::vocab::PREFIXES;

/// The predeclared prefix an IRI is written with, and its local part: the longest namespace
/// whose local part Turtle can write (every character a name character or one it may escape;
/// not starting with `//`, which JSON-LD would read as an absolute IRI).
pub fn prefixed(iri: &str) -> Option<(usize, &str)> {
    PREFIXES
        .iter()
        .enumerate()
        .filter(|(_, (_, ns))| iri.starts_with(ns))
        .filter(|(_, (_, ns))| local_part_ok(&iri[ns.len()..]))
        .max_by_key(|(_, (_, ns))| ns.len())
        .map(|(i, (_, ns))| (i, &iri[ns.len()..]))
}

/// `prefix:local`, or `None` for an IRI no predeclared prefix abbreviates.
pub fn compact_iri(iri: &str) -> Option<String> {
    prefixed(iri).map(|(i, local)| format!("{}:{local}", PREFIXES[i].0))
}

fn local_part_ok(local: &str) -> bool {
    !local.starts_with("//")
        && local.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(
                    c,
                    '_' | '-'
                        | ':'
                        | '~'
                        | '.'
                        | '!'
                        | '$'
                        | '&'
                        | '\''
                        | '('
                        | ')'
                        | '*'
                        | '+'
                        | ','
                        | ';'
                        | '='
                        | '/'
                        | '?'
                        | '#'
                        | '@'
                        | '%'
                )
        })
}

/// The set of predeclared prefixes a stream of statements uses, as the serialisers write them:
/// `rdf:type` as a predicate is `a`, and plain strings, integers, decimals, doubles and booleans
/// are written without their datatype.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PrefixUse(u64);

// One bit per predeclared prefix.
const _: () = assert!(PREFIXES.len() <= 64);

impl PrefixUse {
    pub fn note_iri(&mut self, iri: &str) {
        if let Some((i, _)) = prefixed(iri) {
            self.0 |= 1 << i;
        }
    }

    pub fn note_quad(&mut self, quad: QuadRef<'_>) {
        self.note_triple(quad.into());
        if let oxrdf::GraphNameRef::NamedNode(g) = quad.graph_name {
            self.note_iri(g.as_str());
        }
    }

    pub fn note_triple(&mut self, triple: TripleRef<'_>) {
        if let NamedOrBlankNodeRef::NamedNode(s) = triple.subject {
            self.note_iri(s.as_str());
        }
        if triple.predicate != rdf::TYPE {
            self.note_iri(triple.predicate.as_str());
        }
        self.note_object(triple.object);
    }

    fn note_object(&mut self, object: TermRef<'_>) {
        match object {
            TermRef::NamedNode(o) => self.note_iri(o.as_str()),
            TermRef::Literal(l) => {
                let datatype = l.datatype();
                let bare = [
                    xsd::STRING,
                    rdf::LANG_STRING,
                    xsd::INTEGER,
                    xsd::DECIMAL,
                    xsd::DOUBLE,
                    xsd::BOOLEAN,
                ];
                if !bare.contains(&datatype) {
                    self.note_iri(datatype.as_str());
                }
            }
            _ => {}
        }
    }

    /// Whether the prefix at `index` in [`PREFIXES`] is used.
    pub fn has(self, index: usize) -> bool {
        index < 64 && self.0 & (1 << index) != 0
    }

    pub fn merge(&mut self, other: PrefixUse) {
        self.0 |= other.0;
    }

    /// The prefixes used, sorted by prefix name.
    pub fn used(self) -> Vec<(&'static str, &'static str)> {
        let mut used: Vec<_> = PREFIXES
            .iter()
            .enumerate()
            .filter(|(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, p)| *p)
            .collect();
        used.sort_unstable();
        used
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(iri: &str, expect: Option<&str>) {
        assert_eq!(compact_iri(iri).as_deref(), expect, "{iri}");
    }

    #[test]
    fn the_longest_namespace_that_can_write_the_local_part() {
        check(
            "https://w3id.org/smarty-kg/id/practice/access-innovation",
            Some("practice:access-innovation"),
        );
        check(
            "https://w3id.org/smarty-kg/id/document/guide",
            Some("id:document/guide"),
        );
        check("http://schema.org/", Some("schema:"));
        check("http://schema.org///x", None);
        check("http://schema.org/a b", None);
        check("https://example.org/x", None);
    }

    #[test]
    fn used_prefixes_come_sorted_and_type_is_a() {
        let mut used = PrefixUse::default();
        let s = oxrdf::NamedNodeRef::new_unchecked("http://schema.org/x");
        let class =
            oxrdf::NamedNodeRef::new_unchecked("http://www.w3.org/2004/02/skos/core#Concept");
        used.note_quad(QuadRef::new(
            s,
            rdf::TYPE,
            class,
            oxrdf::GraphNameRef::DefaultGraph,
        ));
        let year = oxrdf::LiteralRef::new_typed_literal("2020", xsd::G_YEAR);
        used.note_quad(QuadRef::new(s, s, year, oxrdf::GraphNameRef::DefaultGraph));
        let names: Vec<&str> = used.used().iter().map(|(p, _)| *p).collect();
        assert_eq!(names, ["schema", "skos", "xsd"]);
    }
}
