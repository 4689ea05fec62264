//! Inner loops that need a store, on a synthetic guide of 1,000 practices in memory: ingest, the
//! shared-contacts report, the contacts network with its metrics, and export. `cargo bench -p
//! smarty-network`. The same work against pyoxigraph, rdflib and networkx is in scripts/bench.
// Test and bench helpers outside #[test] functions state their expectations with unwrap too.
#![allow(clippy::unwrap_used)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use smarty_network::{NetworkKind, NetworkOptions, build, metrics, shared_contacts};
use smarty_reference::Reference;
use smarty_store::{ExportOptions, GraphFormat, KnowledgeGraph};

const PRACTICES: usize = 1_000;

fn ingest(kg: &KnowledgeGraph, text: &str, reference: &Reference) -> usize {
    kg.ingest_text("bench", text, reference)
        .expect("ingest the synthetic guide")
        .quads
}

fn store(c: &mut Criterion) {
    let reference = Reference::bundled().expect("bundled reference data");
    let guide = smarty_synth::generate(PRACTICES, 1, &reference);
    let kg = KnowledgeGraph::in_memory().expect("in-memory store");
    let quads = ingest(&kg, &guide.text, &reference);

    let mut group = c.benchmark_group("store");
    group.sample_size(10);
    group.throughput(Throughput::Elements(quads as u64));
    group.bench_function("ingest in memory (statements)", |b| {
        b.iter(|| {
            let fresh = KnowledgeGraph::in_memory().expect("in-memory store");
            ingest(&fresh, &guide.text, &reference)
        })
    });
    for format in [GraphFormat::NTriples, GraphFormat::Turtle] {
        let options = ExportOptions {
            format,
            graph: None,
            public: false,
            expanded: false,
        };
        group.bench_function(format!("export {format:?} (statements)"), |b| {
            b.iter(|| kg.export(&options, std::io::sink()).expect("export"))
        });
    }
    group.throughput(Throughput::Elements(1));
    group.bench_function("shared contacts", |b| {
        b.iter(|| shared_contacts(&kg, 2).expect("shared contacts"))
    });
    let network = build(&kg, &NetworkOptions::new(NetworkKind::Contacts)).expect("network");
    group.bench_function("contacts network projection", |b| {
        b.iter(|| build(&kg, &NetworkOptions::new(NetworkKind::Contacts)).expect("network"))
    });
    group.bench_function("contacts network metrics", |b| b.iter(|| metrics(&network)));
    group.finish();
}

criterion_group!(benches, store);
criterion_main!(benches);
