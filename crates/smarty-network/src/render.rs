//! Pictures of a network: Graphviz when it is installed (through graphviz-rust's `exec`), else a
//! pure-Rust SVG laid out by `layout-rs`, so a newcomer always gets a picture.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use graphviz_rust::cmd::{CommandArg, Format, Layout as GvLayout};
use graphviz_rust::dot_structures::Graph;
use graphviz_rust::printer::PrinterContext;
use layout::backends::svg::SVGWriter;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::render::get_shape_size;
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;

use crate::NetworkError;
use crate::dot::node_label;
use crate::model::{Network, NetworkKind, NodeKind};
use crate::style::{self, NO_THEME_COLOUR};

/// Above this many nodes (or [`LARGE_NETWORK_EDGES`] edges) the default layout is `sfdp`: `dot`
/// takes minutes beyond a few hundred nodes with a thousand edges (measured: 372 nodes and 1,335
/// edges, 34 s; 491 nodes and 3,106 edges, more than 100 s; `sfdp` 0.2 s and 0.4 s).
pub const LARGE_NETWORK_NODES: usize = 300;
/// See [`LARGE_NETWORK_NODES`].
pub const LARGE_NETWORK_EDGES: usize = 600;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Svg,
    Png,
}

/// A Graphviz layout engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutEngine {
    /// Layered; the default for small networks, stalls beyond a few hundred nodes.
    Dot,
    /// Spring model (stress majorisation).
    Neato,
    /// Force-directed.
    Fdp,
    /// Multiscale force-directed; the default for large networks.
    Sfdp,
    /// Circular.
    Circo,
}

impl LayoutEngine {
    pub fn as_str(self) -> &'static str {
        match self {
            LayoutEngine::Dot => "dot",
            LayoutEngine::Neato => "neato",
            LayoutEngine::Fdp => "fdp",
            LayoutEngine::Sfdp => "sfdp",
            LayoutEngine::Circo => "circo",
        }
    }

    /// `dot` up to [`LARGE_NETWORK_NODES`] nodes and [`LARGE_NETWORK_EDGES`] edges (its
    /// layers keep edge labels readable), `sfdp` above.
    pub fn default_for(network: &Network) -> LayoutEngine {
        LayoutEngine::for_size(network.nodes.len(), network.edges.len())
    }

    /// The default layout for a network of this size.
    pub fn for_size(nodes: usize, edges: usize) -> LayoutEngine {
        if is_large(nodes, edges) {
            LayoutEngine::Sfdp
        } else {
            LayoutEngine::Dot
        }
    }

    fn graphviz(self) -> GvLayout {
        match self {
            LayoutEngine::Dot => GvLayout::Dot,
            LayoutEngine::Neato => GvLayout::Neato,
            LayoutEngine::Fdp => GvLayout::Fdp,
            LayoutEngine::Sfdp => GvLayout::Sfdp,
            LayoutEngine::Circo => GvLayout::Circo,
        }
    }
}

impl fmt::Display for LayoutEngine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for LayoutEngine {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "dot" => Ok(LayoutEngine::Dot),
            "neato" => Ok(LayoutEngine::Neato),
            "fdp" => Ok(LayoutEngine::Fdp),
            "sfdp" => Ok(LayoutEngine::Sfdp),
            "circo" => Ok(LayoutEngine::Circo),
            other => Err(format!(
                "unknown layout '{other}'; choose dot, neato, fdp, sfdp or circo"
            )),
        }
    }
}

/// Who draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Renderer {
    /// Graphviz if installed, else the built-in layout (SVG only).
    #[default]
    Auto,
    /// Graphviz, or an error when it is not installed.
    Graphviz,
    /// The pure-Rust `layout-rs` drawing (SVG only), even where Graphviz is installed.
    Builtin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    pub format: ImageFormat,
    /// `None`: [`LayoutEngine::default_for`] the network.
    pub layout: Option<LayoutEngine>,
    pub renderer: Renderer,
}

impl RenderOptions {
    pub fn new(format: ImageFormat) -> RenderOptions {
        RenderOptions {
            format,
            layout: None,
            renderer: Renderer::Auto,
        }
    }
}

/// A picture, who drew it and anything the user should know (a layout chosen for size, a
/// fallback).
#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// "graphviz neato", "built-in layout (layout-rs)".
    pub renderer: String,
    pub notes: Vec<String>,
}

