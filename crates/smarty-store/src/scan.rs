//! Direct reads of the quad indexes, for callers that know exactly which statements they need
//! (the shared-contacts report, the networks): one index range per call, no query text to parse.
//!
//! Each read is a one-pattern query built as algebra, so that only the terms the caller asks
//! for are decoded: reading a term back is a RocksDB lookup, and a plain quad scan would also
//! decode the predicate and the graph name of every statement, twice the lookups.
//!
//! Like SPARQL over this store, a read sees every graph; a statement held by several graphs
//! (two documents stating the same fact) is returned once.

use oxigraph::model::{NamedNode, NamedNodeRef, Term};
use oxigraph::sparql::{QueryResults, QuerySolutionIter, SparqlEvaluator, Variable};
use rustc_hash::FxHashSet;
use spargebra::algebra::GraphPattern;
use spargebra::term::TriplePattern;

use crate::{KnowledgeGraph, StoreError};

impl KnowledgeGraph {
    /// `(subject, object)` of every statement with the predicate whose subject is an IRI.
    pub fn subjects_and_objects(
        &self,
        predicate: NamedNodeRef<'_>,
    ) -> Result<Vec<(NamedNode, Term)>, StoreError> {
        let (s, o) = (var("s"), var("o"));
        self.iri_term_pairs(
            TriplePattern {
                subject: s.clone().into(),
                predicate: predicate.into_owned().into(),
                object: o.clone().into(),
            },
            &s,
            &o,
        )
    }

    /// Subjects (IRIs) of every statement `?s predicate object`.
    pub fn subjects_with(
        &self,
        predicate: NamedNodeRef<'_>,
        object: NamedNodeRef<'_>,
    ) -> Result<Vec<NamedNode>, StoreError> {
        let s = var("s");
        let pattern = TriplePattern {
            subject: s.clone().into(),
            predicate: predicate.into_owned().into(),
            object: object.into_owned().into(),
        };
        let mut seen = FxHashSet::default();
        let mut out = Vec::new();
        for row in self.select(pattern)? {
            let row = row.map_err(|e| StoreError::Evaluation(e.to_string()))?;
            if let Some(Term::NamedNode(s)) = row.get(&s)
                && seen.insert(s.clone())
            {
                out.push(s.clone());
            }
        }
        Ok(out)
    }

    /// `(predicate, object)` of every statement about the subject.
    pub fn statements_about(
        &self,
        subject: NamedNodeRef<'_>,
    ) -> Result<Vec<(NamedNode, Term)>, StoreError> {
        let (p, o) = (var("p"), var("o"));
        self.iri_term_pairs(
            TriplePattern {
                subject: subject.into_owned().into(),
                predicate: p.clone().into(),
                object: o.clone().into(),
            },
            &p,
            &o,
        )
    }

    /// The distinct `(iri, term)` bindings of two variables of the pattern; rows where the first
    /// is not an IRI are left out.
    fn iri_term_pairs(
        &self,
        pattern: TriplePattern,
        iri: &Variable,
        term: &Variable,
    ) -> Result<Vec<(NamedNode, Term)>, StoreError> {
        let mut seen = FxHashSet::default();
        let mut out = Vec::new();
        for row in self.select(pattern)? {
            let row = row.map_err(|e| StoreError::Evaluation(e.to_string()))?;
            if let (Some(Term::NamedNode(i)), Some(t)) = (row.get(iri), row.get(term))
                && seen.insert((i.clone(), t.clone()))
            {
                out.push((i.clone(), t.clone()));
            }
        }
        Ok(out)
    }

    /// Whether any graph states the statement.
    pub fn states(
        &self,
        subject: NamedNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
        object: NamedNodeRef<'_>,
    ) -> Result<bool, StoreError> {
        match self
            .store
            .quads_for_pattern(
                Some(subject.into()),
                Some(predicate),
                Some(object.into()),
                None,
            )
            .next()
        {
            Some(quad) => quad.map(|_| true).map_err(StoreError::from),
            None => Ok(false),
        }
    }

    /// The solutions of one triple pattern over the union of all graphs.
    fn select(&self, pattern: TriplePattern) -> Result<QuerySolutionIter<'_>, StoreError> {
        let query = spargebra::Query::Select {
            dataset: None,
            pattern: GraphPattern::Bgp {
                patterns: vec![pattern],
            },
            base_iri: None,
        };
        let mut prepared = SparqlEvaluator::new().for_query(query);
        prepared.dataset_mut().set_default_graph_as_union();
        match prepared.on_store(&self.store).execute() {
            Ok(QueryResults::Solutions(solutions)) => Ok(solutions),
            Ok(_) => Err(StoreError::Evaluation(
                "a pattern read did not give solutions".into(),
            )),
            Err(e) => Err(StoreError::Evaluation(e.to_string())),
        }
    }
}

fn var(name: &str) -> Variable {
    Variable::new_unchecked(name)
}
