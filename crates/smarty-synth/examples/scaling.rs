//! Times generation, extraction and resolution at a few sizes: `cargo run --release -p smarty-synth --example scaling`.
// An example is a small program of its own: it prints and exits.
#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::exit
)]
use std::time::Instant;

fn main() {
    let reference = match smarty_reference::Reference::bundled() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![250, 500, 1000, 2000]
    } else {
        sizes
    };
    for n in sizes {
        let t = Instant::now();
        let guide = smarty_synth::generate(n, 1, &reference);
        let generate = t.elapsed();
        let t = Instant::now();
        let x = smarty_extract::extract(&guide.text);
        let extract = t.elapsed();
        let t = Instant::now();
        let r = smarty_reference::resolve(&x, &reference);
        let resolve = t.elapsed();
        println!(
            "{n:>7} practices {:>9} bytes  generate {generate:>10.2?}  extract {extract:>10.2?}  resolve {resolve:>10.2?}  ({} practices, {} persons)",
            guide.text.len(),
            x.practices.len(),
            r.persons.len()
        );
    }
}
