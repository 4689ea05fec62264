//! SHACL validation of the store against `ontology/shapes.ttl`.
//!
//! A deliberately small engine for the part of SHACL Core and SHACL-SPARQL the shapes use (see
//! ARCHITECTURE.md for why not a general-purpose engine): node shapes with class, node,
//! subjects-of and objects-of targets; property shapes on a predicate or inverse predicate with
//! min/max count, datatype, class, node kind, pattern, in, has-value, min/max length, language-in
//! and `sh:or` of such constraints; node-level pattern, node kind, class and `sh:sparql` SELECT
//! constraints. A shapes file that uses anything else is rejected, naming the construct, rather
//! than silently passing. pySHACL cross-checks the same shapes in the test command.

use std::collections::{BTreeMap, HashMap, HashSet};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{Graph, NamedNode, NamedOrBlankNode, Term, TermRef, Triple};
use regex::Regex;

use crate::query::{QueryOptions, QueryOutcome};
use crate::{KnowledgeGraph, StoreError};

const SH: &str = "http://www.w3.org/ns/shacl#";

fn sh(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SH}{local}"))
}

/// One failed constraint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    /// The node shape.
    pub shape: String,
    /// The shape the failed constraint belongs to: the property shape, or the node shape itself.
    pub source_shape: String,
    /// For SPARQL constraints, the constraint's own IRI.
    pub sparql_constraint: Option<String>,
    pub focus: String,
    pub path: Option<String>,
    /// `sh:MinCountConstraintComponent` and so on.
    pub component: String,
    pub value: Option<String>,
    pub message: String,
    /// `Violation`, `Warning` or `Info`.
    pub severity: String,
}

#[derive(Debug, Clone, Default)]
pub struct ValidationReport {
    pub violations: Vec<Violation>,
    /// Focus nodes checked per node shape.
    pub checked: BTreeMap<String, usize>,
}

impl ValidationReport {
    pub fn conforms(&self) -> bool {
        !self.violations.iter().any(|v| v.severity == "Violation")
    }
}

#[derive(Debug, Clone)]
enum Target {
    Class(NamedNode),
    Node(Term),
    SubjectsOf(NamedNode),
    ObjectsOf(NamedNode),
}

#[derive(Debug, Clone)]
enum Constraint {
    MinCount(usize),
    MaxCount(usize),
    Datatype(NamedNode),
    Class(NamedNode),
    NodeKind(String),
    Pattern(Regex),
    In(Vec<Term>),
    HasValue(Term),
    MinLength(usize),
    MaxLength(usize),
    LanguageIn(Vec<String>),
    Or(Vec<Vec<Constraint>>),
}

impl Constraint {
    fn component(&self) -> &'static str {
        match self {
            Constraint::MinCount(_) => "MinCount",
            Constraint::MaxCount(_) => "MaxCount",
            Constraint::Datatype(_) => "Datatype",
            Constraint::Class(_) => "Class",
            Constraint::NodeKind(_) => "NodeKind",
            Constraint::Pattern(_) => "Pattern",
            Constraint::In(_) => "In",
            Constraint::HasValue(_) => "HasValue",
            Constraint::MinLength(_) => "MinLength",
            Constraint::MaxLength(_) => "MaxLength",
            Constraint::LanguageIn(_) => "LanguageIn",
            Constraint::Or(_) => "Or",
        }
    }
}

#[derive(Debug, Clone)]
struct PropertyShape {
    id: String,
    predicate: NamedNode,
    inverse: bool,
    constraints: Vec<Constraint>,
    message: Option<String>,
    severity: String,
}

#[derive(Debug, Clone)]
struct SparqlConstraint {
    id: String,
    select: String,
    message: Option<String>,
}

#[derive(Debug, Clone)]
struct NodeShape {
    id: String,
    targets: Vec<Target>,
    constraints: Vec<Constraint>,
    properties: Vec<PropertyShape>,
    sparql: Vec<SparqlConstraint>,
    message: Option<String>,
    severity: String,
}

/// SHACL terms the engine understands on a shape; anything else in the `sh:` namespace is refused.
const KNOWN: &[&str] = &[
    "targetClass",
    "targetNode",
    "targetSubjectsOf",
    "targetObjectsOf",
    "property",
    "path",
    "inversePath",
    "minCount",
    "maxCount",
    "datatype",
    "class",
    "nodeKind",
    "pattern",
    "flags",
    "in",
    "hasValue",
    "minLength",
    "maxLength",
    "languageIn",
    "or",
    "message",
    "severity",
    "name",
    "description",
    "sparql",
    "select",
    "deactivated",
    "order",
    "group",
];

