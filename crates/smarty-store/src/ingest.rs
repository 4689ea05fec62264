//! Ingesting a guide: extract, resolve, map, and write it so that the store only ever shows the
//! old state or the whole new one.
//!
//! Three ways to write, by what the store already holds:
//!
//! - **In memory**: one transaction removes the document's graphs (any version), streams the new
//!   quads in and refreshes the curated and ontology graphs.
//! - **On disk, a version not yet stored** (a new document, or a new version of one): the quads go
//!   through oxigraph's bulk loader, whose SST files RocksDB ingests in one atomic step, then one
//!   small transaction removes earlier versions and refreshes the curated graphs. A marker file
//!   (`DIR/ingest-pending`) names the version between the two commits; if the process dies there,
//!   the next open of the store finishes the job before anything else sees the store (see
//!   [`KnowledgeGraph::finish_interrupted_ingest`]). The store lock keeps everyone else out
//!   meanwhile, so no reader ever sees both versions.
//! - **On disk, the same version again**: the stored quads of that version are compared with the
//!   new mapping and only the difference is written, in one transaction (usually nothing at all).
//!
//! Every path flushes at the end, so an acknowledged ingest survives a crash of the machine.

use std::collections::BTreeSet;
use std::path::Path;

use oxigraph::io::RdfParser;
use oxigraph::model::{
    GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, QuadRef,
    Term,
};
use oxigraph::store::Transaction;
use rustc_hash::FxHashSet;
use smarty_extract::{Diagnostic, Extraction};
use smarty_rdf::{GuideInput, GuideSummary, SourceHashes, iri, vocab};
use smarty_reference::{Reference, ResolutionNote, ResolvedGuide};

use crate::derived::{Collector, Written};
use crate::identity::GuideIdentity;
use crate::{KnowledgeGraph, StoreError};

/// A guide to ingest: a name for the document (stable across versions) and its text.
pub struct GuideDocument<'a> {
    /// The document's name, usually the file stem; made into a slug.
    pub name: &'a str,
    /// The text, handed over: once extracted it becomes the store's copy of the source (a file
    /// beside the store, or kept in memory), and nothing holds it while the guide is mapped and
    /// written (150 MB at 100,000 practices).
    pub text: String,
    /// The file's bytes where they are not the text's own UTF-8 (a PDF, a byte-order mark,
    /// another encoding). The version hash is over the file's bytes.
    pub original: Option<Vec<u8>>,
    /// Keep the versions this one replaces, each a store of its own (`DIR/kept/`).
    pub keep_previous: bool,
    /// Store a guide that looks cut short (its contents page lists practices after the last one
    /// in the text); without it such a guide is refused and nothing is stored.
    pub allow_partial: bool,
}

#[derive(Debug, Clone)]
pub struct IngestReport {
    pub document: String,
    /// The stored document this guide was recognised as (the same title and programme) when
    /// its file name says otherwise: it replaced that document rather than adding a copy.
    pub same_guide_as: Option<String>,
    pub version: String,
    pub practices: usize,
    pub persons: usize,
    pub organisations: usize,
    pub quads: usize,
    pub graphs: usize,
    /// Graphs of earlier ingests of the same document that this one replaced (for the same
    /// version, the graphs that were already there).
    pub replaced_graphs: usize,
    /// Versions of the document kept by this ingest (`keep_previous`).
    pub kept: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
    pub notes: Vec<ResolutionNote>,
}

/// A stage of an ingest, for progress reporting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IngestStage {
    Extracting,
    Resolving,
    /// Mapping to RDF and writing the quads (the two overlap).
    Writing,
    /// Removing earlier versions, refreshing the curated graphs.
    Finishing,
    Flushing,
    /// Computing the answers kept until the next write (see `derived.rs`).
    Deriving,
}

pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/smarty-kg/graph/ontology";

/// The file naming an ingest between its bulk commit and its finishing transaction.
const PENDING_MARKER: &str = "ingest-pending";

