//! What the shell knows of the store's contents: the names of things (for completion, for
//! `.describe NAME` and for named-query parameters) and the classes and properties in use (for
//! completing prefixed names). Built with two queries, refreshed after each write.

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
    /// A NUTS region.
    Region,
    Country,
}

impl NameKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NameKind::Practice => "practice",
            NameKind::Organisation => "organisation",
            NameKind::Person => "person",
            NameKind::Theme => "theme",
            NameKind::Region => "region",
            NameKind::Country => "country",
        }
    }

    /// The kind a parameter named like it denotes (`theme`, `region`, …), if any.
    pub fn named(name: &str) -> Option<NameKind> {
        [
            NameKind::Practice,
            NameKind::Organisation,
            NameKind::Person,
            NameKind::Theme,
            NameKind::Region,
            NameKind::Country,
        ]
        .into_iter()
        .find(|k| k.as_str() == name)
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
    /// Other ways to name a thing that only an exact match finds: a theme's number and the last
    /// segment of its IRI, a region's or a country's code. Kept out of completion.
    aliases: Vec<NamedThing>,
    /// Prefixed names (or `<iri>`s) of the classes and properties in use.
    pub vocabulary: Vec<String>,
}

/// `?alias` is true for the names only an exact match finds (codes and numbers).
const NAMES_QUERY: &str = "SELECT DISTINCT ?iri ?label ?kind ?alias WHERE {
  { ?iri a smarty:GoodPractice . { ?iri schema:name ?label } UNION { ?iri schema:alternateName ?label } BIND(1 AS ?kind) BIND(false AS ?alias) }
  UNION { ?iri a schema:Organization . { ?iri skos:prefLabel ?label } UNION { ?iri skos:altLabel ?label } BIND(2 AS ?kind) BIND(false AS ?alias) }
  UNION { ?iri a foaf:Person ; vcard:fn ?label . BIND(3 AS ?kind) BIND(false AS ?alias) }
  UNION { ?practice dcat:theme ?iri . { ?iri rdfs:label ?label BIND(false AS ?alias) } UNION { ?iri skos:notation ?label BIND(true AS ?alias) } BIND(4 AS ?kind) }
  UNION { { SELECT DISTINCT ?iri WHERE { ?x dcterms:spatial ?start . ?start skos:broader* ?iri . ?iri a skos:Concept } }
          { ?iri skos:prefLabel ?label BIND(false AS ?alias) } UNION { ?iri skos:altLabel ?label BIND(false AS ?alias) }
          UNION { ?iri skos:notation ?label BIND(true AS ?alias) } BIND(5 AS ?kind) }
  UNION { { SELECT DISTINCT ?iri WHERE { ?x dcterms:spatial ?iri . ?iri a dcterms:Location } }
          { ?iri rdfs:label ?label BIND(false AS ?alias) } UNION { ?iri skos:notation ?label BIND(true AS ?alias) } BIND(6 AS ?kind) }
}";

const VOCABULARY_QUERY: &str =
    "SELECT DISTINCT ?term WHERE { { ?s a ?term } UNION { ?s ?term ?o } }";

