//! Where the facts about a thing came from: each statement's named graph, the source its
//! provenance names (`prov:wasDerivedFrom <…/source/{doc}-{version}.txt#line=a,b>`, RFC 5147:
//! 0-based positions between lines) and the lines of the stored text. The shell's `.why` and the
//! web workbench's practice pages both read it here, so they cite the same lines.

use std::collections::BTreeMap;

use crate::{KnowledgeGraph, NamedNode, QueryOptions, QueryOutcome, StoreError, Term};

const FACTS: &str = "SELECT ?g ?p ?o ?source ?label WHERE {
  GRAPH ?g { ?s ?p ?o }
  OPTIONAL { ?g prov:wasDerivedFrom ?source OPTIONAL { ?source rdfs:label ?label } }
} ORDER BY ?g ?p ?o";

/// Where a graph's facts came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// Lines `first..=last` (1-based) of an ingested text.
    Lines {
        file: String,
        first: usize,
        last: usize,
    },
    /// A curated data file or another source without line numbers: its label, else its IRI
    /// (a prefixed name where a known prefix fits).
    File(String),
    /// A graph with no recorded source: the graph's name.
    Unknown(String),
}

/// The facts (predicate, object) about a thing that share one origin.
#[derive(Debug, Clone, PartialEq)]
pub struct Sourced {
    pub origin: Origin,
    pub facts: Vec<(NamedNode, Term)>,
}

/// `…/source/smarty-good-practice-guide-77f3f761.txt#line=165,166` → file and 1-based lines.
pub fn parse_source(iri: &str) -> Option<(String, usize, usize)> {
    let (base, fragment) = iri.split_once("#line=")?;
    let file = base.rsplit('/').next()?.to_owned();
    let (a, b) = fragment.split_once(',')?;
    let (a, b): (usize, usize) = (a.parse().ok()?, b.parse().ok()?);
    Some((file, a + 1, b))
}

/// A source or graph as people read it: `prefix:local`, else `<iri>`.
fn name(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => {
            smarty_rdf::vocab::compact(n.as_str()).unwrap_or_else(|| format!("<{}>", n.as_str()))
        }
        other => other.to_string(),
    }
}

impl KnowledgeGraph {
    /// The statements about `iri`, grouped by origin (sorted: ingested lines first, by file and
    /// line). Empty when nothing is known about it.
    pub fn provenance(
        &self,
        iri: &NamedNode,
        options: &QueryOptions,
    ) -> Result<Vec<Sourced>, StoreError> {
        let options = QueryOptions {
            parameters: vec![("s".to_owned(), Term::NamedNode(iri.clone()))],
            ..options.clone()
        };
        let QueryOutcome::Solutions(table) = self.query(FACTS, &options)? else {
            return Ok(Vec::new());
        };
        let mut by_origin: BTreeMap<Origin, Vec<(NamedNode, Term)>> = BTreeMap::new();
        for row in table.rows {
            let mut row = row.into_iter();
            let (Some(Some(g)), Some(Some(Term::NamedNode(p))), Some(Some(o))) =
                (row.next(), row.next(), row.next())
            else {
                continue;
            };
            let origin = match (row.next().flatten(), row.next().flatten()) {
                (Some(Term::NamedNode(src)), _) if parse_source(src.as_str()).is_some() => {
                    let (file, first, last) = parse_source(src.as_str()).unwrap_or_default();
                    Origin::Lines { file, first, last }
                }
                (Some(_), Some(Term::Literal(label))) => Origin::File(label.value().to_owned()),
                (Some(src), _) => Origin::File(name(&src)),
                (None, _) => Origin::Unknown(name(&g)),
            };
            by_origin.entry(origin).or_default().push((p, o));
        }
        Ok(by_origin
            .into_iter()
            .map(|(origin, facts)| Sourced { origin, facts })
            .collect())
    }

    /// Lines `first..=last` (1-based) of a stored text, numbered; `None` when the text is not in
    /// this store (a store loaded from an export, or an in-memory public view).
    pub fn source_lines(
        &self,
        file: &str,
        first: usize,
        last: usize,
    ) -> Option<Vec<(usize, String)>> {
        let text = self.source_text(file)?;
        Some(
            text.lines()
                .enumerate()
                .skip(first.saturating_sub(1))
                .take((last + 1).saturating_sub(first))
                .map(|(i, line)| (i + 1, line.to_owned()))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::parse_source;

    #[test]
    fn rfc5147_fragments_give_one_based_lines() {
        assert_eq!(
            parse_source("https://w3id.org/smarty-kg/id/source/g-1234abcd.txt#line=165,166"),
            Some(("g-1234abcd.txt".to_owned(), 166, 166))
        );
        assert_eq!(
            parse_source("https://w3id.org/smarty-kg/id/source/organisations-1.toml"),
            None
        );
    }
}
