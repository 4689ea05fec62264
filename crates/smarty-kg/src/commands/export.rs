//! `smarty-kg export`: the store in any standard RDF serialisation, deterministically.

use std::io::{BufWriter, Write};

use smarty_store::{ExportOptions, GraphFormat};

use super::UsageError;

use crate::cli::{ExportArgs, StoreArgs};
use crate::exit::Status;

/// `--format`, else the `-o` file's extension, else Turtle.
fn format(args: &ExportArgs) -> anyhow::Result<GraphFormat> {
    super::chosen_format(
        args.format,
        args.output.as_deref(),
        GraphFormat::Turtle,
        GraphFormat::from_path,
        "turtle, ntriples, nquads, trig, rdfxml, jsonld",
    )
}

pub fn run(store_args: &StoreArgs, args: &ExportArgs) -> anyhow::Result<Status> {
    let format = format(args)?;
    if args.expanded && format != GraphFormat::JsonLd {
        return Err(UsageError(format!(
            "--expanded is a JSON-LD form; --format is {}",
            format.name()
        ))
        .into());
    }
    let kg = super::store::open(store_args, super::store::Access::Read)?;
    let options = ExportOptions {
        format,
        graph: args.graph.clone(),
        public: args.public,
        expanded: args.expanded,
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