/// Quads are handed from the mapping thread to the bulk loader in chunks of this many.
const CHUNK: usize = 8192;

/// The bulk loader's memory budget, split among its threads: batches of 200,000 statements on
/// each of two cores instead of its default million. The whole extracted guide is held while it
/// sorts, so its default doubled an ingest's peak (3.4 GiB at 100,000 practices against 1.9 with
/// this budget); smaller batches also start sorting while the guide is still being mapped, and
/// the ingest took no longer (10^5) or less (10^4: 6.6 s against 8.3).
const LOADER_MEGABYTES: usize = 400;

impl KnowledgeGraph {
    /// Extracts, resolves and writes one guide. `progress` is told each stage as it starts.
    pub fn ingest_guide(
        &self,
        doc: GuideDocument<'_>,
        reference: &Reference,
        progress: &mut dyn FnMut(IngestStage),
    ) -> Result<IngestReport, StoreError> {
        progress(IngestStage::Extracting);
        let hashes = SourceHashes::of(
            doc.original.as_deref().unwrap_or(doc.text.as_bytes()),
            &doc.text,
        );
        // A PDF's bytes: hashed, not needed again.
        drop(doc.original);
        let mut extraction: Extraction = smarty_extract::extract(&doc.text);
        if extraction.practices.is_empty() {
            return Err(StoreError::NoPractices {
                path: doc.name.into(),
            });
        }
        if !doc.allow_partial
            && let Some(cut) = extraction
                .diagnostics
                .iter()
                .find(|d| d.code == smarty_extract::DiagnosticCode::EndsEarly)
        {
            return Err(StoreError::CutShort {
                path: doc.name.into(),
                line: cut.line,
                message: cut.message.clone(),
            });
        }
        let file_name = document_slug(doc.name, "guide");
        let same_guide = match GuideIdentity::of(&extraction) {
            Some(identity) => self.same_guide(&identity)?,
            None => None,
        };
        let name = same_guide.clone().unwrap_or_else(|| file_name.clone());
        progress(IngestStage::Resolving);
        let mut resolved: ResolvedGuide = smarty_reference::resolve(&extraction, reference);
        // What the report needs of the extraction, taken now: the bulk write drops the rest as
        // soon as it is mapped, before the loader's peak.
        let (practices, persons) = (extraction.practices.len(), resolved.persons.len());
        let organisations = resolved.organisations.len();
        let diagnostics = std::mem::take(&mut extraction.diagnostics);
        let notes = std::mem::take(&mut resolved.notes);
        let version = hashes.version.clone();
        // Owned by the mapping from here: it drops each practice's records once mapped.
        let mapped = GuideInput {
            name: &name,
            source: hashes,
            extraction,
            resolved,
        };
        // Kept first: a failed ingest leaves at most an unused copy, never a fact without its
        // text. The text goes with it: nothing else needs it now.
        self.keep_source(&format!("{name}-{version}.txt"), doc.text)?;
        // Before anything is replaced: a kept copy of the version still current is harmless.
        let kept = if doc.keep_previous {
            self.keep_versions(&name, &version)?
        } else {
            Vec::new()
        };

        progress(IngestStage::Writing);
        self.forget_derived()?;
        let mut collected = None;
        let mut bulk = false;
        let (summary, replaced) = match self.dir.as_deref() {
            None => self.write_in_memory(mapped, reference)?,
            Some(dir) => {
                let provenance = iri::provenance_graph(&name, &version);
                if self
                    .store
                    .contains_named_graph(NamedOrBlankNodeRef::from(&provenance))?
                {
                    self.write_same_version(mapped, reference)?
                } else {
                    // Into an empty store, the statements streamed to the loader are all
                    // there is: the deriver can take its facts from them.
                    if self.store.is_empty()? {
                        collected = self.collector();
                    }
                    let summary = self.bulk_write(dir, mapped, reference, collected.as_mut())?;
                    progress(IngestStage::Finishing);
                    let replaced = self.finish_ingest(&name, &summary.version, reference)?;
                    bulk = true;
                    (summary, replaced)
                }
            }
        };
        progress(IngestStage::Flushing);
        self.flush()?;
        if bulk {
            self.compact()?;
        }
        if let Some(dir) = &self.dir {
            remove_marker(dir)?;
        }
        progress(IngestStage::Deriving);
        self.derive_again(match &collected {
            Some(c) => Written::Everything(&c.collected),
            None => Written::Changed,
        });

        Ok(IngestReport {
            same_guide_as: same_guide.filter(|stored| *stored != file_name),
            document: name,
            version: summary.version,
            practices,
            persons,
            organisations,
            quads: summary.quads,
            graphs: summary.graphs,
            replaced_graphs: replaced,
            kept,
            diagnostics,
            notes,
        })
    }

