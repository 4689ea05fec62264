//! `smarty-kg path A B`: the shortest chain between two practices or organisations, hop by hop.

use smarty_network::{ImageFormat, PathOptions, RenderOptions};

use super::reader::Reader;
use super::{UsageError, write_output};
use crate::cli::{PathArgs, PathFormat, StoreArgs, ViaArg};
use crate::exit::Status;

pub fn run(store_args: &StoreArgs, args: &PathArgs) -> anyhow::Result<Status> {
    let format = match (args.format, &args.output) {
        (Some(f), _) => f,
        (None, None) => PathFormat::Text,
        (None, Some(path)) => match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("json") => PathFormat::Json,
            Some("dot" | "gv") => PathFormat::Dot,
            Some("svg") => PathFormat::Svg,
            Some("png") => PathFormat::Png,
            Some("pdf") => PathFormat::Pdf,
            Some("txt") => PathFormat::Text,
            _ => {
                return Err(UsageError(format!(
                    "cannot tell the format from '{}'; give --format (text, json, dot, svg, png, pdf)",
                    path.display()
                ))
                .into());
            }
        },
    };
    let options = PathOptions {
        via_persons: args.via != ViaArg::Organisations,
        via_organisations: args.via != ViaArg::Persons,
    };
    let found = {
        let query = super::store::query_options(store_args);
        match super::reader::open(store_args)? {
            Reader::Local(kg) => {
                smarty_network::shortest_path_with(&kg, &args.from, &args.to, options, &query)?
            }
            Reader::Remote(endpoint) => {
                let facts = smarty_network::NetworkFacts::by_sparql(&endpoint, &query)?;
                super::reader::report(&endpoint);
                facts.shortest_path(&args.from, &args.to, options)?
            }
        }
    };
    let Some(report) = found else {
        eprintln!(
            "nothing links '{}' and '{}'{}",
            args.from,
            args.to,
            match args.via {
                ViaArg::All => "",
                ViaArg::Organisations => " through organisations",
                ViaArg::Persons => " through persons",
            }
        );
        return Ok(Status::NothingFound);
    };
    let bytes = match format {
        PathFormat::Text => report.to_string().into_bytes(),
        PathFormat::Json => {
            let mut s = serde_json::to_string_pretty(&report)?;
            s.push('\n');
            s.into_bytes()
        }
        PathFormat::Dot => report.to_dot().into_bytes(),
        PathFormat::Svg | PathFormat::Png | PathFormat::Pdf => {
            let rendered = report.render(&RenderOptions {
                format: match format {
                    PathFormat::Png => ImageFormat::Png,
                    PathFormat::Pdf => ImageFormat::Pdf,
                    _ => ImageFormat::Svg,
                },
                layout: args.layout.map(Into::into),
                renderer: args.renderer.into(),
            })?;
            for note in &rendered.notes {
                eprintln!("note: {note}");
            }
            rendered.bytes
        }
    };
    write_output(args.output.as_deref(), &bytes)?;
    if let (Some(path), PathFormat::Svg | PathFormat::Png | PathFormat::Pdf | PathFormat::Dot) =
        (&args.output, format)
    {
        print!("{report}");
        eprintln!("drawn → {}", path.display());
    }
    Ok(Status::Success)
}