/// Whether a network is too large for the `dot` layout (and for spline routing).
pub fn is_large(nodes: usize, edges: usize) -> bool {
    nodes > LARGE_NETWORK_NODES || edges > LARGE_NETWORK_EDGES
}

/// Whether Graphviz's `dot` runs here (checked once per process).
pub fn graphviz_available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| {
        std::process::Command::new("dot")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

impl Network {
    /// Draws the network as SVG or PNG.
    pub fn render(&self, options: &RenderOptions) -> Result<Rendered, NetworkError> {
        render_graph(
            self.to_dot_graph(),
            (self.nodes.len(), self.edges.len()),
            None,
            || self.render_builtin(),
            options,
        )
    }

    /// The built-in drawing: `layout-rs` places nodes in layers (its only algorithm), one font
    /// size throughout (its SVG writer keeps font styles in a hash map: one entry keeps the
    /// output byte-identical), the legend as a column of boxes.
    pub fn render_builtin(&self) -> Result<String, NetworkError> {
        let network = self.clone();
        guarded(move || builtin_svg(&network))
    }
}

/// Draws a DOT graph with Graphviz, or with `builtin` where Graphviz is not used. `default`
/// is the layout when the options name none (else [`LayoutEngine::default_for`] the size).
pub(crate) fn render_graph(
    dot: Graph,
    (nodes, edges): (usize, usize),
    default: Option<LayoutEngine>,
    builtin: impl FnOnce() -> Result<String, NetworkError>,
    options: &RenderOptions,
) -> Result<Rendered, NetworkError> {
    let mut notes = Vec::new();
    let use_graphviz = match options.renderer {
        Renderer::Builtin => false,
        Renderer::Graphviz => {
            if !graphviz_available() {
                return Err(NetworkError::GraphvizMissing(
                    "Graphviz ('dot') is not installed".into(),
                ));
            }
            true
        }
        Renderer::Auto => graphviz_available(),
    };
    if !use_graphviz {
        if options.format == ImageFormat::Png {
            return Err(NetworkError::GraphvizMissing(
                "PNG is drawn by Graphviz, which is not used here".into(),
            ));
        }
        if options.renderer == Renderer::Auto {
            notes.push(
                "Graphviz is not installed: drawn with the built-in layout (layout-rs); install Graphviz for better pictures"
                    .to_owned(),
            );
        }
        if options.layout.is_some() {
            notes.push("--layout is a Graphviz option; the built-in layout ignores it".into());
        }
        return Ok(Rendered {
            bytes: builtin()?.into_bytes(),
            renderer: "built-in layout (layout-rs)".into(),
            notes,
        });
    }
    let layout = match (options.layout, default) {
        (Some(l), _) => l,
        (None, Some(l)) => l,
        (None, None) => {
            let l = LayoutEngine::for_size(nodes, edges);
            if l == LayoutEngine::Sfdp {
                notes.push(format!(
                    "{nodes} nodes, {edges} edges: laid out with sfdp, as dot stalls beyond a few hundred nodes (choose with --layout)"
                ));
            }
            l
        }
    };
    if layout == LayoutEngine::Dot && is_large(nodes, edges) {
        notes.push(format!(
            "{nodes} nodes, {edges} edges with the dot layout may take minutes; sfdp is much faster"
        ));
    }
    let format = match options.format {
        ImageFormat::Svg => Format::Svg,
        ImageFormat::Png => Format::Png,
    };
    let mut ctx = PrinterContext::default();
    let bytes = graphviz_rust::exec(
        dot,
        &mut ctx,
        vec![
            CommandArg::Layout(layout.graphviz()),
            CommandArg::Format(format),
        ],
    )
    .map_err(|e| NetworkError::Graphviz(e.to_string()))?;
    Ok(Rendered {
        bytes,
        renderer: format!("graphviz {layout}"),
        notes,
    })
}

/// Runs a layout-rs drawing, turning a panic into an error.
fn guarded(draw: impl FnOnce() -> String + std::panic::UnwindSafe) -> Result<String, NetworkError> {
    std::panic::catch_unwind(draw).map_err(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "layout-rs panicked".to_owned());
        NetworkError::Layout(message)
    })
}

