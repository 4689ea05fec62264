//! Loading users' RDF files (reference data, organisation data) into the store.
//!
//! Each file's triples go into a graph of its own, `…/graph/file/{name}`; named graphs in TriG and
//! N-Quads files are kept. Loading the same file again replaces what it loaded before. The whole
//! file is one transaction, so a syntax error at the last line stores nothing. A caller may instead
//! name the graph the file's triples are added to (the store's default graph among them), and the
//! base IRI its relative IRIs resolve against ([`LoadOptions`]).
//!
//! Limits protect the process: a size cap on the file and on every literal, and RDF/XML entity
//! declarations are refused (oxigraph expands them without limit: a 704-byte file can become a
//! 300 MB literal).

use std::path::Path;

use oxigraph::io::{RdfParseError, RdfParser};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNodeRef, Quad, Term};
use smarty_rdf::{iri, vocab};

use crate::{GraphFormat, KnowledgeGraph, StoreError};

/// The largest RDF file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 512 << 20;
/// The longest literal accepted, in bytes.
pub const MAX_LITERAL_BYTES: usize = 16 << 20;

#[derive(Debug, Clone)]
pub struct LoadReport {
    pub graph: String,
    pub quads: usize,
    pub named_graphs: usize,
}

/// Where the list of graphs loaded from each file is kept.
const FILES_GRAPH: &str = "https://w3id.org/smarty-kg/graph/files";

/// Where a file's statements go and how its relative IRIs resolve, for
/// [`KnowledgeGraph::load_rdf_file_with`].
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The IRI relative IRIs are resolved against [default: `file:///{name}`, which keeps the
    /// local path out of the data].
    pub base: Option<String>,
    /// The graph the file's triples (its default graph) are added to, beside what the graph
    /// holds already, instead of a graph of the file's own that loading the file again replaces.
    /// Named graphs in TriG and N-Quads files are kept either way.
    pub into: Option<GraphName>,
}

impl KnowledgeGraph {
    pub fn load_rdf_file(
        &self,
        path: &Path,
        format: GraphFormat,
    ) -> Result<LoadReport, StoreError> {
        self.load_rdf_file_with(path, format, &LoadOptions::default())
    }

    /// Loads a file as [`KnowledgeGraph::load_rdf_file`] does, with a base IRI or a graph of the
    /// caller's choice.
    pub fn load_rdf_file_with(
        &self,
        path: &Path,
        format: GraphFormat,
        options: &LoadOptions,
    ) -> Result<LoadReport, StoreError> {
        let stem = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "file".into());
        let slug = crate::ingest::document_slug(&stem, "file");
        let graph = iri::file_graph(&slug);
        let base = options
            .base
            .clone()
            .unwrap_or_else(|| format!("file:///{slug}"));
        let target = options
            .into
            .clone()
            .unwrap_or_else(|| GraphName::NamedNode(graph.clone()));
        let quads = read_quads(path, format, base, target.clone())?;
        match &options.into {
            Some(into) => self.add_quads(quads, into),
            None => self.replace_file_graphs(quads, graph, stem),
        }
    }

    /// Adds the quads to the store, in one transaction.
    fn add_quads(&self, quads: Vec<Quad>, into: &GraphName) -> Result<LoadReport, StoreError> {
        let mut named: Vec<&GraphName> = Vec::new();
        for q in &quads {
            if !q.graph_name.is_default_graph()
                && q.graph_name != *into
                && !named.contains(&&q.graph_name)
            {
                named.push(&q.graph_name);
            }
        }
        let named_graphs = named.len();
        self.forget_derived()?;
        let mut tx = self.store.start_transaction()?;
        for q in &quads {
            tx.insert(q);
        }
        tx.commit()?;
        self.flush()?;
        self.derive_again(crate::Written::Changed);
        Ok(LoadReport {
            graph: match into {
                GraphName::NamedNode(n) => n.as_str().to_owned(),
                GraphName::BlankNode(b) => b.to_string(),
                GraphName::DefaultGraph => String::new(),
            },
            quads: quads.len(),
            named_graphs,
        })
    }

    /// Writes a file's quads in place of what the same file loaded before, and notes which
    /// graphs it loaded.
    fn replace_file_graphs(
        &self,
        quads: Vec<Quad>,
        graph: NamedNode,
        stem: String,
    ) -> Result<LoadReport, StoreError> {
        let mut named: Vec<NamedNode> = Vec::new();
        for q in &quads {
            if let GraphName::NamedNode(g) = &q.graph_name
                && *g != graph
                && !named.contains(g)
            {
                named.push(g.clone());
            }
        }

        let files = NamedNode::new_unchecked(FILES_GRAPH);
        self.forget_derived()?;
        let mut tx = self.store.start_transaction()?;
        // What this file loaded last time.
        let previous: Vec<NamedNode> = tx
            .quads_for_pattern(
                Some(NamedOrBlankNodeRef::from(&graph)),
                Some(vocab::dcterms::HAS_PART),
                None,
                Some((&files).into()),
            )
            .filter_map(|q| match q.map(|q| q.object) {
                Ok(Term::NamedNode(n)) => Some(Ok(n)),
                Ok(_) => None,
                Err(e) => Some(Err(e)),
            })
            .collect::<Result<_, _>>()?;
        for g in previous.iter().chain(std::iter::once(&graph)) {
            tx.remove_named_graph(NamedOrBlankNodeRef::from(g))?;
        }
        let old_meta: Vec<Quad> = tx
            .quads_for_pattern(
                Some(NamedOrBlankNodeRef::from(&graph)),
                None,
                None,
                Some((&files).into()),
            )
            .collect::<Result<_, _>>()?;
        for q in &old_meta {
            tx.remove(q);
        }
        for q in &quads {
            tx.insert(q);
        }
        // The file's name only: a local path can name the user and would travel in exports.
        tx.insert(&Quad::new(
            graph.clone(),
            vocab::dcterms::SOURCE,
            oxigraph::model::Literal::new_simple_literal(stem.clone()),
            files.clone(),
        ));
        for g in &named {
            tx.insert(&Quad::new(
                graph.clone(),
                vocab::dcterms::HAS_PART,
                g.clone(),
                files.clone(),
            ));
        }
        tx.commit()?;
        self.flush()?;
        self.derive_again(crate::Written::Changed);
        Ok(LoadReport {
            graph: graph.as_str().to_owned(),
            quads: quads.len(),
            named_graphs: named.len(),
        })
    }
}

