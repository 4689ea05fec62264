//! The knowledge graph in an embedded oxigraph store. This is the only crate that touches
//! oxigraph; the others see oxrdf terms and the types defined here.
//!
//! A store directory holds `rocksdb/` (the database), `lock` (the process using it),
//! `person-key` (the secret behind person IRIs, see `smarty_rdf::PersonKey`), `sources/` (the
//! texts of ingested guides), `derived/` (answers kept until the next write), `kept/` (earlier
//! versions kept on request, each a store of its own) and, only while an ingest is between its
//! two commits, `ingest-pending`.

mod answers;
mod derived;
mod error;
mod export;
mod format;
mod identity;
mod ingest;
mod kept;
mod library;
mod load;
mod lock;
mod provenance;
mod query;
mod scan;
mod serialize;
mod serve_support;
mod stats;
mod validate;

use std::path::{Path, PathBuf};

use oxigraph::store::Store;
use smarty_rdf::PersonKey;

pub use answers::{AnswerForm, Answers, Cut, Here, Portable, read_results};
pub use derived::{Collected, Deriver, Written};
pub use error::StoreError;
pub use export::ExportOptions;
pub use format::{GraphFormat, ResultsFormat};
pub use ingest::{GuideDocument, IngestReport, IngestStage, ONTOLOGY_GRAPH};
pub use library::{
    NamedQuery, ParamError, ParamKind, ParamValue, Parameter, QueryLibrary, parse_term,
};
pub use load::{LoadOptions, LoadReport};
pub use provenance::{Origin, Sourced, parse_source};
pub use query::{
    AnswerOrder, Canceller, MAX_QUERY_BYTES, QueryOptions, QueryOutcome, QueryOutput,
    SolutionTable, StatementShape, parse_check, statement_shape, write_outcome,
};
pub use serve_support::{CappedOutcome, EndpointQuery, GraphWrite, RequestDataset};
pub use stats::{Stats, stats_of};
pub use validate::{Severity, ValidationReport, Violation};

/// Re-exported so callers can name terms without depending on oxigraph.
pub use oxigraph::model::{
    GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term, Triple,
};

/// Environment variable with a person-IRI key, for reproducible person IRIs across stores.
pub const PERSON_KEY_ENV: &str = "SMARTY_KG_PERSON_KEY";

/// An open knowledge graph: an on-disk or in-memory oxigraph store, locked for this process.
pub struct KnowledgeGraph {
    store: Store,
    dir: Option<PathBuf>,
    person_key: PersonKey,
    /// Texts of ingested guides, for in-memory stores (on disk they are under `DIR/sources/`),
    /// LZ4-compressed: they are read only to show the lines behind a fact, and held whole they
    /// were a twentieth of an in-memory store (150 MB of text at 100,000 practices).
    sources: std::sync::Mutex<std::collections::BTreeMap<String, Vec<u8>>>,
    /// Derived answers kept until the next write (see `derived.rs`).
    derived: std::sync::Mutex<std::collections::BTreeMap<String, Vec<u8>>>,
    /// Computes the derived answers again after each write (see `derived.rs`).
    deriver: std::sync::OnceLock<derived::Deriver>,
    /// Opened from a read-only file system: readable, every write refused before it starts.
    read_only: bool,
    _lock: Option<lock::StoreLock>,
}

