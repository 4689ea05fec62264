//! Compacted JSON-LD, written as the statements stream in (memory stays bounded on exports of
//! millions of statements): a `@context` of the predeclared prefixes the document uses, then one
//! node object per subject — `@id` and property names as prefixed names, `rdf:type` as `@type`,
//! plain strings as JSON strings — inside one `{"@id": graph, "@graph": [...]}` per named graph.
//!
//! Written by hand: the JSON-LD crates compact a whole document in memory, and oxjsonld writes
//! only the expanded form. The input must be grouped by graph, then subject, then predicate
//! (exports and answers are sorted), so each node object is written once.

use std::io::{self, Write};

use oxigraph::model::{
    GraphNameRef, NamedOrBlankNodeRef, QuadRef, TermRef, vocab::rdf, vocab::xsd,
};
use smarty_rdf::prefixes::{PrefixUse, prefixed};
use smarty_rdf::vocab::PREFIXES;

pub(super) struct CompactJsonLd<W: Write> {
    out: W,
    used: PrefixUse,
    /// Named graphs are written as graph objects (else every statement is in one graph).
    graphs: bool,
    /// Where the writer is: the graph (`None`: the default graph), subject and predicate of the
    /// last statement, each as written.
    graph: Option<Option<String>>,
    subject: Option<String>,
    predicate: Option<String>,
}

impl<W: Write> CompactJsonLd<W> {
    pub fn new(out: W, used: PrefixUse, graphs: bool) -> Self {
        CompactJsonLd {
            out,
            used,
            graphs,
            graph: None,
            subject: None,
            predicate: None,
        }
    }

    fn start(&mut self) -> io::Result<()> {
        self.out.write_all(b"{\n  \"@context\": {")?;
        for (i, (prefix, ns)) in self.used.used().iter().enumerate() {
            let comma = if i == 0 { "" } else { "," };
            write!(self.out, "{comma}\n    {}: {}", json(prefix), json(ns))?;
        }
        self.out.write_all(b"\n  },\n  \"@graph\": [")
    }

    pub fn write(&mut self, quad: QuadRef<'_>) -> io::Result<()> {
        let graph = match quad.graph_name {
            GraphNameRef::NamedNode(g) if self.graphs => Some(self.iri(g.as_str())),
            GraphNameRef::BlankNode(b) if self.graphs => Some(b.to_string()),
            _ => None,
        };
        let subject = match quad.subject {
            NamedOrBlankNodeRef::NamedNode(s) => self.iri(s.as_str()),
            NamedOrBlankNodeRef::BlankNode(b) => b.to_string(),
        };
        let predicate =
            if quad.predicate == rdf::TYPE && !matches!(quad.object, TermRef::Literal(_)) {
                "@type".to_owned()
            } else {
                self.iri(quad.predicate.as_str())
            };
        if self.graph.as_ref() != Some(&graph) {
            self.open_graph(graph)?;
            self.open_node(&subject)?;
            self.open_property(&predicate)?;
        } else if self.subject.as_deref() != Some(&subject) {
            self.close_node()?;
            self.out.write_all(b",")?;
            self.open_node(&subject)?;
            self.open_property(&predicate)?;
        } else if self.predicate.as_deref() != Some(&predicate) {
            self.out.write_all(b"]")?;
            self.open_property(&predicate)?;
        } else {
            self.out.write_all(b", ")?;
        }
        self.subject = Some(subject);
        self.predicate = Some(predicate);
        self.value(quad.object)
    }

    /// Closes the node and graph open, and opens `graph`'s list (a graph object for a named one).
    fn open_graph(&mut self, graph: Option<String>) -> io::Result<()> {
        match self.graph.as_ref().map(Option::is_some) {
            None => self.start()?,
            Some(previous_named) => {
                self.close_node()?;
                if previous_named {
                    self.out.write_all(b"\n    ]}")?;
                }
                self.out.write_all(b",")?;
            }
        }
        if let Some(g) = &graph {
            write!(self.out, "\n    {{\"@id\": {}, \"@graph\": [", json(g))?;
        }
        self.graph = Some(graph);
        Ok(())
    }

