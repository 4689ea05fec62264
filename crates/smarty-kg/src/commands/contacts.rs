//! `smarty-kg contacts`: persons behind more than one practice, and why they are one person.

use std::io::Write;

use crate::cli::{ContactsArgs, ContactsFormat, StoreArgs};
use crate::exit::Status;

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
            let layout = smarty_repl::render::TableLayout {
                width: super::piped_width(),
                ..smarty_repl::render::TableLayout::default()
            };
            let text =
                smarty_repl::render::contacts(&contacts, args.min_practices as usize, layout);
            out.write_all(text.as_bytes())?;
        }
    }
    out.flush()?;
    Ok(Status::Success)
}
