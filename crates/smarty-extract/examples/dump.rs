//! Prints the extraction of a guide as JSON: `cargo run -p smarty-extract --example dump FILE`.
// An example is a small program of its own: it prints and exits.
#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::exit
)]
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump FILE");
        std::process::exit(2);
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let extraction = smarty_extract::extract(&text);
            match serde_json::to_string_pretty(&extraction) {
                Ok(json) => println!("{json}"),
                Err(e) => eprintln!("{path}: {e}"),
            }
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