struct ShapesGraph {
    graph: Graph,
}

impl ShapesGraph {
    fn objects(&self, s: &Term, p: &NamedNode) -> Vec<Term> {
        let Some(subject) = as_subject(s) else {
            return Vec::new();
        };
        self.graph
            .objects_for_subject_predicate(&subject, p)
            .map(TermRef::into_owned)
            .collect()
    }

    fn object(&self, s: &Term, p: &NamedNode) -> Option<Term> {
        self.objects(s, p).into_iter().next()
    }

    fn list(&self, head: &Term) -> Vec<Term> {
        let mut out = Vec::new();
        let mut node = head.clone();
        let nil = Term::from(rdf::NIL.into_owned());
        let mut guard = 0;
        while node != nil && guard < 10_000 {
            guard += 1;
            match self.object(&node, &rdf::FIRST.into_owned()) {
                Some(first) => out.push(first),
                None => break,
            }
            match self.object(&node, &rdf::REST.into_owned()) {
                Some(rest) => node = rest,
                None => break,
            }
        }
        out
    }

    fn check_known(&self, s: &Term) -> Result<(), StoreError> {
        let Some(subject) = as_subject(s) else {
            return Ok(());
        };
        for t in self.graph.triples_for_subject(&subject) {
            if let Some(local) = t.predicate.as_str().strip_prefix(SH)
                && !KNOWN.contains(&local)
            {
                return Err(StoreError::Shapes(format!(
                    "sh:{local} (on {}) is not supported by this validator",
                    display(s)
                )));
            }
        }
        Ok(())
    }
}

fn as_subject(t: &Term) -> Option<NamedOrBlankNode> {
    match t {
        Term::NamedNode(n) => Some(n.clone().into()),
        Term::BlankNode(b) => Some(b.clone().into()),
        _ => None,
    }
}

fn display(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => {
            smarty_rdf::vocab::compact(n.as_str()).unwrap_or_else(|| n.to_string())
        }
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    }
}

fn literal_usize(t: Option<Term>) -> Option<usize> {
    match t {
        Some(Term::Literal(l)) => l.value().parse().ok(),
        _ => None,
    }
}

fn literal_string(t: Option<Term>) -> Option<String> {
    match t {
        Some(Term::Literal(l)) => Some(l.value().to_owned()),
        _ => None,
    }
}

fn severity(g: &ShapesGraph, s: &Term) -> String {
    match g.object(s, &sh("severity")) {
        Some(Term::NamedNode(n)) => n
            .as_str()
            .strip_prefix(SH)
            .unwrap_or("Violation")
            .to_owned(),
        _ => "Violation".into(),
    }
}

fn constraints(g: &ShapesGraph, s: &Term) -> Result<Vec<Constraint>, StoreError> {
    g.check_known(s)?;
    let mut out = Vec::new();
    if let Some(n) = literal_usize(g.object(s, &sh("minCount"))) {
        out.push(Constraint::MinCount(n));
    }
    if let Some(n) = literal_usize(g.object(s, &sh("maxCount"))) {
        out.push(Constraint::MaxCount(n));
    }
    for d in g.objects(s, &sh("datatype")) {
        if let Term::NamedNode(n) = d {
            out.push(Constraint::Datatype(n));
        }
    }
    for c in g.objects(s, &sh("class")) {
        if let Term::NamedNode(n) = c {
            out.push(Constraint::Class(n));
        }
    }
    if let Some(Term::NamedNode(k)) = g.object(s, &sh("nodeKind")) {
        out.push(Constraint::NodeKind(
            k.as_str().strip_prefix(SH).unwrap_or("").to_owned(),
        ));
    }
    if let Some(pattern) = literal_string(g.object(s, &sh("pattern"))) {
        let flags = literal_string(g.object(s, &sh("flags"))).unwrap_or_default();
        let inline: String = flags
            .chars()
            .filter(|c| matches!(c, 'i' | 's' | 'm' | 'x'))
            .collect();
        let source = if inline.is_empty() {
            pattern.clone()
        } else {
            format!("(?{inline}){pattern}")
        };
        let re = Regex::new(&source).map_err(|e| {
            StoreError::Shapes(format!("sh:pattern {pattern:?} on {}: {e}", display(s)))
        })?;
        out.push(Constraint::Pattern(re));
    }
    if let Some(head) = g.object(s, &sh("in")) {
        out.push(Constraint::In(g.list(&head)));
    }
    if let Some(v) = g.object(s, &sh("hasValue")) {
        out.push(Constraint::HasValue(v));
    }
    if let Some(n) = literal_usize(g.object(s, &sh("minLength"))) {
        out.push(Constraint::MinLength(n));
    }
    if let Some(n) = literal_usize(g.object(s, &sh("maxLength"))) {
        out.push(Constraint::MaxLength(n));
    }
    if let Some(head) = g.object(s, &sh("languageIn")) {
        out.push(Constraint::LanguageIn(
            g.list(&head)
                .iter()
                .filter_map(|t| literal_string(Some(t.clone())))
                .collect(),
        ));
    }
    if let Some(head) = g.object(s, &sh("or")) {
        let mut alternatives = Vec::new();
        for member in g.list(&head) {
            alternatives.push(constraints(g, &member)?);
        }
        out.push(Constraint::Or(alternatives));
    }
    Ok(out)
}

