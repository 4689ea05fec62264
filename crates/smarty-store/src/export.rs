//! Exports in every standard RDF serialisation, deterministically: the same store gives the same
//! bytes (quads are sorted before writing, so Turtle and TriG also come out grouped by subject).
//!
//! `public` leaves out everything about persons: the graphs flagged `dpv:hasPersonalData`, and —
//! as a second safeguard — any statement whose subject or object is a person, an e-mail address or
//! a telephone number, wherever it is.

use std::collections::BTreeSet;
use std::io::Write;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term, Triple};
use smarty_rdf::{iri, vocab};

use crate::{KnowledgeGraph, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Turtle,
    NTriples,
    NQuads,
    TriG,
    RdfXml,
    JsonLd,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 6] = [
        ExportFormat::Turtle,
        ExportFormat::NTriples,
        ExportFormat::NQuads,
        ExportFormat::TriG,
        ExportFormat::RdfXml,
        ExportFormat::JsonLd,
    ];

    /// Whether the format keeps named graphs (the others get the union of the graphs).
    pub fn keeps_graphs(self) -> bool {
        matches!(
            self,
            ExportFormat::NQuads | ExportFormat::TriG | ExportFormat::JsonLd
        )
    }

    fn oxigraph(self) -> RdfFormat {
        match self {
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::NTriples => RdfFormat::NTriples,
            ExportFormat::NQuads => RdfFormat::NQuads,
            ExportFormat::TriG => RdfFormat::TriG,
            ExportFormat::RdfXml => RdfFormat::RdfXml,
            ExportFormat::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        }
    }
}

#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub format: ExportFormat,
    /// Only this named graph (an IRI); `None` for all.
    pub graph: Option<String>,
    /// Leave out personal data.
    pub public: bool,
}

fn is_personal_term(term: &str) -> bool {
    term.starts_with(&format!("{}person/", iri::ID_BASE))
        || term.starts_with("mailto:")
        || term.starts_with("tel:")
}

impl KnowledgeGraph {
    /// The graphs flagged as holding personal data.
    pub fn personal_graphs(&self) -> Result<BTreeSet<NamedNode>, StoreError> {
        let mut out = BTreeSet::new();
        for q in self
            .store
            .quads_for_pattern(None, Some(vocab::dpv::HAS_PERSONAL_DATA), None, None)
        {
            if let NamedOrBlankNode::NamedNode(g) = q?.subject {
                out.insert(g);
            }
        }
        Ok(out)
    }

    /// Every quad the options select, sorted.
    pub fn export_quads(&self, options: &ExportOptions) -> Result<Vec<Quad>, StoreError> {
        let personal = if options.public {
            self.personal_graphs()?
        } else {
            BTreeSet::new()
        };
        let mut quads = Vec::new();
        for q in self.store.iter() {
            let q = q?;
            let GraphName::NamedNode(g) = &q.graph_name else {
                // The default graph is left out of exports only when a graph is chosen.
                if options.graph.is_none() {
                    quads.push(q);
                }
                continue;
            };
            if let Some(wanted) = &options.graph
                && g.as_str() != wanted
            {
                continue;
            }
            if options.public {
                let subject_personal = match &q.subject {
                    NamedOrBlankNode::NamedNode(s) => {
                        is_personal_term(s.as_str()) || personal.contains(s)
                    }
                    NamedOrBlankNode::BlankNode(_) => false,
                };
                let object_personal =
                    matches!(&q.object, Term::NamedNode(o) if is_personal_term(o.as_str()));
                if personal.contains(g) || subject_personal || object_personal {
                    continue;
                }
            }
            quads.push(q);
        }
        quads.sort_by_cached_key(|q| {
            (
                q.graph_name.to_string(),
                q.subject.to_string(),
                q.predicate.to_string(),
                q.object.to_string(),
            )
        });
        Ok(quads)
    }

    /// Writes the export; returns the number of statements written.
    pub fn export(&self, options: &ExportOptions, out: impl Write) -> Result<usize, StoreError> {
        let quads = self.export_quads(options)?;
        let io = |e: std::io::Error| StoreError::Storage(format!("cannot write the export: {e}"));
        let mut serializer = RdfSerializer::from_format(options.format.oxigraph());
        for (prefix, ns) in vocab::PREFIXES {
            serializer = serializer
                .with_prefix(*prefix, *ns)
                .map_err(|e| StoreError::Storage(e.to_string()))?;
        }
        let mut writer = serializer.for_writer(out);
        let count = if options.format.keeps_graphs() {
            for q in &quads {
                writer.serialize_quad(q).map_err(io)?;
            }
            quads.len()
        } else {
            let mut triples: Vec<Triple> = quads.into_iter().map(Triple::from).collect();
            triples.sort_by_cached_key(|t| {
                (
                    t.subject.to_string(),
                    t.predicate.to_string(),
                    t.object.to_string(),
                )
            });
            triples.dedup();
            for t in &triples {
                writer.serialize_triple(t).map_err(io)?;
            }
            triples.len()
        };
        writer.finish().map_err(io)?;
        Ok(count)
    }
}
