//! Derived data: answers computed from the store that are costly to compute again (the facts
//! behind the shared-contacts report), kept until the store next changes.
//!
//! Every write path ([`KnowledgeGraph::ingest_guide`], [`KnowledgeGraph::load_rdf_file`],
//! [`KnowledgeGraph::update`], the endpoint's graph writes) forgets all derived data *before*
//! it changes anything, so a crash part-way leaves nothing stale behind, and once its commit is
//! flushed runs the deriver registered with [`KnowledgeGraph::derive_after_writes`], so the
//! first reader after a change finds the answers ready. A deriver that fails or a process killed
//! before it ends only leaves the data missing: the next reader computes it. On disk it lives
//! in `DIR/derived/NAME`, written atomically; in memory, beside the store.

use std::path::{Path, PathBuf};

use oxigraph::model::{NamedOrBlankNode, Quad, Term};
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

use crate::{KnowledgeGraph, StoreError};

const DERIVED_DIR: &str = "derived";

/// Computes and keeps ([`KnowledgeGraph::keep_derived`]) derived answers after each write.
pub struct Deriver {
    /// Whether the answers are made of the statement. A write into an empty store hands those
    /// statements over as it streams them to the loader ([`Written::Everything`]): the answers
    /// are then made without reading back what was just written, which costs about what the
    /// deriving itself costs (every term read is a RocksDB lookup).
    pub wants: Box<dyn Fn(&Quad) -> bool + Send + Sync>,
    /// Computes the answers and keeps them.
    pub derive: Derive,
}

/// What computes derived answers: the store written to, and what was written.
pub type Derive = Box<dyn Fn(&KnowledgeGraph, Written<'_>) -> Result<(), String> + Send + Sync>;

/// What a write tells the deriver about what it wrote.
pub enum Written<'a> {
    /// The statements changed in ways only a reading of the store shows.
    Changed,
    /// The store was empty before: these are all its statements the deriver wants.
    Everything(&'a Collected),
}

/// The statements a deriver wants, collected as a write streams them: by predicate, each
/// `(subject, object)` once whatever graphs state it, as the union default graph shows them.
/// Each term is kept once and a statement is two numbers: the same IRIs recur in many
/// statements, and this lives beside the loader's own buffers at the write's peak. A graph with
/// indexes (`oxrdf::Graph`) made the ingest a quarter slower.
#[derive(Default)]
pub struct Collected {
    subjects: FxIndexSet<NamedOrBlankNode>,
    objects: FxIndexSet<Term>,
    by_predicate: FxHashMap<String, FxHashSet<(u32, u32)>>,
}

type FxIndexSet<T> = indexmap::IndexSet<T, FxBuildHasher>;

impl Collected {
    /// `(subject, object)` of the statements with the predicate (an IRI), in no order.
    pub fn with_predicate<'a>(
        &'a self,
        predicate: &str,
    ) -> impl Iterator<Item = (&'a NamedOrBlankNode, &'a Term)> + 'a {
        self.by_predicate
            .get(predicate)
            .into_iter()
            .flatten()
            .filter_map(|&(s, o)| self.pair(s, o))
    }

    /// `(predicate, object)` of every statement about the subject (an IRI).
    pub fn about<'a>(&'a self, subject: &'a str) -> impl Iterator<Item = (&'a str, &'a Term)> + 'a {
        self.by_predicate.iter().flat_map(move |(p, pairs)| {
            pairs
                .iter()
                .filter_map(move |&(s, o)| match self.pair(s, o)? {
                    (NamedOrBlankNode::NamedNode(s), o) if s.as_str() == subject => {
                        Some((p.as_str(), o))
                    }
                    _ => None,
                })
        })
    }

    fn pair(&self, s: u32, o: u32) -> Option<(&NamedOrBlankNode, &Term)> {
        Some((
            self.subjects.get_index(s as usize)?,
            self.objects.get_index(o as usize)?,
        ))
    }

    fn add(&mut self, quad: &Quad) {
        let s = match self.subjects.get_index_of(&quad.subject) {
            Some(i) => i,
            None => self.subjects.insert_full(quad.subject.clone()).0,
        };
        let o = match self.objects.get_index_of(&quad.object) {
            Some(i) => i,
            None => self.objects.insert_full(quad.object.clone()).0,
        };
        // Ids beyond u32 would take more terms than memory holds.
        let (s, o) = (s as u32, o as u32);
        match self.by_predicate.get_mut(quad.predicate.as_str()) {
            Some(pairs) => {
                pairs.insert((s, o));
            }
            None => {
                self.by_predicate.insert(
                    quad.predicate.as_str().to_owned(),
                    [(s, o)].into_iter().collect(),
                );
            }
        }
    }
}

