//! `smarty-kg stats`.

use super::reader::Reader;
use crate::cli::StoreArgs;
use crate::exit::Status;

pub fn run(store_args: &StoreArgs) -> anyhow::Result<Status> {
    let reader = super::reader::open(store_args)?;
    let stats = match &reader {
        Reader::Local(kg) => kg.stats()?,
        Reader::Remote(endpoint) => {
            let stats = smarty_store::stats_of(endpoint, &super::store::query_options(store_args))?;
            super::reader::report(endpoint);
            stats
        }
    };
    print!("{}", smarty_repl::render::stats(&stats));
    Ok(Status::Success)
}
