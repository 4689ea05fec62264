//! Exports in every standard RDF serialisation, deterministically: the same store gives the same
//! bytes (quads are sorted before writing, so Turtle and TriG also come out grouped by subject).
//!
//! `public` leaves out everything about persons: the graphs flagged `dpv:hasPersonalData`, and —
//! as a second safeguard — any statement whose subject or object is a person, an e-mail address or
//! a telephone number, wherever it is.

use std::collections::BTreeSet;
use std::io::Write;

use rayon::prelude::*;

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
        Ok(sorted_quads(self.selected_quads(options)?))
    }

    /// Every quad the options select, in index order.
    fn selected_quads(&self, options: &ExportOptions) -> Result<Vec<Quad>, StoreError> {
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
        Ok(quads)
    }

    /// Writes the export; returns the number of statements written.
    pub fn export(&self, options: &ExportOptions, out: impl Write) -> Result<usize, StoreError> {
        let quads = self.selected_quads(options)?;
        let io = |e: std::io::Error| StoreError::Storage(format!("cannot write the export: {e}"));
        // Line formats are written straight from the sort keys, which hold their lines: the same
        // bytes as oxigraph's serializer (a test checks), without formatting every term twice.
        match options.format {
            ExportFormat::NTriples => {
                let lines = triple_keys(quads);
                let mut out = std::io::BufWriter::new(out);
                for line in &lines {
                    out.write_all(line.as_bytes()).map_err(io)?;
                    out.write_all(b" .\n").map_err(io)?;
                }
                out.flush().map_err(io)?;
                return Ok(lines.len());
            }
            ExportFormat::NQuads => {
                let keys = quad_keys(quads);
                let mut out = std::io::BufWriter::new(out);
                for key in &keys {
                    // "GRAPH S P O" → "S P O GRAPH ." ("S P O ." in the default graph).
                    let (graph, triple) = key.text.split_at(key.graph_len);
                    out.write_all(&triple.as_bytes()[1..]).map_err(io)?;
                    if key.named_graph {
                        out.write_all(b" ").map_err(io)?;
                        out.write_all(graph.as_bytes()).map_err(io)?;
                    }
                    out.write_all(b" .\n").map_err(io)?;
                }
                out.flush().map_err(io)?;
                return Ok(keys.len());
            }
            _ => {}
        }
        let mut serializer = RdfSerializer::from_format(options.format.oxigraph());
        for (prefix, ns) in vocab::PREFIXES {
            serializer = serializer
                .with_prefix(*prefix, *ns)
                .map_err(|e| StoreError::Storage(e.to_string()))?;
        }
        let mut writer = serializer.for_writer(out);
        let count = if options.format.keeps_graphs() {
            let quads = sorted_quads(quads);
            for q in &quads {
                writer.serialize_quad(q).map_err(io)?;
            }
            quads.len()
        } else {
            let triples = sorted_triples(quads);
            for t in &triples {
                writer.serialize_triple(t).map_err(io)?;
            }
            triples.len()
        };
        writer.finish().map_err(io)?;
        Ok(count)
    }
}

// The order of an export: statements by graph, subject, predicate, object, each term compared
// by its N-Triples text. One key string per statement, the terms joined by spaces: a space sorts
// below every character a term's text can continue with, so comparing keys compares the terms
// one by one. Keys are made and sorted on every core (rayon); reading the store is sequential.

/// A quad's sort key, "GRAPH S P O", and where the graph ends.
struct QuadKey {
    text: String,
    graph_len: usize,
    named_graph: bool,
}

fn quad_key(q: &Quad) -> QuadKey {
    let graph = q.graph_name.to_string();
    let graph_len = graph.len();
    let mut text = graph;
    // Writing to a String cannot fail.
    let _ = std::fmt::Write::write_fmt(
        &mut text,
        format_args!(" {} {} {}", q.subject, q.predicate, q.object),
    );
    QuadKey {
        text,
        graph_len,
        named_graph: matches!(q.graph_name, GraphName::NamedNode(_)),
    }
}

fn quad_keys(quads: Vec<Quad>) -> Vec<QuadKey> {
    let mut keys: Vec<QuadKey> = quads.par_iter().map(quad_key).collect();
    drop(quads);
    keys.par_sort_unstable_by(|a, b| a.text.cmp(&b.text));
    keys
}

fn sorted_quads(quads: Vec<Quad>) -> Vec<Quad> {
    let mut keyed: Vec<(String, Quad)> = quads
        .into_par_iter()
        .map(|q| (quad_key(&q).text, q))
        .collect();
    keyed.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().map(|(_, q)| q).collect()
}

/// The distinct triples' N-Triples lines without the final " .", sorted (a statement held by
/// several graphs once).
fn triple_keys(quads: Vec<Quad>) -> Vec<String> {
    let mut keys: Vec<String> = quads
        .par_iter()
        .map(|q| format!("{} {} {}", q.subject, q.predicate, q.object))
        .collect();
    drop(quads);
    keys.par_sort_unstable();
    keys.dedup();
    keys
}

fn sorted_triples(quads: Vec<Quad>) -> Vec<Triple> {
    let mut keyed: Vec<(String, Triple)> = quads
        .into_par_iter()
        .map(|q| {
            let t = Triple::from(q);
            (t.to_string(), t)
        })
        .collect();
    keyed.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    keyed.into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line formats, written from their sort keys, are byte for byte what oxigraph's own
    /// serializer writes for the same sorted statements (with a second document, so some
    /// statements are in two graphs).
    #[test]
    fn line_formats_match_the_serializer() {
        let kg = KnowledgeGraph::in_memory().expect("in-memory store");
        let reference = smarty_reference::Reference::bundled().expect("bundled reference");
        let text = smarty_reference::BUNDLED_GUIDE.text;
        for name in ["guide", "copy"] {
            kg.ingest_text(name, text, &reference).expect("ingest");
        }
        for format in [ExportFormat::NTriples, ExportFormat::NQuads] {
            let options = ExportOptions {
                format,
                graph: None,
                public: false,
            };
            let mut ours = Vec::new();
            let count = kg.export(&options, &mut ours).expect("export");

            let quads = kg.export_quads(&options).expect("quads");
            let mut writer = RdfSerializer::from_format(format.oxigraph()).for_writer(Vec::new());
            let mut written = 0;
            if format.keeps_graphs() {
                for q in &quads {
                    writer.serialize_quad(q).expect("serialize");
                }
                written = quads.len();
            } else {
                let mut seen = std::collections::HashSet::new();
                let mut triples: Vec<Triple> = quads.into_iter().map(Triple::from).collect();
                triples.sort_by_key(|t| t.to_string());
                for t in triples.iter().filter(|t| seen.insert((*t).clone())) {
                    writer.serialize_triple(t).expect("serialize");
                    written += 1;
                }
            }
            let theirs = writer.finish().expect("finish");
            assert_eq!(count, written, "{format:?}");
            assert!(count > 1700, "{format:?}: {count}");
            assert!(
                ours == theirs,
                "{format:?}: the bytes differ from oxigraph's serializer"
            );
        }
    }
}
