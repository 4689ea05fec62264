//! `smarty-kg export`: the store in any standard RDF serialisation, deterministically.

use std::io::{BufWriter, Write};

use smarty_store::{ExportFormat, ExportOptions};

use crate::cli::{ExportArgs, ExportFormatArg, StoreArgs};
use crate::exit::Status;

pub fn format(f: ExportFormatArg) -> ExportFormat {
    match f {
        ExportFormatArg::Turtle => ExportFormat::Turtle,
        ExportFormatArg::Ntriples => ExportFormat::NTriples,
        ExportFormatArg::Nquads => ExportFormat::NQuads,
        ExportFormatArg::Trig => ExportFormat::TriG,
        ExportFormatArg::Rdfxml => ExportFormat::RdfXml,
        ExportFormatArg::Jsonld => ExportFormat::JsonLd,
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
