//! What the store holds: counts for `.stats` and `smarty-kg stats`.

use std::collections::BTreeMap;

use oxigraph::model::vocab::rdf;
use oxigraph::model::{GraphName, NamedOrBlankNode, Term};

use crate::{KnowledgeGraph, StoreError};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub quads: usize,
    pub named_graphs: usize,
    pub personal_graphs: usize,
    /// Class IRI → number of distinct instances.
    pub classes: BTreeMap<String, usize>,
    pub documents: Vec<(String, String)>,
    /// Earlier versions kept beside the store (`ingest --keep-previous`), as (document, version).
    pub kept: Vec<(String, String)>,
}

impl KnowledgeGraph {
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let mut stats = Stats {
            named_graphs: self.store.named_graphs().count(),
            personal_graphs: self.personal_graphs()?.len(),
            documents: self.documents()?,
            kept: self
                .dir
                .as_deref()
                .map(KnowledgeGraph::kept_versions)
                .unwrap_or_default(),
            ..Stats::default()
        };
        let mut instances: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
        for q in self.store.iter() {
            let q = q?;
            stats.quads += 1;
            if q.predicate.as_ref() == rdf::TYPE
                && let (Term::NamedNode(class), NamedOrBlankNode::NamedNode(s)) =
                    (&q.object, &q.subject)
                && q.graph_name != GraphName::DefaultGraph
            {
                instances
                    .entry(class.as_str().to_owned())
                    .or_default()
                    .insert(s.as_str().to_owned());
            }
        }
        stats.classes = instances.into_iter().map(|(c, s)| (c, s.len())).collect();
        Ok(stats)
    }
}
