//! One module per command.

mod extract;

use crate::cli::{Cli, Command};
use crate::exit::Status;

pub fn run(cli: Cli) -> anyhow::Result<Status> {
    match cli.command {
        Some(Command::Extract(args)) => extract::run(&args),
        None => anyhow::bail!("the interactive shell is not available yet; run 'smarty-kg --help'"),
    }
}
