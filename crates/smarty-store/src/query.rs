//! SPARQL queries and updates.
//!
//! - The default graph is the union of all named graphs.
//! - Common prefixes (`smarty_rdf::vocab::PREFIXES`) are predeclared.
//! - Parameters are bound as RDF terms by adding a `VALUES` block to the parsed algebra, never by
//!   editing query text.
//! - Parsing and evaluation run on a thread with a large stack, after a bracket-depth check, so a
//!   deeply nested query is an error and not a process abort.
//! - A timeout and a [`Canceller`] (Ctrl-C) stop a running query through oxigraph's cancellation
//!   token.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{
    CancellationToken, PreparedSparqlQuery, QueryEvaluationError, QueryResults, SparqlEvaluator,
    SparqlSyntaxError, Variable,
};
use spargebra::algebra::GraphPattern;
use spargebra::term::GroundTerm;

use crate::{KnowledgeGraph, StoreError};

/// The largest query text accepted.
pub const MAX_QUERY_BYTES: usize = 1 << 20;
/// The deepest bracket nesting accepted. Far below what the large evaluation stack can take.
pub const MAX_NESTING: usize = 200;
/// Stack for parsing and evaluation: recursive descent over deeply nested algebra needs room.
const EVALUATION_STACK: usize = 256 << 20;

/// Stops a running query from another thread (a Ctrl-C handler).
#[derive(Clone, Default)]
pub struct Canceller {
    token: CancellationToken,
    cancelled: Arc<AtomicBool>,
}

impl std::fmt::Debug for Canceller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Canceller")
            .field("cancelled", &self.is_cancelled())
            .finish()
    }
}

impl Canceller {
    pub fn new() -> Canceller {
        Canceller::default()
    }

    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::SeqCst);
        self.token.cancel();
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::SeqCst)
    }
}

#[derive(Debug, Clone, Default)]
pub struct QueryOptions {
    pub timeout: Option<Duration>,
    pub canceller: Option<Canceller>,
    /// Variables (without `?`) bound to terms before evaluation.
    pub parameters: Vec<(String, Term)>,
    /// Prefixes declared for this session, in addition to the predeclared ones.
    pub prefixes: Vec<(String, String)>,
    /// When work made of several steps (index scans, several queries) must stop, for
    /// [`QueryOptions::check_cancelled`]; set by [`QueryOptions::started_now`].
    pub deadline: Option<std::time::Instant>,
}

impl QueryOptions {
    /// `Err(Cancelled)` once the canceller has fired, `Err(Timeout)` once the deadline has
    /// passed: for work done between queries or by index scans, which oxigraph's own
    /// cancellation does not reach.
    pub fn check_cancelled(&self) -> Result<(), StoreError> {
        if let Some(c) = &self.canceller
            && c.is_cancelled()
        {
            return Err(StoreError::Cancelled);
        }
        if let Some(deadline) = self.deadline
            && std::time::Instant::now() > deadline
        {
            return Err(StoreError::Timeout(self.timeout.unwrap_or_default()));
        }
        Ok(())
    }

    /// These options with the deadline their timeout sets from now (unless one is set).
    pub fn started_now(&self) -> QueryOptions {
        let mut options = self.clone();
        if options.deadline.is_none() {
            options.deadline = options.timeout.map(|t| std::time::Instant::now() + t);
        }
        options
    }
}

/// Whether a text typed so far is a whole SPARQL statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementStatus {
    /// Parses as a query or an update.
    Complete,
    /// Could become one with more text (the parser stopped at the end of the input).
    Incomplete,
    /// Wrong before its end: submitting it shows the error.
    Invalid,
}

