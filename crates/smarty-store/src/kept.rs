//! Earlier versions kept on request (`ingest --keep-previous`). A kept version is a store of its
//! own under `DIR/kept/{doc}@{version}/`: its graphs, the ontology and the curated graphs, its
//! text and the person key, so every reading command works on it as on the current data, and
//! its statements never join the union default graph the current data is queried through.

use std::path::{Path, PathBuf};

use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Quad};
use oxigraph::store::Store;
use smarty_rdf::iri;

use crate::{KnowledgeGraph, ONTOLOGY_GRAPH, StoreError};

/// The directory that holds the kept versions of a store.
const KEPT: &str = "kept";

impl KnowledgeGraph {
    /// Where version `version` of document `doc` is kept, for the store in `dir`.
    pub fn kept_dir(dir: &Path, doc: &str, version: &str) -> PathBuf {
        dir.join(KEPT).join(format!("{doc}@{version}"))
    }

    /// The versions kept beside the store in `dir`, as (document, version).
    pub fn kept_versions(dir: &Path) -> Vec<(String, String)> {
        let mut kept: Vec<(String, String)> = std::fs::read_dir(dir.join(KEPT))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let (doc, version) = name.split_once('@')?;
                (!doc.starts_with('.')).then(|| (doc.to_owned(), version.to_owned()))
            })
            .collect();
        kept.sort();
        kept
    }

    /// Copies every stored version of `doc` other than `current` into a store of its own, unless
    /// it is kept already. Returns the versions newly kept. Each is written under a temporary
    /// name and renamed, so a kept version is whole or absent, whenever the process dies.
    pub(crate) fn keep_versions(
        &self,
        doc: &str,
        current: &str,
    ) -> Result<Vec<String>, StoreError> {
        let Some(dir) = self.dir.as_deref() else {
            return Ok(Vec::new());
        };
        let mut kept = Vec::new();
        for (stored, version) in self.documents()? {
            let target = Self::kept_dir(dir, doc, &version);
            if stored != doc || version == current || target.exists() {
                continue;
            }
            self.copy_version(dir, doc, &version, &target)?;
            kept.push(version);
        }
        Ok(kept)
    }

    fn copy_version(
        &self,
        dir: &Path,
        doc: &str,
        version: &str,
        target: &Path,
    ) -> Result<(), StoreError> {
        let io = |e: std::io::Error| StoreError::Storage(format!("{}: {e}", target.display()));
        let parent = dir.join(KEPT);
        let partial = parent.join(format!(".partial-{doc}@{version}"));
        if partial.exists() {
            std::fs::remove_dir_all(&partial).map_err(io)?;
        }
        std::fs::create_dir_all(partial.join("sources")).map_err(io)?;
        let copy = Store::open(partial.join("rocksdb"))?;
        let mut loader = copy.bulk_loader();
        // Graph by graph into the loader: a large version is never held in memory whole.
        for graph in self.version_graphs(doc, version)? {
            let graph = GraphNameRef::NamedNode(graph.as_ref());
            let quads: Vec<Quad> = self
                .store
                .quads_for_pattern(None, None, None, Some(graph))
                .collect::<Result<_, _>>()?;
            loader.load_quads(quads)?;
        }
        loader.commit()?;
        copy.flush()?;
        drop(copy);
        let text = format!("{doc}-{version}.txt");
        if let Some(source) = self.source_text(&text) {
            std::fs::write(partial.join("sources").join(&text), source).map_err(io)?;
        }
        let key = dir.join("person-key");
        if key.exists() {
            std::fs::copy(&key, partial.join("person-key")).map_err(io)?;
        }
        std::fs::rename(&partial, target).map_err(io)
    }

    /// The graphs a kept version holds: the version's own, the ontology, the curated graphs.
    fn version_graphs(&self, doc: &str, version: &str) -> Result<Vec<NamedNode>, StoreError> {
        let own = format!("{}{version}/", iri::document_graphs_prefix(doc));
        let curated = format!("{}curated/", iri::GRAPH_BASE);
        let mut graphs = Vec::new();
        for g in self.store.named_graphs() {
            if let NamedOrBlankNode::NamedNode(g) = g? {
                let name = g.as_str();
                if name.starts_with(&own) || name.starts_with(&curated) || name == ONTOLOGY_GRAPH {
                    graphs.push(g);
                }
            }
        }
        Ok(graphs)
    }
}
