//! Direct reads of the quad indexes, for callers that know exactly which statements they need
//! (the shared-contacts report): no query to parse or plan, one index range per call.
//!
//! Like SPARQL over this store, a scan sees every graph; a statement held by several graphs
//! (two documents stating the same fact) is returned once.

use oxigraph::model::{NamedNode, NamedNodeRef, NamedOrBlankNode, Term};
use rustc_hash::FxHashSet;

use crate::{KnowledgeGraph, StoreError};

impl KnowledgeGraph {
    /// `(subject, object)` of every statement with the predicate whose subject is an IRI.
    pub fn subjects_and_objects(
        &self,
        predicate: NamedNodeRef<'_>,
    ) -> Result<Vec<(NamedNode, Term)>, StoreError> {
        let mut seen = FxHashSet::default();
        let mut out = Vec::new();
        for quad in self
            .store
            .quads_for_pattern(None, Some(predicate), None, None)
        {
            let quad = quad?;
            if let NamedOrBlankNode::NamedNode(s) = quad.subject
                && seen.insert((s.clone(), quad.object.clone()))
            {
                out.push((s, quad.object));
            }
        }
        Ok(out)
    }

    /// Subjects (IRIs) of every statement `?s predicate object`.
    pub fn subjects_with(
        &self,
        predicate: NamedNodeRef<'_>,
        object: NamedNodeRef<'_>,
    ) -> Result<Vec<NamedNode>, StoreError> {
        let mut seen = FxHashSet::default();
        let mut out = Vec::new();
        for quad in self
            .store
            .quads_for_pattern(None, Some(predicate), Some(object.into()), None)
        {
            if let NamedOrBlankNode::NamedNode(s) = quad?.subject
                && seen.insert(s.clone())
            {
                out.push(s);
            }
        }
        Ok(out)
    }

    /// `(predicate, object)` of every statement about the subject.
    pub fn statements_about(
        &self,
        subject: NamedNodeRef<'_>,
    ) -> Result<Vec<(NamedNode, Term)>, StoreError> {
        let mut seen = FxHashSet::default();
        let mut out = Vec::new();
        for quad in self
            .store
            .quads_for_pattern(Some(subject.into()), None, None, None)
        {
            let quad = quad?;
            if seen.insert((quad.predicate.clone(), quad.object.clone())) {
                out.push((quad.predicate, quad.object));
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
}
