//! Forms in which servers spell the same answer differently, made one on the client so that
//! what smarty-kg prints does not depend on the store that answered.
//!
//! What the named queries avoid by the way they are written (see their headers) is not repeated
//! here; this is only what no query text can avoid.

use smarty_store::{Literal, QueryOutcome, Term};

/// The answer with each known variant spelled as the embedded store spells it.
pub(crate) fn outcome(outcome: QueryOutcome) -> QueryOutcome {
    match outcome {
        QueryOutcome::Solutions(mut table) => {
            for row in &mut table.rows {
                for value in row.iter_mut() {
                    *value = value.take().map(term);
                }
            }
            QueryOutcome::Solutions(table)
        }
        other => other,
    }
}

/// A literal typed `xsd:string` is the plain literal (RDF 1.1), which some servers still
/// spell with its datatype; an `xsd:boolean` is `true` or `false`, which Virtuoso stores and
/// answers as 1 or 0.
fn term(term: Term) -> Term {
    match term {
        Term::Literal(l) if l.datatype().as_str() == XSD_STRING && l.language().is_none() => {
            Term::Literal(Literal::new_simple_literal(l.value()))
        }
        Term::Literal(l) if l.datatype().as_str() == XSD_BOOLEAN => {
            let value = match l.value() {
                "1" => "true",
                "0" => "false",
                other => other,
            };
            Term::Literal(Literal::new_typed_literal(value, l.datatype().into_owned()))
        }
        other => other,
    }
}

const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";
const XSD_BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";
