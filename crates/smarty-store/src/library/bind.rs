//! `NAME=VALUE` pairs bound to a query's declared parameters: unknown names, missing required
//! ones and values of the wrong kind are errors that name what the query takes. The command line
//! (`query --name Q -p NAME=VALUE`) and the shell (`.run Q NAME=VALUE`) both bind through
//! [`NamedQuery::bind`]; a name given where an IRI is expected is resolved by the caller, which
//! knows the store's names.

use std::str::FromStr;

use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, NamedNode, Term};

use super::{NamedQuery, ParamKind, Parameter, parse_term};

/// A parameter given wrongly. Each message says what the query takes or what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParamError {
    #[error("{query} has no parameter '{given}'; {takes}")]
    Unknown {
        query: String,
        given: String,
        takes: String,
    },
    #[error("{query} needs the parameter '{name}'; {takes}")]
    Missing {
        query: String,
        name: String,
        takes: String,
    },
    #[error("parameter '{name}' is given twice")]
    Twice { name: String },
    #[error("{name}={value}: expected {expected}")]
    Invalid {
        name: String,
        value: String,
        expected: String,
    },
}

/// What a value typed for a parameter reads as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    Term(Term),
    /// Text where an IRI is expected: the name of a thing, for the caller to resolve.
    Name(String),
}

impl ParamKind {
    /// What a value of this kind looks like, for error messages.
    pub fn expected(self) -> &'static str {
        match self {
            ParamKind::Iri => "an IRI (<https://…> or prefix:local) or the name of a thing",
            ParamKind::String => "text",
            ParamKind::Integer => "an integer such as 2019",
            ParamKind::Decimal => "a decimal number such as 12.5",
            ParamKind::Date => "a date such as 2019-07-31",
            ParamKind::Term => "an RDF term (<iri>, prefix:local, \"text\"@en, 42)",
        }
    }

    /// Reads a value typed for a parameter of this kind. `prefixes` are declared on top of the
    /// predeclared ones (the shell's `.prefix`). `Err` is what was expected instead.
    pub fn read(self, value: &str, prefixes: &[(String, String)]) -> Result<ParamValue, String> {
        let value = value.trim();
        let unquoted = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .filter(|v| !v.contains('"'));
        let wrong = |why: Option<String>| match why {
            Some(why) => format!("{} ({why})", self.expected()),
            None => self.expected().to_owned(),
        };
        let typed = |dt: oxigraph::model::NamedNodeRef<'_>, ok: bool| {
            let lexical = unquoted.unwrap_or(value);
            ok.then(|| ParamValue::Term(Literal::new_typed_literal(lexical, dt).into()))
                .ok_or_else(|| wrong(None))
        };
        let lexical = unquoted.unwrap_or(value);
        match self {
            ParamKind::Iri => read_iri(value, unquoted, prefixes).map_err(|e| wrong(Some(e))),
            ParamKind::String if value.starts_with('"') => match parse_term(value) {
                Ok(Term::Literal(l)) => Ok(ParamValue::Term(l.into())),
                _ => Err(wrong(None)),
            },
            ParamKind::String => Ok(ParamValue::Term(Literal::new_simple_literal(value).into())),
            ParamKind::Integer => typed(
                xsd::INTEGER,
                oxsdatatypes::Integer::from_str(lexical).is_ok(),
            ),
            ParamKind::Decimal => typed(
                xsd::DECIMAL,
                oxsdatatypes::Decimal::from_str(lexical).is_ok(),
            ),
            ParamKind::Date => typed(xsd::DATE, oxsdatatypes::Date::from_str(lexical).is_ok()),
            ParamKind::Term => match expand(value, prefixes) {
                Some(iri) => NamedNode::new(iri)
                    .map(|n| ParamValue::Term(n.into()))
                    .map_err(|e| wrong(Some(e.to_string()))),
                None => parse_term(value)
                    .map(ParamValue::Term)
                    .map_err(|e| wrong(Some(e.to_string()))),
            },
        }
    }
}

