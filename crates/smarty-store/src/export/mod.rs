//! Exports in every standard RDF serialisation, deterministically: the same store gives the same
//! bytes (quads are sorted before writing, so Turtle and TriG also come out grouped by subject).
//!
//! `public` leaves out everything about persons: the graphs flagged `dpv:hasPersonalData`, and —
//! as a second safeguard — any statement whose subject or object is a person, an e-mail address or
//! a telephone number, wherever it is.

use std::collections::BTreeSet;
use std::io::Write;
use std::sync::Mutex;

use rayon::prelude::*;

use oxigraph::io::RdfParser;
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term};
use smarty_rdf::prefixes::PrefixUse;
use smarty_rdf::{iri, vocab};

use crate::serialize::GraphWriter;
use crate::{GraphFormat, KnowledgeGraph, StoreError};

mod sort;

#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub format: GraphFormat,
    /// Only this named graph (an IRI); `None` for all.
    pub graph: Option<String>,
    /// Leave out personal data.
    pub public: bool,
    /// JSON-LD in expanded form (no `@context`); the default is compacted with the prefixes.
    pub expanded: bool,
}

fn is_personal_term(term: &str) -> bool {
    term.starts_with(&format!("{}person/", iri::ID_BASE))
        || term.starts_with("mailto:")
        || term.starts_with("tel:")
}

impl KnowledgeGraph {
    /// The IRIs of the named graphs, sorted.
    pub fn graph_names(&self) -> Result<Vec<String>, StoreError> {
        let mut out = Vec::new();
        for g in self.store.named_graphs() {
            if let NamedOrBlankNode::NamedNode(n) = g? {
                out.push(n.into_string());
            }
        }
        out.sort();
        Ok(out)
    }

    /// Each named graph as N-Triples (its lines sorted, so the same graph gives the same bytes)
    /// with its statement count, in one pass over the store, leaving out personal data when
    /// `public` (as `export --public` does); a graph left with nothing is not handed over.
    /// For `push`, which sends graph by graph.
    pub fn each_graph(
        &self,
        public: bool,
        mut f: impl FnMut(&str, &[u8], usize) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let options = ExportOptions {
            format: GraphFormat::NTriples,
            graph: None,
            public,
            expanded: false,
        };
        let selection = Selection::new(self, &options)?;
        for graph in self.graph_names()? {
            let node = NamedNode::new_unchecked(graph.clone());
            let mut lines = Vec::new();
            for q in self
                .store
                .quads_for_pattern(None, None, None, Some(node.as_ref().into()))
            {
                let q = q?;
                if selection.keeps(&q) {
                    lines.push(key_of(&q, false));
                }
            }
            if lines.is_empty() {
                continue;
            }
            lines.sort_unstable();
            let mut text = Vec::new();
            for line in &lines {
                key_line(line, false, &mut text);
            }
            f(&graph, &text, lines.len())?;
        }
        Ok(())
    }

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

    /// Every quad the options select, sorted in memory (for tests against the serializer).
    #[cfg(test)]
    fn export_quads(&self, options: &ExportOptions) -> Result<Vec<Quad>, StoreError> {
        let selection = Selection::new(self, options)?;
        let mut keyed = Vec::new();
        for q in self.store.iter() {
            let q = q?;
            if selection.keeps(&q) {
                keyed.push((quad_key(&q), q));
            }
        }
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(keyed.into_iter().map(|(_, q)| q).collect())
    }

    /// Writes the export; returns the number of statements written.
    ///
    /// The store is read once, in index order; the selected statements' keys are sorted in
    /// bounded memory (see [`sort`]) and the output written from the sorted keys: the line formats
    /// straight from them (the same bytes as oxigraph's serializer, a test checks), the others
    /// through oxigraph's serializer after parsing the keys back as N-Quads.
    pub fn export(&self, options: &ExportOptions, out: impl Write) -> Result<usize, StoreError> {
        self.export_with_runs(options, out, sort::RUN_LEN)
    }

