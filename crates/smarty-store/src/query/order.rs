//! A SELECT's ORDER BY sorted here, on the materialised answer, instead of by the engine.
//!
//! oxigraph's evaluator decodes both terms of every comparison from the store (a RocksDB read
//! for each IRI and long string), so sorting n rows costs about 2·n·log n reads per key: the
//! full record of 10,000 practices (266,000 rows) did not sort in five minutes. Here the keys
//! are computed once per row by the engine (as extra, hidden columns), the answer is decoded
//! once, and the rows are sorted in memory with SPARQL's ordering. The ORDER BY is lifted only
//! from the top of a SELECT, where its meaning is unchanged; anything else is left to the engine.

use std::cmp::Ordering as CmpOrdering;

use oxigraph::model::Term;
use oxigraph::sparql::Variable;
use spareval::ExpressionTerm;
use spargebra::algebra::{Expression, GraphPattern, OrderExpression};

use super::{QueryOutcome, SolutionTable};

type Row = Vec<Option<Term>>;
/// A row's sort keys, as typed values.
type Keys = Vec<Option<ExpressionTerm>>;

/// What is left to do to an answer whose ORDER BY was lifted.
#[derive(Debug)]
pub struct AnswerOrder {
    /// Column of each key, and whether it sorts descending.
    keys: Vec<(usize, bool)>,
    /// Columns the query projects; the hidden key columns follow them.
    visible: usize,
    start: usize,
    length: Option<usize>,
}

/// Lifts the ORDER BY (and the OFFSET/LIMIT above it) off a SELECT; `None` leaves the query
/// as it was.
pub(crate) fn lift(query: &mut spargebra::Query) -> Option<AnswerOrder> {
    let spargebra::Query::Select { pattern, .. } = query else {
        return None;
    };
    let (lifted, rewritten) = lift_pattern(pattern)?;
    *pattern = rewritten;
    Some(lifted)
}

fn lift_pattern(pattern: &GraphPattern) -> Option<(AnswerOrder, GraphPattern)> {
    let (start, length, below) = match pattern {
        GraphPattern::Slice {
            inner,
            start,
            length,
        } => (*start, *length, inner.as_ref()),
        other => (0, None, other),
    };
    let (distinct, below) = match below {
        GraphPattern::Distinct { inner } | GraphPattern::Reduced { inner } => {
            (true, inner.as_ref())
        }
        other => (false, other),
    };
    let GraphPattern::Project { inner, variables } = below else {
        return None;
    };
    let GraphPattern::OrderBy { inner, expression } = inner.as_ref() else {
        return None;
    };
    let mut columns = variables.clone();
    let mut keys = Vec::new();
    let mut extended = Vec::new();
    for (i, order) in expression.iter().enumerate() {
        let (expression, descending) = match order {
            OrderExpression::Asc(e) => (e, false),
            OrderExpression::Desc(e) => (e, true),
        };
        // Under DISTINCT the keys are computed after it, so they may only read what it keeps.
        if distinct && !reads_only(expression, variables) {
            return None;
        }
        let column = match expression {
            Expression::Variable(v) if columns.contains(v) => position(&columns, v),
            _ => {
                let key = Variable::new_unchecked(format!("smarty_order_key_{i}"));
                extended.push((key.clone(), expression.clone()));
                columns.push(key);
                columns.len() - 1
            }
        };
        keys.push((column, descending));
    }
    let extend = |mut pattern: GraphPattern| {
        for (variable, expression) in &extended {
            pattern = GraphPattern::Extend {
                inner: Box::new(pattern),
                variable: variable.clone(),
                expression: expression.clone(),
            };
        }
        pattern
    };
    let kept = if distinct {
        extend(GraphPattern::Distinct {
            inner: Box::new(GraphPattern::Project {
                inner: inner.clone(),
                variables: variables.clone(),
            }),
        })
    } else {
        extend(inner.as_ref().clone())
    };
    let lifted = AnswerOrder {
        keys,
        visible: variables.len(),
        start,
        length,
    };
    let project = GraphPattern::Project {
        inner: Box::new(kept),
        variables: columns,
    };
    Some((lifted, project))
}

fn position(columns: &[Variable], v: &Variable) -> usize {
    columns.iter().position(|c| c == v).unwrap_or(0)
}

/// Whether an expression reads no variable but `allowed` (and holds no EXISTS, whose pattern
/// could read any).
fn reads_only(expression: &Expression, allowed: &[Variable]) -> bool {
    let mut read = Vec::new();
    super::algebra::variables_of(expression, &mut read) && read.iter().all(|v| allowed.contains(v))
}

impl AnswerOrder {
    /// The answer sorted, without its hidden key columns, and sliced as the query asked.
    pub fn apply(&self, outcome: QueryOutcome) -> QueryOutcome {
        let QueryOutcome::Solutions(table) = outcome else {
            return outcome;
        };
        let mut decorated: Vec<(Keys, Row)> = table
            .rows
            .into_iter()
            .map(|row| {
                let keys = self
                    .keys
                    .iter()
                    .map(|(column, _)| row.get(*column).cloned().flatten().map(Into::into))
                    .collect();
                (keys, row)
            })
            .collect();
        decorated.sort_by(|(a, row_a), (b, row_b)| {
            for (i, (column, descending)) in self.keys.iter().enumerate() {
                let order = compare(a[i].as_ref(), b[i].as_ref())
                    .unwrap_or_else(|| lexical_order(term(row_a, *column), term(row_b, *column)));
                let order = if *descending { order.reverse() } else { order };
                if order != CmpOrdering::Equal {
                    return order;
                }
            }
            CmpOrdering::Equal
        });
        let rows = decorated
            .into_iter()
            .skip(self.start)
            .take(self.length.unwrap_or(usize::MAX))
            .map(|(_, mut row)| {
                row.truncate(self.visible);
                row
            })
            .collect();
        let mut variables = table.variables;
        variables.truncate(self.visible);
        QueryOutcome::Solutions(SolutionTable { variables, rows })
    }
}

