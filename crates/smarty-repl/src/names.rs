//! What the shell knows of the store's contents: the names of things (for completion and for
//! `.describe NAME`) and the classes and properties in use (for completing prefixed names).
//! Built with two queries, refreshed after each write.

// The extractor's folding is the project's one definition of "the same name".
use smarty_extract::text::fold;
use smarty_store::{KnowledgeGraph, NamedNode, QueryOptions, QueryOutcome, StoreError, Term};

use crate::render::term as show;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameKind {
    Practice,
    Organisation,
    Person,
    Theme,
}

impl NameKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NameKind::Practice => "practice",
            NameKind::Organisation => "organisation",
            NameKind::Person => "person",
            NameKind::Theme => "theme",
        }
    }
}

#[derive(Debug, Clone)]
pub struct NamedThing {
    pub label: String,
    folded: String,
    pub iri: NamedNode,
    pub kind: NameKind,
}

impl NamedThing {
    /// How the thing is written in a query: a prefixed name when possible, else `<iri>`.
    pub fn reference(&self) -> String {
        show(&Term::NamedNode(self.iri.clone()))
    }
}

#[derive(Debug, Clone, Default)]
pub struct Names {
    things: Vec<NamedThing>,
    /// Prefixed names (or `<iri>`s) of the classes and properties in use.
    pub vocabulary: Vec<String>,
}

const NAMES_QUERY: &str = "SELECT DISTINCT ?iri ?label ?kind WHERE {
  { ?iri a smarty:GoodPractice . { ?iri schema:name ?label } UNION { ?iri schema:alternateName ?label } BIND(1 AS ?kind) }
  UNION { ?iri a schema:Organization . { ?iri skos:prefLabel ?label } UNION { ?iri skos:altLabel ?label } BIND(2 AS ?kind) }
  UNION { ?iri a foaf:Person ; vcard:fn ?label . BIND(3 AS ?kind) }
  UNION { ?practice dcat:theme ?iri . ?iri rdfs:label ?label . BIND(4 AS ?kind) }
}";

const VOCABULARY_QUERY: &str =
    "SELECT DISTINCT ?term WHERE { { ?s a ?term } UNION { ?s ?term ?o } }";

impl Names {
    pub fn load(kg: &KnowledgeGraph) -> Result<Names, StoreError> {
        let mut names = Names::default();
        if let QueryOutcome::Solutions(table) = kg.query(NAMES_QUERY, &QueryOptions::default())? {
            for row in table.rows {
                let (
                    Some(Term::NamedNode(iri)),
                    Some(Term::Literal(label)),
                    Some(Term::Literal(kind)),
                ) = (row[0].clone(), row[1].clone(), row[2].clone())
                else {
                    continue;
                };
                let kind = match kind.value() {
                    "1" => NameKind::Practice,
                    "2" => NameKind::Organisation,
                    "3" => NameKind::Person,
                    _ => NameKind::Theme,
                };
                names.things.push(NamedThing {
                    folded: fold(label.value()),
                    label: label.value().to_owned(),
                    iri,
                    kind,
                });
            }
        }
        names.things.sort_by(|a, b| {
            (a.kind, &a.label, a.iri.as_str()).cmp(&(b.kind, &b.label, b.iri.as_str()))
        });
        if let QueryOutcome::Solutions(table) =
            kg.query(VOCABULARY_QUERY, &QueryOptions::default())?
        {
            names.vocabulary = table
                .rows
                .iter()
                .filter_map(|r| r[0].as_ref())
                .filter(|t| matches!(t, Term::NamedNode(_)))
                .map(show)
                .collect();
            names.vocabulary.sort();
            names.vocabulary.dedup();
        }
        Ok(names)
    }

    /// An index of given things (all practices), for tests.
    pub fn from_things(things: Vec<(&str, &str)>) -> Names {
        Names {
            things: things
                .into_iter()
                .map(|(label, iri)| NamedThing {
                    label: label.to_owned(),
                    folded: fold(label),
                    iri: NamedNode::new_unchecked(iri),
                    kind: NameKind::Practice,
                })
                .collect(),
            vocabulary: Vec::new(),
        }
    }

    pub fn all(&self) -> impl Iterator<Item = &NamedThing> {
        self.things.iter()
    }

    /// Things whose name contains the fragment (case and accents ignored), best matches first.
    pub fn matching(&self, fragment: &str) -> Vec<&NamedThing> {
        let f = fold(fragment);
        if f.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<(&NamedThing, bool)> = self
            .things
            .iter()
            .filter(|t| t.folded.contains(&f))
            .map(|t| (t, t.folded.starts_with(&f)))
            .collect();
        found.sort_by_key(|(t, prefix)| (!prefix, t.kind, t.label.len()));
        let mut seen = std::collections::HashSet::new();
        found
            .into_iter()
            .map(|(t, _)| t)
            .filter(|t| seen.insert(t.iri.as_str().to_owned()))
            .collect()
    }

    /// The one thing a name denotes: an exact name first, else the only thing containing it.
    pub fn resolve(&self, name: &str) -> Result<&NamedThing, String> {
        let f = fold(name);
        let exact: Vec<&NamedThing> = self.things.iter().filter(|t| t.folded == f).collect();
        let candidates = if exact.is_empty() {
            self.matching(name)
        } else {
            exact
        };
        let mut distinct: Vec<&NamedThing> = Vec::new();
        for c in candidates {
            if !distinct.iter().any(|d| d.iri == c.iri) {
                distinct.push(c);
            }
        }
        match distinct.as_slice() {
            [one] => Ok(one),
            [] => Err(format!(
                "no practice, organisation, person or theme is called '{name}'"
            )),
            many => Err(format!(
                "'{name}' could be: {}",
                many.iter()
                    .take(8)
                    .map(|t| format!("{} ({}, {})", t.label, t.kind.as_str(), t.reference()))
                    .collect::<Vec<_>>()
                    .join("; ")
            )),
        }
    }
}