    fn export_with_runs(
        &self,
        options: &ExportOptions,
        out: impl Write,
        run_len: usize,
    ) -> Result<usize, StoreError> {
        let selection = Selection::new(self, options)?;
        let quads = options.format.keeps_graphs();
        // Reading is the cost (a lookup per long term), so graphs are read on every core; each
        // reader hands its keys to the one sorter every BATCH keys, which bounds the keys in
        // flight however large a graph is. The default graph is left out only when a graph is
        // chosen.
        // The graph names are listed first (about 100 bytes each): reading them between the
        // graphs' statements, a window at a time, made exports a sixth slower.
        let graphs: Vec<GraphName> = match &options.graph {
            Some(graph) => vec![NamedNode::new_unchecked(graph.clone()).into()],
            None => std::iter::once(Ok(GraphName::DefaultGraph))
                .chain(self.store.named_graphs().map(|g| g.map(GraphName::from)))
                .collect::<Result<_, _>>()?,
        };
        let sorter = Mutex::new(sort::KeySorter::new(run_len));
        // The prefixes the document will use, noted while reading: the header comes first.
        let used = Mutex::new(PrefixUse::default());
        let hand_over = |keys: Vec<String>| -> Result<(), StoreError> {
            sorter
                .lock()
                .map_err(|_| StoreError::Storage("an export reader failed".into()))?
                .extend(keys)
        };
        graphs
            .par_chunks(GRAPHS_PER_TASK)
            .try_for_each(|graphs| -> Result<(), StoreError> {
                let mut keys = Vec::with_capacity(BATCH);
                let mut uses = PrefixUse::default();
                for graph in graphs {
                    for q in self
                        .store
                        .quads_for_pattern(None, None, None, Some(graph.as_ref()))
                    {
                        let q = q?;
                        if selection.keeps(&q) {
                            keys.push(key_of(&q, quads));
                            if quads {
                                uses.note_quad(q.as_ref());
                            } else {
                                uses.note_triple(q.as_ref().into());
                            }
                        }
                        if keys.len() == BATCH {
                            hand_over(std::mem::replace(&mut keys, Vec::with_capacity(BATCH)))?;
                        }
                    }
                }
                used.lock()
                    .map_err(|_| StoreError::Storage("an export reader failed".into()))?
                    .merge(uses);
                hand_over(keys)
            })?;
        let used = used
            .into_inner()
            .map_err(|_| StoreError::Storage("an export reader failed".into()))?;
        let sorter = sorter
            .into_inner()
            .map_err(|_| StoreError::Storage("an export reader failed".into()))?;
        // A statement held by several graphs is written once when graphs are merged.
        let mut keys = sorter.finish(!quads)?;

        let io = |e: std::io::Error| StoreError::Storage(format!("cannot write the export: {e}"));
        let mut count = 0;
        match options.format {
            GraphFormat::NTriples | GraphFormat::NQuads => {
                let mut out = std::io::BufWriter::new(out);
                let mut line = Vec::new();
                while let Some(key) = keys.next_key()? {
                    line.clear();
                    key_line(&key, quads, &mut line);
                    out.write_all(&line).map_err(io)?;
                    count += 1;
                }
                out.flush().map_err(io)?;
            }
            _ => {
                let mut writer = GraphWriter::new(options.format, used, options.expanded, out)?;
                let mut lines = Vec::new();
                let mut more = true;
                while more {
                    lines.clear();
                    more = false;
                    while let Some(key) = keys.next_key()? {
                        key_line(&key, quads, &mut lines);
                        if lines.len() >= PARSE_BATCH {
                            more = true;
                            break;
                        }
                    }
                    // The lines were written from terms of the store: valid N-Quads.
                    let parser =
                        RdfParser::from_format(GraphFormat::NQuads.to_oxigraph()).lenient();
                    for q in parser.for_slice(&lines) {
                        let q = q.map_err(|e| {
                            StoreError::Storage(format!("cannot read back a sorted statement: {e}"))
                        })?;
                        if quads {
                            writer.write_quad(q.as_ref()).map_err(io)?;
                        } else {
                            writer.write_triple(q.as_ref().into()).map_err(io)?;
                        }
                        count += 1;
                    }
                }
                writer.finish().map_err(io)?;
            }
        }
        Ok(count)
    }
}