fn parse_shapes(text: &str) -> Result<Vec<NodeShape>, StoreError> {
    let mut graph = Graph::new();
    for t in RdfParser::from_format(RdfFormat::Turtle).for_slice(text) {
        let q = t.map_err(|e| StoreError::Shapes(e.to_string()))?;
        graph.insert(&Triple::from(q));
    }
    let g = ShapesGraph { graph };
    let node_shape = sh("NodeShape");
    let mut ids: Vec<Term> = g
        .graph
        .subjects_for_predicate_object(rdf::TYPE, &node_shape)
        .map(|s| Term::from(s.into_owned()))
        .collect();
    for p in [
        "targetClass",
        "targetNode",
        "targetSubjectsOf",
        "targetObjectsOf",
    ] {
        let p = sh(p);
        for t in g.graph.triples_for_predicate(&p) {
            ids.push(Term::from(t.subject.into_owned()));
        }
    }
    ids.sort_by_cached_key(Term::to_string);
    ids.dedup();
    let mut shapes = Vec::new();
    for id in ids {
        if literal_string(g.object(&id, &sh("deactivated"))).as_deref() == Some("true") {
            continue;
        }
        let mut targets = Vec::new();
        for t in g.objects(&id, &sh("targetClass")) {
            if let Term::NamedNode(n) = t {
                targets.push(Target::Class(n));
            }
        }
        for t in g.objects(&id, &sh("targetNode")) {
            targets.push(Target::Node(t));
        }
        for t in g.objects(&id, &sh("targetSubjectsOf")) {
            if let Term::NamedNode(n) = t {
                targets.push(Target::SubjectsOf(n));
            }
        }
        for t in g.objects(&id, &sh("targetObjectsOf")) {
            if let Term::NamedNode(n) = t {
                targets.push(Target::ObjectsOf(n));
            }
        }
        let mut properties = Vec::new();
        for p in g.objects(&id, &sh("property")) {
            let path = g.object(&p, &sh("path")).ok_or_else(|| {
                StoreError::Shapes(format!("property shape {} has no sh:path", display(&p)))
            })?;
            let (predicate, inverse) = match &path {
                Term::NamedNode(n) => (n.clone(), false),
                other => match g.object(other, &sh("inversePath")) {
                    Some(Term::NamedNode(n)) => (n, true),
                    _ => {
                        return Err(StoreError::Shapes(format!(
                            "the path of {} is not a predicate or an inverse predicate",
                            display(&p)
                        )));
                    }
                },
            };
            properties.push(PropertyShape {
                id: display(&p),
                predicate,
                inverse,
                constraints: constraints(&g, &p)?,
                message: literal_string(g.object(&p, &sh("message"))),
                severity: severity(&g, &p),
            });
        }
        let mut sparql = Vec::new();
        for c in g.objects(&id, &sh("sparql")) {
            let select = literal_string(g.object(&c, &sh("select"))).ok_or_else(|| {
                StoreError::Shapes(format!("sh:sparql on {} has no sh:select", display(&id)))
            })?;
            sparql.push(SparqlConstraint {
                id: display(&c),
                select,
                message: literal_string(g.object(&c, &sh("message"))),
            });
        }
        shapes.push(NodeShape {
            id: display(&id),
            targets,
            constraints: constraints(&g, &id)?,
            properties,
            sparql,
            message: literal_string(g.object(&id, &sh("message"))),
            severity: severity(&g, &id),
        });
    }
    Ok(shapes)
}

