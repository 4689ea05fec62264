//! The built-in drawing, for machines without Graphviz: `layout-rs` (pure Rust) places the
//! nodes in layers, and the legend is written below the drawing.

use layout::backends::svg::SVGWriter;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::render::get_shape_size;
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;

use crate::NetworkError;
use crate::dot::{LegendRow, legend_rows, node_label};
use crate::formats::xml;
use crate::model::{Network, NetworkKind, NodeKind};
use crate::style;

/// Runs a layout-rs drawing, turning a panic into an error.
pub(crate) fn guarded(
    draw: impl FnOnce() -> String + std::panic::UnwindSafe,
) -> Result<String, NetworkError> {
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

pub(crate) fn builtin_svg(network: &Network) -> String {
    let mut vg = VisualGraph::new(Orientation::TopToBottom);
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
    if !network.nodes.is_empty() {
        vg.do_it(false, false, false, &mut svg);
    }
    with_legend(&svg.finalize(), &legend_rows(network))
}

/// Height of a legend line, in the drawing's pixels.
const LEGEND_LINE: usize = 18;

/// The drawing with the legend below it. layout-rs lays out only nodes and edges, and a legend
/// drawn as nodes lands among them; so the drawing is nested as it is (an `<svg>` inside an
/// `<svg>` keeps its own coordinates) and the legend written under it.
fn with_legend(drawing: &str, rows: &[LegendRow]) -> String {
    let body = drawing
        .find("<svg")
        .map_or(drawing, |start| &drawing[start..]);
    let (width, height) = svg_size(body).unwrap_or((0, 0));
    let legend_height = LEGEND_LINE * rows.len() + LEGEND_LINE;
    let legend_width = rows
        .iter()
        .map(|row| match row {
            LegendRow::Title(t) | LegendRow::Text(t) => t.chars().count(),
            LegendRow::Swatch(_, t) => t.chars().count() + 4,
        })
        .max()
        .unwrap_or(0)
        * 7
        + 40;
    let total_width = width.max(legend_width);
    let total_height = height + legend_height;
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<svg width=\"{total_width}\" height=\"{total_height}\" viewBox=\"0 0 {total_width} {total_height}\" xmlns=\"http://www.w3.org/2000/svg\">\n"
    );
    if width > 0 {
        out.push_str(body);
        out.push('\n');
    }
    out.push_str(
        "<g font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\" fill=\"#222222\">\n",
    );
    for (i, row) in rows.iter().enumerate() {
        let y = height + LEGEND_LINE * (i + 1);
        let line = match row {
            LegendRow::Title(t) => {
                format!(
                    "<text x=\"20\" y=\"{y}\" font-weight=\"bold\">{}</text>",
                    xml(t)
                )
            }
            LegendRow::Swatch(colour, t) => format!(
                "<rect x=\"20\" y=\"{}\" width=\"18\" height=\"12\" fill=\"{colour}\" stroke=\"#555555\"/><text x=\"44\" y=\"{y}\">{}</text>",
                y - 11,
                xml(t)
            ),
            LegendRow::Text(t) => format!("<text x=\"20\" y=\"{y}\">{}</text>", xml(t)),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str("</g>\n</svg>\n");
    out
}

/// The `width` and `height` of an `<svg …>` opening tag, in pixels.
fn svg_size(svg: &str) -> Option<(usize, usize)> {
    let tag = &svg[..svg.find('>')?];
    let number = |name: &str| -> Option<usize> {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let len = tag[start..].find('"')?;
        tag[start..start + len]
            .parse::<f64>()
            .ok()
            .map(|v| v.ceil() as usize)
    };
    Some((number("width")?, number("height")?))
}