impl std::fmt::Debug for KnowledgeGraph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KnowledgeGraph")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl KnowledgeGraph {
    /// Opens (creating if needed) the store in `dir`, taking its lock first. A store on a
    /// read-only file system (a mounted archive, a snapshot) opens read-only without a lock: no
    /// process can write there, so no writer can be beside it.
    pub fn open(dir: &Path) -> Result<KnowledgeGraph, StoreError> {
        let open_err = |message: String| StoreError::Open {
            dir: dir.to_owned(),
            message,
        };
        std::fs::create_dir_all(dir).map_err(|e| open_err(e.to_string()))?;
        let lock = match lock::StoreLock::acquire(dir) {
            Ok(lock) => lock,
            Err(e) if lock::on_read_only_file_system(dir) => {
                return Self::open_read_only(dir).map_err(|_| e);
            }
            Err(e) => return Err(e),
        };
        let db = dir.join("rocksdb");
        remove_bulk_load_leftovers(&db).map_err(|e| open_err(e.to_string()))?;
        let store = Store::open(&db).map_err(|e| open_err(e.to_string()))?;
        let kg = KnowledgeGraph::in_dir(store, dir, Some(lock))?;
        kg.finish_interrupted_ingest(dir)?;
        Ok(kg)
    }

    fn open_read_only(dir: &Path) -> Result<KnowledgeGraph, StoreError> {
        let open_err = |message: String| StoreError::Open {
            dir: dir.to_owned(),
            message,
        };
        if ingest::interrupted(dir) {
            return Err(open_err(
                "an ingest was interrupted before it finished, and the store is on a read-only \
                 file system: open it once where it can be written to finish the ingest"
                    .into(),
            ));
        }
        let db = dir.join("rocksdb");
        if !db.is_dir() {
            return Err(open_err(format!(
                "{} is missing, and a store cannot be made on a read-only file system",
                db.display()
            )));
        }
        let store = Store::open_read_only(&db).map_err(|e| open_err(e.to_string()))?;
        KnowledgeGraph::in_dir(store, dir, None)
    }

    /// The store RocksDB opened in `dir`, with its person key; read-only when it holds no lock
    /// (only a store on a read-only file system is opened without one).
    fn in_dir(
        store: Store,
        dir: &Path,
        lock: Option<lock::StoreLock>,
    ) -> Result<KnowledgeGraph, StoreError> {
        let person_key = person_key(Some(dir)).map_err(|e| StoreError::Open {
            dir: dir.to_owned(),
            message: e.to_string(),
        })?;
        Ok(KnowledgeGraph {
            store,
            dir: Some(dir.to_owned()),
            person_key,
            sources: Default::default(),
            derived: Default::default(),
            deriver: Default::default(),
            read_only: lock.is_none(),
            _lock: lock,
        })
    }

    /// Whether the store was opened read-only (it is on a read-only file system).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Refuses a write to a store opened read-only; every write path asks first, before it
    /// touches anything.
    pub(crate) fn writable(&self) -> Result<(), StoreError> {
        match (&self.dir, self.read_only) {
            (Some(dir), true) => Err(StoreError::ReadOnly { dir: dir.clone() }),
            _ => Ok(()),
        }
    }

    /// Whether `dir` holds a store (its database), as opposed to being missing or empty.
    pub fn exists_at(dir: &Path) -> bool {
        dir.join("rocksdb").is_dir()
    }

    /// The entries of `dir` that a store does not make (another program's files), sorted: a
    /// store is created only in a new directory, an empty one, or one a store began.
    pub fn foreign_entries(dir: &Path) -> Vec<String> {
        const STORE_ENTRIES: &[&str] = &[
            "rocksdb",
            "lock",
            "person-key",
            "sources",
            "derived",
            "kept",
            "pushed",
        ];
        let mut foreign: Vec<String> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| !STORE_ENTRIES.contains(&name.as_str()))
            .collect();
        foreign.sort();
        foreign
    }

    /// A temporary store in memory.
    pub fn in_memory() -> Result<KnowledgeGraph, StoreError> {
        Ok(KnowledgeGraph {
            store: Store::new()?,
            dir: None,
            person_key: person_key(None).map_err(|e| StoreError::Storage(e.to_string()))?,
            sources: Default::default(),
            derived: Default::default(),
            deriver: Default::default(),
            read_only: false,
            _lock: None,
        })
    }

    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Writes everything committed so far to disk files, so it survives a crash of the machine and
    /// not only of the process (oxigraph does not sync commits).
    pub fn flush(&self) -> Result<(), StoreError> {
        if self.dir.is_some() {
            self.store.flush()?;
        }
        Ok(())
    }

    /// Merges the small files the finishing transaction flushed into the bulk-loaded ones. Left
    /// to RocksDB's background threads, that merge starts at every later open and, in sessions
    /// shorter than it (the shell, a command), never ends: at 100,000 practices it took about
    /// half of a first `.graph contacts`. Done here once (most of it is done during the load,
    /// whose small batches RocksDB merges as they come: what is left takes milliseconds).
    pub(crate) fn compact(&self) -> Result<(), StoreError> {
        if self.dir.is_some() {
            self.store.optimize()?;
        }
        Ok(())
    }

    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.store.is_empty()?)
    }

    /// Keeps a copy of an ingested guide's text, named like its source IRI
    /// (`{doc}-{version}.txt`), so that facts can be shown with the lines they came from.
    fn keep_source(&self, file_name: &str, text: String) -> Result<(), StoreError> {
        self.writable()?;
        match &self.dir {
            Some(dir) => {
                let sources = dir.join("sources");
                let tmp = sources.join(format!(".{file_name}.tmp"));
                std::fs::create_dir_all(&sources)
                    .and_then(|()| std::fs::write(&tmp, &text))
                    .and_then(|()| std::fs::rename(&tmp, sources.join(file_name)))
                    .map_err(|e| {
                        // A full disk leaves the copy half-written: it goes, the store is as it was.
                        let _ = std::fs::remove_file(&tmp);
                        StoreError::Storage(format!(
                            "cannot keep the source text in {}: {e}",
                            sources.display()
                        ))
                    })
            }
            None => {
                let compressed = lz4_flex::compress_prepend_size(text.as_bytes());
                drop(text);
                if let Ok(mut map) = self.sources.lock() {
                    map.insert(file_name.to_owned(), compressed);
                }
                Ok(())
            }
        }
    }

    /// The text of an ingested guide by its source file name (`{doc}-{version}.txt`), if kept.
    pub fn source_text(&self, file_name: &str) -> Option<String> {
        if file_name.contains(['/', '\\']) || file_name.starts_with('.') {
            return None;
        }
        match &self.dir {
            Some(dir) => std::fs::read_to_string(dir.join("sources").join(file_name)).ok(),
            None => {
                let sources = self.sources.lock().ok()?;
                let plain = lz4_flex::decompress_size_prepended(sources.get(file_name)?).ok()?;
                String::from_utf8(plain).ok()
            }
        }
    }
}

/// A bulk load killed part-way leaves `bulk-*.sst` temporaries (hundreds of megabytes) in the
/// database directory; nothing else removes them.
fn remove_bulk_load_leftovers(db: &Path) -> std::io::Result<()> {
    let Ok(entries) = std::fs::read_dir(db) else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// The person key: from the environment, else the store's `person-key` file (created on first
/// use), else (in memory) a fresh random key.
fn person_key(dir: Option<&Path>) -> std::io::Result<PersonKey> {
    if let Ok(key) = std::env::var(PERSON_KEY_ENV)
        && !key.is_empty()
    {
        return Ok(PersonKey::new(key.into_bytes()));
    }
    let random = || -> std::io::Result<Vec<u8>> {
        let mut bytes = vec![0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
        Ok(bytes)
    };
    let Some(dir) = dir else {
        return Ok(PersonKey::new(random()?));
    };
    let path = dir.join("person-key");
    match std::fs::read(&path) {
        Ok(bytes) if !bytes.is_empty() => Ok(PersonKey::new(bytes)),
        _ => {
            let bytes = random()?;
            write_private(&path, &bytes)?;
            Ok(PersonKey::new(bytes))
        }
    }
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}
