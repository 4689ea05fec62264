//! `smarty-kg contacts`: persons behind more than one practice, and why they are one person.

use std::io::{IsTerminal, Write};

use clap::{Args, ValueEnum};

use crate::cli::StoreArgs;
use crate::exit::Status;

#[derive(Debug, Args)]
#[command(
    after_help = "Every person who is the contact of more than one practice, with the practices, \
        their themes and regions, the organisations the person is listed under, and why the \
        occurrences were judged to be one person (the same e-mail address, case ignored; the same \
        name, diacritics ignored).\n\n\
        This is personal data (names and work e-mail addresses): keep it out of anything you \
        publish. For publication, use 'graph partners' or 'graph practice-organisation' on a store \
        built from 'export --public'."
)]
pub struct ContactsArgs {
    /// Only persons behind at least this many practices
    #[arg(long, value_name = "N", default_value_t = 2,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub min_practices: u32,

    /// Output format: a table, JSON (every detail), or CSV (one row per person and practice)
    #[arg(long, value_enum, default_value_t = ContactsFormat::Table)]
    pub format: ContactsFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ContactsFormat {
    Table,
    Json,
    Csv,
}

pub fn run(store_args: &StoreArgs, args: &ContactsArgs) -> anyhow::Result<Status> {
    let kg = super::store::open(store_args)?;
    let query = super::store::query_options(store_args);
    let started = std::time::Instant::now();
    let contacts = smarty_network::shared_contacts_with(&kg, args.min_practices as usize, &query)?;
    crate::timings::record("contacts", started.elapsed());
    let mut out = std::io::stdout().lock();
    match args.format {
        ContactsFormat::Json => {
            out.write_all(smarty_network::contacts_to_json(&contacts).as_bytes())?
        }
        ContactsFormat::Csv => {
            out.write_all(smarty_network::contacts_to_csv(&contacts).as_bytes())?
        }
        ContactsFormat::Table => {
            // Piped output has no terminal to measure; honour $COLUMNS as shells and pagers do.
            let width = (!std::io::stdout().is_terminal())
                .then(|| std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()))
                .flatten();
            let layout = smarty_repl::render::Layout {
                width,
                ..smarty_repl::render::Layout::default()
            };
            let text =
                smarty_repl::render::contacts(&contacts, args.min_practices as usize, layout);
            out.write_all(text.as_bytes())?;
        }
    }
    out.flush()?;
    Ok(Status::Success)
}