/// The file's quads, its default graph's into `default_graph`, after the size checks.
fn read_quads(
    path: &Path,
    format: GraphFormat,
    base: String,
    default_graph: GraphName,
) -> Result<Vec<Quad>, StoreError> {
    let file_err = |position: Option<(u64, u64)>, message: String| StoreError::File {
        path: path.to_owned(),
        position,
        message,
    };
    let size = std::fs::metadata(path)
        .map_err(|e| file_err(None, format!("cannot read: {e}")))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge {
            what: path.display().to_string(),
            size,
            max: MAX_FILE_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| file_err(None, format!("cannot read: {e}")))?;
    if format == GraphFormat::RdfXml
        && let Some(at) = find(&bytes, b"<!ENTITY")
    {
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        return Err(file_err(
            Some((line, 1)),
            "RDF/XML entity declarations are refused (they can expand without limit); expand them before loading".into(),
        ));
    }
    let parser = RdfParser::from_format(format.to_oxigraph())
        .with_base_iri(base)
        .map_err(|e| file_err(None, format!("base IRI: {e}")))?
        .with_default_graph(default_graph);
    // The RDF/XML parser gives no positions: it is handed one line at a time, so that the line
    // it stopped in is the last one handed over.
    let handed = std::rc::Rc::new(std::cell::Cell::new(0usize));
    let parsed: Box<dyn Iterator<Item = Result<Quad, RdfParseError>>> =
        if format == GraphFormat::RdfXml {
            Box::new(parser.for_reader(LineFeed {
                bytes: &bytes,
                handed: handed.clone(),
            }))
        } else {
            Box::new(
                parser
                    .for_slice(&bytes)
                    .map(|q| q.map_err(RdfParseError::from)),
            )
        };
    let mut quads: Vec<Quad> = Vec::new();
    for q in parsed {
        let q = q.map_err(|e| {
            let position = match &e {
                RdfParseError::Syntax(e) => e
                    .location()
                    .map(|l| (l.start.line + 1, l.start.column + 1))
                    .or_else(|| {
                        (format == GraphFormat::RdfXml).then(|| (line_of(&bytes, handed.get()), 1))
                    }),
                RdfParseError::Io(_) => None,
            };
            file_err(position, e.to_string())
        })?;
        if let Term::Literal(l) = &q.object
            && l.value().len() > MAX_LITERAL_BYTES
        {
            return Err(StoreError::TooLarge {
                what: format!("a literal in {}", path.display()),
                size: l.value().len() as u64,
                max: MAX_LITERAL_BYTES as u64,
            });
        }
        quads.push(q);
    }
    Ok(quads)
}

/// The bytes of a file, at most one line per read, with how many were handed out.
struct LineFeed<'a> {
    bytes: &'a [u8],
    handed: std::rc::Rc<std::cell::Cell<usize>>,
}

impl std::io::Read for LineFeed<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let rest = self.bytes.get(self.handed.get()..).unwrap_or_default();
        let line = rest
            .iter()
            .position(|&b| b == b'\n')
            .map_or(rest.len(), |at| at + 1);
        let n = line.min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.handed.set(self.handed.get() + n);
        Ok(n)
    }
}

/// The 1-based line of the last of the first `handed` bytes.
fn line_of(bytes: &[u8], handed: usize) -> u64 {
    let before = &bytes[..handed.saturating_sub(1).min(bytes.len())];
    before.iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
