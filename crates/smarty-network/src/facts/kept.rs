//! Facts kept in the store's derived data until the store next changes, and their compact
//! form on disk.
//!
//! The form is serde's compact binary encoding (postcard: lengths and integers as varints, no
//! field names) compressed by LZ4. The facts are mostly IRIs that share a few long prefixes,
//! which LZ4 takes out at a few GB/s to decompress: a kept file is about a tenth of the same
//! facts as JSON, and reading it back costs less than parsing JSON. Bytes that do not decode
//! (an older layout, a damaged file) are not an error: the facts are read from the store again.

use std::path::Path;

use smarty_store::{KnowledgeGraph, QueryOptions};

use super::{Facts, Source};
use crate::NetworkError;

/// Where [`Facts::load_kept`] keeps everything the networks need. The version in the name
/// retires data kept by an older layout of `Facts`.
pub(crate) const NETWORK_FACTS: &str = "network-facts-v3.bin";

/// The kept form of `facts`.
fn encode(facts: &Facts) -> Result<Vec<u8>, NetworkError> {
    let plain = postcard::to_stdvec(facts)
        .map_err(|e| NetworkError::Store(smarty_store::StoreError::Storage(e.to_string())))?;
    Ok(lz4_flex::compress_prepend_size(&plain))
}

/// The facts in `bytes`, if they are the kept form of some.
fn decode(bytes: &[u8]) -> Option<Facts> {
    let plain = lz4_flex::decompress_size_prepended(bytes).ok()?;
    postcard::from_bytes(&plain).ok()
}

impl Facts {
    /// [`Facts::load`], kept in the store's derived data until the store changes: the networks
    /// and paths after the first read are a decompression away.
    pub fn load_kept(kg: &KnowledgeGraph, options: &QueryOptions) -> Result<Facts, NetworkError> {
        Facts::kept(kg, options, NETWORK_FACTS, Facts::load)
    }

    /// The facts kept under `name`, if the store has not changed since they were.
    pub fn read_kept(store: &KnowledgeGraph, name: &str) -> Option<Facts> {
        store.derived(name).as_deref().and_then(decode)
    }

    /// The facts kept under `name` beside the store in `dir`, read without opening the store.
    /// Sound because every write forgets the kept data before it changes anything and keeps
    /// new data only once its change is committed: what is found here is the store's state.
    pub fn read_kept_in(dir: &Path, name: &str) -> Option<Facts> {
        KnowledgeGraph::derived_in(dir, name)
            .as_deref()
            .and_then(decode)
    }

    /// Keeps `facts` under `name` until the store changes.
    pub fn keep(store: &KnowledgeGraph, name: &str, facts: &Facts) -> Result<(), NetworkError> {
        Ok(store.keep_derived(name, encode(facts)?)?)
    }

    /// Facts kept under `name` since the last change to the store, or `load`ed and kept.
    /// The version in the name retires data kept by an older layout of `Facts`.
    pub fn kept(
        kg: &KnowledgeGraph,
        options: &QueryOptions,
        name: &str,
        load: impl FnOnce(Source<'_>) -> Result<Facts, NetworkError>,
    ) -> Result<Facts, NetworkError> {
        if let Some(facts) = Facts::read_kept(kg, name) {
            return Ok(facts);
        }
        // The timeout covers the whole reading, not each scan.
        let options = options.started_now();
        let facts = load(Source(kg, &options))?;
        // Failing to keep them only costs the next call the same work again.
        let _ = Facts::keep(kg, name, &facts);
        Ok(facts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_that_are_not_kept_facts_read_as_none() {
        for bytes in [&b""[..], b"{}", b"\x05\0\0\0abc", &[0xff; 64]] {
            assert!(decode(bytes).is_none(), "{bytes:?}");
        }
    }
}
