//! Prints the quads of the bundled guide (and the curated graphs) as N-Quads, with a fixed person
//! key: `cargo run -p smarty-rdf --example nquads > guide.nq`. For inspecting the mapping without
//! a store.
// An example is a small program of its own: it prints and exits.
#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::exit
)]
use std::collections::BTreeSet;

fn main() {
    let reference = match smarty_reference::Reference::bundled() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let text = smarty_reference::BUNDLED_GUIDE.text;
    let extraction = smarty_extract::extract(text);
    let resolved = smarty_reference::resolve(&extraction, &reference);
    let nuts: BTreeSet<String> = resolved
        .practices
        .iter()
        .filter_map(|p| p.location.as_ref())
        .flat_map(|l| l.nuts.iter().cloned())
        .collect();
    let countries: BTreeSet<String> = resolved
        .practices
        .iter()
        .filter_map(|p| p.location.as_ref())
        .flat_map(|l| l.countries.iter().cloned())
        .collect();
    let input = smarty_rdf::GuideInput {
        name: "smarty-good-practice-guide",
        source: smarty_rdf::SourceHashes::of(text.as_bytes(), text),
        extraction,
        resolved,
    };
    let out = smarty_rdf::guide_quads(
        input,
        &reference,
        &smarty_rdf::PersonKey::new(b"example".to_vec()),
    );
    let mut lines: Vec<String> = out
        .quads
        .iter()
        .chain(&smarty_rdf::curated::curated_quads(
            &reference, &nuts, &countries,
        ))
        .map(|q| format!("{q} ."))
        .collect();
    lines.sort();
    lines.dedup();
    for l in lines {
        println!("{l}");
    }
}
