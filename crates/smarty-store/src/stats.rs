//! What the store holds: counts for `.stats` and `smarty-kg stats`.

use std::collections::BTreeMap;

use oxigraph::model::vocab::rdf;
use oxigraph::model::{GraphName, NamedOrBlankNode, Term};

use smarty_rdf::vocab;

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

/// The same counts read by SPARQL, from a store or a remote endpoint (which keeps no earlier
/// versions: `kept` stays empty). Tested against [`KnowledgeGraph::stats`].
pub fn stats_of(
    answers: &dyn crate::Answers,
    options: &crate::QueryOptions,
) -> Result<Stats, StoreError> {
    let rows = |text: &str| -> Result<Vec<Vec<Option<Term>>>, StoreError> {
        match answers.answer(text, options)? {
            crate::QueryOutcome::Solutions(table) => Ok(table.rows),
            _ => Ok(Vec::new()),
        }
    };
    let number = |term: Option<&Option<Term>>| match term {
        Some(Some(Term::Literal(l))) => l.value().parse::<usize>().unwrap_or(0),
        _ => 0,
    };
    let iri = |term: Option<&Option<Term>>| match term {
        Some(Some(Term::NamedNode(n))) => Some(n.as_str().to_owned()),
        _ => None,
    };
    let graphs: Vec<String> = rows("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")?
        .iter()
        .filter_map(|r| iri(r.first()))
        .collect();
    let quads = rows("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")?;
    let personal = format!(
        "SELECT DISTINCT ?g WHERE {{ ?g <{}> ?any }}",
        vocab::dpv::HAS_PERSONAL_DATA.as_str()
    );
    let classes = rows(
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } FILTER(isIRI(?s) && isIRI(?c)) } GROUP BY ?c",
    )?;
    Ok(Stats {
        quads: quads.first().map_or(0, |r| number(r.first())),
        named_graphs: graphs.len(),
        personal_graphs: rows(&personal)?.len(),
        classes: classes
            .iter()
            .filter_map(|r| Some((iri(r.first())?, number(r.get(1)))))
            .collect(),
        documents: crate::ingest::documents_among(graphs.iter().map(String::as_str)),
        kept: Vec::new(),
    })
}