/// Whether a literal's lexical form is valid for its datatype (for the types the shapes use).
fn well_formed(l: &oxigraph::model::Literal) -> bool {
    let v = l.value();
    let dt = l.datatype().as_str();
    let re = |p: &str| Regex::new(p).is_ok_and(|r| r.is_match(v));
    match dt {
        d if d == xsd::DECIMAL.as_str() => re(r"^[+-]?(\d+(\.\d*)?|\.\d+)$"),
        d if d == xsd::INTEGER.as_str() => re(r"^[+-]?\d+$"),
        d if d == xsd::BOOLEAN.as_str() => matches!(v, "true" | "false" | "1" | "0"),
        "http://www.w3.org/2001/XMLSchema#gYear" => re(r"^-?\d{4,}(Z|[+-]\d{2}:\d{2})?$"),
        "http://www.w3.org/2001/XMLSchema#gYearMonth" => {
            re(r"^-?\d{4,}-(0[1-9]|1[0-2])(Z|[+-]\d{2}:\d{2})?$")
        }
        _ => true,
    }
}

struct Checker<'a> {
    kg: &'a KnowledgeGraph,
    class_members: HashMap<String, HashSet<Term>>,
}

impl Checker<'_> {
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

    fn focus_nodes(&mut self, targets: &[Target]) -> Result<HashSet<Term>, StoreError> {
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
    fn value_ok(&mut self, c: &Constraint, v: &Term) -> Result<bool, StoreError> {
        Ok(match c {
            Constraint::Datatype(d) => match v {
                Term::Literal(l) => l.datatype() == d.as_ref() && well_formed(l),
                _ => false,
            },
            Constraint::Class(class) => self.members(class)?.contains(v),
            Constraint::NodeKind(kind) => {
                let (iri, blank, lit) = (
                    matches!(v, Term::NamedNode(_)),
                    matches!(v, Term::BlankNode(_)),
                    matches!(v, Term::Literal(_)),
                );
                match kind.as_str() {
                    "IRI" => iri,
                    "BlankNode" => blank,
                    "Literal" => lit,
                    "BlankNodeOrIRI" => blank || iri,
                    "BlankNodeOrLiteral" => blank || lit,
                    "IRIOrLiteral" => iri || lit,
                    _ => false,
                }
            }
            Constraint::Pattern(re) => match v {
                Term::NamedNode(n) => re.is_match(n.as_str()),
                Term::Literal(l) => re.is_match(l.value()),
                _ => false,
            },
            Constraint::In(list) => list.contains(v),
            Constraint::MinLength(n) => lexical(v).is_some_and(|s| s.chars().count() >= *n),
            Constraint::MaxLength(n) => lexical(v).is_some_and(|s| s.chars().count() <= *n),
            Constraint::LanguageIn(langs) => match v {
                Term::Literal(l) => l.language().is_some_and(|lang| {
                    langs.iter().any(|want| {
                        let lang = lang.to_ascii_lowercase();
                        let want = want.to_ascii_lowercase();
                        lang == want || lang.starts_with(&format!("{want}-"))
                    })
                }),
                _ => false,
            },
            Constraint::Or(alternatives) => {
                let mut any = false;
                for alt in alternatives {
                    let mut all = true;
                    for c in alt {
                        if !self.value_ok(c, v)? {
                            all = false;
                            break;
                        }
                    }
                    if all {
                        any = true;
                        break;
                    }
                }
                any
            }
            Constraint::MinCount(_) | Constraint::MaxCount(_) | Constraint::HasValue(_) => true,
        })
    }
}

/// Where a violation comes from, shared by all the values one constraint checks.
#[derive(Clone)]
struct Origin<'s> {
    shape: &'s str,
    source: &'s str,
    sparql: Option<&'s str>,
    path: Option<String>,
    severity: &'s str,
}

impl Origin<'_> {
    fn report(
        &self,
        report: &mut ValidationReport,
        focus: &Term,
        component: &str,
        value: Option<&Term>,
        message: String,
    ) {
        report.violations.push(Violation {
            shape: self.shape.to_owned(),
            source_shape: self.source.to_owned(),
            sparql_constraint: self.sparql.map(str::to_owned),
            focus: display(focus),
            path: self.path.clone(),
            component: format!("sh:{component}ConstraintComponent"),
            value: value.map(display),
            message,
            severity: self.severity.to_owned(),
        });
    }
}

