//! `smarty-kg stats`.

use crate::cli::StoreArgs;
use crate::exit::Status;

pub fn run(store_args: &StoreArgs) -> anyhow::Result<Status> {
    let kg = super::store::open(store_args, super::store::Access::Read)?;
    print!("{}", smarty_repl::render::stats(&kg.stats()?));
    Ok(Status::Success)
}
