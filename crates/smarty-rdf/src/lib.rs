//! The knowledge graph's shape: vocabulary, IRIs, and the mapping of extracted and resolved records
//! to quads in provenance-carrying named graphs. Pure: no I/O, no store (that is `smarty-store`).

pub mod curated;
pub mod guide;
pub mod iri;
pub mod prefixes;
pub mod vocab;

pub use guide::{GuideInput, GuideQuads, GuideSummary, SourceHashes, guide_quads, map_guide};
pub use iri::PersonKey;

/// The local vocabulary and the SMARTY theme scheme, loaded into every store's ontology graph.
pub const ONTOLOGY_TTL: &str = include_str!("../../../ontology/smarty.ttl");
/// The SHACL shapes `smarty-kg validate` checks the store against.
pub const SHAPES_TTL: &str = include_str!("../../../ontology/shapes.ttl");
