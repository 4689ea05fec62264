//! `smarty-kg export`: the store in any standard RDF serialisation, deterministically.

use std::io::{BufWriter, Write};

use smarty_store::ExportOptions;

use crate::cli::{ExportArgs, StoreArgs};
use crate::exit::Status;

pub fn run(store_args: &StoreArgs, args: &ExportArgs) -> anyhow::Result<Status> {
    let kg = super::store::open(store_args, super::store::Access::Read)?;
    let options = ExportOptions {
        format: args.format,
        graph: args.graph.clone(),
        public: args.public,
    };
    let started = std::time::Instant::now();
    let count = match &args.output {
        Some(path) => smarty_repl::write_atomically(path, |w| Ok(kg.export(&options, w)?))?,
        None => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            let count = kg.export(&options, &mut w)?;
            w.flush()?;
            count
        }
    };
    crate::timings::record("export", started.elapsed());
    eprintln!(
        "exported {count} statements{}",
        if args.public {
            " (public: personal data left out)"
        } else {
            ""
        }
    );
    Ok(Status::Success)
}
