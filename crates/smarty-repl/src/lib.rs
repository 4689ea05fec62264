//! The interactive SPARQL shell, and the rendering of results it shares with the CLI.
//!
//! [`session::Session`] runs statements and dot-commands without a terminal; the interactive loop
//! ([`interactive`]), the script runner ([`script`]) and the tests all drive it. [`helper`] is the
//! one rustyline helper (completion, hints, highlighting, validation).

pub mod command;
pub mod complete;
mod dot;
mod error;
mod files;
pub mod format;
pub mod helper;
pub mod highlight;
pub mod interactive;
pub mod interrupt;
pub mod names;
mod networks;
pub mod params;
pub mod render;
pub mod script;
pub mod session;
mod sources;
pub mod statement;

pub use error::ReplError;
pub use files::{keep_user_umask, write_atomically};
pub use format::OutputFormat;
pub use networks::Source;
pub use session::{Flow, Session, Settings};

/// The demo tour (`smarty-kg demo`): a script of statements and dot-commands.
pub const DEMO_SCRIPT: &str = include_str!("demo.smarty");