impl Checker<'_> {
    /// The values of a property shape's path for each focus node.
    fn values(
        &self,
        p: &PropertyShape,
        focus: &HashSet<Term>,
    ) -> Result<HashMap<Term, Vec<Term>>, StoreError> {
        let query = if p.inverse {
            format!(
                "SELECT DISTINCT ?this ?v WHERE {{ ?v {} ?this }}",
                p.predicate
            )
        } else {
            format!(
                "SELECT DISTINCT ?this ?v WHERE {{ ?this {} ?v }}",
                p.predicate
            )
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
    fn sparql_failures(
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

fn lexical(t: &Term) -> Option<&str> {
    match t {
        Term::NamedNode(n) => Some(n.as_str()),
        Term::Literal(l) => Some(l.value()),
        _ => None,
    }
}

fn default_message(c: &Constraint, count: usize) -> String {
    match c {
        Constraint::MinCount(n) => format!("at least {n} value(s) expected, found {count}"),
        Constraint::MaxCount(n) => format!("at most {n} value(s) expected, found {count}"),
        Constraint::Datatype(d) => {
            format!("value must be a well-formed {}", display(&d.clone().into()))
        }
        Constraint::Class(c) => format!("value must be a {}", display(&c.clone().into())),
        Constraint::NodeKind(k) => format!("value must be a {k}"),
        Constraint::Pattern(re) => format!("value must match {}", re.as_str()),
        Constraint::In(_) => "value is not one of the allowed values".into(),
        Constraint::HasValue(v) => format!("value {} expected", display(v)),
        Constraint::MinLength(n) => format!("value shorter than {n} characters"),
        Constraint::MaxLength(n) => format!("value longer than {n} characters"),
        Constraint::LanguageIn(l) => format!("language must be one of {}", l.join(", ")),
        Constraint::Or(_) => "value matches none of the alternatives".into(),
    }
}

impl KnowledgeGraph {
    /// Validates the store (the union of its graphs) against SHACL shapes in Turtle.
    pub fn validate(&self, shapes_ttl: &str) -> Result<ValidationReport, StoreError> {
        let shapes = parse_shapes(shapes_ttl)?;
        let mut checker = Checker {
            kg: self,
            class_members: HashMap::new(),
        };
        let mut report = ValidationReport::default();
        for shape in &shapes {
            let focus = checker.focus_nodes(&shape.targets)?;
            report.checked.insert(shape.id.clone(), focus.len());
            let node_origin = Origin {
                shape: &shape.id,
                source: &shape.id,
                sparql: None,
                path: None,
                severity: &shape.severity,
            };
            for node in &focus {
                for c in &shape.constraints {
                    if !checker.value_ok(c, node)? {
                        let message = shape
                            .message
                            .clone()
                            .unwrap_or_else(|| default_message(c, 1));
                        node_origin.report(&mut report, node, c.component(), Some(node), message);
                    }
                }
            }
            for p in &shape.properties {
                let values = checker.values(p, &focus)?;
                let origin = Origin {
                    shape: &shape.id,
                    source: &p.id,
                    sparql: None,
                    path: Some(format!(
                        "{}{}",
                        if p.inverse { "^" } else { "" },
                        display(&p.predicate.clone().into())
                    )),
                    severity: &p.severity,
                };
                for node in &focus {
                    let vs = values.get(node).map_or(&[][..], Vec::as_slice);
                    for c in &p.constraints {
                        let message = p
                            .message
                            .clone()
                            .unwrap_or_else(|| default_message(c, vs.len()));
                        let count_fails = match c {
                            Constraint::MinCount(n) => Some(vs.len() < *n),
                            Constraint::MaxCount(n) => Some(vs.len() > *n),
                            Constraint::HasValue(v) => Some(!vs.contains(v)),
                            _ => None,
                        };
                        match count_fails {
                            Some(true) => {
                                origin.report(&mut report, node, c.component(), None, message)
                            }
                            Some(false) => {}
                            None => {
                                for v in vs {
                                    if !checker.value_ok(c, v)? {
                                        origin.report(
                                            &mut report,
                                            node,
                                            c.component(),
                                            Some(v),
                                            message.clone(),
                                        );
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for constraint in &shape.sparql {
                let origin = Origin {
                    sparql: Some(&constraint.id),
                    ..node_origin.clone()
                };
                let message = constraint
                    .message
                    .clone()
                    .or_else(|| shape.message.clone())
                    .unwrap_or_else(|| "SPARQL constraint not satisfied".into());
                for (this, value) in checker.sparql_failures(&constraint.select, &focus)? {
                    origin.report(
                        &mut report,
                        &this,
                        "SPARQL",
                        value.as_ref(),
                        message.clone(),
                    );
                }
            }
        }
        report.violations.sort();
        report.violations.dedup();
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsupported_constructs_are_refused() {
        let shapes = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n<http://e/S> a sh:NodeShape ; sh:targetClass <http://e/C> ; sh:closed true .";
        let err = parse_shapes(shapes).unwrap_err().to_string();
        assert!(err.contains("sh:closed"), "{err}");
    }
}