    /// [`KnowledgeGraph::ingest_guide`] for a text in memory, without progress reports.
    pub fn ingest_text(
        &self,
        name: &str,
        text: &str,
        reference: &Reference,
    ) -> Result<IngestReport, StoreError> {
        let doc = GuideDocument {
            name,
            text: text.to_owned(),
            original: None,
            keep_previous: false,
            allow_partial: false,
        };
        self.ingest_guide(doc, reference, &mut |_| {})
    }

    /// One transaction: old graphs out, new quads in as they are mapped, curated graphs refreshed.
    fn write_in_memory(
        &self,
        input: GuideInput<'_>,
        reference: &Reference,
    ) -> Result<(GuideSummary, usize), StoreError> {
        let mut tx = self.store.start_transaction()?;
        let replaced = remove_document_graphs(&mut tx, input.name, None)?;
        // Each practice's records are dropped as it is mapped: the store's memory reuses theirs.
        let summary = smarty_rdf::map_guide(input, reference, &self.person_key, &mut |q| {
            tx.insert(&q);
        });
        refresh_curated(&mut tx, reference)?;
        tx.commit()?;
        Ok((summary, replaced))
    }

    /// Maps the guide on a second thread while the bulk loader encodes and sorts what it has
    /// received; commits with the marker file in place.
    fn bulk_write(
        &self,
        dir: &Path,
        mapped: GuideInput<'_>,
        reference: &Reference,
        mut collector: Option<&mut Collector<'_>>,
    ) -> Result<GuideSummary, StoreError> {
        write_marker(dir, mapped.name, &mapped.source.version)?;
        let key = &self.person_key;
        // The curated graphs go into the same bulk load, for the places of the new mapping:
        // the finishing transaction then has nothing to write on a first ingest, and each index
        // stays one sorted file. A flushed transaction would add a small file that every later
        // index seek has to consult too (about a fifth slower queries). The places already
        // stored have their curated statements already (they are a union over places).
        let mut places = Places::default();
        let ontology = ontology_quads()?;
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Quad>>(4);
        let summary = std::thread::scope(|scope| -> Result<GuideSummary, StoreError> {
            let mapper = scope.spawn(move || {
                let mut chunk = Vec::with_capacity(CHUNK);
                let mut receiver_gone = false;
                let summary = smarty_rdf::map_guide(mapped, reference, key, &mut |q| {
                    if q.predicate == vocab::dcterms::SPATIAL {
                        places.collect(&q.object);
                    }
                    if let Some(c) = collector.as_deref_mut() {
                        c.add(&q);
                    }
                    chunk.push(q);
                    if chunk.len() == CHUNK && !receiver_gone {
                        let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                        receiver_gone = sender.send(full).is_err();
                    }
                });
                let end = chunk.len();
                chunk.extend(places.curated_quads(reference));
                chunk.extend(ontology);
                if let Some(c) = collector {
                    chunk[end..].iter().for_each(|q| c.add(q));
                }
                if !receiver_gone {
                    // The receiver only goes away on a loader error, reported below.
                    let _ = sender.send(chunk);
                }
                summary
            });
            let mut loader = self
                .store
                .bulk_loader()
                .with_max_memory_size_in_megabytes(LOADER_MEGABYTES);
            // Stops at the first storage error, dropping the receiver so the mapper stops too.
            let loaded = loader.load_quads(receiver.iter().flatten());
            drop(receiver);
            let summary = mapper
                .join()
                .map_err(|_| StoreError::Storage("mapping the guide to RDF failed".into()))?;
            loaded?;
            failpoint("before-bulk-commit");
            loader.commit()?;
            Ok(summary)
        })?;
        failpoint("after-bulk-commit");
        Ok(summary)
    }

