//! `smarty-kg serve`: checks what may be served where, then hands the store to the server.

use std::net::{SocketAddr, ToSocketAddrs};
use std::time::Duration;

use anyhow::Context;
use smarty_server::ServerConfig;
use smarty_store::QueryLibrary;

use crate::cli::{ServeArgs, StoreArgs};
use crate::commands::UsageError;
use crate::exit::Status;

/// The per-query timeout of a server when `--timeout` is not given.
const DEFAULT_TIMEOUT_SECONDS: f64 = 30.0;

pub fn run(store_args: &StoreArgs, args: &ServeArgs) -> anyhow::Result<Status> {
    let bind = resolve(&args.bind)?;
    if !smarty_server::is_loopback(&bind) && !args.public && !args.allow_personal_data {
        return Err(UsageError(format!(
            "refusing to serve personal data (contact persons' names and e-mail addresses) on \
             {bind}, which other machines can reach: add --public to serve only what \
             'export --public' writes, or --allow-personal-data if this network may see them"
        ))
        .into());
    }
    let token = match &args.token_file {
        Some(path) => Some(read_token(path)?),
        None => None,
    };
    let timeout = Some(store_args.timeout.unwrap_or(DEFAULT_TIMEOUT_SECONDS))
        .filter(|t| *t > 0.0)
        .map(Duration::from_secs_f64);
    // A client has at most the query timeout, and at most the server's cap, to send a request.
    let read_timeout = timeout
        .unwrap_or(smarty_server::READ_TIMEOUT)
        .min(smarty_server::READ_TIMEOUT);
    // Read-write, the server can fill a new store (POST /ingest); read-only, it needs one.
    let access = if args.read_write {
        super::store::Access::Write
    } else {
        super::store::Access::Read
    };
    let kg = super::store::open(store_args, access)?;
    let config = ServerConfig {
        bind,
        public: args.public,
        read_write: args.read_write,
        token,
        max_rows: usize::try_from(args.max_rows).unwrap_or(usize::MAX),
        timeout,
        allow_federation: args.allow_federation,
        strict: store_args.strict,
        max_concurrent: usize::try_from(args.max_concurrent).unwrap_or(1),
        queue: usize::try_from(args.queue).unwrap_or(usize::MAX),
        read_timeout,
        library: QueryLibrary::bundled(),
        log: smarty_server::Log(std::sync::Arc::new(|line| eprintln!("{line}"))),
    };
    let mode = match (args.public, args.read_write) {
        (true, false) => "public, read-only",
        (true, true) => "public, read-write",
        (false, false) => "read-only, with personal data",
        (false, true) => "read-write, with personal data",
    };
    smarty_server::run(kg, config, |addr| {
        eprintln!("listening on http://{addr}/ ({mode}); SPARQL endpoint http://{addr}/sparql");
    })?;
    Ok(Status::Success)
}

fn resolve(bind: &str) -> anyhow::Result<SocketAddr> {
    let mut addrs = bind
        .to_socket_addrs()
        .map_err(|e| UsageError(format!("--bind {bind}: {e}")))?;
    addrs
        .next()
        .ok_or_else(|| UsageError(format!("--bind {bind}: no address")).into())
}

fn read_token(path: &std::path::Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the token file {}", path.display()))?;
    let token = text.trim().to_owned();
    if token.len() < 16 || token.chars().any(char::is_whitespace) {
        return Err(UsageError(format!(
            "the token in {} must be one word of at least 16 characters",
            path.display()
        ))
        .into());
    }
    Ok(token)
}
