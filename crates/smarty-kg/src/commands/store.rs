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

/// What a command does with the store. Only a command that may write creates a missing store: a
/// misspelt `--store` given to `query` must not answer from a new, empty one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// A read-only command given a directory that holds no store.
#[derive(Debug, thiserror::Error)]
#[error("no store at {}{}; create one with `{create}`", dir.display(),
        if *exists { " (the directory holds no store)" } else { " (no such directory)" })]
pub struct NoStore {
    pub dir: PathBuf,
    pub exists: bool,
    pub create: String,
}

/// A directory that holds another program's files and no store: no store is made among them.
#[derive(Debug, thiserror::Error)]
#[error("{} holds no store but other files ({}): a store is created only in a new or empty directory; choose another --store", dir.display(), shown(entries))]
pub struct ForeignDir {
    pub dir: PathBuf,
    pub entries: Vec<String>,
}

fn shown(entries: &[String]) -> String {
    match entries {
        [a, b, c, _, ..] => format!("{a}, {b}, {c} and {} more", entries.len() - 3),
        _ => entries.join(", "),
    }
}

pub fn open(args: &StoreArgs, access: Access) -> anyhow::Result<KnowledgeGraph> {
    if let Some(url) = &args.endpoint {
        return Err(super::UsageError(format!(
            "--endpoint {url}: this command works on the local store; the remote one is read by query, contacts, graph, path and stats (push copies the local store there)"
        ))
        .into());
    }
    if args.memory {
        // No deriver: kept facts die with the process, so computing them at each write would
        // only move the first reader's work into every write.
        return Ok(KnowledgeGraph::in_memory()?);
    }
    if let Some(at) = &args.at {
        return open_kept(args, at, access);
    }
    let dir = store_dir(args);
    let existed = KnowledgeGraph::exists_at(&dir);
    if !existed && access == Access::Read {
        let create = match &args.store {
            None => "smarty-kg ingest FILE".to_owned(),
            Some(d) => format!("smarty-kg --store {} ingest FILE", d.display()),
        };
        return Err(NoStore {
            exists: dir.exists(),
            dir,
            create,
        }
        .into());
    }
    if !existed {
        let entries = KnowledgeGraph::foreign_entries(&dir);
        if !entries.is_empty() {
            return Err(ForeignDir { dir, entries }.into());
        }
    }
    keep_store_private();
    let kg = KnowledgeGraph::open(&dir)?;
    // Every write then keeps the facts the networks and contacts read: their first call after
    // a change answers as fast as the next.
    kg.derive_after_writes(smarty_network::deriver());
    if !existed {
        eprintln!("created a new store at {}", dir.display());
    }
    Ok(kg)
}

/// The store whose kept derived data a read may use without opening it (the contacts and
/// networks answer from the facts every write keeps): not `--memory`, whose facts die with
/// each process, nor `--at`, a kept version nothing derives for, nor with `--endpoint`, which
/// reads another store.
pub fn derived_dir(args: &StoreArgs) -> Option<PathBuf> {
    if args.memory || args.at.is_some() || args.endpoint.is_some() {
        return None;
    }
    let dir = store_dir(args);
    KnowledgeGraph::exists_at(&dir).then_some(dir)
}

/// A kept earlier version, for reading only: `DOC@VERSION` or the version's IRI.
fn open_kept(args: &StoreArgs, at: &str, access: Access) -> anyhow::Result<KnowledgeGraph> {
    let dir = store_dir(args);
    if access == Access::Write {
        return Err(super::UsageError(format!(
            "--at {at} reads a kept version; it cannot be written (drop --at to change the current data)"
        ))
        .into());
    }
    let iri_form = at
        .rsplit_once("/source/")
        .and_then(|(_, file)| file.strip_suffix(".txt"))
        .and_then(|file| file.rsplit_once('-'));
    let (doc, version) = match (at.split_once('@'), iri_form) {
        (Some(pair), _) | (None, Some(pair)) => pair,
        (None, None) => {
            return Err(super::UsageError(format!(
                "--at {at}: expected DOC@VERSION (as `stats` lists kept versions) or a version IRI"
            ))
            .into());
        }
    };
    let kept = KnowledgeGraph::kept_dir(&dir, doc, version);
    if !KnowledgeGraph::exists_at(&kept) {
        let known: Vec<String> = KnowledgeGraph::kept_versions(&dir)
            .into_iter()
            .map(|(d, v)| format!("{d}@{v}"))
            .collect();
        return Err(super::UsageError(format!(
            "no kept version {doc}@{version} in {}; {}",
            dir.display(),
            if known.is_empty() {
                "none is kept (ingest --keep-previous keeps the version a new edition replaces)"
                    .to_owned()
            } else {
                format!("kept: {}", known.join(", "))
            }
        ))
        .into());
    }
    keep_store_private();
    Ok(KnowledgeGraph::open(&kept)?)
}

/// The store's files are private to the user — directories 0700, files 0600 — as a database's
/// are: the copies of the guides under `sources/` hold contact e-mails. RocksDB creates files
/// throughout the process's life (flushes, compactions, logs) from its own threads, so a chmod
/// after creation would always lag behind; a process umask of 077 covers every file from the
/// moment it exists. The user's own umask is kept for the files the user asks for (`-o FILE`,
/// the shell's `.export`), which `smarty_repl::write_atomically` creates.
fn keep_store_private() {
    #[cfg(unix)]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            // SAFETY: umask only sets the process's file-creation mask; it touches no memory.
            let user = unsafe { libc::umask(0o077) };
            // SAFETY: as above; a user umask stricter than 077 is kept.
            unsafe { libc::umask(user | 0o077) };
            #[allow(clippy::unnecessary_cast)] // mode_t is u16 on some systems
            smarty_repl::keep_user_umask(user as u32);
        });
    }
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
        strict: args.strict,
        ..QueryOptions::default()
    }
}
