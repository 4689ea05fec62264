//! The shortest chain between two practices or organisations, hop by hop, with the fact behind
//! each hop.
//!
//! The chain runs through the practice–person–organisation graph: a hop is one stated fact
//! ("Access Innovation has contact person Bryony Chipp", "… is funded by ERDF"). Among chains of
//! the same length one through a person is preferred, then through a main institution, a
//! contact organisation, a funder (A* with integer costs: 1000 a hop plus that preference), so
//! the answer is the same every time. Other links between the same two practices are listed.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt,
    Vertex,
};
use petgraph::graph::{NodeIndex, UnGraph};
use serde::Serialize;
use smarty_store::{KnowledgeGraph, QueryOptions};

use crate::NetworkError;
use crate::dot::quoted;
use crate::facts::Facts;
use crate::model::{Labelled, NodeKind, Role};
use crate::names::{compact, expand_iri, wrap};
use crate::render::{RenderOptions, Rendered, render_graph};
use crate::style;
use smarty_extract::text::fold;

/// Which links a chain may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathOptions {
    /// Through contact persons (personal data).
    pub via_persons: bool,
    /// Through organisations (main institutions, contact organisations, funders).
    pub via_organisations: bool,
}

impl Default for PathOptions {
    fn default() -> Self {
        PathOptions {
            via_persons: true,
            via_organisations: true,
        }
    }
}

/// A node of the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Via {
    pub iri: String,
    pub label: String,
    pub kind: NodeKind,
}

/// One hop: the fact "practice *role* other" that joins two neighbouring nodes of the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hop {
    /// Positions in [`PathReport::nodes`].
    pub from: usize,
    pub to: usize,
    pub practice: Labelled,
    pub other: Labelled,
    pub roles: Vec<Role>,
}

impl Hop {
    /// "Access Innovation has contact person Bryony Chipp"; "ProACCIÓ 4.0 has Generalitat de
    /// Catalunya as main institution, contact organisation and funder".
    pub fn fact(&self) -> String {
        match self.roles.as_slice() {
            [one] => format!(
                "{} {} {}",
                self.practice.label,
                one.phrase(),
                self.other.label
            ),
            many => {
                let names: Vec<&str> = many.iter().map(|r| r.as_str()).collect();
                let roles = match names.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("{} and {last}", rest.join(", "))
                    }
                    _ => names.join(""),
                };
                format!(
                    "{} has {} as {roles}",
                    self.practice.label, self.other.label
                )
            }
        }
    }
}

/// Other persons or organisations that link two practices of the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alternative {
    pub between: (Labelled, Labelled),
    pub linkers: Vec<(Labelled, Vec<Role>)>,
}

/// The chain from one node to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathReport {
    pub nodes: Vec<Via>,
    pub hops: Vec<Hop>,
    pub alternatives: Vec<Alternative>,
}

/// The linkage graph: practices joined to their persons and organisations.
struct Linkage {
    graph: UnGraph<Via, (u64, Vec<Role>)>,
    index: BTreeMap<String, NodeIndex>,
}

fn penalty(role: Role) -> u64 {
    match role {
        Role::ContactPerson => 0,
        Role::MainInstitution => 1,
        Role::ContactOrganisation => 2,
        Role::Funder | Role::ProgrammePartner => 3,
    }
}

fn linkage(facts: &Facts, options: PathOptions) -> Linkage {
    let mut graph: UnGraph<Via, (u64, Vec<Role>)> = UnGraph::default();
    let mut index: BTreeMap<String, NodeIndex> = BTreeMap::new();
    let mut add = |graph: &mut UnGraph<Via, (u64, Vec<Role>)>, via: Via| -> NodeIndex {
        *index
            .entry(via.iri.clone())
            .or_insert_with(|| graph.add_node(via))
    };
    for p in facts.practices.values() {
        let practice = add(
            &mut graph,
            Via {
                iri: p.iri.clone(),
                label: p.title.clone(),
                kind: NodeKind::Practice,
            },
        );
        let mut links: Vec<(Via, Vec<Role>)> = Vec::new();
        if options.via_persons {
            for person in &p.contacts {
                let label = facts
                    .persons
                    .get(person)
                    .map(|p| p.label())
                    .unwrap_or_else(|| compact(person));
                links.push((
                    Via {
                        iri: person.clone(),
                        label,
                        kind: NodeKind::Person,
                    },
                    vec![Role::ContactPerson],
                ));
            }
        }
        if options.via_organisations {
            for (org, roles) in &p.organisations {
                let label = facts
                    .organisations
                    .get(org)
                    .map(|o| o.label.clone())
                    .unwrap_or_else(|| compact(org));
                links.push((
                    Via {
                        iri: org.clone(),
                        label,
                        kind: NodeKind::Organisation,
                    },
                    roles.iter().copied().collect(),
                ));
            }
        }
        for (via, roles) in links {
            let other = add(&mut graph, via);
            let cost = 1000 + roles.iter().map(|r| penalty(*r)).min().unwrap_or(3);
            graph.add_edge(practice, other, (cost, roles));
        }
    }
    Linkage { graph, index }
}

