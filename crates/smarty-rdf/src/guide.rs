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

/// What names the document version a guide was read from: hashes of the file's bytes and, for
/// a PDF, of the text laid out from it (the text whose lines the graphs cite). Taken before the
/// guide is mapped, so that neither the bytes nor the text need to be held while it is.
#[derive(Debug, Clone)]
pub struct SourceHashes {
    /// A short hash of the bytes: the version in every graph IRI.
    pub version: String,
    pub sha256: String,
    /// The text's own SHA-256, for a guide read from a PDF.
    pub text_sha256: Option<String>,
}

impl SourceHashes {
    /// `bytes` is the file as published (a text file, or a PDF), `text` what was read from it.
    pub fn of(bytes: &[u8], text: &str) -> SourceHashes {
        SourceHashes {
            version: iri::version_of(bytes),
            sha256: iri::sha256_hex(bytes),
            text_sha256: bytes
                .starts_with(b"%PDF-")
                .then(|| iri::sha256_hex(text.as_bytes())),
        }
    }
}

/// A guide ready to be mapped: its name, the hashes of its source and what was read from it.
/// The extraction and its resolution are owned: the mapping drops each practice's records as
/// soon as they are mapped, so that a store filling up in memory can reuse their memory (the
/// extraction of a 100,000-practice guide is about 1 GiB).
pub struct GuideInput<'a> {
    /// A slug naming the document across versions (the file stem: `smarty-good-practice-guide`).
    pub name: &'a str,
    pub source: SourceHashes,
    pub extraction: Extraction,
    pub resolved: ResolvedGuide,
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
pub fn guide_quads(input: GuideInput<'_>, reference: &Reference, key: &PersonKey) -> GuideQuads {
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
    input: GuideInput<'_>,
    reference: &Reference,
    key: &PersonKey,
    sink: &mut dyn FnMut(Quad),
) -> GuideSummary {
    let GuideInput {
        name,
        source,
        extraction: mut x,
        resolved: mut r,
    } = input;
    let SourceHashes {
        version,
        sha256,
        text_sha256,
    } = source;
    let mut e = Emitter {
        name,
        source: iri::source(name, &version, "txt"),
        activity: iri::extraction_activity(name, &version),
        version: version.clone(),
        sink,
        emitted: 0,
        written: FxHashSet::default(),
        written_here: FxHashSet::default(),
        practice: None,
        graphs: BTreeMap::new(),
        last_graph: None,
    };
    let guide = iri::guide(name);

    document::guide_facts(&mut e, &x, &r, &guide, reference);
    let theme_iris = document::themes(&mut e, &x, name);
    let practices = std::mem::take(&mut x.practices);
    let resolved_practices = std::mem::take(&mut r.practices);
    drop(x);
    let cx = Context {
        resolved: &r,
        reference,
        key,
        guide: &guide,
        themes: &theme_iris,
    };
    // Each practice with its persons, then dropped. A person's statements go to the graph of the
    // first contact block that names them, as they would if all persons came after all practices.
    for (p, rp) in practices.into_iter().zip(resolved_practices) {
        e.start_practice(&iri::practice(&rp.slug));
        practice::practice(&mut e, &p, &rp, &cx);
        persons::persons(&mut e, &p, &rp, key);
    }
    e.end_practices();
    // Neither the set nor the rest of the resolution is needed for the provenance graph.
    e.written = FxHashSet::default();
    drop(r);
    provenance::provenance(e, &guide, version, sha256, text_sha256)
}