/// Classifies a statement for a line editor: more text needed, or ready to run.
pub fn statement_status(text: &str, prefixes: &[(String, String)]) -> StatementStatus {
    if text.trim().is_empty() || parse_check(text).is_err() {
        return StatementStatus::Invalid;
    }
    let parser = with_session_prefixes(spargebra_parser(), prefixes);
    if parser.clone().parse_query(text).is_ok() || parser.parse_update(text).is_ok() {
        return StatementStatus::Complete;
    }
    // Still being typed: a bracket or a string is open, or no group has started yet.
    let scan = scan(text);
    let no_group_yet = !text.contains('{')
        && !text.trim_start().to_ascii_uppercase().starts_with("DROP")
        && !text.trim_start().to_ascii_uppercase().starts_with("CLEAR");
    if scan.open_brackets > 0 || scan.in_string || no_group_yet {
        StatementStatus::Incomplete
    } else {
        StatementStatus::Invalid
    }
}

pub(crate) fn with_session_prefixes(
    mut parser: spargebra::SparqlParser,
    prefixes: &[(String, String)],
) -> spargebra::SparqlParser {
    for (p, ns) in prefixes {
        parser = match parser.clone().with_prefix(p, ns) {
            Ok(next) => next,
            Err(_) => parser,
        };
    }
    parser
}

/// SELECT results, materialised.
#[derive(Debug, Clone, PartialEq)]
pub struct SolutionTable {
    pub variables: Vec<String>,
    pub rows: Vec<Vec<Option<Term>>>,
}

impl SolutionTable {
    /// The values of one column.
    pub fn column(&self, variable: &str) -> impl Iterator<Item = Option<&Term>> {
        let index = self.variables.iter().position(|v| v == variable);
        self.rows
            .iter()
            .map(move |r| index.and_then(|i| r.get(i)).and_then(Option::as_ref))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum QueryOutcome {
    Solutions(SolutionTable),
    Boolean(bool),
    Graph(Vec<Triple>),
}

/// Output formats for query results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultFormat {
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL Query Results XML.
    Xml,
    Csv,
    Tsv,
    Turtle,
    NTriples,
    RdfXml,
    JsonLd,
}

impl ResultFormat {
    pub fn is_rdf(self) -> bool {
        matches!(
            self,
            ResultFormat::Turtle
                | ResultFormat::NTriples
                | ResultFormat::RdfXml
                | ResultFormat::JsonLd
        )
    }
}

/// Checks a query's size and bracket nesting before it reaches the recursive parser.
pub fn parse_check(text: &str) -> Result<(), StoreError> {
    if text.len() > MAX_QUERY_BYTES {
        return Err(StoreError::TooLarge {
            what: "the query".into(),
            size: text.len() as u64,
            max: MAX_QUERY_BYTES as u64,
        });
    }
    let depth = bracket_depth(text);
    if depth > MAX_NESTING {
        return Err(StoreError::TooDeep {
            depth,
            max: MAX_NESTING,
        });
    }
    Ok(())
}

/// What a scan of brackets finds, outside strings, IRIs and comments.
struct Scan {
    max_depth: usize,
    open_brackets: usize,
    in_string: bool,
}

fn scan(text: &str) -> Scan {
    let mut depth = 0usize;
    let mut max = 0usize;
    let mut in_string = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '#' => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '"' | '\'' => {
                let mut escaped = false;
                in_string = true;
                for d in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if d == '\\' {
                        escaped = true;
                    } else if d == c {
                        in_string = false;
                        break;
                    }
                }
            }
            // An IRI has no spaces; `<` followed by a space is the less-than operator.
            '<' if chars
                .peek()
                .is_some_and(|n| !n.is_whitespace() && *n != '=') =>
            {
                for d in chars.by_ref() {
                    if d == '>' || d.is_whitespace() {
                        break;
                    }
                }
            }
            '(' | '{' | '[' => {
                depth += 1;
                max = max.max(depth);
            }
            ')' | '}' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Scan {
        max_depth: max,
        open_brackets: depth,
        in_string,
    }
}

/// The deepest nesting of `(`, `{` and `[`, outside strings, IRIs and comments.
fn bracket_depth(text: &str) -> usize {
    scan(text).max_depth
}

pub(crate) fn evaluator() -> SparqlEvaluator {
    let mut e = SparqlEvaluator::new();
    for (prefix, ns) in smarty_rdf::vocab::PREFIXES {
        e = match e.clone().with_prefix(*prefix, *ns) {
            Ok(next) => next,
            Err(_) => e,
        };
    }
    e
}

