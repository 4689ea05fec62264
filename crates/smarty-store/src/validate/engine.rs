//! Checking values against constraints: focus nodes, path values, SPARQL constraints.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, NamedNode, Term};
use oxsdatatypes::{
    Boolean, Date, DateTime, Decimal, Double, Float, GYear, GYearMonth, Integer, Time,
};

use super::shapes::{Constraint, PropertyShape, Target};
use crate::query::{QueryOptions, QueryOutcome};
use crate::{KnowledgeGraph, StoreError};

/// Whether a literal's lexical form is valid for its datatype. Datatypes without a parser here
/// are taken as well-formed: the check must never refuse a value it cannot judge.
fn well_formed(l: &Literal) -> bool {
    fn parses<T: FromStr>(v: &str) -> bool {
        T::from_str(v).is_ok()
    }
    let v = l.value();
    let dt = l.datatype();
    if dt == xsd::DECIMAL {
        parses::<Decimal>(v)
    } else if dt == xsd::INTEGER {
        parses::<Integer>(v)
    } else if dt == xsd::BOOLEAN {
        parses::<Boolean>(v)
    } else if dt == xsd::DOUBLE {
        parses::<Double>(v)
    } else if dt == xsd::FLOAT {
        parses::<Float>(v)
    } else if dt == xsd::DATE {
        parses::<Date>(v)
    } else if dt == xsd::DATE_TIME {
        parses::<DateTime>(v)
    } else if dt == xsd::TIME {
        parses::<Time>(v)
    } else if dt == xsd::G_YEAR {
        parses::<GYear>(v)
    } else if dt == xsd::G_YEAR_MONTH {
        parses::<GYearMonth>(v)
    } else {
        true
    }
}

fn lexical(t: &Term) -> Option<&str> {
    match t {
        Term::NamedNode(n) => Some(n.as_str()),
        Term::Literal(l) => Some(l.value()),
        _ => None,
    }
}

fn node_kind_ok(kind: &str, v: &Term) -> bool {
    let (iri, blank, lit) = (
        matches!(v, Term::NamedNode(_)),
        matches!(v, Term::BlankNode(_)),
        matches!(v, Term::Literal(_)),
    );
    match kind {
        "IRI" => iri,
        "BlankNode" => blank,
        "Literal" => lit,
        "BlankNodeOrIRI" => blank || iri,
        "BlankNodeOrLiteral" => blank || lit,
        "IRIOrLiteral" => iri || lit,
        _ => false,
    }
}

fn language_ok(langs: &[String], v: &Term) -> bool {
    let Term::Literal(l) = v else {
        return false;
    };
    l.language().is_some_and(|lang| {
        let lang = lang.to_ascii_lowercase();
        langs.iter().any(|want| {
            let want = want.to_ascii_lowercase();
            lang == want || lang.starts_with(&format!("{want}-"))
        })
    })
}

/// Runs the checks against one store, remembering class memberships between shapes.
pub(super) struct Checker<'a> {
    kg: &'a KnowledgeGraph,
    class_members: HashMap<String, HashSet<Term>>,
}

