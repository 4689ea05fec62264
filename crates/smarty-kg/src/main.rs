//! `smarty-kg`: turns good-practice guides into a knowledge graph and lets analysts query it.
//!
//! `main` only parses arguments, runs the command and maps its outcome to an exit code (see
//! [`exit`]); everything else lives in the library crates.

// The binary is the one place that prints: the library crates write to the writers they are
// given (see the workspace lints).
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod allocator;
mod cli;
mod commands;
mod exit;
mod input;
mod timings;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    end(run())
}

fn run() -> u8 {
    restore_sigpipe();
    let args = cli::Cli::parse();
    if matches!(args.command, Some(cli::Command::Ingest(_))) {
        allocator::for_bulk_writes();
    }
    // The server shuts down gracefully on Ctrl-C and SIGTERM by itself (finishing the requests in
    // flight); everything else cancels its query or ends at once.
    if !matches!(args.command, Some(cli::Command::Serve(_))) {
        handle_ctrl_c();
    }
    if args.store.timings {
        timings::enable();
    }
    match commands::run(args) {
        Ok(status) => status.code(),
        Err(err) => {
            eprintln!("smarty-kg: {}", exit::describe(&err));
            exit::code_for(&err)
        }
    }
}

/// Ends the process with `code` once the command has returned: its store, files and threads
/// closed, and what it printed flushed here. It skips what `exit` runs after `main`: the C++ static
/// destructors of the linked RocksDB and the allocator's final collection, which hands back to
/// the system, page by page, memory the system is about to reclaim whole. That is about a
/// millisecond, a tenth of a fresh `contacts` (BENCHMARKS.md).
fn end(code: u8) -> ExitCode {
    use std::io::Write;
    if std::io::stdout().flush().is_err() {
        return ExitCode::from(code); // the runtime ends as usual
    }
    // SAFETY: `_exit` ends the process at once; nothing of ours is left to run or flush.
    unsafe { libc::_exit(i32::from(code)) }
}

/// Ctrl-C cancels the running query, which then ends through the usual error path (exit code
/// 130); with nothing to cancel, the process ends at once with 130. This is the one place outside
/// [`exit`] that ends the process: a signal cannot return an error to `main`.
fn handle_ctrl_c() {
    // If the handler cannot be installed, Ctrl-C keeps its default effect (ending the process).
    let _ = ctrlc::set_handler(|| {
        if !smarty_repl::interrupt::cancel_running() {
            #[allow(clippy::exit)]
            std::process::exit(i32::from(exit::INTERRUPTED));
        }
    });
}

/// Rust ignores SIGPIPE, so writing to a closed pipe (`smarty-kg export | head`) would be an error
/// at every print; restore the default so the process ends quietly, as command-line tools do.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to its default at start-up, before any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