pub(crate) fn spargebra_parser() -> spargebra::SparqlParser {
    let mut p = spargebra::SparqlParser::new();
    for (prefix, ns) in smarty_rdf::vocab::PREFIXES {
        p = match p.clone().with_prefix(*prefix, *ns) {
            Ok(next) => next,
            Err(_) => p,
        };
    }
    p
}

/// "error at 3:7: expected …" → line, column and the rest.
pub(crate) fn syntax_error(e: &SparqlSyntaxError) -> StoreError {
    let text = e.to_string();
    let parsed = text.strip_prefix("error at ").and_then(|rest| {
        let (position, message) = rest.split_once(": ")?;
        let (line, column) = position.split_once(':')?;
        Some((line.parse().ok()?, column.parse().ok()?, message.to_owned()))
    });
    // The parser lists every character class it would accept; the keywords and punctuation
    // before them are what a person can act on.
    let parsed = parsed.map(|(line, column, message): (usize, usize, String)| {
        let message = match message.find(", [") {
            Some(cut) => format!("{} …", &message[..cut]),
            None => message,
        };
        // A grammar's own message ("Prefix not found") hides among the expected tokens; it is the
        // one item that is neither quoted nor a keyword.
        let custom = message
            .strip_prefix("expected one of ")
            .or_else(|| message.strip_prefix("expected "))
            .and_then(|list| {
                list.trim_end_matches(" …")
                    .split(", ")
                    .find(|item| item.contains(' ') && !item.starts_with('"'))
                    .map(str::to_owned)
            });
        (line, column, custom.unwrap_or(message))
    });
    match parsed {
        Some((line, column, message)) => StoreError::Syntax {
            line,
            column,
            message,
        },
        None => StoreError::Syntax {
            line: 1,
            column: 1,
            message: text,
        },
    }
}

/// Adds `VALUES (?a ?b) { (x y) }` at the start of the query's WHERE clause.
fn bind_parameters(
    pattern: GraphPattern,
    variables: &[Variable],
    values: &[GroundTerm],
) -> GraphPattern {
    match pattern {
        GraphPattern::Slice {
            inner,
            start,
            length,
        } => GraphPattern::Slice {
            inner: Box::new(bind_parameters(*inner, variables, values)),
            start,
            length,
        },
        GraphPattern::Distinct { inner } => GraphPattern::Distinct {
            inner: Box::new(bind_parameters(*inner, variables, values)),
        },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced {
            inner: Box::new(bind_parameters(*inner, variables, values)),
        },
        GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy {
            inner: Box::new(bind_parameters(*inner, variables, values)),
            expression,
        },
        GraphPattern::Project {
            inner,
            variables: projected,
        } => GraphPattern::Project {
            inner: Box::new(bind_parameters(*inner, variables, values)),
            variables: projected,
        },
        GraphPattern::Group {
            inner,
            variables: grouped,
            aggregates,
        } => GraphPattern::Group {
            inner: Box::new(bind_parameters(*inner, variables, values)),
            variables: grouped,
            aggregates,
        },
        GraphPattern::Filter { expr, inner } => GraphPattern::Filter {
            expr,
            inner: Box::new(bind_parameters(*inner, variables, values)),
        },
        GraphPattern::Extend {
            inner,
            variable,
            expression,
        } => GraphPattern::Extend {
            inner: Box::new(bind_parameters(*inner, variables, values)),
            variable,
            expression,
        },
        other => GraphPattern::Join {
            left: Box::new(GraphPattern::Values {
                variables: variables.to_vec(),
                bindings: vec![values.iter().cloned().map(Some).collect()],
            }),
            right: Box::new(other),
        },
    }
}

fn ground(term: &Term) -> Option<GroundTerm> {
    match term {
        Term::NamedNode(n) => Some(GroundTerm::NamedNode(n.clone())),
        Term::Literal(l) => Some(GroundTerm::Literal(l.clone())),
        _ => None,
    }
}

