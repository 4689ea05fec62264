//! `.why`: the source lines each fact about a thing came from.
//!
//! Every fact sits in a named graph whose provenance says `prov:wasDerivedFrom
//! <…/source/{doc}-{version}.txt#line=a,b>` (RFC 5147: 0-based positions between lines). The store
//! keeps a copy of each ingested text, so the lines can be printed with their numbers.

use std::io::Write;

use smarty_extract::text::shorten;
use smarty_store::{KnowledgeGraph, NamedNode, Origin, QueryOptions, Term};

use crate::error::ReplError;
use crate::render;

pub fn why(
    kg: &KnowledgeGraph,
    iri: &NamedNode,
    prefixes: &[(String, String)],
    out: &mut dyn Write,
) -> Result<(), ReplError> {
    let options = QueryOptions {
        prefixes: prefixes.to_vec(),
        ..QueryOptions::default()
    };
    let sourced = kg.provenance(iri, &options)?;
    if sourced.is_empty() {
        writeln!(
            out,
            "no statements about {}",
            render::term(&Term::NamedNode(iri.clone()))
        )?;
        return Ok(());
    }
    for group in &sourced {
        let heading = match &group.origin {
            Origin::Lines { file, first, last } if first == last => {
                format!("{file}, line {first}:")
            }
            Origin::Lines { file, first, last } => format!("{file}, lines {first}–{last}:"),
            Origin::File(name) => format!("curated, from {name}:"),
            Origin::Unknown(graph) => format!("graph {graph} (no recorded source):"),
        };
        writeln!(out, "{heading}")?;
        for (p, o) in &group.facts {
            let p = render::term(&Term::NamedNode(p.clone()));
            writeln!(out, "    {p} {}", shorten(&render::term(o), 80))?;
        }
        if let Origin::Lines { file, first, last } = &group.origin {
            match kg.source_lines(file, *first, *last) {
                Some(lines) => {
                    for (number, line) in lines {
                        writeln!(out, "  {number:>5} | {}", shorten(&line, 100))?;
                    }
                }
                None => writeln!(out, "        (the text of {file} is not in this store)")?,
            }
        }
    }
    Ok(())
}
