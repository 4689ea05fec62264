//! DOT through graphviz-rust's model (`dot_structures`) and printer: nodes shaped by kind and
//! filled by theme, edges as wide as their weight, long titles wrapped, and a legend as the
//! graph's HTML label (which every Graphviz layout draws). The graph names its layout engine
//! (`layout=`), so `dot -Tpdf net.gv` draws what `graph -o net.pdf` draws; the page attributes
//! aim the force-directed layouts at a landscape A4 page.

use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt,
    Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use crate::formats::xml;
use crate::model::{Network, NetworkKind, Node, NodeKind, Role};
use crate::names::wrap;
use crate::render::{LayoutEngine, is_large};
use crate::style::{self, LABEL_LINES, LABEL_WIDTH, NO_THEME_COLOUR};

/// Up to this size edges are drawn as splines around nodes; above, as straight lines.
const SPLINE_NODES: usize = 100;
const SPLINE_EDGES: usize = 200;

/// A DOT double-quoted string: backslashes and quotes escaped, newlines as `\n` (centred lines).
pub(crate) fn quoted(text: &str) -> Id {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    for c in text.chars() {
        match c {
            '\\' => s.push_str("\\\\"),
            '"' => s.push_str("\\\""),
            '\n' => s.push_str("\\n"),
            '\r' => {}
            c => s.push(c),
        }
    }
    s.push('"');
    Id::Escaped(s)
}

fn attr(name: &str, value: Id) -> Attribute {
    Attribute(Id::Plain(name.to_owned()), value)
}

fn plain(value: impl ToString) -> Id {
    Id::Plain(value.to_string())
}

/// The label drawn in a node: the wrapped title.
pub(crate) fn node_label(node: &Node) -> String {
    wrap(&node.label, LABEL_WIDTH, LABEL_LINES).join("\n")
}

/// What a tooltip tells about a node.
fn node_tooltip(node: &Node) -> String {
    let mut lines = vec![node.label.clone(), format!("{} <{}>", node.kind, node.id)];
    let theme = node.theme_label();
    if !theme.is_empty() {
        lines.push(format!("theme: {theme}"));
    }
    if !node.countries.is_empty() {
        let c: Vec<String> = node.countries.iter().map(|c| c.display()).collect();
        lines.push(format!("country: {}", c.join(", ")));
    }
    if !node.regions.is_empty() {
        let r: Vec<String> = node.regions.iter().map(|c| c.display()).collect();
        lines.push(format!("region: {}", r.join(", ")));
    }
    if !node.roles.is_empty() {
        let r: Vec<&str> = node.roles.iter().map(|r| r.as_str()).collect();
        lines.push(format!("roles: {}", r.join(", ")));
    }
    lines.join("\n")
}

/// One line of a legend: the same lines in the DOT label and in the built-in drawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LegendRow {
    Title(String),
    /// A colour and what it means.
    Swatch(String, String),
    Text(String),
}

/// The legend: title, the themes present with their colours, shapes and edge meaning.
pub(crate) fn legend_rows(network: &Network) -> Vec<LegendRow> {
    let mut rows = vec![LegendRow::Title(network.title())];
    let present = network.themes.iter().filter(|t| {
        network
            .nodes
            .iter()
            .any(|n| n.themes.len() == 1 && n.themes[0] == **t)
    });
    for t in present {
        let name = match &t.notation {
            Some(n) => format!("theme {n}: {}", t.label),
            None => format!("theme: {}", t.label),
        };
        rows.push(LegendRow::Swatch(t.colour.clone(), name));
    }
    if network.nodes.iter().any(|n| n.themes.len() != 1) {
        rows.push(LegendRow::Swatch(
            NO_THEME_COLOUR.to_owned(),
            "several themes, or none".to_owned(),
        ));
    }
    let mut kinds: Vec<NodeKind> = network.nodes.iter().map(|n| n.kind).collect();
    kinds.sort();
    kinds.dedup();
    let shapes: Vec<String> = kinds
        .iter()
        .map(|k| format!("{}: {}", style::shape(*k), k))
        .collect();
    if !shapes.is_empty() {
        rows.push(LegendRow::Text(format!("shapes — {}", shapes.join(", "))));
    }
    let edges = match network.kind {
        NetworkKind::Contacts => {
            "edge: the practices share a contact person (label: who; width: how many)"
        }
        NetworkKind::Partners => {
            "edge: the organisations meet on a practice (width: on how many); double border: programme partner"
        }
        NetworkKind::PracticePerson => "edge: contact person of the practice",
        NetworkKind::PracticeOrganisation => {
            "edge: solid main institution, dashed contact organisation, dotted funder; double border: programme partner"
        }
    };
    rows.push(LegendRow::Text(edges.to_owned()));
    if network.nodes.is_empty() {
        rows.push(LegendRow::Text(
            "(no nodes: nothing in the store matches)".to_owned(),
        ));
    }
    rows
}

/// The legend as a Graphviz HTML-like table.
fn legend(network: &Network) -> String {
    let rows: Vec<String> = legend_rows(network)
        .iter()
        .map(|row| match row {
            LegendRow::Title(t) => format!(
                "<tr><td colspan=\"2\" align=\"left\"><b>{}</b></td></tr>",
                xml(t)
            ),
            LegendRow::Swatch(colour, text) => format!(
                "<tr><td bgcolor=\"{colour}\" width=\"18\" height=\"12\"> </td><td align=\"left\">{}</td></tr>",
                xml(text)
            ),
            LegendRow::Text(t) => format!(
                "<tr><td colspan=\"2\" align=\"left\">{}</td></tr>",
                xml(t)
            ),
        })
        .collect();
    format!(
        "<<table border=\"0\" cellborder=\"0\" cellspacing=\"1\" cellpadding=\"2\">{}</table>>",
        rows.join("")
    )
}

