//! Where a reading command reads: the local store, or a remote SPARQL endpoint (`--endpoint`,
//! or the endpoint of the `serve` process that holds the local store).

use smarty_remote::{Auth, Endpoint, EndpointConfig};
use smarty_store::{Answers, KnowledgeGraph, StoreError};

use crate::cli::StoreArgs;

/// The environment variable holding credentials when `--auth-file` is not given.
pub const AUTH_ENV: &str = "SMARTY_KG_AUTH";

pub enum Reader {
    Local(KnowledgeGraph),
    Remote(Endpoint),
}

impl Reader {
    pub fn answers(&self) -> &dyn Answers {
        match self {
            Reader::Local(kg) => kg,
            Reader::Remote(endpoint) => endpoint,
        }
    }
}

/// The remote endpoint `--endpoint` names, if any.
pub fn remote(args: &StoreArgs) -> anyhow::Result<Option<Endpoint>> {
    match &args.endpoint {
        Some(url) => Ok(Some(endpoint(args, url)?)),
        None => Ok(None),
    }
}

/// An endpoint at `url` with the credentials and timeout the global options give.
pub fn endpoint(args: &StoreArgs, url: &str) -> anyhow::Result<Endpoint> {
    let auth = match (&args.auth_file, std::env::var(AUTH_ENV)) {
        (Some(path), _) => Some(Auth::from_file(path)?),
        (None, Ok(text)) if !text.trim().is_empty() => {
            Some(Auth::parse(&text, &format!("${AUTH_ENV}"))?)
        }
        _ => None,
    };
    Ok(Endpoint::new(EndpointConfig {
        url: url.to_owned(),
        update_url: None,
        auth,
        timeout: args.timeout.map(std::time::Duration::from_secs_f64),
    })?)
}

/// The reader for a command that only reads: `--endpoint`, else the local store, else — when
/// a `serve` process holds the local store — that server's endpoint.
pub fn open(args: &StoreArgs) -> anyhow::Result<Reader> {
    if let Some(endpoint) = remote(args)? {
        return Ok(Reader::Remote(endpoint));
    }
    match super::store::open(args, super::store::Access::Read) {
        Ok(kg) => Ok(Reader::Local(kg)),
        Err(e) => match e.downcast_ref::<StoreError>() {
            Some(StoreError::InUse {
                server: Some(url), ..
            }) => {
                eprintln!(
                    "the store is held by `serve`; reading through its endpoint {url} (what it serves)"
                );
                Ok(Reader::Remote(endpoint(args, url)?))
            }
            _ => Err(e),
        },
    }
}

/// Prints what the endpoint noted while answering (an answer read in pages, say).
pub fn report(endpoint: &Endpoint) {
    for note in endpoint.take_notes() {
        eprintln!("note: {note}");
    }
}
