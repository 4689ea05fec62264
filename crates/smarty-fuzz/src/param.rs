//! `--param NAME=VALUE` (and the shell's `.run NAME NAME=VALUE`): each value read by the kind its
//! parameter declares, then bound into a query as a `VALUES` row and evaluated.

use std::sync::OnceLock;

use smarty_store::{
    KnowledgeGraph, NamedNode, NamedQuery, Parameter, QueryOptions, QueryOutcome, Term, parse_term,
};

/// A query that declares one parameter of each kind.
const DECLARED: &str = "# param: theme iri optional A theme\n\
    # param: year integer optional A year\n\
    # param: day date optional A day\n\
    # param: amount decimal optional An amount\n\
    # param: label string optional Some text\n\
    # param: value term optional Any term\n\
    SELECT ?theme ?year ?day ?amount ?label ?value {}";

/// The prefixes a session declared (`.prefix ex: <http://example.org/>`).
fn prefixes() -> Vec<(String, String)> {
    vec![("ex".to_owned(), "http://example.org/".to_owned())]
}

fn store() -> &'static KnowledgeGraph {
    static STORE: OnceLock<KnowledgeGraph> = OnceLock::new();
    STORE.get_or_init(|| KnowledgeGraph::in_memory().expect("an in-memory store"))
}

/// Each line is `NAME=VALUE` (a line without `=` is a value for `value`), bound to the query
/// that declares each kind and to a query typed without declarations.
pub fn param(data: &[u8]) {
    let text = crate::text(data);
    let given: Vec<(String, String)> = text
        .lines()
        .map(|line| match line.split_once('=') {
            Some((name, value)) => (name.to_owned(), value.to_owned()),
            None => ("value".to_owned(), line.to_owned()),
        })
        .collect();

    // A name where an IRI is expected resolves to an IRI made from it, or fails as an unknown
    // name does.
    let mut resolve = |_: &Parameter, name: &str| {
        NamedNode::new(format!("urn:name:{name}")).map_err(|e| e.to_string())
    };
    let declared = NamedQuery::parse("declared", DECLARED).expect("the declarations parse");
    if let Ok(bound) = declared.bind(&given, &prefixes(), &mut resolve) {
        evaluate(&declared.text, &bound);
    }
    // A typed query selects the variables it is given, when they are names of variables.
    let names: Vec<&str> = given
        .iter()
        .map(|(name, _)| name.trim_start_matches(['?', '$']))
        .collect();
    let typed = if names
        .iter()
        .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
    {
        format!("SELECT ?{} {{}}", names.join(" ?"))
    } else {
        "SELECT * {}".to_owned()
    };
    let ad_hoc = NamedQuery::ad_hoc("typed", &typed, &given);
    if let Ok(bound) = ad_hoc.bind(&given, &prefixes(), &mut resolve) {
        evaluate(&ad_hoc.text, &bound);
    }

    // A term read from its syntax, printed and read again, is the same term.
    for (_, value) in &given {
        if let Ok(term) = parse_term(value) {
            let printed = term.to_string();
            match parse_term(&printed) {
                Ok(again) => assert!(
                    again == term,
                    "{value:?} read as {printed}, which reads back as {again}"
                ),
                Err(e) => panic!("{value:?} read as {printed}, which does not read back: {e}"),
            }
        }
    }
}

/// Evaluates the query with the parameters bound: one row, each variable the term bound to it
/// (numbers and dates may come back in their canonical form). A parameter the evaluator refuses
/// (a name that is no SPARQL variable) is an error, not a panic.
fn evaluate(query: &str, bound: &[(String, Term)]) {
    if query.starts_with("SELECT * ") {
        let options = QueryOptions {
            parameters: bound.to_vec(),
            ..QueryOptions::default()
        };
        let _ = store().query(query, &options);
        return;
    }
    let options = QueryOptions {
        parameters: bound.to_vec(),
        ..QueryOptions::default()
    };
    let outcome = match store().query(query, &options) {
        Ok(outcome) => outcome,
        Err(_) => return,
    };
    let QueryOutcome::Solutions(table) = outcome else {
        panic!("a SELECT that answers no solutions");
    };
    assert!(
        table.rows.len() == 1,
        "{bound:?}: {} rows, not one",
        table.rows.len()
    );
    for (name, term) in bound {
        let name = name.trim_start_matches(['?', '$']);
        let got: Vec<Option<&Term>> = table.column(name).collect();
        match got.as_slice() {
            [Some(got)] if same(got, term) => {}
            _ => panic!("{name} bound to {term} comes back as {got:?}"),
        }
    }
}

/// The same term, or the same value of a number or date type in another lexical form.
fn same(a: &Term, b: &Term) -> bool {
    match (a, b) {
        (Term::Literal(a), Term::Literal(b)) if a != b => {
            a.datatype() == b.datatype()
                && a.datatype()
                    .as_str()
                    .starts_with("http://www.w3.org/2001/XMLSchema#")
                && a.datatype().as_str() != "http://www.w3.org/2001/XMLSchema#string"
        }
        _ => a == b,
    }
}
