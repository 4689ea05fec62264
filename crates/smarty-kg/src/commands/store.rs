//! Opening the store the global options name.

use std::path::PathBuf;
use std::time::Duration;

use smarty_store::{Canceller, KnowledgeGraph, QueryOptions};

use crate::cli::StoreArgs;

/// The default store, relative to the working directory, like a project's `.git`.
pub const DEFAULT_STORE: &str = ".smarty-kg/store";

pub fn store_dir(args: &StoreArgs) -> PathBuf {
    args.store
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_STORE))
}

pub fn open(args: &StoreArgs) -> anyhow::Result<KnowledgeGraph> {
    Ok(if args.memory {
        KnowledgeGraph::in_memory()?
    } else {
        KnowledgeGraph::open(&store_dir(args))?
    })
}

/// Query options from the global flags, with a canceller Ctrl-C will trigger.
pub fn query_options(args: &StoreArgs) -> QueryOptions {
    let canceller = Canceller::new();
    smarty_repl::interrupt::watch(canceller.clone());
    QueryOptions {
        timeout: args
            .timeout
            .filter(|t| *t > 0.0)
            .map(Duration::from_secs_f64),
        canceller: Some(canceller),
        ..QueryOptions::default()
    }
}
