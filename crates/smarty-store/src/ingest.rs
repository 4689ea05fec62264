//! Ingesting a guide: extract, resolve, map, and write in one transaction.
//!
//! The transaction removes every graph of the document (any earlier version), the curated graphs
//! and the ontology graph, then writes them anew. A crash or error before the commit leaves the
//! store exactly as it was; after the commit the store is flushed, so an acknowledged ingest
//! survives a crash of the machine too.

use std::collections::BTreeSet;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, Term};
use smarty_extract::{Diagnostic, Extraction};
use smarty_rdf::{GuideInput, iri, vocab};
use smarty_reference::{Reference, ResolutionNote, ResolvedGuide};

use crate::{KnowledgeGraph, StoreError};

/// A guide to ingest: a name for the document (stable across versions) and its text.
pub struct GuideDocument<'a> {
    /// The document's name, usually the file stem; made into a slug.
    pub name: &'a str,
    pub text: &'a str,
    /// The bytes the text was decoded from (the version hash is over these).
    pub bytes: &'a [u8],
}

#[derive(Debug, Clone)]
pub struct IngestReport {
    pub document: String,
    pub version: String,
    pub practices: usize,
    pub persons: usize,
    pub organisations: usize,
    pub quads: usize,
    pub graphs: usize,
    /// Versions of the same document that this ingest replaced (the same version included).
    pub replaced_graphs: usize,
    pub diagnostics: Vec<Diagnostic>,
    pub notes: Vec<ResolutionNote>,
}

/// A stage of an ingest, for progress reporting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IngestStage {
    Extracting,
    Resolving,
    Mapping,
    Writing,
    Flushing,
}

pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/smarty-kg/graph/ontology";

impl KnowledgeGraph {
    /// Extracts, resolves and writes one guide. `progress` is told each stage as it starts.
    pub fn ingest_guide(
        &self,
        doc: &GuideDocument<'_>,
        reference: &Reference,
        progress: &mut dyn FnMut(IngestStage),
    ) -> Result<IngestReport, StoreError> {
        let name = smarty_reference::slug::slug(doc.name);
        let name = if name.is_empty() {
            "guide".to_owned()
        } else {
            name
        };
        progress(IngestStage::Extracting);
        let extraction: Extraction = smarty_extract::extract(doc.text);
        if extraction.practices.is_empty() {
            return Err(StoreError::File {
                path: doc.name.into(),
                position: None,
                message: "no practices found (expected 'About this good practice' headings under practice titles); nothing was stored".into(),
            });
        }
        progress(IngestStage::Resolving);
        let resolved: ResolvedGuide = smarty_reference::resolve(&extraction, reference);
        progress(IngestStage::Mapping);
        let input = GuideInput {
            name: &name,
            bytes: doc.bytes,
            extraction: &extraction,
            resolved: &resolved,
        };
        let mapped = smarty_rdf::guide_quads(&input, reference, &self.person_key);
        let ontology = ontology_quads()?;

        progress(IngestStage::Writing);
        let prefix = iri::document_graphs_prefix(&name);
        let curated_prefix = iri::curated_graph("");
        let mut tx = self.store.start_transaction()?;
        let mut replaced = 0;
        let existing: Vec<NamedOrBlankNode> = tx.named_graphs().collect::<Result<_, _>>()?;
        for g in &existing {
            if let NamedOrBlankNode::NamedNode(n) = g
                && (n.as_str().starts_with(&prefix)
                    || n.as_str().starts_with(curated_prefix.as_str())
                    || n.as_str() == ONTOLOGY_GRAPH)
            {
                if n.as_str().starts_with(&prefix) {
                    replaced += 1;
                }
                tx.remove_named_graph(NamedOrBlankNodeRef::from(n))?;
            }
        }
        // Regions and countries of every document now in the store, for the curated region graph.
        let mut nuts: BTreeSet<String> = BTreeSet::new();
        let mut countries: BTreeSet<String> = BTreeSet::new();
        let spatial = tx.quads_for_pattern(None, Some(vocab::dcterms::SPATIAL), None, None);
        for q in spatial {
            let q = q?;
            collect_place(&q.object, &mut nuts, &mut countries);
        }
        for q in &mapped.quads {
            if q.predicate.as_ref() == vocab::dcterms::SPATIAL {
                collect_place(&q.object, &mut nuts, &mut countries);
            }
        }
        let curated = smarty_rdf::curated::curated_quads(reference, &nuts, &countries);
        for q in mapped.quads.iter().chain(&curated).chain(&ontology) {
            tx.insert(q);
        }
        tx.commit()?;
        progress(IngestStage::Flushing);
        self.flush()?;
        self.keep_source(&format!("{name}-{}.txt", mapped.version), doc.text)?;

        Ok(IngestReport {
            document: name,
            version: mapped.version,
            practices: extraction.practices.len(),
            persons: resolved.persons.len(),
            organisations: resolved.organisations.len(),
            quads: mapped.quads.len(),
            graphs: mapped.graphs.len(),
            replaced_graphs: replaced,
            diagnostics: extraction.diagnostics,
            notes: resolved.notes,
        })
    }

    /// Names of the documents ingested so far, with their versions.
    pub fn documents(&self) -> Result<Vec<(String, String)>, StoreError> {
        let base = format!("{}doc/", iri::GRAPH_BASE);
        let mut out: BTreeSet<(String, String)> = BTreeSet::new();
        for g in self.store.named_graphs() {
            if let NamedOrBlankNode::NamedNode(n) = g?
                && let Some(rest) = n.as_str().strip_prefix(&base)
            {
                let mut parts = rest.split('/');
                if let (Some(doc), Some(version)) = (parts.next(), parts.next()) {
                    out.insert((doc.to_owned(), version.to_owned()));
                }
            }
        }
        Ok(out.into_iter().collect())
    }
}

fn collect_place(term: &Term, nuts: &mut BTreeSet<String>, countries: &mut BTreeSet<String>) {
    if let Term::NamedNode(n) = term {
        if let Some(code) = n.as_str().strip_prefix(vocab::NUTS) {
            nuts.insert(code.to_owned());
        } else if let Some(code) = n.as_str().strip_prefix(vocab::COUNTRY) {
            countries.insert(code.to_owned());
        }
    }
}

/// The bundled vocabulary (`ontology/smarty.ttl`) in its own graph: the `smarty:` terms only. The
/// file also documents the SMARTY guide's theme scheme, which ingest reads from the guide itself;
/// loading it twice would make the union default graph count those triples twice.
fn ontology_quads() -> Result<Vec<Quad>, StoreError> {
    let graph = NamedNode::new_unchecked(ONTOLOGY_GRAPH);
    let vocabulary = "https://w3id.org/smarty-kg/def";
    let mut out = Vec::new();
    for q in RdfParser::from_format(RdfFormat::Turtle)
        .with_default_graph(GraphNameRef::from(&graph).into_owned())
        .for_slice(smarty_rdf::ONTOLOGY_TTL)
    {
        let q = q.map_err(|e| StoreError::File {
            path: "ontology/smarty.ttl".into(),
            position: e.location().map(|l| (l.start.line + 1, l.start.column + 1)),
            message: e.to_string(),
        })?;
        if matches!(&q.subject, NamedOrBlankNode::NamedNode(s) if s.as_str().starts_with(vocabulary))
        {
            out.push(q);
        }
    }
    Ok(out)
}