impl Names {
    pub fn load(kg: &KnowledgeGraph) -> Result<Names, StoreError> {
        let mut names = Names::load_things(kg)?;
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

    /// The names of things only, without the vocabulary (which reads every statement).
    pub fn load_things(kg: &dyn smarty_store::Answers) -> Result<Names, StoreError> {
        let mut names = Names::default();
        if let QueryOutcome::Solutions(table) = kg.answer(NAMES_QUERY, &QueryOptions::default())? {
            for row in table.rows {
                let (
                    Some(Term::NamedNode(iri)),
                    Some(Term::Literal(label)),
                    Some(Term::Literal(kind)),
                    Some(Term::Literal(alias)),
                ) = (
                    row[0].clone(),
                    row[1].clone(),
                    row[2].clone(),
                    row[3].clone(),
                )
                else {
                    continue;
                };
                let kind = match kind.value() {
                    "1" => NameKind::Practice,
                    "2" => NameKind::Organisation,
                    "3" => NameKind::Person,
                    "4" => NameKind::Theme,
                    "5" => NameKind::Region,
                    _ => NameKind::Country,
                };
                let thing = |label: &str| NamedThing {
                    folded: fold(label),
                    label: label.to_owned(),
                    iri: iri.clone(),
                    kind,
                };
                if alias.value() == "true" {
                    names.aliases.push(thing(label.value()));
                    if kind == NameKind::Theme {
                        let local = iri.as_str().rsplit('/').next().unwrap_or_default();
                        names.aliases.push(thing(local));
                    }
                } else {
                    names.things.push(thing(label.value()));
                }
            }
        }
        names.things.sort_by(|a, b| {
            (a.kind, &a.label, a.iri.as_str()).cmp(&(b.kind, &b.label, b.iri.as_str()))
        });
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
            aliases: Vec::new(),
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
        self.resolve_as(name, None)
    }

    /// The one thing of `kind` (any kind if `None`) a name denotes: `region=Prato` is the
    /// region, `organisation=Prato` the Comune di Prato. An exact name (or code, or a theme's
    /// number) first, else the only thing containing it.
    pub fn resolve_as(&self, name: &str, kind: Option<NameKind>) -> Result<&NamedThing, String> {
        let f = fold(name);
        let of_kind = |t: &&NamedThing| kind.is_none_or(|k| t.kind == k);
        let exact: Vec<&NamedThing> = self
            .things
            .iter()
            .chain(&self.aliases)
            .filter(|t| t.folded == f)
            .filter(of_kind)
            .collect();
        let candidates = if exact.is_empty() {
            let mut partial = self.matching(name);
            partial.retain(of_kind);
            partial
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
                "no {} is called '{name}'",
                kind.map_or(
                    "practice, organisation, person, theme, region or country",
                    |k| { k.as_str() }
                )
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

#[cfg(test)]
mod tests {
    use super::*;

    fn thing(label: &str, iri: &str, kind: NameKind) -> NamedThing {
        NamedThing {
            label: label.to_owned(),
            folded: fold(label),
            iri: NamedNode::new_unchecked(iri),
            kind,
        }
    }

    /// The IRI `name` resolves to for a parameter called `param`, or the error.
    fn check(param: &str, name: &str, expect: &str) {
        let names = Names {
            things: vec![
                thing("Comune di Prato", "org:prato", NameKind::Organisation),
                thing("Prato", "nuts:ITI15", NameKind::Region),
                thing("United Kingdom", "nuts:UK", NameKind::Region),
                thing("United Kingdom", "country:GBR", NameKind::Country),
                thing("Digital Innovation Hubs", "theme:dih", NameKind::Theme),
                thing(
                    "Centr@tec Programme 2nd edition",
                    "practice:c",
                    NameKind::Practice,
                ),
            ],
            aliases: vec![
                thing("2", "theme:dih", NameKind::Theme),
                thing("GBR", "country:GBR", NameKind::Country),
            ],
            vocabulary: Vec::new(),
        };
        let got = match names.resolve_as(name, NameKind::named(param)) {
            Ok(t) => t.iri.as_str().to_owned(),
            Err(e) => e,
        };
        assert_eq!(got, expect, "{param}={name}");
    }

    #[test]
    fn a_parameter_named_after_a_kind_finds_things_of_that_kind() {
        check("theme", "2", "theme:dih");
        check("theme", "digital innovation HUBS", "theme:dih");
        check("region", "Prato", "nuts:ITI15");
        check("organisation", "Prato", "org:prato");
        check("country", "united kingdom", "country:GBR");
        check("country", "GBR", "country:GBR");
        check("region", "United Kingdom", "nuts:UK");
        check("practice", "Prato", "no practice is called 'Prato'");
        // Codes and numbers are found only whole: "2" is no part of a name.
        check("fund", "2", "theme:dih");
        check("practice", "2nd edition", "practice:c");
        check(
            "fund",
            "United Kingdom",
            "'United Kingdom' could be: United Kingdom (region, <nuts:UK>); United Kingdom \
             (country, <country:GBR>)",
        );
    }
}