impl KnowledgeGraph {
    pub(crate) fn prepare(
        &self,
        text: &str,
        options: &QueryOptions,
        token: &CancellationToken,
    ) -> Result<PreparedSparqlQuery, StoreError> {
        parse_check(text)?;
        let mut evaluator = evaluator().with_cancellation_token(token.clone());
        for (p, ns) in &options.prefixes {
            evaluator = evaluator
                .with_prefix(p, ns)
                .map_err(|e| StoreError::Evaluation(format!("prefix {p}: {e}")))?;
        }
        let mut prepared = if options.parameters.is_empty() {
            evaluator.parse_query(text).map_err(|e| syntax_error(&e))?
        } else {
            let mut query = with_session_prefixes(spargebra_parser(), &options.prefixes)
                .parse_query(text)
                .map_err(|e| syntax_error(&e))?;
            let mut variables = Vec::new();
            let mut values = Vec::new();
            for (name, term) in &options.parameters {
                let variable = Variable::new(name.trim_start_matches(['?', '$']))
                    .map_err(|e| StoreError::Evaluation(format!("parameter {name}: {e}")))?;
                let value = ground(term).ok_or_else(|| {
                    StoreError::Evaluation(format!("parameter {name}: blank nodes cannot be bound"))
                })?;
                variables.push(variable);
                values.push(value);
            }
            let pattern = match &mut query {
                spargebra::Query::Select { pattern, .. }
                | spargebra::Query::Construct { pattern, .. }
                | spargebra::Query::Describe { pattern, .. }
                | spargebra::Query::Ask { pattern, .. } => pattern,
            };
            let taken = std::mem::replace(
                pattern,
                GraphPattern::Bgp {
                    patterns: Vec::new(),
                },
            );
            *pattern = bind_parameters(taken, &variables, &values);
            evaluator.for_query(query)
        };
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        Ok(prepared)
    }

    /// Runs a query: SELECT, ASK, CONSTRUCT or DESCRIBE.
    pub fn query(&self, text: &str, options: &QueryOptions) -> Result<QueryOutcome, StoreError> {
        self.guarded(options, |token| {
            let prepared = self.prepare(text, options, token)?;
            materialise(
                prepared
                    .on_store(&self.store)
                    .execute()
                    .map_err(evaluation_error)?,
            )
        })
    }

    /// The query plan, as oxigraph prints it, after running the query to collect statistics.
    pub fn explain(&self, text: &str, options: &QueryOptions) -> Result<String, StoreError> {
        self.guarded(options, |token| {
            let prepared = self.prepare(text, options, token)?;
            let (results, explanation) = prepared
                .on_store(&self.store)
                .compute_statistics()
                .explain();
            materialise(results.map_err(evaluation_error)?)?;
            let mut json = Vec::new();
            explanation
                .write_in_json(&mut json)
                .map_err(|e| StoreError::Evaluation(e.to_string()))?;
            Ok(String::from_utf8_lossy(&json).into_owned())
        })
    }

    /// Runs a SPARQL Update (atomically) and flushes it to disk.
    pub fn update(&self, text: &str, options: &QueryOptions) -> Result<(), StoreError> {
        self.guarded(options, |token| {
            parse_check(text)?;
            let mut evaluator = evaluator().with_cancellation_token(token.clone());
            for (p, ns) in &options.prefixes {
                evaluator = evaluator
                    .with_prefix(p, ns)
                    .map_err(|e| StoreError::Evaluation(format!("prefix {p}: {e}")))?;
            }
            let prepared = evaluator.parse_update(text).map_err(|e| syntax_error(&e))?;
            self.forget_derived()?;
            prepared
                .on_store(&self.store)
                .execute()
                .map_err(|e| StoreError::Evaluation(e.to_string()))
        })?;
        self.flush()
    }