/// Keys a reader gathers before handing them to the sorter.
const BATCH: usize = 8192;
/// Graphs per reading task: enough to pay for a task, few enough to share the work out.
const GRAPHS_PER_TASK: usize = 64;
/// Bytes of N-Quads lines parsed back at a time for the formats oxigraph serializes.
const PARSE_BATCH: usize = 1 << 16;

/// Which statements an export keeps.
struct Selection<'a> {
    options: &'a ExportOptions,
    personal: BTreeSet<NamedNode>,
}

impl<'a> Selection<'a> {
    fn new(kg: &KnowledgeGraph, options: &'a ExportOptions) -> Result<Self, StoreError> {
        let personal = if options.public {
            kg.personal_graphs()?
        } else {
            BTreeSet::new()
        };
        Ok(Selection { options, personal })
    }

    fn keeps(&self, q: &Quad) -> bool {
        let graph = match &q.graph_name {
            GraphName::NamedNode(g) => Some(g),
            GraphName::BlankNode(_) | GraphName::DefaultGraph => None,
        };
        match (&self.options.graph, graph) {
            (Some(wanted), Some(g)) if g.as_str() != wanted => return false,
            // The default graph is left out of exports only when a graph is chosen.
            (Some(_), None) => return false,
            _ => {}
        }
        if self.options.public {
            let subject_personal = match &q.subject {
                NamedOrBlankNode::NamedNode(s) => {
                    is_personal_term(s.as_str()) || self.personal.contains(s)
                }
                NamedOrBlankNode::BlankNode(_) => false,
            };
            let object_personal =
                matches!(&q.object, Term::NamedNode(o) if is_personal_term(o.as_str()));
            let graph_personal = graph.is_some_and(|g| self.personal.contains(g));
            if graph_personal || subject_personal || object_personal {
                return false;
            }
        }
        true
    }
}

// The order of an export: statements by graph, subject, predicate, object, each term compared
// by its N-Triples text. One key string per statement, the terms joined by spaces: a space sorts
// below every character a term's text can continue with, so comparing keys compares the terms
// one by one. A quad's key is "GRAPH S P O" (the default graph is "DEFAULT"), a triple's "S P O".

fn quad_key(q: &Quad) -> String {
    format!(
        "{} {} {} {}",
        q.graph_name, q.subject, q.predicate, q.object
    )
}

fn key_of(q: &Quad, quads: bool) -> String {
    if quads {
        quad_key(q)
    } else {
        format!("{} {} {}", q.subject, q.predicate, q.object)
    }
}

