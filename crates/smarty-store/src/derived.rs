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

use std::path::PathBuf;

use crate::{KnowledgeGraph, StoreError};

const DERIVED_DIR: &str = "derived";

/// Computes and keeps ([`KnowledgeGraph::keep_derived`]) derived answers from the store.
pub type Deriver = Box<dyn Fn(&KnowledgeGraph) -> Result<(), String> + Send + Sync>;

impl KnowledgeGraph {
    /// The bytes kept under `name` since the last change to the store, if any.
    pub fn derived(&self, name: &str) -> Option<Vec<u8>> {
        if let Ok(map) = self.derived.lock()
            && let Some(bytes) = map.get(name)
        {
            return Some(bytes.clone());
        }
        let path = self.derived_path(name)?;
        std::fs::read(path).ok()
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
    pub(crate) fn derive_again(&self) {
        crate::ingest::failpoint("before-derive");
        if let Some(deriver) = self.deriver.get() {
            let _ = deriver(self);
        }
    }

    /// Forgets every derived answer; called before any write.
    pub(crate) fn forget_derived(&self) -> Result<(), StoreError> {
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

    fn derived_path(&self, name: &str) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(DERIVED_DIR).join(name))
    }
}
