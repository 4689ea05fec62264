//! One module per command.

pub(crate) mod contacts;
mod export;
mod extract;
pub(crate) mod graph;
mod ingest;
pub(crate) mod path;
mod query;
mod serve;
mod shell;
mod stats;
mod store;
mod synth;
mod validate;

use crate::cli::{Cli, Command};
use crate::exit::Status;

pub use graph::UsageError;
pub use query::PositionedSyntaxError;
pub use shell::ScriptFailure;

pub fn run(cli: Cli) -> anyhow::Result<Status> {
    match &cli.command {
        Some(Command::Extract(args)) => extract::run(args),
        Some(Command::Ingest(args)) => ingest::run(&cli.store, args),
        Some(Command::Query(args)) => query::run(&cli.store, args),
        Some(Command::Update(args)) => query::update(&cli.store, args),
        Some(Command::Export(args)) => export::run(&cli.store, args),
        Some(Command::Validate(args)) => validate::run(&cli.store, args),
        Some(Command::Stats) => stats::run(&cli.store),
        Some(Command::Contacts(args)) => contacts::run(&cli.store, args),
        Some(Command::Graph(args)) => graph::run(&cli.store, args),
        Some(Command::Path(args)) => path::run(&cli.store, args),
        Some(Command::Demo) => shell::demo(&cli.store),
        Some(Command::Synth(args)) => synth::run(args),
        Some(Command::Serve(args)) => serve::run(&cli.store, args),
        None => shell::run(&cli.store),
    }
}
