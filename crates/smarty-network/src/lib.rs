//! Networks over the knowledge graph: shared contacts, partner networks, their drawings and
//! analytics.
//!
//! Everything starts from the statements in the store (read by index scans), so networks work on
//! any data ingested or loaded that uses smarty-kg's vocabulary, not only on the extractor's
//! records. The facts read are:
//!
//! | fact | predicate |
//! |---|---|
//! | a practice | `?p a smarty:GoodPractice`, titled by `schema:name` (`schema:alternateName` for other names) |
//! | its theme | `dcat:theme` (labels: `rdfs:label`, `skos:prefLabel`, `skos:notation`) |
//! | its places | `dcterms:spatial` → NUTS regions (`skos:broader`, `dcterms:isPartOf` a country) and countries |
//! | its contact persons | `dcat:contactPoint` (names `vcard:fn`, `vcard:hasEmail`, `smarty:printedEmail`, `org:memberOf`) |
//! | its organisations | `smarty:mainInstitution`, `smarty:contactOrganisation`, `schema:funding/schema:funder` |
//! | programme partners | `?programme a schema:Project ; schema:member ?organisation` |
//!
//! # What it offers
//!
//! - [`shared_contacts`]: every person behind more than one practice, with the practices, their
//!   themes and places, the person's organisations and *why* the occurrences are one person
//!   ([`MatchReason`], derived from the spellings stored). [`SharedContact::rows`],
//!   [`write_contacts_json`] and [`contacts_to_csv`] present them.
//! - [`build`] a [`Network`] of a [`NetworkKind`] (`contacts`, `partners`, `practice-person`,
//!   `practice-organisation`) under [`NetworkOptions`] (theme, country, region, minimum edge
//!   weight, isolated nodes). Nodes and edges are sorted by IRI; the same store gives the same
//!   network, and every writer gives the same bytes. [`Network::graph`] is the petgraph view.
//! - Writers: [`Network::to_dot`] (graphviz-rust's model and printer, with a legend; node
//!   attributes kind, theme colour, country, degree in tooltips), [`Network::to_graphml`],
//!   [`Network::to_gexf`] (GEXF 1.2, which networkx reads too), [`Network::to_json`],
//!   [`Network::to_csv`]; the metrics are node attributes in all of them.
//! - [`Network::write`] in a [`NetworkFormat`] (chosen by name or by a file's extension): the one
//!   entry point for every format below, text or picture.
//! - [`Network::render`] to SVG or PNG: Graphviz through graphviz-rust's `exec` when it is
//!   installed (layout `dot` by default, `sfdp` above [`LARGE_NETWORK_NODES`] nodes or
//!   [`LARGE_NETWORK_EDGES`] edges, where `dot` stalls, and [`Rendered::notes`] says so), else a
//!   pure-Rust SVG laid out by `layout-rs`. [`Renderer`] forces either.
//! - [`metrics`]: degree, weighted degree, betweenness centrality (rustworkx-core's Brandes,
//!   exact up to [`EXACT_BETWEENNESS_MAX_NODES`] nodes; above that estimated from
//!   [`BETWEENNESS_PIVOTS`] seeded pivots by [`sampled_betweenness`], and the report says so),
//!   connected components (rustworkx-core), articulation points and bridges (petgraph);
//!   [`Metrics::report`] prints them for people.
//! - [`shortest_path`]: the shortest chain between two practices or organisations, named by
//!   title, other name, label (case and diacritics ignored) or IRI, hop by hop with the fact
//!   behind each hop ([`PathReport`] displays it; [`PathReport::to_dot`] and
//!   [`PathReport::render`] draw it). Unknown and ambiguous names are errors that list what the
//!   store has.
//! - The `*_with` variants ([`build_with`], [`shared_contacts_with`], [`shortest_path_with`]) run
//!   the queries under [`smarty_store::QueryOptions`] (timeout, Ctrl-C).
//! - Errors are one enum, [`NetworkError`]; [`NetworkError::is_input_error`] tells the caller's
//!   mistakes (exit code 2) from the store's.
//!
//! # Personal data
//!
//! The `contacts` and `practice-person` networks carry contact persons' names (as the `contacts`
//! command does). For anything published use `partners` or `practice-organisation`, which hold
//! organisations only. A store built from an `export --public` file has no persons: the
//! person networks are then empty, not an error.
//!
//! ```no_run
//! # fn main() -> Result<(), smarty_network::NetworkError> {
//! use smarty_network::{NetworkKind, NetworkOptions, Renderer, RenderOptions, ImageFormat};
//! let kg = smarty_store::KnowledgeGraph::in_memory()?;
//! let options = NetworkOptions::new(NetworkKind::Contacts);
//! let network = smarty_network::build(&kg, &options)?;
//! let dot: String = network.to_dot();
//! let svg = network.render(&RenderOptions::new(ImageFormat::Svg))?;
//! let metrics = smarty_network::metrics(&network);
//! println!("{} components; drawn by {}", metrics.components.len(), svg.renderer);
//! # Ok(()) }
//! ```