impl KnowledgeGraph {
    /// The bytes kept under `name` since the last change to the store, if any.
    pub fn derived(&self, name: &str) -> Option<Vec<u8>> {
        if let Ok(map) = self.derived.lock()
            && let Some(bytes) = map.get(name)
        {
            return Some(bytes.clone());
        }
        Self::derived_in(self.dir.as_deref()?, name)
    }

    /// The bytes kept under `name` beside the store in `dir`, read without opening it: a reader
    /// that needs only derived data need not wait for the database to open. A writer forgets
    /// them before it changes anything, so they are never older than the committed data.
    pub fn derived_in(dir: &Path, name: &str) -> Option<Vec<u8>> {
        std::fs::read(dir.join(DERIVED_DIR).join(name)).ok()
    }

    /// Keeps `bytes` under `name` until the store changes. A name is a file name: letters,
    /// digits, `-`, `_` and `.`.
    pub fn keep_derived(&self, name: &str, bytes: Vec<u8>) -> Result<(), StoreError> {
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            return Err(StoreError::Storage(format!(
                "'{name}' is not a name for derived data"
            )));
        }
        if let Some(path) = self.derived_path(name) {
            let io = |e: std::io::Error| {
                StoreError::Storage(format!("cannot write {}: {e}", path.display()))
            };
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(io)?;
            }
            let partial = path.with_extension("partial");
            std::fs::write(&partial, &bytes).map_err(io)?;
            std::fs::rename(&partial, &path).map_err(io)?;
        }
        if let Ok(mut map) = self.derived.lock() {
            map.insert(name.to_owned(), bytes);
        }
        Ok(())
    }

    /// Registers what computes the derived data again after each write (once per store: the
    /// layers above the store know what is worth keeping, the store knows when it changed).
    pub fn derive_after_writes(&self, deriver: Deriver) {
        let _ = self.deriver.set(deriver);
    }

    /// Runs the registered deriver; called after a write has committed and flushed. Its failure
    /// is not the write's: the data is stored, and the derived answers are computed on demand.
    pub(crate) fn derive_again(&self, written: Written<'_>) {
        crate::ingest::failpoint("before-derive");
        if let Some(deriver) = self.deriver.get() {
            let _ = (deriver.derive)(self, written);
        }
    }

    /// What a write into an empty store collects for the deriver: `None` without one.
    pub(crate) fn collector(&self) -> Option<Collector<'_>> {
        let deriver = self.deriver.get()?;
        Some(Collector {
            wants: &deriver.wants,
            collected: Collected::default(),
        })
    }

    /// Forgets every derived answer; called before any write.
    pub(crate) fn forget_derived(&self) -> Result<(), StoreError> {
        self.writable()?;
        if let Ok(mut map) = self.derived.lock() {
            map.clear();
        }
        if let Some(dir) = &self.dir {
            let derived = dir.join(DERIVED_DIR);
            match std::fs::remove_dir_all(&derived) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(StoreError::Storage(format!(
                        "cannot remove {}: {e}",
                        derived.display()
                    )));
                }
            }
        }
        Ok(())
    }

    /// Where derived data is written on disk; a store opened read-only keeps what it derives in
    /// memory (what was kept on disk before is still read).
    fn derived_path(&self, name: &str) -> Option<PathBuf> {
        if self.read_only {
            return None;
        }
        self.dir.as_ref().map(|d| d.join(DERIVED_DIR).join(name))
    }
}

/// Collects what a deriver wants of the statements a write streams.
pub(crate) struct Collector<'a> {
    wants: &'a (dyn Fn(&Quad) -> bool + Send + Sync),
    pub collected: Collected,
}

impl Collector<'_> {
    pub fn add(&mut self, quad: &Quad) {
        if (self.wants)(quad) {
            self.collected.add(quad);
        }
    }
}
