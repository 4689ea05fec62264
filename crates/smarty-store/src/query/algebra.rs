//! One walk over spargebra's algebra, for the rewrites that change a pattern's parts and keep
//! its shape (binding parameters, blank nodes made variables).

use spargebra::algebra::{Expression, GraphPattern};
use spargebra::term::Variable;

/// The pattern with `f` applied to each of its direct sub-patterns; a pattern without any
/// (a BGP, a path, VALUES) comes back as it is.
pub(crate) fn map_children(
    pattern: GraphPattern,
    f: &mut dyn FnMut(GraphPattern) -> GraphPattern,
) -> GraphPattern {
    let mut inside = |p: Box<GraphPattern>| Box::new(f(*p));
    match pattern {
        GraphPattern::Join { left, right } => {
            let left = inside(left);
            GraphPattern::Join {
                left,
                right: inside(right),
            }
        }
        GraphPattern::LeftJoin {
            left,
            right,
            expression,
        } => {
            let left = inside(left);
            GraphPattern::LeftJoin {
                left,
                right: inside(right),
                expression,
            }
        }
        GraphPattern::Union { left, right } => {
            let left = inside(left);
            GraphPattern::Union {
                left,
                right: inside(right),
            }
        }
        GraphPattern::Minus { left, right } => {
            let left = inside(left);
            GraphPattern::Minus {
                left,
                right: inside(right),
            }
        }
        GraphPattern::Filter { expr, inner } => GraphPattern::Filter {
            expr,
            inner: inside(inner),
        },
        GraphPattern::Graph { name, inner } => GraphPattern::Graph {
            name,
            inner: inside(inner),
        },
        GraphPattern::Extend {
            inner,
            variable,
            expression,
        } => GraphPattern::Extend {
            inner: inside(inner),
            variable,
            expression,
        },
        GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy {
            inner: inside(inner),
            expression,
        },
        GraphPattern::Project { inner, variables } => GraphPattern::Project {
            inner: inside(inner),
            variables,
        },
        GraphPattern::Distinct { inner } => GraphPattern::Distinct {
            inner: inside(inner),
        },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced {
            inner: inside(inner),
        },
        GraphPattern::Slice {
            inner,
            start,
            length,
        } => GraphPattern::Slice {
            inner: inside(inner),
            start,
            length,
        },
        GraphPattern::Group {
            inner,
            variables,
            aggregates,
        } => GraphPattern::Group {
            inner: inside(inner),
            variables,
            aggregates,
        },
        GraphPattern::Service {
            name,
            inner,
            silent,
        } => GraphPattern::Service {
            name,
            inner: inside(inner),
            silent,
        },
        other => other,
    }
}

/// The query with `f` applied to its WHERE clause (whatever its form).
pub(crate) fn rewrite_where(
    query: &mut spargebra::Query,
    f: impl FnOnce(GraphPattern) -> GraphPattern,
) {
    let pattern = match query {
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
    *pattern = f(taken);
}

/// Adds the variables an expression reads to `found`; `false` when it holds an EXISTS, whose
/// pattern reads the dataset.
pub(crate) fn variables_of(expression: &Expression, found: &mut Vec<Variable>) -> bool {
    use Expression as E;
    match expression {
        E::NamedNode(_) | E::Literal(_) => true,
        E::Variable(v) | E::Bound(v) => {
            if !found.contains(v) {
                found.push(v.clone());
            }
            true
        }
        E::Exists(_) => false,
        E::UnaryPlus(a) | E::UnaryMinus(a) | E::Not(a) => variables_of(a, found),
        E::Or(a, b)
        | E::And(a, b)
        | E::Equal(a, b)
        | E::SameTerm(a, b)
        | E::Greater(a, b)
        | E::GreaterOrEqual(a, b)
        | E::Less(a, b)
        | E::LessOrEqual(a, b)
        | E::Add(a, b)
        | E::Subtract(a, b)
        | E::Multiply(a, b)
        | E::Divide(a, b) => variables_of(a, found) && variables_of(b, found),
        E::In(a, list) => variables_of(a, found) && list.iter().all(|e| variables_of(e, found)),
        E::If(a, b, c) => [a, b, c].into_iter().all(|e| variables_of(e, found)),
        E::Coalesce(list) | E::FunctionCall(_, list) => list.iter().all(|e| variables_of(e, found)),
    }
}
