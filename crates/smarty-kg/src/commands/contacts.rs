//! `smarty-kg contacts`: persons behind more than one practice, and why they are one person.

use std::path::Path;

use smarty_network::NetworkFacts;

use super::reader::Reader;
use super::{write_output, write_output_with};
use crate::cli::{ContactsArgs, ContactsFormat, StoreArgs};
use crate::exit::Status;

/// `--format`, else the `-o` file's extension, else a table.
fn format(args: &ContactsArgs) -> anyhow::Result<ContactsFormat> {
    let by_extension = |path: &Path| {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "txt" => Some(ContactsFormat::Table),
            "json" => Some(ContactsFormat::Json),
            "csv" => Some(ContactsFormat::Csv),
            _ => None,
        }
    };
    super::chosen_format(
        args.format,
        args.output.as_deref(),
        ContactsFormat::Table,
        by_extension,
        "table, json, csv",
    )
}

pub fn run(store_args: &StoreArgs, args: &ContactsArgs) -> anyhow::Result<Status> {
    let format = format(args)?;
    let min = args.min_practices as usize;
    let started = std::time::Instant::now();
    let kept = super::store::derived_dir(store_args)
        .and_then(|dir| smarty_network::kept_shared_contacts(&dir, min));
    let contacts = match kept {
        Some(contacts) => contacts,
        None => {
            let query = super::store::query_options(store_args);
            match super::reader::open(store_args)? {
                Reader::Local(kg) => smarty_network::shared_contacts_with(&kg, min, &query)?,
                Reader::Remote(endpoint) => {
                    let facts = NetworkFacts::by_sparql(&endpoint, &query)?;
                    super::reader::report(&endpoint);
                    facts.shared_contacts(min)
                }
            }
        }
    };
    crate::timings::record("contacts", started.elapsed());
    let output = args.output.as_deref();
    match format {
        ContactsFormat::Json => write_output_with(output, |w| {
            smarty_network::write_contacts_json(&contacts, w)
        })?,
        ContactsFormat::Csv => write_output(
            output,
            smarty_network::contacts_to_csv(&contacts).as_bytes(),
        )?,
        ContactsFormat::Table => {
            let layout = smarty_repl::render::TableLayout {
                width: args.max_width.or_else(super::piped_width),
                ..smarty_repl::render::TableLayout::default()
            };
            let text =
                smarty_repl::render::contacts(&contacts, args.min_practices as usize, layout);
            write_output(output, text.as_bytes())?
        }
    }
    if let Some(path) = &args.output {
        eprintln!(
            "{} persons behind at least {} practices → {}",
            contacts.len(),
            args.min_practices,
            path.display()
        );
    }
    Ok(Status::Success)
}
