//! SPARQL queries and updates.
//!
//! - The default graph is the union of all named graphs.
//! - Common prefixes (`smarty_rdf::vocab::PREFIXES`) are predeclared.
//! - [`QueryOptions::strict`] turns the two above off, and the settling of answers with them, for
//!   the standard's answers.
//! - Parameters are bound as RDF terms by adding a `VALUES` block to the parsed algebra, never by
//!   editing query text.
//! - Parsing and evaluation run on a thread with a large stack, after a bracket-depth check, so a
//!   deeply nested query is an error and not a process abort.
//! - A timeout and a [`Canceller`] (Ctrl-C) stop a running query through oxigraph's cancellation
//!   token.

mod algebra;
mod bind;
mod hint;
mod order;
mod parse;
mod run;
mod write;

use std::time::Duration;

use oxigraph::model::{Term, Triple};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, Variable};

pub(crate) use algebra::{map_children, rewrite_where, variables_of};
pub(crate) use bind::bind;
pub(crate) use hint::Expecting;
pub use order::AnswerOrder;
pub(crate) use order::lift;
pub use parse::{MAX_QUERY_BYTES, StatementShape, parse_check, statement_shape};
pub(crate) use parse::{parser_for, syntax_error};
pub use run::Canceller;
pub use write::{QueryOutput, write_outcome};

use parse::session_evaluator;

use crate::{KnowledgeGraph, StoreError};

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
    /// SPARQL as the standard defines it: no predeclared prefixes, the store's own default graph
    /// (not the union of its named graphs), and answers as evaluated (not settled).
    pub strict: bool,
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

    /// For `SELECT *`, the columns in the order the query first names their variables (the
    /// evaluator lists them in an order of its own); other queries keep their SELECT's order.
    pub(crate) fn in_written_order(mut self, text: &str) -> SolutionTable {
        if !selects_all(text) {
            return self;
        }
        let first_use = |v: &str| {
            ['?', '$']
                .iter()
                .filter_map(|sigil| {
                    let name = format!("{sigil}{v}");
                    text.match_indices(&name).map(|(at, _)| at).find(|&at| {
                        !text[at + name.len()..]
                            .starts_with(|c: char| c.is_alphanumeric() || c == '_')
                    })
                })
                .min()
                .unwrap_or(usize::MAX)
        };
        let mut order: Vec<usize> = (0..self.variables.len()).collect();
        order.sort_by_key(|&i| first_use(&self.variables[i]));
        self.variables = order.iter().map(|&i| self.variables[i].clone()).collect();
        for row in &mut self.rows {
            *row = order
                .iter()
                .map(|&i| row.get(i).cloned().flatten())
                .collect();
        }
        self
    }
}

/// Whether the first SELECT of a text projects `*`.
fn selects_all(text: &str) -> bool {
    let upper = text.to_ascii_uppercase();
    let Some(at) = upper.find("SELECT") else {
        return false;
    };
    let rest = upper[at + "SELECT".len()..].trim_start();
    let rest = ["DISTINCT", "REDUCED"]
        .iter()
        .find_map(|m| rest.strip_prefix(m))
        .unwrap_or(rest)
        .trim_start();
    rest.starts_with('*')
}

/// The answer in the one form smarty-kg prints whichever engine computed it
/// ([`crate::Portable::settle`]).
pub(crate) fn settled(outcome: QueryOutcome, text: &str, options: &QueryOptions) -> QueryOutcome {
    // Only rows are settled: no second parse for an empty answer or a graph; strict answers are
    // the engine's own.
    if options.strict || !matches!(&outcome, QueryOutcome::Solutions(t) if !t.rows.is_empty()) {
        return outcome;
    }
    match crate::Portable::new(text, options, None) {
        Ok(portable) => portable.settle(outcome),
        Err(_) => outcome,
    }
}

