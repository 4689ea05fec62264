//! Exit codes, one place for all commands.
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success |
//! | 1 | the command ran but found nothing or the data failed a check (`extract` without practices, `validate` with violations, `ASK` answering false is still 0) |
//! | 2 | bad input: unreadable file, wrong encoding, SPARQL syntax error, bad arguments |
//! | 3 | the store cannot be used: in use by another process, unreadable, disk error |
//! | 4 | a query ran out of time (`--timeout`) |
//! | 130 | interrupted (Ctrl-C) |

use std::process::ExitCode;

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

impl From<Status> for ExitCode {
    fn from(s: Status) -> ExitCode {
        match s {
            Status::Success => ExitCode::SUCCESS,
            Status::NothingFound => ExitCode::from(1),
        }
    }
}

pub fn code_for(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        match cause.downcast_ref::<InputError>() {
            Some(InputError::NoPractices { .. }) => return 1,
            Some(_) => return 2,
            None => {}
        }
        if cause
            .downcast_ref::<crate::commands::PositionedSyntaxError>()
            .is_some()
        {
            return 2;
        }
        if let Some(f) = cause.downcast_ref::<crate::commands::ScriptFailure>() {
            return if f.input_error { 2 } else { 1 };
        }
        if let Some(e) = cause.downcast_ref::<smarty_network::NetworkError>()
            && e.is_input_error()
        {
            return 2;
        }
        if cause
            .downcast_ref::<crate::commands::UsageError>()
            .is_some()
        {
            return 2;
        }
        if let Some(e) = cause.downcast_ref::<StoreError>() {
            return match e {
                StoreError::Timeout(_) => 4,
                StoreError::Cancelled => INTERRUPTED,
                e if e.is_input_error() => 2,
                StoreError::InUse { .. } | StoreError::Open { .. } | StoreError::Storage(_) => 3,
                _ => 1,
            };
        }
    }
    1
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