    /// The second step of a bulk ingest: earlier versions out, curated graphs refreshed, in one
    /// transaction. Returns how many graphs it removed. Safe to run again.
    fn finish_ingest(
        &self,
        name: &str,
        version: &str,
        reference: &Reference,
    ) -> Result<usize, StoreError> {
        let mut tx = self.store.start_transaction()?;
        let replaced = remove_document_graphs(&mut tx, name, Some(version))?;
        refresh_curated(&mut tx, reference)?;
        tx.commit()?;
        Ok(replaced)
    }

    /// Finishes an ingest that was killed between its bulk commit and its finishing transaction
    /// (the marker file says which). Called when the store is opened, before anything reads it.
    pub(crate) fn finish_interrupted_ingest(&self, dir: &Path) -> Result<(), StoreError> {
        let Some((name, version)) = read_marker(dir)? else {
            return Ok(());
        };
        self.forget_derived()?;
        let provenance = iri::provenance_graph(&name, &version);
        // Without the provenance graph the bulk commit never happened: nothing to finish.
        if self
            .store
            .contains_named_graph(NamedOrBlankNodeRef::from(&provenance))?
        {
            let reference = Reference::bundled()
                .map_err(|e| StoreError::Storage(format!("bundled reference data: {e}")))?;
            self.finish_ingest(&name, &version, &reference)?;
            self.flush()?;
        }
        remove_marker(dir)
    }

    /// The same version again: compare what is stored with the new mapping and write only the
    /// difference, in one transaction (nothing at all when the mapping has not changed).
    fn write_same_version(
        &self,
        input: GuideInput<'_>,
        reference: &Reference,
    ) -> Result<(GuideSummary, usize), StoreError> {
        let version = input.source.version.clone();
        let name = input.name;
        let mut new_quads: Vec<Quad> = Vec::new();
        let summary = smarty_rdf::map_guide(input, reference, &self.person_key, &mut |q| {
            new_quads.push(q)
        });
        let new_set: FxHashSet<u128> = new_quads
            .iter()
            .map(|q| quad_fingerprint(q.as_ref()))
            .collect();
        let mut tx = self.store.start_transaction()?;
        let removed_versions = remove_document_graphs(&mut tx, name, Some(&version))?;
        let this_version = format!("{}{version}/", iri::document_graphs_prefix(name));
        let graphs = graphs_with_prefix(&tx, &this_version)?;
        let mut stored: FxHashSet<u128> = FxHashSet::default();
        let mut stale: Vec<Quad> = Vec::new();
        for g in &graphs {
            for q in tx.quads_for_pattern(None, None, None, Some(GraphNameRef::from(g))) {
                let q = q?;
                let f = quad_fingerprint(q.as_ref());
                if new_set.contains(&f) {
                    stored.insert(f);
                } else {
                    stale.push(q);
                }
            }
        }
        for q in &stale {
            tx.remove(q);
        }
        for q in &new_quads {
            if !stored.contains(&quad_fingerprint(q.as_ref())) {
                tx.insert(q);
            }
        }
        refresh_curated(&mut tx, reference)?;
        tx.commit()?;
        Ok((summary, removed_versions + graphs.len()))
    }

    /// Names of the documents ingested so far, with their versions.
    pub fn documents(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut graphs = Vec::new();
        for g in self.store.named_graphs() {
            if let NamedOrBlankNode::NamedNode(n) = g? {
                graphs.push(n.into_string());
            }
        }
        Ok(documents_among(graphs.iter().map(String::as_str)))
    }
}

