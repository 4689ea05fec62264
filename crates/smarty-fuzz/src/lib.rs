//! The bodies of the coverage-guided fuzz targets, in one place.
//!
//! Each target takes arbitrary bytes and checks what must hold for any input: it does not panic,
//! and where it is cheap to say, what it answers is right (the extractor is deterministic, an
//! amount is never negative, a bound parameter comes back as the term it was read as, a failed
//! load leaves the store as it was, the server answers a bad request with a 4xx and never a 500).
//! A broken invariant is a panic with a message saying which.
//!
//! The libFuzzer targets in `fuzz/fuzz_targets/` call these functions and nothing else;
//! `tests/corpora.rs` runs every committed corpus and regression input through them once, on the
//! stable toolchain, as part of `cargo test`.

mod extract;
mod load;
mod param;
mod readers;
mod repl;
mod serve;

pub use extract::extract;
pub use load::load_rdf;
pub use param::param;
pub use readers::readers;
pub use repl::repl_line;
pub use serve::serve;

/// A fuzz target: its name (the directory of its corpus and regressions) and its body.
pub type Target = (&'static str, fn(&[u8]));

/// Every target. `extract_guide` runs the extractor's body on mutations of the bundled guide
/// (its corpus starts from the whole guide).
pub const TARGETS: &[Target] = &[
    ("extract", extract),
    ("extract_guide", extract),
    ("readers", readers),
    ("repl_line", repl_line),
    ("param", param),
    ("load_rdf", load_rdf),
    ("serve", serve),
];

/// The input as text: invalid UTF-8 is replaced, so no input is wasted on a text reader.
fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}
