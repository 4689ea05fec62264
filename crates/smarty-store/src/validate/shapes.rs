//! Reading a shapes graph into node shapes, refusing what the engine does not understand.

use oxigraph::io::RdfParser;
use oxigraph::model::vocab::rdf;
use oxigraph::model::{Graph, NamedNode, NamedOrBlankNode, Term, TermRef, Triple};
use regex::Regex;

use super::report::Severity;
use crate::StoreError;

pub(super) const SH: &str = "http://www.w3.org/ns/shacl#";

fn sh(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SH}{local}"))
}

#[derive(Debug, Clone)]
pub(super) enum Target {
    Class(NamedNode),
    Node(Term),
    SubjectsOf(NamedNode),
    ObjectsOf(NamedNode),
}

#[derive(Debug, Clone)]
pub(super) enum Constraint {
    MinCount(usize),
    MaxCount(usize),
    Datatype(NamedNode),
    Class(NamedNode),
    NodeKind(String),
    /// Compiled once, when the shapes are read.
    Pattern(Regex),
    In(Vec<Term>),
    HasValue(Term),
    MinLength(usize),
    MaxLength(usize),
    LanguageIn(Vec<String>),
    Or(Vec<Vec<Constraint>>),
}

impl Constraint {
    pub fn component(&self) -> &'static str {
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
pub(super) struct PropertyShape {
    pub id: String,
    pub predicate: NamedNode,
    pub inverse: bool,
    pub constraints: Vec<Constraint>,
    pub message: Option<String>,
    pub severity: Severity,
}

#[derive(Debug, Clone)]
pub(super) struct SparqlConstraint {
    pub id: String,
    pub select: String,
    pub message: Option<String>,
}

#[derive(Debug, Clone)]
pub(super) struct NodeShape {
    pub id: String,
    pub targets: Vec<Target>,
    pub constraints: Vec<Constraint>,
    pub properties: Vec<PropertyShape>,
    pub sparql: Vec<SparqlConstraint>,
    pub message: Option<String>,
    pub severity: Severity,
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

const TARGETS: [&str; 4] = [
    "targetClass",
    "targetNode",
    "targetSubjectsOf",
    "targetObjectsOf",
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

    fn named_objects(&self, s: &Term, p: &str) -> impl Iterator<Item = NamedNode> {
        self.objects(s, &sh(p)).into_iter().filter_map(|t| match t {
            Term::NamedNode(n) => Some(n),
            _ => None,
        })
    }

    fn string(&self, s: &Term, p: &str) -> Option<String> {
        literal_string(self.object(s, &sh(p)))
    }

    fn usize(&self, s: &Term, p: &str) -> Option<usize> {
        match self.object(s, &sh(p)) {
            Some(Term::Literal(l)) => l.value().parse().ok(),
            _ => None,
        }
    }

    fn list(&self, head: &Term) -> Vec<Term> {
        let mut out = Vec::new();
        let mut node = head.clone();
        let nil = Term::from(rdf::NIL.into_owned());
        // A cyclic list in a user's shapes file must not hang the validator.
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

    fn severity(&self, s: &Term) -> Severity {
        match self.object(s, &sh("severity")) {
            Some(Term::NamedNode(n)) => Severity::from_iri(&n),
            _ => Severity::Violation,
        }
    }
}

fn as_subject(t: &Term) -> Option<NamedOrBlankNode> {
    match t {
        Term::NamedNode(n) => Some(n.clone().into()),
        Term::BlankNode(b) => Some(b.clone().into()),
        _ => None,
    }
}

/// A term as reports show it: a compact IRI where a prefix is known, a literal's text.
pub(super) fn display(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => {
            smarty_rdf::vocab::compact(n.as_str()).unwrap_or_else(|| n.to_string())
        }
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    }
}

fn literal_string(t: Option<Term>) -> Option<String> {
    match t {
        Some(Term::Literal(l)) => Some(l.value().to_owned()),
        _ => None,
    }
}

fn pattern(g: &ShapesGraph, s: &Term, pattern: &str) -> Result<Regex, StoreError> {
    let flags = g.string(s, "flags").unwrap_or_default();
    let inline: String = flags
        .chars()
        .filter(|c| matches!(c, 'i' | 's' | 'm' | 'x'))
        .collect();
    let source = if inline.is_empty() {
        pattern.to_owned()
    } else {
        format!("(?{inline}){pattern}")
    };
    Regex::new(&source)
        .map_err(|e| StoreError::Shapes(format!("sh:pattern {pattern:?} on {}: {e}", display(s))))
}

fn constraints(g: &ShapesGraph, s: &Term) -> Result<Vec<Constraint>, StoreError> {
    g.check_known(s)?;
    let mut out = Vec::new();
    out.extend(g.usize(s, "minCount").map(Constraint::MinCount));
    out.extend(g.usize(s, "maxCount").map(Constraint::MaxCount));
    out.extend(g.named_objects(s, "datatype").map(Constraint::Datatype));
    out.extend(g.named_objects(s, "class").map(Constraint::Class));
    if let Some(k) = g.named_objects(s, "nodeKind").next() {
        let kind = k.as_str().strip_prefix(SH).unwrap_or("").to_owned();
        out.push(Constraint::NodeKind(kind));
    }
    if let Some(p) = g.string(s, "pattern") {
        out.push(Constraint::Pattern(pattern(g, s, &p)?));
    }
    if let Some(head) = g.object(s, &sh("in")) {
        out.push(Constraint::In(g.list(&head)));
    }
    out.extend(g.object(s, &sh("hasValue")).map(Constraint::HasValue));
    out.extend(g.usize(s, "minLength").map(Constraint::MinLength));
    out.extend(g.usize(s, "maxLength").map(Constraint::MaxLength));
    if let Some(head) = g.object(s, &sh("languageIn")) {
        let langs = g.list(&head).into_iter();
        out.push(Constraint::LanguageIn(
            langs.filter_map(|t| literal_string(Some(t))).collect(),
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

fn targets(g: &ShapesGraph, id: &Term) -> Vec<Target> {
    let mut targets: Vec<Target> = g
        .named_objects(id, "targetClass")
        .map(Target::Class)
        .collect();
    targets.extend(
        g.objects(id, &sh("targetNode"))
            .into_iter()
            .map(Target::Node),
    );
    targets.extend(
        g.named_objects(id, "targetSubjectsOf")
            .map(Target::SubjectsOf),
    );
    targets.extend(
        g.named_objects(id, "targetObjectsOf")
            .map(Target::ObjectsOf),
    );
    targets
}

fn property_shape(g: &ShapesGraph, p: &Term) -> Result<PropertyShape, StoreError> {
    let path = g.object(p, &sh("path")).ok_or_else(|| {
        StoreError::Shapes(format!("property shape {} has no sh:path", display(p)))
    })?;
    let (predicate, inverse) = match &path {
        Term::NamedNode(n) => (n.clone(), false),
        other => match g.object(other, &sh("inversePath")) {
            Some(Term::NamedNode(n)) => (n, true),
            _ => {
                return Err(StoreError::Shapes(format!(
                    "the path of {} is not a predicate or an inverse predicate",
                    display(p)
                )));
            }
        },
    };
    Ok(PropertyShape {
        id: display(p),
        predicate,
        inverse,
        constraints: constraints(g, p)?,
        message: g.string(p, "message"),
        severity: g.severity(p),
    })
}

fn sparql_constraint(
    g: &ShapesGraph,
    shape: &Term,
    c: &Term,
) -> Result<SparqlConstraint, StoreError> {
    let select = g.string(c, "select").ok_or_else(|| {
        StoreError::Shapes(format!("sh:sparql on {} has no sh:select", display(shape)))
    })?;
    Ok(SparqlConstraint {
        id: display(c),
        select,
        message: g.string(c, "message"),
    })
}

fn node_shape(g: &ShapesGraph, id: &Term) -> Result<NodeShape, StoreError> {
    let mut properties = Vec::new();
    for p in g.objects(id, &sh("property")) {
        properties.push(property_shape(g, &p)?);
    }
    let mut sparql = Vec::new();
    for c in g.objects(id, &sh("sparql")) {
        sparql.push(sparql_constraint(g, id, &c)?);
    }
    Ok(NodeShape {
        id: display(id),
        targets: targets(g, id),
        constraints: constraints(g, id)?,
        properties,
        sparql,
        message: g.string(id, "message"),
        severity: g.severity(id),
    })
}

/// The active node shapes of a Turtle shapes graph, in a stable order.
pub(super) fn parse_shapes(text: &str) -> Result<Vec<NodeShape>, StoreError> {
    let mut graph = Graph::new();
    for t in RdfParser::from_format(crate::GraphFormat::Turtle.to_oxigraph()).for_slice(text) {
        let q = t.map_err(|e| StoreError::Shapes(e.to_string()))?;
        graph.insert(&Triple::from(q));
    }
    let g = ShapesGraph { graph };
    let node_shape_class = sh("NodeShape");
    let mut ids: Vec<Term> = g
        .graph
        .subjects_for_predicate_object(rdf::TYPE, &node_shape_class)
        .map(|s| Term::from(s.into_owned()))
        .collect();
    for p in TARGETS {
        let p = sh(p);
        for t in g.graph.triples_for_predicate(&p) {
            ids.push(Term::from(t.subject.into_owned()));
        }
    }
    ids.sort_by_cached_key(Term::to_string);
    ids.dedup();
    let mut shapes = Vec::new();
    for id in ids {
        if g.string(&id, "deactivated").as_deref() != Some("true") {
            shapes.push(node_shape(&g, &id)?);
        }
    }
    Ok(shapes)
}
