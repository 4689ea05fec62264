//! `.why`: the source lines each fact about a thing came from.
//!
//! Every fact sits in a named graph whose provenance says `prov:wasDerivedFrom
//! <…/source/{doc}-{version}.txt#line=a,b>` (RFC 5147: 0-based positions between lines). The store
//! keeps a copy of each ingested text, so the lines can be printed with their numbers.

use std::collections::BTreeMap;
use std::io::Write;

use smarty_extract::text::shorten;
use smarty_store::{KnowledgeGraph, NamedNode, QueryOptions, QueryOutcome, Term};

use crate::error::ReplError;
use crate::render;

const FACTS: &str = "SELECT ?g ?p ?o ?source ?label WHERE {
  GRAPH ?g { ?s ?p ?o }
  OPTIONAL { ?g prov:wasDerivedFrom ?source OPTIONAL { ?source rdfs:label ?label } }
} ORDER BY ?g ?p ?o";

/// Where a graph's facts came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Origin {
    /// Lines `first..=last` (1-based) of an ingested text.
    Lines {
        file: String,
        first: usize,
        last: usize,
    },
    /// A curated data file or another source without line numbers.
    File(String),
    Unknown(String),
}

/// `…/source/smarty-good-practice-guide-77f3f761.txt#line=165,166` → file and 1-based lines.
fn parse_source(iri: &str) -> Option<(String, usize, usize)> {
    let (base, fragment) = iri.split_once("#line=")?;
    let file = base.rsplit('/').next()?.to_owned();
    let (a, b) = fragment.split_once(',')?;
    let (a, b): (usize, usize) = (a.parse().ok()?, b.parse().ok()?);
    Some((file, a + 1, b))
}

pub fn why(
    kg: &KnowledgeGraph,
    iri: &NamedNode,
    prefixes: &[(String, String)],
    out: &mut dyn Write,
) -> Result<(), ReplError> {
    let options = QueryOptions {
        parameters: vec![("s".to_owned(), Term::NamedNode(iri.clone()))],
        prefixes: prefixes.to_vec(),
        ..QueryOptions::default()
    };
    let QueryOutcome::Solutions(table) = kg.query(FACTS, &options)? else {
        return Ok(());
    };
    let mut by_origin: BTreeMap<Origin, Vec<(String, String)>> = BTreeMap::new();
    for row in &table.rows {
        let (Some(g), Some(p), Some(o)) = (&row[0], &row[1], &row[2]) else {
            continue;
        };
        let origin = match (&row[3], &row[4]) {
            (Some(Term::NamedNode(src)), _) if parse_source(src.as_str()).is_some() => {
                let (file, first, last) = parse_source(src.as_str()).unwrap_or_default();
                Origin::Lines { file, first, last }
            }
            (Some(_), Some(Term::Literal(label))) => Origin::File(label.value().to_owned()),
            (Some(src), None) => Origin::File(render::term(src)),
            _ => Origin::Unknown(render::term(g)),
        };
        by_origin
            .entry(origin)
            .or_default()
            .push((render::term(p), shorten(&render::term(o), 80)));
    }
    if by_origin.is_empty() {
        writeln!(
            out,
            "no statements about {}",
            render::term(&Term::NamedNode(iri.clone()))
        )?;
        return Ok(());
    }
    for (origin, facts) in &by_origin {
        match origin {
            Origin::Lines { file, first, last } => {
                let lines = if first == last {
                    format!("line {first}")
                } else {
                    format!("lines {first}–{last}")
                };
                writeln!(out, "{file}, {lines}:")?;
                for (p, o) in facts {
                    writeln!(out, "    {p} {o}")?;
                }
                match kg.source_text(file) {
                    Some(text) => {
                        for (i, line) in text
                            .lines()
                            .enumerate()
                            .skip(first - 1)
                            .take(last + 1 - first)
                        {
                            writeln!(out, "  {:>5} | {}", i + 1, shorten(line, 100))?;
                        }
                    }
                    None => writeln!(out, "        (the text of {file} is not in this store)")?,
                }
            }
            Origin::File(name) => {
                writeln!(out, "curated, from {name}:")?;
                for (p, o) in facts {
                    writeln!(out, "    {p} {o}")?;
                }
            }
            Origin::Unknown(graph) => {
                writeln!(out, "graph {graph} (no recorded source):")?;
                for (p, o) in facts {
                    writeln!(out, "    {p} {o}")?;
                }
            }
        }
    }
    Ok(())
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