    /// Runs `work` on a thread with a large stack, under the options' timeout and canceller.
    pub(crate) fn guarded<T: Send>(
        &self,
        options: &QueryOptions,
        work: impl FnOnce(&CancellationToken) -> Result<T, StoreError> + Send,
    ) -> Result<T, StoreError> {
        let canceller = options.canceller.clone().unwrap_or_default();
        let token = canceller.token.clone();
        let timed_out = AtomicBool::new(false);
        let (done, finished) = std::sync::mpsc::channel::<()>();
        let result = std::thread::scope(|scope| {
            if let Some(timeout) = options.timeout {
                let token = token.clone();
                let timed_out = &timed_out;
                scope.spawn(move || {
                    if finished.recv_timeout(timeout).is_err() {
                        timed_out.store(true, Ordering::SeqCst);
                        token.cancel();
                    }
                });
            }
            let handle = std::thread::Builder::new()
                .name("sparql".into())
                .stack_size(EVALUATION_STACK)
                .spawn_scoped(scope, || {
                    let result = work(&token);
                    drop(done);
                    result
                });
            match handle {
                Ok(h) => h.join().unwrap_or_else(|_| {
                    Err(StoreError::Evaluation("the query evaluator failed".into()))
                }),
                Err(e) => Err(StoreError::Evaluation(format!(
                    "cannot start the query thread: {e}"
                ))),
            }
        });
        match result {
            Err(StoreError::Cancelled) | Err(StoreError::Evaluation(_))
                if timed_out.load(Ordering::SeqCst) =>
            {
                Err(StoreError::Timeout(options.timeout.unwrap_or_default()))
            }
            Err(StoreError::Evaluation(_)) if canceller.is_cancelled() => {
                Err(StoreError::Cancelled)
            }
            other => other,
        }
    }
}

pub(crate) fn evaluation_error(e: QueryEvaluationError) -> StoreError {
    match e {
        QueryEvaluationError::Cancelled => StoreError::Cancelled,
        other => StoreError::Evaluation(other.to_string()),
    }
}

fn materialise(results: QueryResults<'_>) -> Result<QueryOutcome, StoreError> {
    Ok(match results {
        QueryResults::Boolean(b) => QueryOutcome::Boolean(b),
        QueryResults::Solutions(solutions) => {
            let variables: Vec<Variable> = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for solution in solutions {
                let solution = solution.map_err(evaluation_error)?;
                rows.push(variables.iter().map(|v| solution.get(v).cloned()).collect());
            }
            QueryOutcome::Solutions(SolutionTable {
                variables: variables.iter().map(|v| v.as_str().to_owned()).collect(),
                rows,
            })
        }
        QueryResults::Graph(triples) => {
            let mut out = Vec::new();
            for t in triples {
                out.push(t.map_err(evaluation_error)?);
            }
            QueryOutcome::Graph(out)
        }
    })
}