/// Appends the N-Quads (or N-Triples) line of a key: "GRAPH S P O" → "S P O GRAPH .", and
/// "S P O ." in the default graph. A graph's text holds no space (IRIs and blank node labels
/// cannot), so the first space ends it.
fn key_line(key: &str, quads: bool, line: &mut Vec<u8>) {
    if quads {
        let (graph, triple) = key.split_once(' ').unwrap_or((key, ""));
        line.extend_from_slice(triple.as_bytes());
        if graph != "DEFAULT" {
            line.push(b' ');
            line.extend_from_slice(graph.as_bytes());
        }
    } else {
        line.extend_from_slice(key.as_bytes());
    }
    line.extend_from_slice(b" .\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An in-memory store holding the bundled guide once per name (a second name: some
    /// statements in two graphs).
    fn store_of(names: &[&str]) -> KnowledgeGraph {
        let kg = KnowledgeGraph::in_memory().expect("in-memory store");
        let reference = smarty_reference::Reference::bundled().expect("bundled reference");
        for name in names {
            kg.ingest_text(name, smarty_reference::BUNDLED_GUIDE.text, &reference)
                .expect("ingest");
        }
        kg
    }

    /// The line formats, written from their sort keys, are byte for byte what oxigraph's own
    /// serializer writes for the same sorted statements (with a second document, so some
    /// statements are in two graphs).
    #[test]
    fn line_formats_match_the_serializer() {
        let kg = store_of(&["guide", "copy"]);
        for format in [GraphFormat::NTriples, GraphFormat::NQuads] {
            let options = ExportOptions {
                format,
                graph: None,
                public: false,
                expanded: false,
            };
            let mut ours = Vec::new();
            let count = kg.export(&options, &mut ours).expect("export");

            let quads = kg.export_quads(&options).expect("quads");
            let mut writer = oxigraph::io::RdfSerializer::from_format(format.to_oxigraph())
                .for_writer(Vec::new());
            let mut written = 0;
            if format.keeps_graphs() {
                for q in &quads {
                    writer.serialize_quad(q).expect("serialize");
                }
                written = quads.len();
            } else {
                let mut seen = std::collections::HashSet::new();
                let mut triples: Vec<oxigraph::model::Triple> =
                    quads.into_iter().map(Into::into).collect();
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

    /// Spilling sorted runs to temporary files and merging them gives the same bytes as sorting
    /// everything in memory, in every format, with and without personal data.
    #[test]
    fn merged_runs_give_the_bytes_of_one_sort() {
        let kg = store_of(&["guide", "copy"]);
        // Statements in the default graph and in a graph named by a blank node, with blank nodes
        // and a line break in a literal: keys beginning "DEFAULT" and "_:" go through the merge.
        let label = NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label");
        let thing = NamedNode::new_unchecked(format!("{}organisation/somewhere", iri::ID_BASE));
        let blank = oxigraph::model::BlankNode::new_unchecked("b1");
        for (s, g) in [
            (
                NamedOrBlankNode::from(thing.clone()),
                GraphName::DefaultGraph,
            ),
            (blank.clone().into(), GraphName::DefaultGraph),
            (
                thing.into(),
                oxigraph::model::BlankNode::new_unchecked("g1").into(),
            ),
            (
                blank.into(),
                oxigraph::model::BlankNode::new_unchecked("g1").into(),
            ),
        ] {
            let o = oxigraph::model::Literal::from("two\nlines");
            kg.store
                .insert(&Quad::new(s, label.clone(), o, g))
                .expect("insert");
        }
        for format in GraphFormat::ALL {
            for public in [false, true] {
                let options = ExportOptions {
                    format,
                    graph: None,
                    public,
                    expanded: false,
                };
                let mut one = Vec::new();
                let n_one = kg
                    .export_with_runs(&options, &mut one, usize::MAX)
                    .expect("one run");
                let mut merged = Vec::new();
                let n_merged = kg
                    .export_with_runs(&options, &mut merged, 97)
                    .expect("merged runs");
                assert!(n_one > 1000, "{format:?}: {n_one}");
                assert_eq!(n_one, n_merged, "{format:?} public={public}");
                assert!(
                    one == merged,
                    "{format:?} public={public}: merged runs changed the bytes"
                );
            }
        }
    }

    /// A person stated in the default graph (RDF written there by an update, say) is left out
    /// of a public export like one in any other graph; a chosen graph leaves the default out.
    #[test]
    fn public_exports_filter_the_default_graph_too() {
        let kg = store_of(&["guide"]);
        let person = NamedNode::new_unchecked(format!("{}person/someone", iri::ID_BASE));
        let label = NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label");
        let org = NamedNode::new_unchecked(format!("{}organisation/somewhere", iri::ID_BASE));
        for (s, o) in [
            (
                person.clone(),
                Term::from(oxigraph::model::Literal::from("Some One")),
            ),
            (
                org.clone(),
                Term::from(oxigraph::model::Literal::from("Somewhere")),
            ),
        ] {
            kg.store
                .insert(&Quad::new(s, label.clone(), o, GraphName::DefaultGraph))
                .expect("insert");
        }
        let export = |public: bool, graph: Option<String>| {
            let options = ExportOptions {
                format: GraphFormat::NQuads,
                graph,
                public,
                expanded: false,
            };
            let mut out = Vec::new();
            kg.export(&options, &mut out).expect("export");
            String::from_utf8(out).expect("UTF-8")
        };
        let all = export(false, None);
        assert!(all.contains("\"Some One\" ."), "{all}");
        let public = export(true, None);
        assert!(!public.contains("Some One"));
        assert!(public.contains("\"Somewhere\" ."));
        let graph = export(false, Some(crate::ingest::ONTOLOGY_GRAPH.to_owned()));
        assert!(graph.contains("GoodPractice"));
        assert!(!graph.contains("Somewhere"));
    }
}