/// The page attributes of a layout: the engine itself, and for the force-directed ones
/// components packed side by side (else each spreads over the whole plane) and, below the
/// large-network bound, the drawing scaled down to fit a landscape A4 page (11.7 × 8.3 in).
fn page_attributes(layout: LayoutEngine, nodes: usize, edges: usize) -> Vec<Attribute> {
    let mut attributes = vec![attr("layout", plain(layout.as_str()))];
    if layout.is_force_directed() {
        attributes.push(attr("pack", plain(8)));
        attributes.push(attr("sep", quoted("+3")));
    }
    if !is_large(nodes, edges) {
        attributes.push(attr("size", quoted(A4_LANDSCAPE)));
    }
    attributes
}

/// Width and height in inches of a landscape A4 page.
const A4_LANDSCAPE: &str = "11.7,8.3";

impl Network {
    /// The network as graphviz-rust's DOT model, laid out by its default engine
    /// ([`LayoutEngine::default_for`]).
    pub fn to_dot_graph(&self) -> Graph {
        self.to_dot_graph_with(LayoutEngine::default_for(self))
    }

    /// The network as graphviz-rust's DOT model, to be laid out by `layout`.
    pub fn to_dot_graph_with(&self, layout: LayoutEngine) -> Graph {
        let mut graph = vec![
            attr("fontname", quoted("Helvetica")),
            attr("fontsize", plain(11)),
            attr("label", Id::Html(legend(self))),
            attr("labelloc", plain("b")),
            attr("labeljust", plain("l")),
            attr("overlap", plain("false")),
            attr("outputorder", plain("edgesfirst")),
            attr("pad", quoted("0.3")),
            attr("nodesep", quoted("0.3")),
        ];
        // Edges routed around nodes read better, but the routing takes neato and sfdp minutes on
        // a few hundred nodes (measured: 279 nodes, 340 edges: 17 s; straight lines: 0.2 s).
        if self.nodes.len() <= SPLINE_NODES && self.edges.len() <= SPLINE_EDGES {
            graph.push(attr("splines", plain("true")));
        }
        graph.extend(page_attributes(layout, self.nodes.len(), self.edges.len()));
        let mut stmts: Vec<Stmt> = vec![
            Stmt::GAttribute(GraphAttributes::Graph(graph)),
            Stmt::GAttribute(GraphAttributes::Node(vec![
                attr("style", quoted("filled")),
                attr("fontname", quoted("Helvetica")),
                attr("fontsize", plain(10)),
                attr("color", quoted("#555555")),
                attr("margin", quoted("0.08,0.04")),
            ])),
            Stmt::GAttribute(GraphAttributes::Edge(vec![
                attr("fontname", quoted("Helvetica")),
                attr("fontsize", plain(9)),
                attr("color", quoted("#6f6f6f")),
                attr("fontcolor", quoted("#333333")),
            ])),
        ];
        for node in &self.nodes {
            let mut attributes = vec![
                attr("label", quoted(&node_label(node))),
                attr("shape", plain(style::shape(node.kind))),
                attr("fillcolor", quoted(node.colour())),
                attr("tooltip", quoted(&node_tooltip(node))),
            ];
            if node.roles.contains(&Role::ProgrammePartner) {
                attributes.push(attr("peripheries", plain(2)));
            }
            stmts.push(Stmt::Node(DotNode::new(
                NodeId(quoted(&node.id), None),
                attributes,
            )));
        }
        for e in &self.edges {
            let mut attributes = vec![
                attr("weight", plain(e.weight)),
                attr(
                    "penwidth",
                    quoted(&format!("{}", style::pen_width(e.weight))),
                ),
            ];
            let shown = match self.kind {
                NetworkKind::Contacts | NetworkKind::Partners => e.label.as_str(),
                NetworkKind::PracticePerson | NetworkKind::PracticeOrganisation => "",
            };
            if !shown.is_empty() {
                attributes.push(attr("label", quoted(shown)));
            }
            if self.kind == NetworkKind::PracticeOrganisation {
                attributes.push(attr("style", plain(style::role_style(&e.roles))));
            }
            let via: Vec<&str> = e.via.iter().map(|v| v.label.as_str()).collect();
            attributes.push(attr(
                "tooltip",
                quoted(&format!("{}: {}", e.kind, via.join("; "))),
            ));
            stmts.push(Stmt::Edge(DotEdge {
                ty: EdgeTy::Pair(
                    Vertex::N(NodeId(quoted(&e.source), None)),
                    Vertex::N(NodeId(quoted(&e.target), None)),
                ),
                attributes,
            }));
        }
        Graph::Graph {
            id: quoted(self.kind.as_str()),
            strict: false,
            stmts,
        }
    }

    /// DOT text, printed by graphviz-rust (same network, same bytes).
    pub fn to_dot(&self) -> String {
        self.to_dot_with(LayoutEngine::default_for(self))
    }

    /// DOT text naming `layout` as its engine.
    pub fn to_dot_with(&self, layout: LayoutEngine) -> String {
        let mut ctx = PrinterContext::default();
        let mut s = self.to_dot_graph_with(layout).print(&mut ctx);
        s.push('\n');
        s
    }
}