/// A chain of labelled boxes, left to right (the built-in drawing of a path).
pub(crate) fn builtin_chain(
    nodes: &[(String, NodeKind)],
    edges: &[(usize, usize, String)],
) -> Result<String, NetworkError> {
    let nodes = nodes.to_vec();
    let edges = edges.to_vec();
    guarded(move || {
        let mut vg = VisualGraph::new(Orientation::LeftToRight);
        let handles: Vec<_> = nodes
            .iter()
            .map(|(label, kind)| vg.add_node(element(label, look("#f4f4f4", rounding(*kind), 1))))
            .collect();
        for (a, b, label) in &edges {
            if let (Some(a), Some(b)) = (handles.get(*a), handles.get(*b)) {
                let arrow = Arrow::new(
                    LineEndKind::None,
                    LineEndKind::None,
                    LineStyleKind::Normal,
                    label,
                    &StyleAttr::new(Color::fast("#6f6f6f"), 1, None, 0, FONT),
                    &None,
                    &None,
                );
                vg.add_edge(arrow, *a, *b);
            }
        }
        let mut svg = SVGWriter::new();
        vg.do_it(false, false, false, &mut svg);
        svg.finalize()
    })
}

fn rounding(kind: NodeKind) -> usize {
    match kind {
        NodeKind::Practice => 0,
        NodeKind::Organisation => 6,
        NodeKind::Person => 14,
    }
}

const FONT: usize = 12;

fn look(fill: &str, rounded: usize, width: usize) -> StyleAttr {
    StyleAttr::new(
        Color::fast("#555555"),
        width,
        Some(Color::fast(fill)),
        rounded,
        FONT,
    )
}

fn element(label: &str, style: StyleAttr) -> Element {
    let shape = ShapeKind::new_box(label);
    let size = get_shape_size(Orientation::TopToBottom, &shape, FONT, false);
    Element::create(shape, style, Orientation::TopToBottom, size)
}

fn builtin_svg(network: &Network) -> String {
    let mut vg = VisualGraph::new(Orientation::TopToBottom);
    // The legend: the title, then one box per theme present.
    let title = vg.add_node(element(&network.title(), look("#ffffff", 0, 1)));
    let mut previous = title;
    for t in &network.themes {
        if !network
            .nodes
            .iter()
            .any(|n| n.themes.len() == 1 && n.themes[0] == *t)
        {
            continue;
        }
        let name = match &t.notation {
            Some(n) => format!("theme {n}: {}", t.label),
            None => t.label.clone(),
        };
        let swatch = vg.add_node(element(&name, look(&t.colour, 0, 1)));
        vg.add_edge(Arrow::invisible(), previous, swatch);
        previous = swatch;
    }
    if network.nodes.iter().any(|n| n.themes.len() != 1) {
        let swatch = vg.add_node(element(
            "several themes, or none",
            look(NO_THEME_COLOUR, 0, 1),
        ));
        vg.add_edge(Arrow::invisible(), previous, swatch);
    }
    let handles: Vec<_> = network
        .nodes
        .iter()
        .map(|n| {
            let rounded = rounding(n.kind);
            let width = if n.roles.contains(&crate::model::Role::ProgrammePartner) {
                3
            } else {
                1
            };
            vg.add_node(element(&node_label(n), look(n.colour(), rounded, width)))
        })
        .collect();
    for e in &network.edges {
        let (Some(a), Some(b)) = (network.node_index(&e.source), network.node_index(&e.target))
        else {
            continue;
        };
        let line = match (network.kind, style::role_style(&e.roles)) {
            (NetworkKind::PracticeOrganisation, "dashed") => LineStyleKind::Dashed,
            (NetworkKind::PracticeOrganisation, "dotted") => LineStyleKind::Dotted,
            _ => LineStyleKind::Normal,
        };
        let text = match network.kind {
            NetworkKind::Contacts | NetworkKind::Partners => e.label.as_str(),
            _ => "",
        };
        let width = style::pen_width(e.weight).round() as usize;
        let arrow = Arrow::new(
            LineEndKind::None,
            LineEndKind::None,
            line,
            text,
            &StyleAttr::new(Color::fast("#6f6f6f"), width, None, 0, FONT),
            &None,
            &None,
        );
        vg.add_edge(arrow, handles[a], handles[b]);
    }
    let mut svg = SVGWriter::new();
    vg.do_it(false, false, false, &mut svg);
    svg.finalize()
}
