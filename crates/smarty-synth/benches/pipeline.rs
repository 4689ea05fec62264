//! Inner loops of the ingest pipeline on synthetic guides: extraction (bytes/s), name resolution,
//! and the mapping to quads. `cargo bench -p smarty-synth`. Whole-process figures and the
//! comparison with other tools are in scripts/bench.
// Test and bench helpers outside #[test] functions state their expectations with unwrap too.
#![allow(clippy::unwrap_used)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use smarty_reference::Reference;

fn pipeline(c: &mut Criterion) {
    let reference = Reference::bundled().expect("bundled reference data");
    let mut group = c.benchmark_group("pipeline");
    group.sample_size(10);
    for n in [100usize, 1_000] {
        let guide = smarty_synth::generate(n, 1, &reference);
        group.throughput(Throughput::Bytes(guide.text.len() as u64));
        group.bench_with_input(BenchmarkId::new("extract", n), &guide.text, |b, text| {
            b.iter(|| smarty_extract::extract(text))
        });
        let extraction = smarty_extract::extract(&guide.text);
        group.bench_with_input(BenchmarkId::new("resolve", n), &extraction, |b, x| {
            b.iter(|| smarty_reference::resolve(x, &reference))
        });
        let resolved = smarty_reference::resolve(&extraction, &reference);
        let key = smarty_rdf::PersonKey::new(b"bench".to_vec());
        // Mapping consumes what it maps: each iteration gets its own copy, made untimed.
        group.bench_with_input(BenchmarkId::new("map", n), &(), |b, ()| {
            b.iter_batched(
                || (extraction.clone(), resolved.clone()),
                |(extraction, resolved)| {
                    let input = smarty_rdf::GuideInput {
                        name: "bench",
                        source: smarty_rdf::SourceHashes::of(guide.text.as_bytes(), &guide.text),
                        extraction,
                        resolved,
                    };
                    smarty_rdf::guide_quads(input, &reference, &key)
                },
                criterion::BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

fn amounts(c: &mut Criterion) {
    let lines: Vec<(u32, &str)> = [
        "The funding for Access Innovation (£7,057,734.00) comprised of EU European Structural and Investment Funds.",
        "Resources available: 73,46 million euro: 65% (47,5 million) for the creation of the centers; 35% (25,5 million).",
        "Government/Company funding of between £11,000 and £18,000 is available to fund Digital Standards.",
    ]
    .iter()
    .enumerate()
    .map(|(i, l)| (i as u32 + 1, *l))
    .collect();
    c.bench_function("amounts/3 lines", |b| {
        b.iter(|| smarty_extract::amount::scan_amounts(lines.iter().copied(), &Default::default()))
    });
}

criterion_group!(benches, pipeline, amounts);
criterion_main!(benches);