mod betweenness;
mod build;
mod builtin;
mod contacts;
mod dot;
mod facts;
mod facts_sparql;
mod filter;
mod formats;
mod metrics;
mod model;
mod names;
mod output;
mod path;
mod render;
mod style;

use smarty_store::StoreError;

pub use betweenness::sampled_betweenness;
pub use build::{build, build_kept, build_with};
pub use contacts::{
    CONTACT_COLUMNS, DEFAULT_MIN_PRACTICES, MatchReason, PracticeSummary, SharedContact,
    contact_themes, contacts_to_csv, deriver, kept_shared_contacts, shared_contacts,
    shared_contacts_with, write_contacts_json,
};
pub use facts::NetworkFacts;
pub use metrics::{
    BETWEENNESS_PIVOTS, BETWEENNESS_SEED, BetweennessMethod, EXACT_BETWEENNESS_MAX_NODES, Metrics,
    metrics, metrics_with,
};
pub use model::{
    Edge, Labelled, Network, NetworkKind, NetworkOptions, Node, NodeKind, PlaceRef, Role, ThemeRef,
};
pub use output::{NetworkFormat, Written};
pub use path::{Alternative, Hop, PathOptions, PathReport, Via, shortest_path, shortest_path_with};
pub use render::{
    ImageFormat, LARGE_NETWORK_EDGES, LARGE_NETWORK_NODES, LayoutEngine, RenderOptions, Rendered,
    Renderer, graphviz_available, is_large,
};
pub use smarty_extract::text::fold;

/// Everything that can go wrong building, analysing or drawing a network.
#[derive(Debug, thiserror::Error)]
pub enum NetworkError {
    /// The store could not answer (the store error is the source, for exit codes).
    #[error("{0}")]
    Store(#[source] StoreError),

    #[error(
        "unknown network kind '{0}'; choose contacts, partners, practice-person or practice-organisation"
    )]
    UnknownKind(String),

    /// A `--theme`, `--country` or `--region` the store does not know.
    #[error("no {what} '{given}' in the store; {}", known_list(known))]
    UnknownFilter {
        what: &'static str,
        given: String,
        known: Vec<String>,
    },

    /// A name that names no practice or organisation.
    #[error(
        "'{0}' names no practice or organisation (try a title, an acronym, an organisation's name or an IRI)"
    )]
    UnknownName(String),

    /// A name that fits several practices or organisations.
    #[error("'{name}' is ambiguous; it could be: {}", candidates.join("; "))]
    Ambiguous {
        name: String,
        candidates: Vec<String>,
    },

    /// An IRI that is not a node of the network searched.
    #[error("{0} is not a practice, person or organisation linked in the store")]
    NotInNetwork(String),

    /// Graphviz is needed (PNG, or `Renderer::Graphviz`) and is not installed.
    #[error(
        "{0}: install Graphviz (e.g. apt-get install graphviz), or draw an SVG with the built-in layout"
    )]
    GraphvizMissing(String),

    /// PNG or PDF asked of the built-in layout, which draws SVG only.
    #[error(
        "the built-in layout draws SVG only: for {0} leave out --renderer builtin (Graphviz draws it), or write .svg"
    )]
    BuiltinSvgOnly(&'static str),

    /// Graphviz ran and failed.
    #[error("Graphviz failed: {0}")]
    Graphviz(String),

    /// The pure-Rust layout failed.
    #[error("the built-in layout failed: {0}")]
    Layout(String),
}

fn known_list(known: &[String]) -> String {
    if known.is_empty() {
        "the store has none".to_owned()
    } else {
        format!("the store has: {}", known.join("; "))
    }
}

impl From<StoreError> for NetworkError {
    fn from(e: StoreError) -> Self {
        NetworkError::Store(e)
    }
}

impl NetworkError {
    /// Whether the error is the caller's input (an unknown name, kind or filter) rather than the
    /// store or the renderer: the command line maps these to exit code 2.
    pub fn is_input_error(&self) -> bool {
        match self {
            NetworkError::Store(e) => e.is_input_error(),
            NetworkError::UnknownKind(_)
            | NetworkError::UnknownFilter { .. }
            | NetworkError::UnknownName(_)
            | NetworkError::Ambiguous { .. }
            | NetworkError::NotInNetwork(_) => true,
            NetworkError::BuiltinSvgOnly(_) => true,
            NetworkError::GraphvizMissing(_)
            | NetworkError::Graphviz(_)
            | NetworkError::Layout(_) => false,
        }
    }
}
