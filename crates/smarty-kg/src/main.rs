//! `smarty-kg`: turns good-practice guides into a knowledge graph and lets analysts query it.
//!
//! `main` only parses arguments, runs the command and maps its outcome to an exit code (see
//! [`exit`]); everything else lives in the library crates.

mod cli;
mod commands;
mod exit;
mod input;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match commands::run(args) {
        Ok(status) => status.into(),
        Err(err) => {
            eprintln!("smarty-kg: {}", exit::describe(&err));
            exit::code_for(&err).into()
        }
    }
}
