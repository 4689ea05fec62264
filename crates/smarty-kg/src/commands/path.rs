//! `smarty-kg path A B`: the shortest chain between two practices or organisations, hop by hop.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use smarty_network::{ImageFormat, PathOptions, RenderOptions};

use super::graph::{LayoutArg, RendererArg, UsageError, write_output};
use crate::cli::StoreArgs;
use crate::exit::Status;

#[derive(Debug, Args)]
#[command(
    after_help = "The shortest chain connecting two practices or organisations through the \
        persons and organisations they share, printed hop by hop with the fact behind each hop \
        (\"Access Innovation has contact person Bryony Chipp\"). Among chains of the same length, \
        one through a person is preferred, then a main institution, a contact organisation, a \
        funder; other links between the same practices are listed.\n\n\
        A and B are titles, other names (acronyms), organisation names — case and diacritics \
        ignored, a unique partial name accepted — or IRIs and prefixed names \
        (practice:access-innovation). Exit code 1 when nothing links them."
)]
pub struct PathArgs {
    /// Where the chain starts: a practice or organisation
    #[arg(value_name = "A")]
    pub from: String,

    /// Where it ends
    #[arg(value_name = "B")]
    pub to: String,

    /// Which links the chain may use (persons are personal data)
    #[arg(long, value_enum, default_value_t = ViaArg::All)]
    pub via: ViaArg,

    /// Output: text (hop by hop), json, or the chain drawn (dot, svg, png)
    /// [default: from the -o file's extension, else text]
    #[arg(long, value_enum)]
    pub format: Option<PathFormat>,

    /// Write to a file instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Graphviz layout for svg/png [default: dot]
    #[arg(long, value_enum)]
    pub layout: Option<LayoutArg>,

    /// Who draws svg/png
    #[arg(long, value_enum, default_value_t = RendererArg::Auto)]
    pub renderer: RendererArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViaArg {
    All,
    Organisations,
    Persons,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PathFormat {
    Text,
    Json,
    Dot,
    Svg,
    Png,
}

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
            Some("txt") => PathFormat::Text,
            _ => {
                return Err(UsageError(format!(
                    "cannot tell the format from '{}'; give --format (text, json, dot, svg, png)",
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
        let kg = super::store::open(store_args)?;
        let query = super::store::query_options(store_args);
        smarty_network::shortest_path_with(&kg, &args.from, &args.to, options, &query)?
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
        PathFormat::Svg | PathFormat::Png => {
            let rendered = report.render(&RenderOptions {
                format: if format == PathFormat::Png {
                    ImageFormat::Png
                } else {
                    ImageFormat::Svg
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
    if let (Some(path), PathFormat::Svg | PathFormat::Png | PathFormat::Dot) =
        (&args.output, format)
    {
        print!("{report}");
        eprintln!("drawn → {}", path.display());
    }
    Ok(Status::Success)
}
