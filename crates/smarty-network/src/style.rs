//! How networks look: a colour per theme (stable: themes are numbered by notation), a shape per
//! kind of node, a line style per role.

use crate::model::{Node, NodeKind, Role};

/// Light fills that keep black text readable; distinguishable with the common colour-vision
/// deficiencies (Okabe–Ito hues, lightened).
const PALETTE: [&str; 8] = [
    "#9ecae9", // blue
    "#fdbf6f", // orange
    "#a6dba0", // green
    "#f4a6c6", // pink
    "#d9c5f0", // lilac
    "#f6e48b", // yellow
    "#8fd9d4", // teal
    "#e8b49a", // vermilion, lightened
];

/// Nodes with no theme or several.
pub const NO_THEME_COLOUR: &str = "#e0e0e0";

/// The colour of the `index`-th theme (in notation order).
pub fn theme_colour(index: usize) -> &'static str {
    PALETTE[index % PALETTE.len()]
}

impl Node {
    /// The colour of the node's theme, or grey for none or several. Defined here, with the
    /// palette, so that the model does not depend on how it is drawn.
    pub fn colour(&self) -> &str {
        match self.themes.as_slice() {
            [one] => &one.colour,
            _ => NO_THEME_COLOUR,
        }
    }
}

/// Graphviz shape of a kind of node.
pub fn shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Practice => "box",
        NodeKind::Person => "ellipse",
        NodeKind::Organisation => "hexagon",
    }
}

/// Graphviz line style of an edge standing for roles (bipartite networks).
pub fn role_style(roles: &[Role]) -> &'static str {
    if roles.contains(&Role::MainInstitution) || roles.contains(&Role::ContactPerson) {
        "solid"
    } else if roles.contains(&Role::ContactOrganisation) {
        "dashed"
    } else {
        "dotted"
    }
}

/// Line width for a weight: 1 for 1, growing slowly, at most 6.
pub fn pen_width(weight: u32) -> f64 {
    (1.0 + f64::from(weight.saturating_sub(1)) * 0.75).min(6.0)
}

/// Characters per line of a node label, and lines at most.
pub const LABEL_WIDTH: usize = 24;
pub const LABEL_LINES: usize = 3;
