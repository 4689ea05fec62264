//! One ingested guide → quads.
//!
//! Each fact goes into the named graph of the source lines it was read from
//! (`…/graph/doc/{doc}/{version}/L{a}-{b}`); facts about persons go into a parallel `personal/`
//! graph for the same lines. A provenance graph states, for every such graph, the source lines it
//! was derived from (RFC 5147 fragment), the extraction activity, and — for personal graphs — the
//! categories of personal data it holds. No blank nodes: grants, amounts and periods get child IRIs.

mod document;
mod emitter;
mod persons;
mod practice;
mod provenance;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use oxrdf::{NamedNode, Quad};
use rustc_hash::FxHashSet;
use smarty_extract::Extraction;
use smarty_reference::{Reference, ResolvedGuide};

use crate::iri::{self, PersonKey};
use crate::vocab::*;
use emitter::Emitter;
use practice::Context;

pub(crate) use document::organisation_types;

/// A guide ready to be mapped: its name, bytes (for the version hash) and what was read from it.
pub struct GuideInput<'a> {
    /// A slug naming the document across versions (the file stem: `smarty-good-practice-guide`).
    pub name: &'a str,
    /// The file as published: a text file, or a PDF the text was laid out from.
    pub bytes: &'a [u8],
    /// The text extracted from (the same as `bytes` for a text file).
    pub text: &'a str,
    pub extraction: &'a Extraction,
    pub resolved: &'a ResolvedGuide,
}

/// The quads of one document version and what its graphs are.
#[derive(Debug, Default)]
pub struct GuideQuads {
    pub quads: Vec<Quad>,
    pub version: String,
    pub sha256: String,
    /// Every graph written, including the provenance graph.
    pub graphs: Vec<NamedNode>,
    pub personal_graphs: Vec<NamedNode>,
}

/// What [`map_guide`] wrote, without the quads themselves.
#[derive(Debug, Clone, Default)]
pub struct GuideSummary {
    pub version: String,
    pub sha256: String,
    pub quads: usize,
    /// Graphs written, the provenance graph included.
    pub graphs: usize,
    pub personal_graphs: usize,
}

/// Maps a guide to quads, collected. See [`map_guide`] to stream them instead.
pub fn guide_quads(input: &GuideInput<'_>, reference: &Reference, key: &PersonKey) -> GuideQuads {
    let mut quads = Vec::new();
    let summary = map_guide(input, reference, key, &mut |q| quads.push(q));
    let mut graphs: Vec<NamedNode> = Vec::new();
    let mut personal_graphs: BTreeSet<NamedNode> = BTreeSet::new();
    let mut seen: HashSet<NamedNode> = HashSet::new();
    for q in &quads {
        if let oxrdf::GraphName::NamedNode(g) = &q.graph_name
            && seen.insert(g.clone())
        {
            graphs.push(g.clone());
        }
        if q.predicate.as_ref() == dpv::HAS_PERSONAL_DATA
            && let oxrdf::NamedOrBlankNode::NamedNode(g) = &q.subject
        {
            personal_graphs.insert(g.clone());
        }
    }
    GuideQuads {
        quads,
        version: summary.version,
        sha256: summary.sha256,
        graphs,
        personal_graphs: personal_graphs.into_iter().collect(),
    }
}

/// Maps a guide to quads, handing each to `sink` as it is made (a store can take them without
/// the whole guide's quads being held in memory). The provenance graph comes last.
pub fn map_guide(
    input: &GuideInput<'_>,
    reference: &Reference,
    key: &PersonKey,
    sink: &mut dyn FnMut(Quad),
) -> GuideSummary {
    let version = iri::version_of(input.bytes);
    let sha256 = iri::sha256_hex(input.bytes);
    let mut e = Emitter {
        name: input.name,
        source: iri::source(input.name, &version, "txt"),
        activity: iri::extraction_activity(input.name, &version),
        version: version.clone(),
        sink,
        emitted: 0,
        written: FxHashSet::default(),
        graphs: BTreeMap::new(),
        categories: BTreeMap::new(),
    };
    let x: &Extraction = input.extraction;
    let r: &ResolvedGuide = input.resolved;
    let guide = iri::guide(input.name);

    document::guide_facts(&mut e, x, r, &guide, reference);
    let theme_iris = document::themes(&mut e, x, input.name);
    let cx = Context {
        resolved: r,
        reference,
        key,
        guide: &guide,
        themes: &theme_iris,
    };
    for (p, rp) in x.practices.iter().zip(&r.practices) {
        practice::practice(&mut e, p, rp, &cx);
    }
    persons::persons(&mut e, x, r, key);
    // The set is no longer needed; free it before the provenance graph is written.
    e.written = FxHashSet::default();
    // A PDF's text is a document of its own, derived from the PDF.
    let text_sha256 = input
        .bytes
        .starts_with(b"%PDF-")
        .then(|| iri::sha256_hex(input.text.as_bytes()));
    provenance::provenance(e, &guide, version, sha256, text_sha256)
}