impl<'a> Checker<'a> {
    pub fn new(kg: &'a KnowledgeGraph) -> Checker<'a> {
        Checker {
            kg,
            class_members: HashMap::new(),
        }
    }

    fn select(&self, query: &str) -> Result<Vec<Vec<Option<Term>>>, StoreError> {
        match self.kg.query(query, &QueryOptions::default())? {
            QueryOutcome::Solutions(t) => Ok(t.rows),
            _ => Ok(Vec::new()),
        }
    }

    fn members(&mut self, class: &NamedNode) -> Result<&HashSet<Term>, StoreError> {
        if !self.class_members.contains_key(class.as_str()) {
            let rows = self.select(&format!(
                "SELECT DISTINCT ?x WHERE {{ ?x a/rdfs:subClassOf* {class} }}"
            ))?;
            let set = rows
                .into_iter()
                .filter_map(|r| r.into_iter().next().flatten())
                .collect();
            self.class_members.insert(class.as_str().to_owned(), set);
        }
        Ok(&self.class_members[class.as_str()])
    }

    pub fn focus_nodes(&mut self, targets: &[Target]) -> Result<HashSet<Term>, StoreError> {
        let mut out = HashSet::new();
        for t in targets {
            match t {
                Target::Class(c) => out.extend(self.members(c)?.iter().cloned()),
                Target::Node(n) => {
                    out.insert(n.clone());
                }
                Target::SubjectsOf(p) => {
                    for r in self.select(&format!("SELECT DISTINCT ?x WHERE {{ ?x {p} ?o }}"))? {
                        out.extend(r.into_iter().flatten());
                    }
                }
                Target::ObjectsOf(p) => {
                    for r in self.select(&format!("SELECT DISTINCT ?x WHERE {{ ?s {p} ?x }}"))? {
                        out.extend(r.into_iter().flatten());
                    }
                }
            }
        }
        Ok(out)
    }

    /// Whether one value satisfies a value constraint (count constraints are handled apart).
    pub fn value_ok(&mut self, c: &Constraint, v: &Term) -> Result<bool, StoreError> {
        Ok(match c {
            Constraint::Datatype(d) => match v {
                Term::Literal(l) => l.datatype() == d.as_ref() && well_formed(l),
                _ => false,
            },
            Constraint::Class(class) => self.members(class)?.contains(v),
            Constraint::NodeKind(kind) => node_kind_ok(kind, v),
            Constraint::Pattern(re) => match v {
                Term::NamedNode(n) => re.is_match(n.as_str()),
                Term::Literal(l) => re.is_match(l.value()),
                _ => false,
            },
            Constraint::In(list) => list.contains(v),
            Constraint::MinLength(n) => lexical(v).is_some_and(|s| s.chars().count() >= *n),
            Constraint::MaxLength(n) => lexical(v).is_some_and(|s| s.chars().count() <= *n),
            Constraint::LanguageIn(langs) => language_ok(langs, v),
            Constraint::Or(alternatives) => self.any_alternative(alternatives, v)?,
            Constraint::MinCount(_) | Constraint::MaxCount(_) | Constraint::HasValue(_) => true,
        })
    }

    /// `sh:or`: some alternative whose constraints all hold.
    fn any_alternative(
        &mut self,
        alternatives: &[Vec<Constraint>],
        v: &Term,
    ) -> Result<bool, StoreError> {
        'alternatives: for alt in alternatives {
            for c in alt {
                if !self.value_ok(c, v)? {
                    continue 'alternatives;
                }
            }
            return Ok(true);
        }
        Ok(false)
    }

    /// The values of a property shape's path for each focus node.
    pub fn values(
        &self,
        p: &PropertyShape,
        focus: &HashSet<Term>,
    ) -> Result<HashMap<Term, Vec<Term>>, StoreError> {
        let predicate = &p.predicate;
        let query = if p.inverse {
            format!("SELECT DISTINCT ?this ?v WHERE {{ ?v {predicate} ?this }}")
        } else {
            format!("SELECT DISTINCT ?this ?v WHERE {{ ?this {predicate} ?v }}")
        };
        let mut values: HashMap<Term, Vec<Term>> = HashMap::new();
        for row in self.select(&query)? {
            if let [Some(this), Some(v)] = row.as_slice()
                && focus.contains(this)
            {
                values.entry(this.clone()).or_default().push(v.clone());
            }
        }
        Ok(values)
    }

    /// The focus nodes (and values) a SPARQL constraint selects. `$this` is pre-bound by running
    /// the query once with it as a variable and keeping the rows whose `?this` is a focus node.
    pub fn sparql_failures(
        &self,
        select: &str,
        focus: &HashSet<Term>,
    ) -> Result<Vec<(Term, Option<Term>)>, StoreError> {
        let text = select.replace("$this", "?this");
        let QueryOutcome::Solutions(table) = self.kg.query(&text, &QueryOptions::default())? else {
            return Ok(Vec::new());
        };
        let this_col = table.variables.iter().position(|v| v == "this");
        let value_col = table.variables.iter().position(|v| v == "value");
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for row in &table.rows {
            let Some(this) = this_col.and_then(|i| row[i].clone()) else {
                continue;
            };
            let value = value_col.and_then(|i| row[i].clone());
            if focus.contains(&this) && seen.insert((this.clone(), value.clone())) {
                out.push((this, value));
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(value: &str, datatype: oxigraph::model::NamedNodeRef<'_>, expect: bool) {
        let l = Literal::new_typed_literal(value, datatype);
        assert_eq!(well_formed(&l), expect, "{value:?}^^{datatype}");
    }

    #[test]
    fn lexical_forms() {
        check("12.50", xsd::DECIMAL, true);
        check(".5", xsd::DECIMAL, true);
        check("1,5", xsd::DECIMAL, false);
        check("-42", xsd::INTEGER, true);
        check("4.2", xsd::INTEGER, false);
        check("1", xsd::BOOLEAN, true);
        check("yes", xsd::BOOLEAN, false);
        check("2019", xsd::G_YEAR, true);
        check("19", xsd::G_YEAR, false);
        check("2019-07", xsd::G_YEAR_MONTH, true);
        check("2019-13", xsd::G_YEAR_MONTH, false);
        check("2019-07-31", xsd::DATE, true);
        check("2019-02-30", xsd::DATE, false);
        check("2019-07-31T10:00:00Z", xsd::DATE_TIME, true);
        check("1.5e3", xsd::DOUBLE, true);
        check("anything", xsd::STRING, true);
    }
}
