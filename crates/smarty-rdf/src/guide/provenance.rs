//! The provenance graph, written last: for every graph, the source lines it was derived from
//! (RFC 5147 fragment), the extraction activity, and — for personal graphs — the categories of
//! personal data it holds; then the activity, the software agent and the source document.

use oxrdf::vocab::{rdf, rdfs};
use oxrdf::{NamedNode, NamedNodeRef, Quad, Term};

use super::GuideSummary;
use super::emitter::{CATEGORIES, Emitter, string};
use crate::iri;
use crate::vocab::*;

/// Writes the provenance of every graph the emitter wrote to, and what the document is.
pub(super) fn provenance(
    mut e: Emitter<'_>,
    guide: &NamedNode,
    version: String,
    sha256: String,
    text_sha256: Option<String>,
) -> GuideSummary {
    let prov_graph = iri::provenance_graph(e.name, &version);
    let mut summary = GuideSummary {
        version,
        sha256,
        graphs: e.graphs.len() + 1,
        ..GuideSummary::default()
    };
    summary.personal_graphs = graph_provenance(&mut e, &prov_graph);
    let text_sha256 = text_sha256.as_deref();
    document_provenance(
        &mut e,
        &prov_graph,
        guide,
        text_sha256.unwrap_or(&summary.sha256),
    );
    if text_sha256.is_some() {
        pdf_provenance(&mut e, &prov_graph, &summary.sha256);
    }
    summary.quads = e.emitted;
    summary
}

/// Where each graph comes from; returns the number of personal graphs.
fn graph_provenance(e: &mut Emitter<'_>, prov_graph: &NamedNode) -> usize {
    let graphs = std::mem::take(&mut e.graphs);
    let pq = |s: &NamedNode, p: NamedNodeRef<'_>, o: Term| {
        Quad::new(s.clone(), p, o, prov_graph.clone())
    };
    let mut personal_graphs = 0;
    // By value: the map's nodes go as they are read, while the store grows by these statements.
    for ((first, last, personal), held) in graphs {
        let g = iri::fact_graph(e.name, &e.version, first, last, personal);
        e.send(pq(
            &g,
            prov::WAS_DERIVED_FROM,
            iri::source_lines(&e.source, first, last).into(),
        ));
        e.send(pq(&g, prov::WAS_GENERATED_BY, e.activity.clone().into()));
        if personal {
            // Every personal graph is flagged, with the categories of what it holds (a graph that
            // only links a practice to a person still identifies that person).
            let identifier_only = 1; // the bit of pd:Identifier, CATEGORIES[0]
            let held = if held == 0 { identifier_only } else { held };
            for (i, c) in CATEGORIES.iter().enumerate() {
                if held & (1 << i) != 0 {
                    e.send(pq(&g, dpv::HAS_PERSONAL_DATA, c.into_owned().into()));
                }
            }
            personal_graphs += 1;
        }
    }
    personal_graphs
}

/// The extraction activity, the software that ran it and the document version it read.
fn document_provenance(
    e: &mut Emitter<'_>,
    prov_graph: &NamedNode,
    guide: &NamedNode,
    sha256: &str,
) {
    let pq = |s: &NamedNode, p: NamedNodeRef<'_>, o: Term| {
        Quad::new(s.clone(), p, o, prov_graph.clone())
    };
    let agent = iri::software_agent();
    let activity = e.activity.clone();
    let source = e.source.clone();
    for q in [
        pq(&activity, rdf::TYPE, prov::ACTIVITY.into_owned().into()),
        pq(&activity, prov::USED, source.clone().into()),
        pq(&activity, prov::WAS_ASSOCIATED_WITH, agent.clone().into()),
        pq(&agent, rdf::TYPE, prov::SOFTWARE_AGENT.into_owned().into()),
        pq(&agent, rdfs::LABEL, string("smarty-kg").into()),
        pq(&source, rdf::TYPE, foaf::DOCUMENT.into_owned().into()),
        pq(&source, rdf::TYPE, prov::ENTITY.into_owned().into()),
        pq(
            &source,
            dcterms::IDENTIFIER,
            string(&format!("sha256:{sha256}")).into(),
        ),
        pq(&source, dcterms::IS_VERSION_OF, guide.clone().into()),
        pq(guide, dcterms::HAS_VERSION, source.clone().into()),
        pq(guide, rdf::TYPE, foaf::DOCUMENT.into_owned().into()),
    ] {
        e.send(q);
    }
}

/// For a guide read from a PDF: the text whose lines the graphs cite (the document version) was
/// derived from the PDF, and each has its own checksum.
fn pdf_provenance(e: &mut Emitter<'_>, prov_graph: &NamedNode, pdf_sha256: &str) {
    let pq = |s: &NamedNode, p: NamedNodeRef<'_>, o: Term| {
        Quad::new(s.clone(), p, o, prov_graph.clone())
    };
    let text = e.source.clone();
    let pdf = iri::source(e.name, &e.version, "pdf");
    let checksum = |sha: &str| string(&format!("sha256:{sha}")).into();
    for q in [
        pq(&text, dcterms::FORMAT, string("text/plain").into()),
        pq(&text, prov::WAS_DERIVED_FROM, pdf.clone().into()),
        pq(&pdf, rdf::TYPE, foaf::DOCUMENT.into_owned().into()),
        pq(&pdf, rdf::TYPE, prov::ENTITY.into_owned().into()),
        pq(&pdf, dcterms::IDENTIFIER, checksum(pdf_sha256)),
        pq(&pdf, dcterms::FORMAT, string("application/pdf").into()),
    ] {
        e.send(q);
    }
}