    fn indent(&self) -> &'static str {
        match &self.graph {
            Some(Some(_)) => "\n      ",
            _ => "\n    ",
        }
    }

    fn open_node(&mut self, subject: &str) -> io::Result<()> {
        let indent = self.indent();
        write!(self.out, "{indent}{{\"@id\": {}", json(subject))
    }

    fn open_property(&mut self, predicate: &str) -> io::Result<()> {
        write!(self.out, ", {}: [", json(predicate))
    }

    fn close_node(&mut self) -> io::Result<()> {
        self.out.write_all(b"]}")
    }

    fn value(&mut self, object: TermRef<'_>) -> io::Result<()> {
        let text = match object {
            TermRef::NamedNode(o) if self.predicate.as_deref() == Some("@type") => {
                json(&self.iri(o.as_str()))
            }
            TermRef::NamedNode(o) => format!("{{\"@id\": {}}}", json(&self.iri(o.as_str()))),
            TermRef::BlankNode(b) if self.predicate.as_deref() == Some("@type") => {
                json(&b.to_string())
            }
            TermRef::BlankNode(b) => format!("{{\"@id\": {}}}", json(&b.to_string())),
            TermRef::Literal(l) => match (l.language(), l.datatype()) {
                (Some(language), _) => format!(
                    "{{\"@value\": {}, \"@language\": {}}}",
                    json(l.value()),
                    json(language)
                ),
                (None, xsd::STRING) => json(l.value()),
                (None, datatype) => format!(
                    "{{\"@value\": {}, \"@type\": {}}}",
                    json(l.value()),
                    json(&self.iri(datatype.as_str()))
                ),
            },
            #[allow(unreachable_patterns)]
            _ => "null".to_owned(),
        };
        self.out.write_all(text.as_bytes())
    }

    /// An IRI as a prefixed name when its prefix is in the context, else in full.
    fn iri(&self, iri: &str) -> String {
        match prefixed(iri) {
            Some((i, local)) if self.used.has(i) => format!("{}:{local}", PREFIXES[i].0),
            _ => iri.to_owned(),
        }
    }

    pub fn finish(mut self) -> io::Result<W> {
        match self.graph.as_ref().map(Option::is_some) {
            None => {
                self.start()?;
                self.out.write_all(b"]\n}\n")?;
            }
            Some(named) => {
                self.close_node()?;
                if named {
                    self.out.write_all(b"\n    ]}")?;
                }
                self.out.write_all(b"\n  ]\n}\n")?;
            }
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

/// A JSON string.
fn json(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use oxigraph::io::{RdfFormat, RdfParser};
    use oxigraph::model::Quad;

    use super::*;

    /// Writes N-Quads (already sorted) as compacted JSON-LD and reads it back with oxigraph's
    /// parser: the same statements must come out.
    fn check(nquads: &str, graphs: bool, expect_in_text: &[&str]) {
        let quads: Vec<Quad> = RdfParser::from_format(RdfFormat::NQuads)
            .for_slice(nquads.as_bytes())
            .collect::<Result<_, _>>()
            .expect("N-Quads");
        let mut used = PrefixUse::default();
        for q in &quads {
            used.note_quad(q.as_ref());
        }
        let mut writer = CompactJsonLd::new(Vec::new(), used, graphs);
        for q in &quads {
            writer.write(q.as_ref()).expect("write");
        }
        let text = String::from_utf8(writer.finish().expect("finish")).expect("UTF-8");
        let mut back: Vec<Quad> = RdfParser::from_format(RdfFormat::JsonLd {
            profile: oxigraph::io::JsonLdProfileSet::empty(),
        })
        .for_slice(text.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
        let mut expected = quads.clone();
        if !graphs {
            for q in &mut expected {
                q.graph_name = GraphNameRef::DefaultGraph.into();
            }
        }
        back.sort_by_key(|q| q.to_string());
        expected.sort_by_key(|q| q.to_string());
        assert_eq!(back, expected, "{text}");
        for needle in expect_in_text {
            assert!(text.contains(needle), "{needle} in\n{text}");
        }
    }

    #[test]
    fn statements_come_back_from_the_compacted_form() {
        let p = "<https://w3id.org/smarty-kg/id/practice/a>";
        check(
            &format!(
                "{p} <http://schema.org/name> \"A\\nline\"@en .\n\
                 {p} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Project> .\n\
                 _:b <http://schema.org/amount> \"1.50\"^^<http://www.w3.org/2001/XMLSchema#decimal> _:g .\n\
                 {p} <http://schema.org/url> <https://example.org/x> <https://w3id.org/smarty-kg/graph/g> .\n\
                 {p} <http://schema.org/startDate> \"2020\"^^<http://www.w3.org/2001/XMLSchema#gYear> <https://w3id.org/smarty-kg/graph/g> .\n"
            ),
            true,
            &[
                "\"practice:a\"",
                "\"@type\": [\"schema:Project\"]",
                "\"xsd:gYear\"",
            ],
        );
    }

    #[test]
    fn an_empty_document_is_valid_and_graphs_merge_when_not_kept() {
        check("", true, &["\"@graph\": []"]);
        check(
            "<http://schema.org/a> <http://schema.org/b> \"c\" <http://example.org/g> .\n",
            false,
            &["\"schema:b\": [\"c\"]"],
        );
    }
}