/// The documents, with their versions, whose graphs are among these graph names.
pub(crate) fn documents_among<'a>(graphs: impl Iterator<Item = &'a str>) -> Vec<(String, String)> {
    let base = format!("{}doc/", iri::GRAPH_BASE);
    let mut out: BTreeSet<(String, String)> = BTreeSet::new();
    for g in graphs {
        if let Some(rest) = g.strip_prefix(&base) {
            let mut parts = rest.split('/');
            if let (Some(doc), Some(version)) = (parts.next(), parts.next()) {
                out.insert((doc.to_owned(), version.to_owned()));
            }
        }
    }
    out.into_iter().collect()
}

/// The slug that names a document (or a loaded file) in graph IRIs. A name with no letters or
/// digits to spell a slug with gets `{kind}-{hash of the name}`: one fixed fallback would make
/// two such documents one, and ingesting the second would replace the first.
pub(crate) fn document_slug(name: &str, kind: &str) -> String {
    let slug = smarty_reference::slug::slug(name);
    if slug.is_empty() {
        format!("{kind}-{}", iri::version_of(name.as_bytes()))
    } else {
        slug
    }
}

/// A failure-injection point for the crash tests: `SMARTY_KG_FAILPOINT=NAME` aborts the process
/// there, as a power cut would.
pub(crate) fn failpoint(name: &str) {
    if std::env::var_os("SMARTY_KG_FAILPOINT").is_some_and(|v| v == name) {
        std::process::abort();
    }
}

/// A 128-bit fingerprint of a quad, for comparing a stored version with a new mapping.
fn quad_fingerprint(q: QuadRef<'_>) -> u128 {
    xxhash_rust::xxh3::xxh3_128(q.to_string().as_bytes())
}

fn graphs_with_prefix(tx: &Transaction<'_>, prefix: &str) -> Result<Vec<NamedNode>, StoreError> {
    let mut out = Vec::new();
    for g in tx.named_graphs() {
        if let NamedOrBlankNode::NamedNode(n) = g?
            && n.as_str().starts_with(prefix)
        {
            out.push(n);
        }
    }
    Ok(out)
}

/// Removes the graphs of a document, except those of `keep` (a version). Returns how many.
fn remove_document_graphs(
    tx: &mut Transaction<'_>,
    name: &str,
    keep: Option<&str>,
) -> Result<usize, StoreError> {
    let prefix = iri::document_graphs_prefix(name);
    let kept = keep.map(|v| format!("{prefix}{v}/"));
    if let Some(version) = keep {
        // Listing every graph of a large store takes a while; the document's versions are known
        // from its provenance (`guide dcterms:hasVersion source`), so list only when another
        // version is there.
        let guide = iri::guide(name);
        let this = iri::source(name, version, "txt");
        let mut others = false;
        for q in tx.quads_for_pattern(
            Some(NamedOrBlankNodeRef::from(&guide)),
            Some(vocab::dcterms::HAS_VERSION),
            None,
            None,
        ) {
            others |= !matches!(q?.object, Term::NamedNode(n) if n == this);
        }
        if !others {
            return Ok(0);
        }
    }
    let mut removed = 0;
    for g in graphs_with_prefix(tx, &prefix)? {
        if kept.as_deref().is_some_and(|k| g.as_str().starts_with(k)) {
            continue;
        }
        tx.remove_named_graph(NamedOrBlankNodeRef::from(&g))?;
        removed += 1;
    }
    Ok(removed)
}