/// The shortest chain between two practices or organisations, each named by title, other
/// name, organisation label (case and diacritics ignored; a unique partial match is accepted)
/// or IRI / prefixed name. `None` when they are not connected.
pub fn shortest_path(
    kg: &KnowledgeGraph,
    from: &str,
    to: &str,
) -> Result<Option<PathReport>, NetworkError> {
    shortest_path_with(
        kg,
        from,
        to,
        PathOptions::default(),
        &QueryOptions::default(),
    )
}

/// [`shortest_path`], choosing which links the chain may use, its queries under a timeout or a
/// canceller.
pub fn shortest_path_with(
    kg: &KnowledgeGraph,
    from: &str,
    to: &str,
    options: PathOptions,
    query: &QueryOptions,
) -> Result<Option<PathReport>, NetworkError> {
    path_from(&Facts::load_kept(kg, query)?, from, to, options)
}

/// [`shortest_path`] in these facts.
pub(crate) fn path_from(
    facts: &Facts,
    from: &str,
    to: &str,
    options: PathOptions,
) -> Result<Option<PathReport>, NetworkError> {
    let linkage = linkage(facts, options);
    let start = resolve(facts, &linkage, from)?;
    let goal = resolve(facts, &linkage, to)?;
    let found = petgraph::algo::astar(
        &linkage.graph,
        start,
        |n| n == goal,
        |e| e.weight().0,
        |_| 0,
    );
    let Some((_, chain)) = found else {
        return Ok(None);
    };
    let g = &linkage.graph;
    let nodes: Vec<Via> = chain.iter().map(|&n| g[n].clone()).collect();
    let labelled = |v: &Via| Labelled {
        iri: v.iri.clone(),
        label: v.label.clone(),
    };
    let mut hops = Vec::new();
    for (i, pair) in chain.windows(2).enumerate() {
        let Some(e) = g.find_edge(pair[0], pair[1]) else {
            continue;
        };
        let (a, b) = (&g[pair[0]], &g[pair[1]]);
        let (practice, other) = if a.kind == NodeKind::Practice {
            (a, b)
        } else {
            (b, a)
        };
        hops.push(Hop {
            from: i,
            to: i + 1,
            practice: labelled(practice),
            other: labelled(other),
            roles: g[e].1.clone(),
        });
    }
    // Other links between two practices two hops apart on the chain.
    let mut alternatives = Vec::new();
    for triple in chain.windows(3) {
        let (a, via, b) = (triple[0], triple[1], triple[2]);
        if g[a].kind != NodeKind::Practice || g[b].kind != NodeKind::Practice {
            continue;
        }
        let neighbours = |n: NodeIndex| -> BTreeSet<NodeIndex> { g.neighbors(n).collect() };
        let mut linkers: Vec<(Labelled, Vec<Role>)> = neighbours(a)
            .intersection(&neighbours(b))
            .filter(|&&n| n != via)
            .map(|&n| {
                let mut roles: BTreeSet<Role> = BTreeSet::new();
                for p in [a, b] {
                    if let Some(e) = g.find_edge(p, n) {
                        roles.extend(g[e].1.iter().copied());
                    }
                }
                (labelled(&g[n]), roles.into_iter().collect())
            })
            .collect();
        linkers.sort_by(|x, y| x.0.iri.cmp(&y.0.iri));
        if !linkers.is_empty() {
            alternatives.push(Alternative {
                between: (labelled(&g[a]), labelled(&g[b])),
                linkers,
            });
        }
    }
    Ok(Some(PathReport {
        nodes,
        hops,
        alternatives,
    }))
}

/// A user's name for a node → the node: an IRI or prefixed name, else practice titles and other
/// names and organisation labels, folded; exact matches first, then a unique partial match.
fn resolve(facts: &Facts, linkage: &Linkage, text: &str) -> Result<NodeIndex, NetworkError> {
    if let Some(iri) = expand_iri(text) {
        return linkage
            .index
            .get(&iri)
            .copied()
            .ok_or(NetworkError::NotInNetwork(iri));
    }
    let wanted = fold(text);
    if wanted.is_empty() {
        return Err(NetworkError::UnknownName(text.to_owned()));
    }
    // (IRI, kind, primary name, other names)
    let mut named: Vec<(String, &str, &String, Vec<&String>)> = Vec::new();
    for p in facts.practices.values() {
        named.push((
            p.iri.clone(),
            "practice",
            &p.title,
            p.names.iter().collect(),
        ));
    }
    for o in facts.organisations.values() {
        named.push((
            o.iri.clone(),
            "organisation",
            &o.label,
            o.names.iter().collect(),
        ));
    }
    // A title or an organisation's own name first, then other names, then a partial name.
    let primary: Vec<&(String, &str, &String, Vec<&String>)> = named
        .iter()
        .filter(|(_, _, name, _)| fold(name) == wanted)
        .collect();
    let exact: Vec<&(String, &str, &String, Vec<&String>)> = named
        .iter()
        .filter(|(_, _, _, names)| names.iter().any(|n| fold(n) == wanted))
        .collect();
    let found = if !primary.is_empty() {
        primary
    } else if !exact.is_empty() || wanted.chars().count() < 3 {
        exact
    } else {
        named
            .iter()
            .filter(|(_, _, name, names)| {
                fold(name).contains(&wanted) || names.iter().any(|n| fold(n).contains(&wanted))
            })
            .collect()
    };
    match found.as_slice() {
        [] => Err(NetworkError::UnknownName(text.to_owned())),
        [(iri, _, _, _)] => linkage
            .index
            .get(iri)
            .copied()
            .ok_or_else(|| NetworkError::NotInNetwork(iri.clone())),
        many => Err(NetworkError::Ambiguous {
            name: text.to_owned(),
            candidates: many
                .iter()
                .map(|(iri, kind, label, _)| format!("{label} ({kind} {})", compact(iri)))
                .collect(),
        }),
    }
}

