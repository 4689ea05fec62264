//! What a SPARQL endpoint needs beyond the command line's query path: a dataset named by the
//! request, a row cap, refusal of server-side requests (SERVICE, LOAD), graph writes for the Graph
//! Store Protocol, a read-only copy without personal data, and a lock note naming the server.
//!
//! Queries still go through [`KnowledgeGraph::prepare`] and [`KnowledgeGraph::guarded`]: the same
//! predeclared prefixes, parameter binding, union default graph, nesting check and cancellation.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad};
use oxigraph::sparql::QueryEvaluationError;
use oxigraph::store::Store;
use spargebra::GraphUpdateOperation;
use spargebra::algebra::GraphPattern;

use crate::query::{evaluation_error, parse_check, parser_for};
use crate::{ExportOptions, GraphFormat, KnowledgeGraph, QueryOptions, QueryOutcome, StoreError};

/// The dataset a protocol request names (`default-graph-uri`, `named-graph-uri`); IRIs already
/// checked by the caller.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestDataset {
    pub default_graphs: Vec<String>,
    pub named_graphs: Vec<String>,
}

/// A query as an endpoint runs it.
#[derive(Debug, Clone, Default)]
pub struct EndpointQuery {
    pub options: QueryOptions,
    /// Replaces the query's own FROM / FROM NAMED (and the union default graph) when given.
    pub dataset: Option<RequestDataset>,
    /// Solutions (or triples) kept; the rest is dropped and [`CappedOutcome::truncated`] set.
    pub max_rows: usize,
    /// SERVICE is refused unless this is set; then it sends the request it names.
    pub allow_federation: bool,
}

/// Results cut at the row cap.
#[derive(Debug, Clone, PartialEq)]
pub struct CappedOutcome {
    pub outcome: QueryOutcome,
    /// More rows existed than the cap allowed.
    pub truncated: bool,
}

/// The three Graph Store Protocol writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphWrite {
    /// PUT: the graph becomes the body.
    Replace,
    /// POST: the body is added to the graph.
    Add,
    /// DELETE: the graph is removed.
    Delete,
}

const FEDERATION_REFUSED: &str = "SERVICE makes the server send requests elsewhere and is refused \
     on this endpoint (start it with --allow-federation to lift the refusal)";

impl KnowledgeGraph {
    /// Runs a query for an endpoint: the CLI's path plus the request's dataset and the row cap.
    pub fn query_endpoint(
        &self,
        text: &str,
        request: &EndpointQuery,
    ) -> Result<CappedOutcome, StoreError> {
        parse_check(text)?;
        if !request.allow_federation {
            let parsed = parser_for(&request.options).parse_query(text);
            if let Ok(query) = parsed
                && query_uses_service(&query)
            {
                return Err(StoreError::Refused(FEDERATION_REFUSED.into()));
            }
        }
        self.guarded(&request.options, |token| {
            let (mut prepared, lifted) = self.prepare(text, &request.options, token)?;
            if let Some(dataset) = &request.dataset {
                let named = |g: &String| NamedNode::new_unchecked(g.clone());
                prepared.dataset_mut().set_default_graph(
                    dataset
                        .default_graphs
                        .iter()
                        .map(|g| GraphName::from(named(g)))
                        .collect(),
                );
                prepared.dataset_mut().set_available_named_graphs(
                    dataset
                        .named_graphs
                        .iter()
                        .map(|g| NamedOrBlankNode::from(named(g)))
                        .collect(),
                );
            }
            let results = prepared
                .on_store(&self.store)
                .execute()
                .map_err(endpoint_error)?;
            // A lifted ORDER BY sorts the whole answer before the first rows are kept.
            let (outcome, truncated) = match lifted {
                Some(order) => {
                    let (outcome, _) =
                        crate::query::materialise_at_most(results, usize::MAX, endpoint_error)?;
                    crate::query::at_most(order.apply(outcome), request.max_rows)
                }
                None => {
                    crate::query::materialise_at_most(results, request.max_rows, endpoint_error)?
                }
            };
            Ok(CappedOutcome {
                outcome: crate::query::settled(
                    crate::query::written_order(outcome, text),
                    text,
                    &request.options,
                ),
                truncated,
            })
        })
    }

    /// Runs an update for an endpoint: LOAD (a server-side request) is refused unless allowed.
    pub fn update_endpoint(
        &self,
        text: &str,
        options: &QueryOptions,
        allow_federation: bool,
    ) -> Result<(), StoreError> {
        parse_check(text)?;
        if !allow_federation && let Ok(update) = parser_for(options).parse_update(text) {
            for op in &update.operations {
                match op {
                    GraphUpdateOperation::Load { .. } => {
                        return Err(StoreError::Refused(
                            "LOAD makes the server fetch a document and is refused on this \
                             endpoint (start it with --allow-federation to lift the refusal)"
                                .into(),
                        ));
                    }
                    GraphUpdateOperation::DeleteInsert { pattern, .. }
                        if pattern_uses_service(pattern) =>
                    {
                        return Err(StoreError::Refused(FEDERATION_REFUSED.into()));
                    }
                    _ => {}
                }
            }
        }
        self.update(text, options)
    }