/// Writes results in a standard format: SPARQL results formats for SELECT/ASK, RDF formats for
/// CONSTRUCT/DESCRIBE (with the common prefixes, for Turtle and RDF/XML).
pub fn write_outcome(
    outcome: &QueryOutcome,
    format: ResultFormat,
    mut out: impl Write,
) -> Result<(), StoreError> {
    let io = |e: std::io::Error| StoreError::Evaluation(format!("cannot write results: {e}"));
    let results_format = match format {
        ResultFormat::Json => Some(QueryResultsFormat::Json),
        ResultFormat::Xml => Some(QueryResultsFormat::Xml),
        ResultFormat::Csv => Some(QueryResultsFormat::Csv),
        ResultFormat::Tsv => Some(QueryResultsFormat::Tsv),
        _ => None,
    };
    match (outcome, results_format) {
        (QueryOutcome::Boolean(b), Some(f)) => {
            QueryResultsSerializer::from_format(f)
                .serialize_boolean_to_writer(&mut out, *b)
                .map_err(io)?;
        }
        (QueryOutcome::Solutions(table), Some(f)) => {
            let variables: Vec<Variable> = table
                .variables
                .iter()
                .map(|v| Variable::new_unchecked(v.clone()))
                .collect();
            let mut w = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(&mut out, variables.clone())
                .map_err(io)?;
            for row in &table.rows {
                w.serialize(
                    variables
                        .iter()
                        .zip(row)
                        .filter_map(|(v, t)| t.as_ref().map(|t| (v, t))),
                )
                .map_err(io)?;
            }
            w.finish().map_err(io)?;
        }
        (QueryOutcome::Graph(triples), None) => {
            let rdf = match format {
                ResultFormat::NTriples => RdfFormat::NTriples,
                ResultFormat::RdfXml => RdfFormat::RdfXml,
                ResultFormat::JsonLd => RdfFormat::JsonLd {
                    profile: oxigraph::io::JsonLdProfileSet::empty(),
                },
                _ => RdfFormat::Turtle,
            };
            let mut serializer = RdfSerializer::from_format(rdf);
            for (prefix, ns) in smarty_rdf::vocab::PREFIXES {
                serializer = serializer
                    .with_prefix(*prefix, *ns)
                    .map_err(|e| StoreError::Evaluation(e.to_string()))?;
            }
            let mut sorted: Vec<&Triple> = triples.iter().collect();
            sorted.sort_by_cached_key(|t| t.to_string());
            let mut w = serializer.for_writer(&mut out);
            for t in sorted {
                w.serialize_triple(t).map_err(io)?;
            }
            w.finish().map_err(io)?;
        }
        (QueryOutcome::Graph(_), Some(_)) => {
            return Err(StoreError::Evaluation(
                "CONSTRUCT and DESCRIBE give RDF: choose turtle, ntriples, rdfxml or jsonld".into(),
            ));
        }
        (_, None) => {
            return Err(StoreError::Evaluation(
                "SELECT and ASK give solutions: choose table, json, xml, csv or tsv".into(),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_ignores_strings_iris_and_comments() {
        assert_eq!(bracket_depth("SELECT * { ?s ?p ?o }"), 1);
        assert_eq!(
            bracket_depth("SELECT * { FILTER(\"(((\" != <http://x/(>) } # ((((("),
            2
        );
        assert_eq!(bracket_depth("SELECT * { FILTER(?a < ?b) }"), 2);
        assert_eq!(bracket_depth(&"{".repeat(1000)), 1000);
    }

    #[test]
    fn statement_status_for_a_line_editor() {
        let status = |t: &str| statement_status(t, &[]);
        assert_eq!(status("SELECT * WHERE {"), StatementStatus::Incomplete);
        assert_eq!(
            status("SELECT * WHERE {\n  ?s ?p ?o"),
            StatementStatus::Incomplete
        );
        assert_eq!(
            status("PREFIX ex: <http://e/>\nSELECT"),
            StatementStatus::Incomplete
        );
        assert_eq!(
            status("SELECT * WHERE { ?s schema:name \"unterminated"),
            StatementStatus::Incomplete
        );
        assert_eq!(
            status("SELECT * WHERE { ?s ?p ?o }"),
            StatementStatus::Complete
        );
        assert_eq!(
            status("INSERT DATA { <http://a> <http://b> <http://c> }"),
            StatementStatus::Complete
        );
        assert_eq!(
            status("SELECT * WHERE { ?s ?p ?o } LIMT 5"),
            StatementStatus::Invalid
        );
        assert_eq!(
            status("SELECT * WHERE { ?s ex:p ?o }"),
            StatementStatus::Invalid
        );
        let session = [("ex".to_owned(), "http://e/".to_owned())];
        assert_eq!(
            statement_status("SELECT * WHERE { ?s ex:p ?o }", &session),
            StatementStatus::Complete
        );
    }

    #[test]
    fn syntax_positions_are_read_from_the_message() {
        let Err(e) = SparqlEvaluator::new().parse_query("SELECT * WHERE {\n  ?s ?p }") else {
            panic!("the query should not parse");
        };
        match syntax_error(&e) {
            StoreError::Syntax { line, column, .. } => assert_eq!((line, column), (2, 10)),
            other => panic!("{other:?}"),
        }
    }
}
