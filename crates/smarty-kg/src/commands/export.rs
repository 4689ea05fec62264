//! `smarty-kg export`: the store in any standard RDF serialisation, deterministically.

use std::io::{BufWriter, Write};

use smarty_store::{ExportOptions, GraphFormat};

use crate::cli::{ExportArgs, ExportFormatArg, StoreArgs};
use crate::exit::Status;

pub fn format(f: ExportFormatArg) -> GraphFormat {
    match f {
        ExportFormatArg::Turtle => GraphFormat::Turtle,
        ExportFormatArg::Ntriples => GraphFormat::NTriples,
        ExportFormatArg::Nquads => GraphFormat::NQuads,
        ExportFormatArg::Trig => GraphFormat::TriG,
        ExportFormatArg::Rdfxml => GraphFormat::RdfXml,
        ExportFormatArg::Jsonld => GraphFormat::JsonLd,
    }
}

pub fn run(store_args: &StoreArgs, args: &ExportArgs) -> anyhow::Result<Status> {
    let kg = super::store::open(store_args)?;
    let options = ExportOptions {
        format: format(args.format),
        graph: args.graph.clone(),
        public: args.public,
    };
    let started = std::time::Instant::now();
    let count = match &args.output {
        Some(path) => {
            smarty_repl::session::write_atomically(path, |w| Ok(kg.export(&options, w)?))?
        }
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