    /// Whether a named graph exists.
    pub fn has_graph(&self, graph: &str) -> Result<bool, StoreError> {
        let Ok(graph) = NamedNode::new(graph) else {
            return Ok(false);
        };
        Ok(self.store.contains_named_graph(graph.as_ref())?)
    }

    /// A Graph Store Protocol write, in one transaction; derived data is forgotten as by any
    /// update. Returns the statements written (0 for a delete).
    pub fn write_graph(
        &self,
        graph: &str,
        mode: GraphWrite,
        body: &[u8],
        format: GraphFormat,
    ) -> Result<usize, StoreError> {
        let graph = NamedNode::new(graph).map_err(|e| body_error(None, e.to_string()))?;
        let mut quads = Vec::new();
        if mode != GraphWrite::Delete {
            let parser = RdfParser::from_format(format.to_oxigraph())
                .with_default_graph(graph.clone())
                .rename_blank_nodes();
            for q in parser.for_slice(body) {
                let q = q.map_err(|e| {
                    let position = e.location().map(|l| (l.start.line + 1, l.start.column + 1));
                    body_error(position, e.to_string())
                })?;
                // Everything a request sends goes into the graph it names.
                quads.push(Quad::new(q.subject, q.predicate, q.object, graph.clone()));
            }
        }
        let mut transaction = self.store.start_transaction()?;
        match mode {
            GraphWrite::Replace => {
                transaction.clear_graph(graph.as_ref())?;
                transaction.insert_named_graph(graph.as_ref());
            }
            GraphWrite::Add => transaction.insert_named_graph(graph.as_ref()),
            GraphWrite::Delete => transaction.remove_named_graph(graph.as_ref())?,
        }
        for q in &quads {
            transaction.insert(q);
        }
        self.forget_derived()?;
        transaction.commit()?;
        self.flush()?;
        self.derive_again(crate::Written::Changed);
        Ok(quads.len())
    }

    /// A read-only copy in memory of exactly what `export --public` writes, graphs kept: an
    /// endpoint serving it cannot show personal data whatever it is asked.
    pub fn public_view(&self) -> Result<KnowledgeGraph, StoreError> {
        let mut nquads = Vec::new();
        self.export(
            &ExportOptions {
                format: GraphFormat::NQuads,
                graph: None,
                public: true,
                expanded: false,
            },
            &mut nquads,
        )?;
        let store = Store::new()?;
        store
            .load_from_slice(RdfFormat::NQuads, &nquads)
            .map_err(|e| StoreError::Storage(format!("cannot build the public view: {e}")))?;
        let view = KnowledgeGraph::in_memory()?;
        Ok(KnowledgeGraph { store, ..view })
    }

    /// Notes in the store's lock file that a server holds it and where, so another command can
    /// point there ("in use by `serve` …").
    pub fn announce_server(&self, url: &str) -> Result<(), StoreError> {
        // Read-only, there is no lock to note it in, and no writer to point anywhere.
        match &self.dir {
            Some(dir) if !self.read_only => crate::lock::note_server(dir, url),
            _ => Ok(()),
        }
    }
}

fn body_error(position: Option<(u64, u64)>, message: String) -> StoreError {
    StoreError::File {
        path: "request body".into(),
        position,
        message,
    }
}

fn endpoint_error(e: QueryEvaluationError) -> StoreError {
    match e {
        QueryEvaluationError::UnsupportedService(_) => {
            StoreError::Refused(FEDERATION_REFUSED.into())
        }
        other => evaluation_error(other),
    }
}

fn query_uses_service(query: &spargebra::Query) -> bool {
    match query {
        spargebra::Query::Select { pattern, .. }
        | spargebra::Query::Construct { pattern, .. }
        | spargebra::Query::Describe { pattern, .. }
        | spargebra::Query::Ask { pattern, .. } => pattern_uses_service(pattern),
    }
}