/// SPARQL's ORDER BY ordering (section 15.1): unbound, then blank nodes, then IRIs, then
/// literals; literals by value where `<` compares them. `None` for two literals it does not
/// compare, which oxigraph orders by lexical form, datatype and language ([`lexical_order`]).
fn compare(a: Option<&ExpressionTerm>, b: Option<&ExpressionTerm>) -> Option<CmpOrdering> {
    use ExpressionTerm as T;
    let (a, b) = match (a, b) {
        (None, None) => return Some(CmpOrdering::Equal),
        (None, Some(_)) => return Some(CmpOrdering::Less),
        (Some(_), None) => return Some(CmpOrdering::Greater),
        (Some(a), Some(b)) => (a, b),
    };
    if rank(a) != rank(b) {
        return Some(rank(a).cmp(&rank(b)));
    }
    match (a, b) {
        (T::BlankNode(a), T::BlankNode(b)) => Some(a.as_str().cmp(b.as_str())),
        (T::NamedNode(a), T::NamedNode(b)) => Some(a.as_str().cmp(b.as_str())),
        (T::StringLiteral(a), T::StringLiteral(b)) => Some(a.cmp(b)),
        (
            T::LangStringLiteral { value, language },
            T::LangStringLiteral {
                value: other,
                language: other_language,
            },
        ) if language == other_language => Some(value.cmp(other)),
        (T::DateTimeLiteral(a), T::DateTimeLiteral(b)) => a.partial_cmp(b),
        (T::DateLiteral(a), T::DateLiteral(b)) => a.partial_cmp(b),
        (T::TimeLiteral(a), T::TimeLiteral(b)) => a.partial_cmp(b),
        (T::GYearLiteral(a), T::GYearLiteral(b)) => a.partial_cmp(b),
        (T::GYearMonthLiteral(a), T::GYearMonthLiteral(b)) => a.partial_cmp(b),
        _ => numeric(a, b),
    }
}

/// Numbers of any two numeric types, by value in the wider of the two types.
fn numeric(a: &ExpressionTerm, b: &ExpressionTerm) -> Option<CmpOrdering> {
    use ExpressionTerm as T;
    use oxsdatatypes::{Decimal, Float};
    match (a, b) {
        (T::IntegerLiteral(a), T::IntegerLiteral(b)) => a.partial_cmp(b),
        (T::IntegerLiteral(a), T::DecimalLiteral(b)) => Decimal::from(*a).partial_cmp(b),
        (T::DecimalLiteral(a), T::IntegerLiteral(b)) => a.partial_cmp(&Decimal::from(*b)),
        (T::DecimalLiteral(a), T::DecimalLiteral(b)) => a.partial_cmp(b),
        (T::FloatLiteral(a), T::FloatLiteral(b)) => a.partial_cmp(b),
        (T::FloatLiteral(a), T::IntegerLiteral(b)) => a.partial_cmp(&Float::from(*b)),
        (T::IntegerLiteral(a), T::FloatLiteral(b)) => Float::from(*a).partial_cmp(b),
        (T::FloatLiteral(a), T::DecimalLiteral(b)) => a.partial_cmp(&Float::from(*b)),
        (T::DecimalLiteral(a), T::FloatLiteral(b)) => Float::from(*a).partial_cmp(b),
        (T::DoubleLiteral(_), _) | (_, T::DoubleLiteral(_)) => double(a)?.partial_cmp(&double(b)?),
        _ => None,
    }
}

fn double(term: &ExpressionTerm) -> Option<oxsdatatypes::Double> {
    use oxsdatatypes::Double;
    match term {
        ExpressionTerm::DoubleLiteral(d) => Some(*d),
        ExpressionTerm::FloatLiteral(f) => Some(Double::from(*f)),
        ExpressionTerm::IntegerLiteral(i) => Some(Double::from(*i)),
        ExpressionTerm::DecimalLiteral(d) => Some(Double::from(*d)),
        _ => None,
    }
}

fn rank(term: &ExpressionTerm) -> u8 {
    match term {
        ExpressionTerm::BlankNode(_) => 0,
        ExpressionTerm::NamedNode(_) => 1,
        _ => 2,
    }
}

/// Two literals `<` does not compare: by lexical form, then datatype, then language.
fn lexical_order(a: Option<&Term>, b: Option<&Term>) -> CmpOrdering {
    parts(a).cmp(&parts(b))
}

fn parts(term: Option<&Term>) -> Option<(&str, &str, Option<&str>)> {
    match term {
        Some(Term::Literal(l)) => Some((l.value(), l.datatype().as_str(), l.language())),
        _ => None,
    }
}

fn term(row: &[Option<Term>], column: usize) -> Option<&Term> {
    row.get(column).and_then(Option::as_ref)
}

#[cfg(test)]
#[path = "order_tests.rs"]
mod tests;
