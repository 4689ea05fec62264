//! A synthetic guide of 400 practices (smarty-synth): shared contacts against the generator's
//! ground truth, and the large-network defaults (sfdp, straight edges, Graphviz finishes).
// Test and bench helpers outside #[test] functions state their expectations with unwrap too.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use smarty_network::{
    ImageFormat, LayoutEngine, NetworkKind, NetworkOptions, RenderOptions, Renderer, build,
    is_large, shared_contacts,
};
use smarty_store::{GuideDocument, KnowledgeGraph};

#[test]
fn a_large_synthetic_guide() {
    let reference = smarty_reference::Reference::bundled().unwrap();
    let guide = smarty_synth::generate(400, 11, &reference);
    let kg = KnowledgeGraph::in_memory().unwrap();
    kg.ingest_guide(
        GuideDocument {
            name: "synthetic",
            text: guide.text.clone(),
            original: None,
            keep_previous: false,
            allow_partial: false,
        },
        &reference,
        &mut |_| {},
    )
    .unwrap();

    // Shared contacts: exactly the generator's, keyed by lower-cased e-mail.
    let found: BTreeMap<String, usize> = shared_contacts(&kg, 2)
        .unwrap()
        .into_iter()
        .map(|c| (c.emails.join(","), c.practices.len()))
        .collect();
    assert_eq!(found, guide.expected.shared_contacts);

    // The contacts network: one clique per shared person, so edges = Σ C(k, 2) when no two
    // persons share the same pair of practices.
    let contacts = build(&kg, &NetworkOptions::new(NetworkKind::Contacts)).unwrap();
    let pairs: u32 = guide
        .expected
        .shared_contacts
        .values()
        .map(|&k| (k * (k - 1) / 2) as u32)
        .sum();
    let weights: u32 = contacts.edges.iter().map(|e| e.weight).sum();
    assert_eq!(weights, pairs);

    let partners = build(&kg, &NetworkOptions::new(NetworkKind::Partners)).unwrap();
    assert!(
        is_large(partners.nodes.len(), partners.edges.len()),
        "{} nodes, {} edges",
        partners.nodes.len(),
        partners.edges.len()
    );
    assert_eq!(LayoutEngine::default_for(&partners), LayoutEngine::Sfdp);
    assert!(
        !partners.to_dot().contains("splines"),
        "no spline routing on large networks"
    );
    assert!(
        smarty_network::graphviz_available(),
        "Graphviz is needed for this test: `dot -V` did not run; install Graphviz (apt-get install graphviz)"
    );
    let started = std::time::Instant::now();
    let svg = partners
        .render(&RenderOptions {
            renderer: Renderer::Graphviz,
            ..RenderOptions::new(ImageFormat::Svg)
        })
        .unwrap();
    assert_eq!(svg.renderer, "graphviz sfdp");
    assert!(
        svg.notes.iter().any(|n| n.contains("sfdp")),
        "{:?}",
        svg.notes
    );
    assert!(
        started.elapsed().as_secs() < 60,
        "sfdp took {:?}",
        started.elapsed()
    );
}
