//! One module per command.

mod contacts;
mod diff;
mod docs;
mod export;
mod extract;
mod graph;
mod ingest;
mod path;
mod push;
mod query;
mod reader;
mod serve;
mod shell;
mod stats;
mod store;
mod synth;
mod validate;

use std::io::Write;
use std::path::Path;

use crate::cli::{Cli, Command};
use crate::exit::Status;

pub use query::PositionedSyntaxError;
pub use shell::ScriptFailure;
pub use store::{ForeignDir, NoStore};

/// The width to lay tables out at when standard output is not a terminal: piped output has no
/// terminal to measure, so honour `$COLUMNS` as shells and pagers do. `None` on a terminal (the
/// table measures it).
pub fn piped_width() -> Option<u16> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        return None;
    }
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
}

/// Runs the command; with `--timings`, every command also reports `timing total` (the whole
/// command, store opening included) beside the phases it times itself.
pub fn run(cli: Cli) -> anyhow::Result<Status> {
    let started = std::time::Instant::now();
    let outcome = dispatch(cli);
    crate::timings::record("total", started.elapsed());
    outcome
}

fn dispatch(cli: Cli) -> anyhow::Result<Status> {
    if cli.format.is_some() && cli.command.is_some() {
        return Err(UsageError(
            "--format before the command sets the shell's format; give it after the command".into(),
        )
        .into());
    }
    match &cli.command {
        Some(Command::Extract(args)) => extract::run(args),
        Some(Command::Diff(args)) => diff::run(&cli.store, args),
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
        Some(Command::Completions(args)) => docs::completions(args),
        Some(Command::Man(args)) => docs::man(args),
        Some(Command::Serve(args)) => serve::run(&cli.store, args),
        Some(Command::Push(args)) => push::run(&cli.store, args),
        None => shell::run(&cli.store, cli.format),
    }
}

/// A command-line mistake found after parsing (clap's own are reported by clap, exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// The output format: `flag`, else the one `by_extension` reads from the `-o` file's name, else
/// `default`; a file name naming no format is a usage error listing `names`.
pub fn chosen_format<F>(
    flag: Option<F>,
    output: Option<&Path>,
    default: F,
    by_extension: impl Fn(&Path) -> Option<F>,
    names: &str,
) -> anyhow::Result<F> {
    match (flag, output) {
        (Some(f), _) => Ok(f),
        (None, None) => Ok(default),
        (None, Some(path)) => by_extension(path).ok_or_else(|| {
            UsageError(format!(
                "cannot tell the format from '{}'; give --format ({names})",
                path.display()
            ))
            .into()
        }),
    }
}

/// Writes bytes to the file (beside it first, then renamed into place) or to standard output.
pub fn write_output(output: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    write_output_with(output, |w| w.write_all(bytes))
}

/// [`write_output`] for output written piece by piece, through a buffer: a large answer is
/// not built in memory first.
pub fn write_output_with(
    output: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    match output {
        Some(path) => {
            smarty_repl::write_atomically(path, |w| Ok(write(w)?))?;
        }
        None => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            write(&mut out)?;
            out.flush()?;
        }
    }
    Ok(())
}