/// `<iri>`, an absolute `http(s):`/`urn:`/`mailto:` IRI or `prefix:local` with a known prefix;
/// anything else (a quoted or bare name) is a name.
fn read_iri(
    value: &str,
    unquoted: Option<&str>,
    prefixes: &[(String, String)],
) -> Result<ParamValue, String> {
    if let Some(name) = unquoted {
        return Ok(ParamValue::Name(name.to_owned()));
    }
    let absolute = ["http://", "https://", "urn:", "mailto:"]
        .iter()
        .any(|s| value.starts_with(s));
    let iri = match value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        Some(inner) => Some(inner.to_owned()),
        None if absolute => Some(value.to_owned()),
        None => expand(value, prefixes),
    };
    match iri {
        Some(iri) => NamedNode::new(iri)
            .map(|n| ParamValue::Term(n.into()))
            .map_err(|e| e.to_string()),
        None if value.is_empty() => Err("nothing given".to_owned()),
        None => Ok(ParamValue::Name(value.to_owned())),
    }
}

/// The IRI of `prefix:local` when the prefix is declared (session prefixes first).
fn expand(value: &str, prefixes: &[(String, String)]) -> Option<String> {
    let (prefix, local) = value.split_once(':')?;
    if local.contains(char::is_whitespace) || prefix.contains(char::is_whitespace) {
        return None;
    }
    let ns = prefixes
        .iter()
        .find(|(p, _)| p == prefix)
        .map(|(_, ns)| ns.as_str())
        .or_else(|| smarty_rdf::vocab::namespace(prefix))?;
    Some(format!("{ns}{local}"))
}

impl NamedQuery {
    /// A query typed or read from a file: it declares no parameters, so each given one is bound
    /// as an RDF term read from its syntax.
    pub fn ad_hoc(name: &str, text: &str, given: &[(String, String)]) -> NamedQuery {
        NamedQuery {
            name: name.to_owned(),
            title: name.to_owned(),
            description: String::new(),
            parameters: given
                .iter()
                .map(|(n, _)| Parameter {
                    name: n.trim_start_matches(['?', '$']).to_owned(),
                    kind: ParamKind::Term,
                    optional: true,
                    description: String::new(),
                })
                .collect(),
            text: text.to_owned(),
        }
    }

    /// "it takes: theme (iri, optional)", for error messages.
    pub fn takes(&self) -> String {
        if self.parameters.is_empty() {
            return "it takes no parameters".to_owned();
        }
        let list: Vec<String> = self
            .parameters
            .iter()
            .map(|p| {
                let need = if p.optional { "optional" } else { "required" };
                format!("{} ({}, {need})", p.name, p.kind.name())
            })
            .collect();
        format!("it takes: {}", list.join(", "))
    }

