//! Embeds the named queries of the repository's `queries/` directory, so the binary carries its
//! query library wherever it is copied, after checking every header with the library's own
//! parser: a malformed `# param:` line fails the build with its file and line.

use std::fmt::Write;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/library/header.rs"]
mod header;

fn main() {
    // Read at run time, not with `env!`: a build script binary is reused by checkouts in other
    // places that share a target directory, and must look at its own checkout's queries.
    let manifest_dir =
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest_dir).join("../../queries");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-changed=src/library/header.rs");
    // A missing or empty directory must fail the build: a binary with an empty query library
    // would only show up much later, as "no named query" at run time.
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read the query library {}: {e}", dir.display()));
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    assert!(!files.is_empty(), "no .rq files in {}", dir.display());
    files.sort();
    let mut code = String::from(
        "/// `(name, text)` of every bundled named query.\npub const BUNDLED: &[(&str, &str)] = &[\n",
    );
    let mut errors = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        if let Err(e) = header::parse_header(&text) {
            errors.push(format!("{}:{}: {}", path.display(), e.line, e.message));
        }
    }
    assert!(
        errors.is_empty(),
        "malformed query headers:\n{}",
        errors.join("\n")
    );
    for path in &files {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let abs = path.canonicalize().unwrap_or_else(|_| path.clone());
        let _ = writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            abs.display().to_string()
        );
    }
    code.push_str("];\n");
    let out =
        Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("queries.rs");
    if let Err(e) = std::fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}
