//! The command line, defined once: help, the man page and shell completions are generated from it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "smarty-kg",
    version,
    about = "Turn good-practice guides into a knowledge graph; query, draw and export it",
    long_about = "Turn good-practice guides into a knowledge graph; query, draw and export it.\n\n\
        Without a command, opens the interactive SPARQL shell on the default store."
)]
pub struct Cli {
    #[command(flatten)]
    pub store: StoreArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Where the knowledge graph lives. Accepted before or after the command.
#[derive(Debug, Clone, Args)]
pub struct StoreArgs {
    /// Store directory (created if missing) [default: .smarty-kg/store, or $SMARTY_KG_STORE]
    #[arg(long, global = true, value_name = "DIR", env = "SMARTY_KG_STORE")]
    pub store: Option<PathBuf>,

    /// Use a temporary in-memory store instead of the on-disk one
    #[arg(long, global = true, conflicts_with = "store")]
    pub memory: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract the practices of a guide and print them (no store involved)
    Extract(ExtractArgs),
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The guide, as plain text (UTF-8, or UTF-16 with a byte-order mark)
    pub file: PathBuf,

    /// Output format: all records as JSON, or a summary table
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    pub format: ExtractFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Json,
    Table,
}