impl fmt::Display for PathReport {
    /// Hop by hop, one fact a line, then the other links between the same practices.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (Some(first), Some(last)) = (self.nodes.first(), self.nodes.last()) else {
            return Ok(());
        };
        let n = self.hops.len();
        writeln!(
            f,
            "{} → {}: {n} hop{}",
            first.label,
            last.label,
            if n == 1 { "" } else { "s" }
        )?;
        for (i, hop) in self.hops.iter().enumerate() {
            writeln!(f, "  {}. {}", i + 1, hop.fact())?;
        }
        for alt in &self.alternatives {
            let linkers: Vec<String> = alt
                .linkers
                .iter()
                .map(|(l, roles)| {
                    let r: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
                    format!("{} ({})", l.label, r.join(", "))
                })
                .collect();
            writeln!(
                f,
                "  {} and {} are also linked through: {}",
                alt.between.0.label,
                alt.between.1.label,
                linkers.join("; ")
            )?;
        }
        Ok(())
    }
}

impl PathReport {
    /// The chain as DOT (left to right, each edge labelled with its fact's role).
    pub fn to_dot_graph(&self) -> Graph {
        let attr = |k: &str, v: Id| Attribute(Id::Plain(k.to_owned()), v);
        let mut stmts = vec![
            Stmt::GAttribute(GraphAttributes::Graph(vec![
                attr("rankdir", Id::Plain("LR".into())),
                attr("fontname", quoted("Helvetica")),
                attr("pad", quoted("0.3")),
            ])),
            Stmt::GAttribute(GraphAttributes::Node(vec![
                attr("style", quoted("filled")),
                attr("fillcolor", quoted("#f4f4f4")),
                attr("fontname", quoted("Helvetica")),
                attr("fontsize", Id::Plain("10".into())),
            ])),
            Stmt::GAttribute(GraphAttributes::Edge(vec![
                attr("fontname", quoted("Helvetica")),
                attr("fontsize", Id::Plain("9".into())),
            ])),
        ];
        for node in &self.nodes {
            stmts.push(Stmt::Node(DotNode::new(
                NodeId(quoted(&node.iri), None),
                vec![
                    attr("label", quoted(&wrap(&node.label, 24, 3).join("\n"))),
                    attr("shape", Id::Plain(style::shape(node.kind).into())),
                    attr("tooltip", quoted(&format!("{} <{}>", node.label, node.iri))),
                ],
            )));
        }
        for hop in &self.hops {
            let roles: Vec<&str> = hop.roles.iter().map(|r| r.as_str()).collect();
            stmts.push(Stmt::Edge(DotEdge {
                ty: EdgeTy::Pair(
                    Vertex::N(NodeId(quoted(&self.nodes[hop.from].iri), None)),
                    Vertex::N(NodeId(quoted(&self.nodes[hop.to].iri), None)),
                ),
                attributes: vec![
                    attr("label", quoted(&roles.join(", "))),
                    attr("tooltip", quoted(&hop.fact())),
                ],
            }));
        }
        Graph::Graph {
            id: quoted("path"),
            strict: false,
            stmts,
        }
    }

    /// DOT text of the chain.
    pub fn to_dot(&self) -> String {
        use graphviz_rust::printer::{DotPrinter, PrinterContext};
        let mut s = self.to_dot_graph().print(&mut PrinterContext::default());
        s.push('\n');
        s
    }

    /// The chain drawn (Graphviz `dot` layout by default, else the built-in layout).
    pub fn render(&self, options: &RenderOptions) -> Result<Rendered, NetworkError> {
        let labels: Vec<(String, NodeKind)> = self
            .nodes
            .iter()
            .map(|n| (wrap(&n.label, 24, 3).join("\n"), n.kind))
            .collect();
        let edges: Vec<(usize, usize, String)> = self
            .hops
            .iter()
            .map(|h| {
                let roles: Vec<&str> = h.roles.iter().map(|r| r.as_str()).collect();
                (h.from, h.to, roles.join(", "))
            })
            .collect();
        render_graph(
            self.to_dot_graph(),
            (self.nodes.len(), self.hops.len()),
            crate::render::LayoutEngine::Dot,
            move || crate::builtin::builtin_chain(&labels, &edges),
            options,
        )
    }
}