/// A query's outcome with `SELECT *` columns in written order.
pub(crate) fn written_order(outcome: QueryOutcome, text: &str) -> QueryOutcome {
    match outcome {
        QueryOutcome::Solutions(table) => QueryOutcome::Solutions(table.in_written_order(text)),
        other => other,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum QueryOutcome {
    Solutions(SolutionTable),
    Boolean(bool),
    Graph(Vec<Triple>),
}

impl KnowledgeGraph {
    /// Runs a query: SELECT, ASK, CONSTRUCT or DESCRIBE.
    pub fn query(&self, text: &str, options: &QueryOptions) -> Result<QueryOutcome, StoreError> {
        self.guarded(options, |token| {
            let (prepared, lifted) = self.prepare(text, options, token)?;
            let outcome = materialise(
                prepared
                    .on_store(&self.store)
                    .execute()
                    .map_err(evaluation_error)?,
            )?;
            let outcome = match lifted {
                Some(order) => order.apply(outcome),
                None => outcome,
            };
            Ok(written_order(outcome, text))
        })
        .map(|outcome| settled(outcome, text, options))
    }

    /// The query plan, as oxigraph prints it, after running the query to collect statistics.
    pub fn explain(&self, text: &str, options: &QueryOptions) -> Result<String, StoreError> {
        self.guarded(options, |token| {
            // The plan of what runs: a SELECT's ORDER BY, lifted, is sorted after it.
            let (prepared, _) = self.prepare(text, options, token)?;
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
            let prepared = session_evaluator(token, options)?
                .parse_update(text)
                .map_err(|e| syntax_error(&e, text, options, hint::Expecting::Update))?;
            self.forget_derived()?;
            prepared
                .on_store(&self.store)
                .execute()
                .map_err(|e| match e {
                    // A full disk or a read-only store: the store cannot be used, not a bad update.
                    oxigraph::sparql::UpdateEvaluationError::Storage(e) => StoreError::from(e),
                    other => StoreError::Evaluation(other.to_string()),
                })
        })?;
        self.flush()?;
        self.derive_again(crate::Written::Changed);
        Ok(())
    }
}

pub(crate) fn evaluation_error(e: QueryEvaluationError) -> StoreError {
    match e {
        QueryEvaluationError::Cancelled => StoreError::Cancelled,
        other => StoreError::Evaluation(other.to_string()),
    }
}

fn materialise(results: QueryResults<'_>) -> Result<QueryOutcome, StoreError> {
    materialise_at_most(results, usize::MAX, evaluation_error).map(|(outcome, _)| outcome)
}

/// The first `max_rows` solutions of an answer; `true` when there were more.
pub(crate) fn at_most(outcome: QueryOutcome, max_rows: usize) -> (QueryOutcome, bool) {
    match outcome {
        QueryOutcome::Solutions(mut table) if table.rows.len() > max_rows => {
            table.rows.truncate(max_rows);
            (QueryOutcome::Solutions(table), true)
        }
        other => (other, false),
    }
}

/// Results in memory, stopping after `max_rows` solutions or triples; `true` when more existed.
/// `on_error` says what an evaluation error means to the caller.
pub(crate) fn materialise_at_most(
    results: QueryResults<'_>,
    max_rows: usize,
    on_error: fn(QueryEvaluationError) -> StoreError,
) -> Result<(QueryOutcome, bool), StoreError> {
    let mut truncated = false;
    let outcome = match results {
        QueryResults::Boolean(b) => QueryOutcome::Boolean(b),
        QueryResults::Solutions(solutions) => {
            let variables: Vec<Variable> = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for solution in solutions {
                if rows.len() == max_rows {
                    truncated = true;
                    break;
                }
                let solution = solution.map_err(on_error)?;
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
                if out.len() == max_rows {
                    truncated = true;
                    break;
                }
                out.push(t.map_err(on_error)?);
            }
            QueryOutcome::Graph(out)
        }
    };
    Ok((outcome, truncated))
}

#[cfg(test)]
mod tests {
    use oxigraph::model::Literal;

    use super::*;

    #[test]
    fn select_all_columns_in_written_order() {
        let t = || Some(Term::from(Literal::from("t")));
        let table = SolutionTable {
            variables: vec!["practice".into(), "theme".into(), "title".into()],
            rows: vec![vec![None, t(), None]],
        };
        let text = "SELECT * { ?practice schema:name ?title ; dcat:theme ?theme }";
        let got = table.clone().in_written_order(text);
        assert_eq!(got.variables, ["practice", "title", "theme"]);
        assert_eq!(got.rows[0][2], t());
        let named = "SELECT ?practice ?theme ?title { ?practice schema:name ?title }";
        assert_eq!(table.clone().in_written_order(named), table);
        assert!(selects_all("prefix x: <y>\nselect distinct * {}"));
        assert!(!selects_all("SELECT ?a { }"));
    }
}
