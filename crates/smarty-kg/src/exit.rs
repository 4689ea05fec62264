//! Exit codes, one place for all commands (and for each statement of a script).
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success (a SELECT without rows and an `ASK` answering false are still 0) |
//! | 1 | the command ran but found nothing or the data failed a check (`extract` or `ingest` of a text without practices, `validate` with violations, `path` between unlinked things) |
//! | 2 | bad input: unreadable file, a binary, oversized or cut-short guide, a remote endpoint's URL or credentials, wrong encoding, SPARQL syntax error, bad arguments, a named query's parameter unknown, missing or of the wrong kind, a `--format` that does not fit the query |
//! | 3 | the store cannot be used: missing (for a command that only reads), in use by another process, unreadable, disk error (a full disk, a read-only mount), a directory of another program's files; a remote endpoint unreachable or failing |
//! | 4 | a query ran out of time (`--timeout`) |
//! | 130 | interrupted (Ctrl-C) |

use smarty_repl::ReplError;
use smarty_store::StoreError;

use crate::input::InputError;

/// The code of a process ended by Ctrl-C (128 + SIGINT, as shells report it).
pub const INTERRUPTED: u8 = 130;

/// A command's outcome when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Success,
    /// Ran correctly but found nothing, or the data failed a check.
    NothingFound,
}

impl Status {
    /// The process's exit code.
    pub fn code(self) -> u8 {
        match self {
            Status::Success => 0,
            Status::NothingFound => 1,
        }
    }
}

/// The code of an error: that of the first cause in its chain the table above knows, else 1.
pub fn code_for(err: &anyhow::Error) -> u8 {
    err.chain().find_map(code_of).unwrap_or(1)
}

fn code_of(cause: &(dyn std::error::Error + 'static)) -> Option<u8> {
    if let Some(e) = cause.downcast_ref::<InputError>() {
        return Some(match e {
            InputError::NoPractices { .. } => 1,
            _ => 2,
        });
    }
    if cause.is::<smarty_source::SourceError>() {
        return Some(2);
    }
    if cause.is::<crate::commands::PositionedSyntaxError>()
        || cause.is::<crate::commands::UsageError>()
    {
        return Some(2);
    }
    if cause.is::<crate::commands::NoStore>() || cause.is::<crate::commands::ForeignDir>() {
        return Some(3);
    }
    if let Some(f) = cause.downcast_ref::<crate::commands::ScriptFailure>() {
        return Some(f.code);
    }
    if let Some(e) = cause.downcast_ref::<smarty_network::NetworkError>()
        && e.is_input_error()
    {
        return Some(2);
    }
    if let Some(e) = cause.downcast_ref::<smarty_remote::RemoteError>() {
        return Some(match e {
            smarty_remote::RemoteError::BadUrl { .. } | smarty_remote::RemoteError::Auth { .. } => {
                2
            }
            smarty_remote::RemoteError::Store(s) => store_code(s),
            smarty_remote::RemoteError::Endpoint { .. }
            | smarty_remote::RemoteError::Server { .. } => 3,
        });
    }
    if let Some(e) = cause.downcast_ref::<ReplError>() {
        return Some(repl_code(e));
    }
    cause.downcast_ref::<StoreError>().map(store_code)
}

/// The code of a shell error: a failing script statement ends the script with it.
pub fn repl_code(e: &ReplError) -> u8 {
    match e {
        ReplError::Store(s) => store_code(s),
        ReplError::Command(_) | ReplError::Syntax { .. } => 2,
        ReplError::Io(_) => 1,
    }
}

fn store_code(e: &StoreError) -> u8 {
    match e {
        StoreError::Timeout(_) => 4,
        StoreError::Cancelled => INTERRUPTED,
        StoreError::NoPractices { .. } => 1,
        e if e.is_input_error() => 2,
        StoreError::InUse { .. }
        | StoreError::Open { .. }
        | StoreError::Storage(_)
        | StoreError::ReadOnly { .. }
        | StoreError::Remote { .. } => 3,
        _ => 1,
    }
}

/// The error and its causes on one line each, without repeating a cause already in the message.
pub fn describe(err: &anyhow::Error) -> String {
    let mut out = err.to_string();
    for cause in err.chain().skip(1) {
        let text = cause.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
    }
    out
}