    /// Binds `NAME=VALUE` pairs (a leading `?` or `$` on a name is ignored) to the declared
    /// parameters, reading each value by its kind; `resolve` turns a name given for an IRI into
    /// the IRI of the thing it names, or says why it cannot.
    pub fn bind(
        &self,
        given: &[(String, String)],
        prefixes: &[(String, String)],
        resolve: &mut dyn FnMut(&Parameter, &str) -> Result<NamedNode, String>,
    ) -> Result<Vec<(String, Term)>, ParamError> {
        let mut bound: Vec<(String, Term)> = Vec::new();
        for (name, value) in given {
            let name = name.trim_start_matches(['?', '$']);
            let declared = self
                .parameters
                .iter()
                .find(|p| p.name == name)
                .ok_or_else(|| ParamError::Unknown {
                    query: self.name.clone(),
                    given: name.to_owned(),
                    takes: self.takes(),
                })?;
            if bound.iter().any(|(n, _)| n == name) {
                return Err(ParamError::Twice {
                    name: name.to_owned(),
                });
            }
            let invalid = |expected: String| ParamError::Invalid {
                name: name.to_owned(),
                value: value.clone(),
                expected,
            };
            let term = match declared.kind.read(value, prefixes).map_err(invalid)? {
                ParamValue::Term(t) => t,
                ParamValue::Name(text) => resolve(declared, &text)
                    .map(Term::from)
                    .map_err(|why| invalid(format!("{}; {why}", declared.kind.expected())))?,
            };
            bound.push((name.to_owned(), term));
        }
        if let Some(missing) = self
            .parameters
            .iter()
            .find(|p| !p.optional && !bound.iter().any(|(n, _)| *n == p.name))
        {
            return Err(ParamError::Missing {
                query: self.name.clone(),
                name: missing.name.clone(),
                takes: self.takes(),
            });
        }
        Ok(bound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUERY: &str = "# param: theme iri optional A theme\n# param: year integer optional A year\n\
        # param: day date optional A day\n# param: amount decimal optional An amount\n\
        # param: term string required Text\nSELECT * {}";

    /// The bound terms (as N-Triples) or the error message; names resolve to `<name:TEXT>`.
    fn check(given: &[(&str, &str)], expect: &str) {
        let query = NamedQuery::parse("q", QUERY).expect("header");
        let given: Vec<(String, String)> = given
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect();
        let prefixes = vec![("ex".to_owned(), "http://example.org/".to_owned())];
        let mut resolve = |_: &Parameter, name: &str| match name {
            "nobody" => Err("nothing is called 'nobody'".to_owned()),
            _ => Ok(NamedNode::new_unchecked(format!("name:{name}"))),
        };
        let got = match query.bind(&given, &prefixes, &mut resolve) {
            Ok(bound) => bound
                .iter()
                .map(|(n, t)| format!("{n}={t}"))
                .collect::<Vec<_>>()
                .join(" "),
            Err(e) => e.to_string(),
        };
        assert_eq!(got, expect, "{given:?}");
    }

    #[test]
    fn values_are_read_by_their_kind() {
        check(&[("term", "blockchain")], "term=\"blockchain\"");
        check(&[("term", "\"Green deal\"@en")], "term=\"Green deal\"@en");
        check(
            &[("term", "x"), ("theme", "theme:digital-innovation-hubs")],
            "term=\"x\" theme=<https://w3id.org/smarty-kg/id/theme/digital-innovation-hubs>",
        );
        check(
            &[("term", "x"), ("theme", "ex:t")],
            "term=\"x\" theme=<http://example.org/t>",
        );
        check(
            &[("term", "x"), ("?theme", "2")],
            "term=\"x\" theme=<name:2>",
        );
        check(
            &[("term", "x"), ("theme", "\"Digital Innovation Hubs\"")],
            "term=\"x\" theme=<name:Digital Innovation Hubs>",
        );
        check(
            &[
                ("term", "x"),
                ("year", "2019"),
                ("day", "2019-07-31"),
                ("amount", "12.5"),
            ],
            "term=\"x\" year=\"2019\"^^<http://www.w3.org/2001/XMLSchema#integer> \
             day=\"2019-07-31\"^^<http://www.w3.org/2001/XMLSchema#date> \
             amount=\"12.5\"^^<http://www.w3.org/2001/XMLSchema#decimal>",
        );
    }

    #[test]
    fn mistakes_name_what_the_query_takes() {
        let takes = "it takes: theme (iri, optional), year (integer, optional), day (date, \
                     optional), amount (decimal, optional), term (string, required)";
        check(
            &[("thme", "2"), ("term", "x")],
            &format!("q has no parameter 'thme'; {takes}"),
        );
        check(
            &[("theme", "2")],
            &format!("q needs the parameter 'term'; {takes}"),
        );
        check(
            &[("term", "x"), ("term", "y")],
            "parameter 'term' is given twice",
        );
        check(
            &[("term", "x"), ("year", "last year")],
            "year=last year: expected an integer such as 2019",
        );
        check(
            &[("term", "x"), ("day", "2019-02-30")],
            "day=2019-02-30: expected a date such as 2019-07-31",
        );
        check(
            &[("term", "x"), ("amount", "12,5")],
            "amount=12,5: expected a decimal number such as 12.5",
        );
        check(
            &[("term", "x"), ("theme", "nobody")],
            "theme=nobody: expected an IRI (<https://…> or prefix:local) or the name of a \
             thing; nothing is called 'nobody'",
        );
        check(
            &[("term", "x"), ("theme", "<not an iri>")],
            "theme=<not an iri>: expected an IRI (<https://…> or prefix:local) or the name of a \
             thing (Invalid IRI code point ' ')",
        );
    }
}
