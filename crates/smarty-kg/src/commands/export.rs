//! `smarty-kg export`: the store in any standard RDF serialisation, deterministically.

use std::io::{BufWriter, Write};

use anyhow::Context;
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
    let count = match &args.output {
        Some(path) => {
            // Written beside the target and renamed into place: never a half-written file.
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            let mut tmp = tempfile::NamedTempFile::new_in(dir)
                .with_context(|| format!("cannot write in {}", dir.display()))?;
            let count = {
                let mut w = BufWriter::new(tmp.as_file_mut());
                let count = kg.export(&options, &mut w)?;
                w.flush()?;
                count
            };
            tmp.persist(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            count
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            let count = kg.export(&options, &mut w)?;
            w.flush()?;
            count
        }
    };
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