/// Makes the curated graphs (alias table, the regions and countries of every document now in the
/// store) and the ontology graph what they should be, writing only what changed.
fn refresh_curated(tx: &mut Transaction<'_>, reference: &Reference) -> Result<(), StoreError> {
    let mut places = Places::default();
    for q in tx.quads_for_pattern(None, Some(vocab::dcterms::SPATIAL), None, None) {
        places.collect(&q?.object);
    }
    let mut wanted: Vec<Quad> = places.curated_quads(reference);
    wanted.extend(ontology_quads()?);
    let wanted_set: FxHashSet<&Quad> = wanted.iter().collect();
    let mut graphs = smarty_rdf::curated::curated_graphs().to_vec();
    graphs.push(NamedNode::new_unchecked(ONTOLOGY_GRAPH));
    let mut present: FxHashSet<Quad> = FxHashSet::default();
    let mut stale: Vec<Quad> = Vec::new();
    for g in &graphs {
        for q in tx.quads_for_pattern(None, None, None, Some(GraphNameRef::from(g))) {
            let q = q?;
            if wanted_set.contains(&q) {
                present.insert(q);
            } else {
                stale.push(q);
            }
        }
    }
    for q in &stale {
        tx.remove(q);
    }
    for q in &wanted {
        if !present.contains(q) {
            tx.insert(q);
        }
    }
    Ok(())
}

/// The NUTS regions and countries stated as places (`dcterms:spatial`), which the curated
/// graphs describe.
#[derive(Default)]
struct Places {
    nuts: BTreeSet<String>,
    countries: BTreeSet<String>,
}

impl Places {
    fn collect(&mut self, term: &Term) {
        if let Term::NamedNode(n) = term {
            if let Some(code) = n.as_str().strip_prefix(vocab::NUTS) {
                self.nuts.insert(code.to_owned());
            } else if let Some(code) = n.as_str().strip_prefix(vocab::COUNTRY) {
                self.countries.insert(code.to_owned());
            }
        }
    }

    fn curated_quads(&self, reference: &Reference) -> Vec<Quad> {
        smarty_rdf::curated::curated_quads(reference, &self.nuts, &self.countries)
    }
}

fn write_marker(dir: &Path, name: &str, version: &str) -> Result<(), StoreError> {
    use std::io::Write;
    let path = dir.join(PENDING_MARKER);
    std::fs::File::create(&path)
        .and_then(|mut f| {
            writeln!(f, "{name}\n{version}")?;
            f.sync_all()
        })
        .map_err(|e| StoreError::Storage(format!("cannot write {}: {e}", path.display())))
}

/// Whether an ingest was interrupted between its two commits (its marker is still there).
pub(crate) fn interrupted(dir: &Path) -> bool {
    matches!(read_marker(dir), Ok(Some(_)))
}

fn read_marker(dir: &Path) -> Result<Option<(String, String)>, StoreError> {
    let path = dir.join(PENDING_MARKER);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let mut lines = text.lines();
            match (lines.next(), lines.next()) {
                (Some(name), Some(version)) if !name.is_empty() && !version.is_empty() => {
                    Ok(Some((name.to_owned(), version.to_owned())))
                }
                // Killed while writing the marker: the bulk load had not started.
                _ => Ok(None),
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::Storage(format!(
            "cannot read {}: {e}",
            path.display()
        ))),
    }
}

fn remove_marker(dir: &Path) -> Result<(), StoreError> {
    match std::fs::remove_file(dir.join(PENDING_MARKER)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::Storage(format!(
            "cannot remove {}: {e}",
            dir.join(PENDING_MARKER).display()
        ))),
    }
}

/// The bundled vocabulary (`ontology/smarty.ttl`) in its own graph: the `smarty:` terms only. The
/// file also documents the SMARTY guide's theme scheme, which ingest reads from the guide itself;
/// loading it twice would make the union default graph count those triples twice.
fn ontology_quads() -> Result<Vec<Quad>, StoreError> {
    let graph = NamedNodeRef::new_unchecked(ONTOLOGY_GRAPH);
    let vocabulary = "https://w3id.org/smarty-kg/def";
    let mut out = Vec::new();
    for q in RdfParser::from_format(crate::GraphFormat::Turtle.to_oxigraph())
        .with_default_graph(GraphNameRef::from(graph).into_owned())
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
