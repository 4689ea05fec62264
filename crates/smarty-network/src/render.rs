//! Pictures of a network: Graphviz when it is installed (through graphviz-rust's `exec`), else a
//! pure-Rust SVG laid out by `layout-rs` (`builtin.rs`), so a newcomer always gets a picture.
//! The one place the layout engine is chosen: [`LayoutEngine::default_for`].

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use graphviz_rust::cmd::{CommandArg, Format, Layout as GvLayout};
use graphviz_rust::dot_structures::Graph;
use graphviz_rust::printer::PrinterContext;

use crate::NetworkError;
use crate::builtin::{builtin_svg, guarded};
use crate::model::{Network, NetworkKind};

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
    /// Vector, one page (Graphviz's cairo renderer).
    Pdf,
}

impl ImageFormat {
    fn graphviz(self) -> Format {
        match self {
            ImageFormat::Svg => Format::Svg,
            ImageFormat::Png => Format::Png,
            ImageFormat::Pdf => Format::Pdf,
        }
    }

    fn name(self) -> &'static str {
        match self {
            ImageFormat::Svg => "SVG",
            ImageFormat::Png => "PNG",
            ImageFormat::Pdf => "PDF",
        }
    }
}

/// PNG resolution: 150 dpi keeps a landscape A4 drawing's labels sharp (about 1750 px wide).
const PNG_DPI: u32 = 150;

/// A Graphviz layout engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutEngine {
    /// Layered; the default for chains (paths) and the contacts network, stalls beyond a few
    /// hundred nodes.
    Dot,
    /// Spring model (stress majorisation); the default for the partners network.
    Neato,
    /// Force-directed.
    Fdp,
    /// Multiscale force-directed; the default for two-kind networks and for large ones.
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

    /// The engine a network is drawn with unless the user names one. The networks are
    /// undirected, so the layered `dot` draws them as long strips (the partners network of the
    /// bundled guide 4033 × 990 px, practice–organisation 11112 × 447) whose labels are
    /// unreadable at page width. `neato` places the partners by their distances; the two-kind
    /// networks are stars around hubs, which `sfdp` spreads evenly. The contacts network labels
    /// every edge with a name, and only `dot` keeps room for edge labels (the force layouts
    /// draw them over the nodes); its components are small, so its strip stays short. `sfdp`
    /// for every kind above [`LARGE_NETWORK_NODES`] nodes or [`LARGE_NETWORK_EDGES`] edges,
    /// where the others take minutes.
    pub fn default_for(network: &Network) -> LayoutEngine {
        LayoutEngine::for_network(network.kind, network.nodes.len(), network.edges.len())
    }

    /// See [`LayoutEngine::default_for`].
    pub fn for_network(kind: NetworkKind, nodes: usize, edges: usize) -> LayoutEngine {
        match kind {
            _ if is_large(nodes, edges) => LayoutEngine::Sfdp,
            NetworkKind::Contacts => LayoutEngine::Dot,
            NetworkKind::Partners => LayoutEngine::Neato,
            NetworkKind::PracticePerson | NetworkKind::PracticeOrganisation => LayoutEngine::Sfdp,
        }
    }

    /// Whether the engine places nodes by forces (components then need packing).
    pub fn is_force_directed(self) -> bool {
        matches!(
            self,
            LayoutEngine::Neato | LayoutEngine::Fdp | LayoutEngine::Sfdp
        )
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

/// Who drew a picture when Graphviz did not.
const BUILTIN: &str = "built-in layout (layout-rs)";

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
    /// Draws the network as SVG, PNG or PDF.
    pub fn render(&self, options: &RenderOptions) -> Result<Rendered, NetworkError> {
        let layout = options
            .layout
            .unwrap_or_else(|| LayoutEngine::default_for(self));
        let (nodes, edges) = (self.nodes.len(), self.edges.len());
        let mut rendered = render_graph(
            self.to_dot_graph_with(layout),
            (nodes, edges),
            layout,
            || self.render_builtin(),
            options,
        )?;
        if options.layout.is_none() && is_large(nodes, edges) && rendered.renderer != BUILTIN {
            rendered.notes.push(format!(
                "{nodes} nodes, {edges} edges: laid out with sfdp, as the other layouts take minutes at this size (choose with --layout)"
            ));
        }
        Ok(rendered)
    }

    /// The built-in drawing: `layout-rs` places nodes in layers (its only algorithm), one font
    /// size throughout (its SVG writer keeps font styles in a hash map: one entry keeps the
    /// output byte-identical), the legend below the drawing.
    pub fn render_builtin(&self) -> Result<String, NetworkError> {
        let network = self.clone();
        guarded(move || builtin_svg(&network))
    }
}

/// Draws a DOT graph with Graphviz, or with `builtin` where Graphviz is not used. `default`
/// is the layout when the options name none.
pub(crate) fn render_graph(
    dot: Graph,
    (nodes, edges): (usize, usize),
    default: LayoutEngine,
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
        if options.format != ImageFormat::Svg {
            let format = options.format.name();
            return Err(if options.renderer == Renderer::Builtin {
                NetworkError::BuiltinSvgOnly(format)
            } else {
                NetworkError::GraphvizMissing(format!(
                    "{format} is drawn by Graphviz, which is not installed"
                ))
            });
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
            renderer: BUILTIN.into(),
            notes,
        });
    }
    let layout = options.layout.unwrap_or(default);
    if layout == LayoutEngine::Dot && is_large(nodes, edges) {
        notes.push(format!(
            "{nodes} nodes, {edges} edges with the dot layout may take minutes; sfdp is much faster"
        ));
    }
    let mut args = vec![
        CommandArg::Layout(layout.graphviz()),
        CommandArg::Format(options.format.graphviz()),
    ];
    if options.format == ImageFormat::Png {
        args.push(CommandArg::Custom(format!("-Gdpi={PNG_DPI}")));
    }
    let mut ctx = PrinterContext::default();
    let bytes = graphviz_rust::exec(dot, &mut ctx, args)
        .map_err(|e| NetworkError::Graphviz(e.to_string()))?;
    Ok(Rendered {
        bytes,
        renderer: format!("graphviz {layout}"),
        notes,
    })
}
