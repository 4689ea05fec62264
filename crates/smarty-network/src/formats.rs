//! Network writers for other tools: GraphML (networkx, Gephi, yEd), GEXF 1.2 (Gephi), JSON and
//! CSV. Every writer lists nodes and edges in the network's sorted order, with the metrics as
//! node attributes, so the same store gives the same bytes.

use std::fmt::Write;

use serde_json::json;

use crate::metrics::{Metrics, metrics};
use crate::model::{Network, Node};

/// Appends one CSV record (RFC 4180 quoting) and a newline.
pub(crate) fn csv_row(out: &mut String, fields: &[&str]) {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                (*f).to_owned()
            }
        })
        .collect();
    out.push_str(&quoted.join(","));
    out.push('\n');
}

/// Text for XML content and attribute values; characters XML 1.0 forbids are dropped.
pub(crate) fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

fn join<T>(items: &[T], f: impl Fn(&T) -> String) -> String {
    items.iter().map(f).collect::<Vec<_>>().join("; ")
}

/// The string attributes every writer gives a node, in order: (key, value).
fn node_strings(node: &Node) -> [(&'static str, String); 7] {
    [
        ("label", node.label.clone()),
        ("kind", node.kind.as_str().to_owned()),
        ("theme", node.theme_label()),
        ("colour", node.colour().to_owned()),
        (
            "country",
            join(&node.countries, |c| {
                c.code.clone().unwrap_or_else(|| c.label.clone())
            }),
        ),
        (
            "region",
            join(&node.regions, |c| {
                c.code.clone().unwrap_or_else(|| c.label.clone())
            }),
        ),
        ("roles", join(&node.roles, |r| r.as_str().to_owned())),
    ]
}

/// `f64` as text that reads back to the same value (Rust prints the shortest such form).
fn float(x: f64) -> String {
    if x == 0.0 {
        "0".to_owned()
    } else {
        format!("{x}")
    }
}

impl Network {
    /// GraphML, undirected; node attributes label, kind, theme, colour, country, region, roles,
    /// degree, weighted_degree, betweenness, component, articulation; edge attributes weight,
    /// kind, label, via.
    pub fn to_graphml(&self) -> String {
        self.graphml_with(&metrics(self))
    }

    pub(crate) fn graphml_with(&self, m: &Metrics) -> String {
        let mut out = String::new();
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
        let keys: [(&str, &str, &str); 15] = [
            ("node", "label", "string"),
            ("node", "kind", "string"),
            ("node", "theme", "string"),
            ("node", "colour", "string"),
            ("node", "country", "string"),
            ("node", "region", "string"),
            ("node", "roles", "string"),
            ("node", "degree", "int"),
            ("node", "weighted_degree", "long"),
            ("node", "betweenness", "double"),
            ("node", "component", "int"),
            ("node", "articulation", "boolean"),
            ("edge", "weight", "int"),
            ("edge", "kind", "string"),
            ("edge", "label", "string"),
        ];
        for (domain, name, ty) in keys {
            let _ = writeln!(
                out,
                "  <key id=\"{domain}_{name}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
            );
        }
        out.push_str(
            "  <key id=\"edge_via\" for=\"edge\" attr.name=\"via\" attr.type=\"string\"/>\n",
        );
        let _ = writeln!(
            out,
            "  <graph id=\"{}\" edgedefault=\"undirected\">",
            xml(self.kind.as_str())
        );
        let _ = writeln!(out, "    <desc>{}</desc>", xml(&self.title()));
        for (i, node) in self.nodes.iter().enumerate() {
            let _ = writeln!(out, "    <node id=\"{}\">", xml(&node.id));
            for (key, value) in node_strings(node) {
                let _ = writeln!(out, "      <data key=\"node_{key}\">{}</data>", xml(&value));
            }
            let numbers = [
                ("degree", m.degree[i].to_string()),
                ("weighted_degree", m.weighted_degree[i].to_string()),
                ("betweenness", float(m.betweenness[i])),
                ("component", m.component_of[i].to_string()),
                (
                    "articulation",
                    m.articulation_points.binary_search(&i).is_ok().to_string(),
                ),
            ];
            for (key, value) in numbers {
                let _ = writeln!(out, "      <data key=\"node_{key}\">{value}</data>");
            }
            out.push_str("    </node>\n");
        }
        for (i, e) in self.edges.iter().enumerate() {
            let _ = writeln!(
                out,
                "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
                xml(&e.source),
                xml(&e.target)
            );
            let _ = writeln!(out, "      <data key=\"edge_weight\">{}</data>", e.weight);
            let _ = writeln!(out, "      <data key=\"edge_kind\">{}</data>", xml(&e.kind));
            let _ = writeln!(
                out,
                "      <data key=\"edge_label\">{}</data>",
                xml(&e.label)
            );
            let via = join(&e.via, |v| v.label.clone());
            let _ = writeln!(out, "      <data key=\"edge_via\">{}</data>", xml(&via));
            out.push_str("    </edge>\n");
        }
        out.push_str("  </graph>\n</graphml>\n");
        out
    }

    /// GEXF 1.2 (Gephi; the version networkx reads), undirected and static, with the node
    /// colours in `viz:color`.
    pub fn to_gexf(&self) -> String {
        self.gexf_with(&metrics(self))
    }

    pub(crate) fn gexf_with(&self, m: &Metrics) -> String {
        let mut out = String::new();
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str("<gexf xmlns=\"http://www.gexf.net/1.2draft\" xmlns:viz=\"http://www.gexf.net/1.2draft/viz\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd\" version=\"1.2\">\n");
        let _ = writeln!(
            out,
            "  <meta>\n    <creator>smarty-kg</creator>\n    <description>{}</description>\n  </meta>",
            xml(&self.title())
        );
        out.push_str("  <graph defaultedgetype=\"undirected\" mode=\"static\">\n");
        let attributes: [(&str, &str); 11] = [
            ("kind", "string"),
            ("theme", "string"),
            ("colour", "string"),
            ("country", "string"),
            ("region", "string"),
            ("roles", "string"),
            ("degree", "integer"),
            ("weighted_degree", "long"),
            ("betweenness", "double"),
            ("component", "integer"),
            ("articulation", "boolean"),
        ];
        out.push_str("    <attributes class=\"node\">\n");
        for (i, (name, ty)) in attributes.iter().enumerate() {
            let _ = writeln!(
                out,
                "      <attribute id=\"{i}\" title=\"{name}\" type=\"{ty}\"/>"
            );
        }
        out.push_str("    </attributes>\n    <attributes class=\"edge\">\n");
        out.push_str("      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n");
        out.push_str("      <attribute id=\"via\" title=\"via\" type=\"string\"/>\n");
        out.push_str("    </attributes>\n    <nodes>\n");
        for (i, node) in self.nodes.iter().enumerate() {
            let strings = node_strings(node);
            let _ = writeln!(
                out,
                "      <node id=\"{}\" label=\"{}\">",
                xml(&node.id),
                xml(&node.label)
            );
            out.push_str("        <attvalues>\n");
            let values = [
                strings[1].1.clone(),
                strings[2].1.clone(),
                strings[3].1.clone(),
                strings[4].1.clone(),
                strings[5].1.clone(),
                strings[6].1.clone(),
                m.degree[i].to_string(),
                m.weighted_degree[i].to_string(),
                float(m.betweenness[i]),
                m.component_of[i].to_string(),
                m.articulation_points.binary_search(&i).is_ok().to_string(),
            ];
            for (a, value) in values.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "          <attvalue for=\"{a}\" value=\"{}\"/>",
                    xml(value)
                );
            }
            out.push_str("        </attvalues>\n");
            let (r, g, b) = rgb(node.colour());
            let _ = writeln!(out, "        <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/>");
            out.push_str("      </node>\n");
        }
        out.push_str("    </nodes>\n    <edges>\n");
        for (i, e) in self.edges.iter().enumerate() {
            let _ = writeln!(
                out,
                "      <edge id=\"{i}\" source=\"{}\" target=\"{}\" weight=\"{}\" label=\"{}\">",
                xml(&e.source),
                xml(&e.target),
                e.weight,
                xml(&e.label)
            );
            let _ = writeln!(
                out,
                "        <attvalues>\n          <attvalue for=\"kind\" value=\"{}\"/>\n          <attvalue for=\"via\" value=\"{}\"/>\n        </attvalues>",
                xml(&e.kind),
                xml(&join(&e.via, |v| v.label.clone()))
            );
            out.push_str("      </edge>\n");
        }
        out.push_str("    </edges>\n  </graph>\n</gexf>\n");
        out
    }

    /// JSON: the network (nodes with their metrics, edges with what links them) and a metrics
    /// summary.
    pub fn to_json(&self) -> String {
        self.json_with(&metrics(self))
    }

    pub(crate) fn json_with(&self, m: &Metrics) -> String {
        let mut s = serde_json::to_string_pretty(&self.json_value(m)).unwrap_or_default();
        s.push('\n');
        s
    }

    pub(crate) fn json_value(&self, m: &Metrics) -> serde_json::Value {
        let nodes: Vec<serde_json::Value> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let mut v = serde_json::to_value(n).unwrap_or_default();
                if let Some(o) = v.as_object_mut() {
                    o.insert("colour".into(), json!(n.colour()));
                    o.insert("degree".into(), json!(m.degree[i]));
                    o.insert("weighted_degree".into(), json!(m.weighted_degree[i]));
                    o.insert("betweenness".into(), json!(m.betweenness[i]));
                    o.insert("component".into(), json!(m.component_of[i]));
                    o.insert(
                        "articulation_point".into(),
                        json!(m.articulation_points.binary_search(&i).is_ok()),
                    );
                }
                v
            })
            .collect();
        let id = |i: usize| self.nodes[i].id.clone();
        json!({
            "kind": self.kind,
            "title": self.title(),
            "options": self.options,
            "practices_selected": self.practices_selected,
            "themes": self.themes,
            "nodes": nodes,
            "edges": self.edges,
            "metrics": {
                "nodes": self.nodes.len(),
                "edges": self.edges.len(),
                "betweenness": m.betweenness_method,
                "components": m.components.iter().map(|c| c.iter().map(|&i| id(i)).collect::<Vec<_>>()).collect::<Vec<_>>(),
                "articulation_points": m.articulation_points.iter().map(|&i| id(i)).collect::<Vec<_>>(),
                "bridges": m.bridges.iter().map(|&(a, b)| [id(a), id(b)]).collect::<Vec<_>>(),
            }
        })
    }

    /// CSV edge list: source, source label, target, target label, weight, kind, label, via.
    /// An isolated node (kept with `include_isolated`) is a row with an empty target.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        csv_row(
            &mut out,
            &[
                "source",
                "source_label",
                "target",
                "target_label",
                "weight",
                "kind",
                "label",
                "via",
            ],
        );
        let label = |id: &str| self.node(id).map(|n| n.label.clone()).unwrap_or_default();
        let mut linked = vec![false; self.nodes.len()];
        for e in &self.edges {
            for id in [&e.source, &e.target] {
                if let Some(i) = self.node_index(id) {
                    linked[i] = true;
                }
            }
            csv_row(
                &mut out,
                &[
                    &e.source,
                    &label(&e.source),
                    &e.target,
                    &label(&e.target),
                    &e.weight.to_string(),
                    &e.kind,
                    &e.label,
                    &join(&e.via, |v| v.label.clone()),
                ],
            );
        }
        for (node, _) in self.nodes.iter().zip(linked).filter(|(_, l)| !l) {
            csv_row(&mut out, &[&node.id, &node.label, "", "", "", "", "", ""]);
        }
        out
    }
}

/// `#rrggbb` → (r, g, b); grey for anything else.
pub(crate) fn rgb(colour: &str) -> (u8, u8, u8) {
    let hex = colour.trim_start_matches('#');
    let part = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .unwrap_or(0xe0)
    };
    (part(0), part(2), part(4))
}