/// Whether a pattern holds a SERVICE outside expressions (one inside `EXISTS` is refused when
/// evaluated, see [`endpoint_error`]).
fn pattern_uses_service(pattern: &GraphPattern) -> bool {
    match pattern {
        GraphPattern::Service { .. } => true,
        GraphPattern::Join { left, right }
        | GraphPattern::LeftJoin { left, right, .. }
        | GraphPattern::Lateral { left, right }
        | GraphPattern::Union { left, right }
        | GraphPattern::Minus { left, right } => {
            pattern_uses_service(left) || pattern_uses_service(right)
        }
        GraphPattern::Filter { inner, .. }
        | GraphPattern::Graph { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::Group { inner, .. } => pattern_uses_service(inner),
        GraphPattern::Bgp { .. } | GraphPattern::Path { .. } | GraphPattern::Values { .. } => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(query: &str, expect: bool) {
        let parsed = parser_for(&QueryOptions::default())
            .parse_query(query)
            .expect("query parses");
        assert_eq!(query_uses_service(&parsed), expect, "{query}");
    }

    #[test]
    fn service_is_found_wherever_it_is_nested() {
        check("SELECT * { ?s ?p ?o }", false);
        check("SELECT * { SERVICE <http://e/> { ?s ?p ?o } }", true);
        check(
            "SELECT * { ?s ?p ?o OPTIONAL { GRAPH ?g { SERVICE SILENT <http://e/> { ?s ?p ?x } } } }",
            true,
        );
        check(
            "SELECT (COUNT(*) AS ?n) { { SELECT * { ?s ?p ?o } } UNION { SERVICE <http://e/> {} } }",
            true,
        );
    }

    #[test]
    fn the_row_cap_cuts_and_says_so() {
        let kg = KnowledgeGraph::in_memory().expect("store");
        kg.update(
            "INSERT DATA { GRAPH <http://g/> { <http://a> <http://b> 1, 2, 3 } }",
            &QueryOptions::default(),
        )
        .expect("update");
        let run = |max_rows| {
            kg.query_endpoint(
                "SELECT ?o { ?s ?p ?o }",
                &EndpointQuery {
                    max_rows,
                    ..EndpointQuery::default()
                },
            )
            .expect("query")
        };
        assert!(run(2).truncated);
        assert!(!run(3).truncated);
        let QueryOutcome::Solutions(table) = run(2).outcome else {
            panic!("solutions expected");
        };
        assert_eq!(table.rows.len(), 2);
    }

    #[test]
    fn a_request_dataset_replaces_the_union() {
        let kg = KnowledgeGraph::in_memory().expect("store");
        kg.update(
            "INSERT DATA { GRAPH <http://g/1> { <http://a> <http://b> 1 } \
             GRAPH <http://g/2> { <http://a> <http://b> 2 } }",
            &QueryOptions::default(),
        )
        .expect("update");
        let count = |dataset| {
            let outcome = kg
                .query_endpoint(
                    "SELECT ?o { ?s ?p ?o }",
                    &EndpointQuery {
                        dataset,
                        max_rows: 10,
                        ..EndpointQuery::default()
                    },
                )
                .expect("query");
            match outcome.outcome {
                QueryOutcome::Solutions(t) => t.rows.len(),
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(count(None), 2);
        let only_first = RequestDataset {
            default_graphs: vec!["http://g/1".into()],
            named_graphs: vec![],
        };
        assert_eq!(count(Some(only_first)), 1);
    }

    #[test]
    fn graph_writes_replace_add_and_delete() {
        let kg = KnowledgeGraph::in_memory().expect("store");
        let g = "http://g/x";
        let ttl = |o: u8| format!("<http://a> <http://b> {o} .");
        let n = |kg: &KnowledgeGraph| match kg
            .query(
                "SELECT * { GRAPH <http://g/x> { ?s ?p ?o } }",
                &QueryOptions::default(),
            )
            .expect("query")
        {
            QueryOutcome::Solutions(t) => t.rows.len(),
            other => panic!("{other:?}"),
        };
        kg.write_graph(
            g,
            GraphWrite::Replace,
            ttl(1).as_bytes(),
            GraphFormat::Turtle,
        )
        .expect("put");
        kg.write_graph(g, GraphWrite::Add, ttl(2).as_bytes(), GraphFormat::Turtle)
            .expect("post");
        assert_eq!(n(&kg), 2);
        kg.write_graph(
            g,
            GraphWrite::Replace,
            ttl(3).as_bytes(),
            GraphFormat::Turtle,
        )
        .expect("put");
        assert_eq!(n(&kg), 1);
        let bad = kg.write_graph(g, GraphWrite::Replace, b"<http://a> <", GraphFormat::Turtle);
        assert!(matches!(bad, Err(StoreError::File { .. })), "{bad:?}");
        assert_eq!(n(&kg), 1, "a failed write changes nothing");
        kg.write_graph(g, GraphWrite::Delete, b"", GraphFormat::Turtle)
            .expect("delete");
        assert_eq!(n(&kg), 0);
        assert!(!kg.has_graph(g).expect("has_graph"));
    }
}
