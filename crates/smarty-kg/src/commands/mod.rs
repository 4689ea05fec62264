//! One module per command.

mod export;
mod extract;
mod ingest;
mod query;
mod stats;
mod store;
mod validate;

use crate::cli::{Cli, Command};
use crate::exit::Status;

pub use query::PositionedSyntaxError;

pub fn run(cli: Cli) -> anyhow::Result<Status> {
    match &cli.command {
        Some(Command::Extract(args)) => extract::run(args),
        Some(Command::Ingest(args)) => ingest::run(&cli.store, args),
        Some(Command::Query(args)) => query::run(&cli.store, args),
        Some(Command::Update(args)) => query::update(&cli.store, args),
        Some(Command::Export(args)) => export::run(&cli.store, args),
        Some(Command::Validate(args)) => validate::run(&cli.store, args),
        Some(Command::Stats) => stats::run(&cli.store),
        None => anyhow::bail!("the interactive shell is not available yet; run 'smarty-kg --help'"),
    }
}
