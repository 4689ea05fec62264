//! `smarty-kg graph KIND`: a network built from the store, drawn or written for other tools, or
//! analysed (`--metrics`).

use std::io::IsTerminal;

use smarty_network::{LayoutEngine, NetworkFacts, NetworkFormat, NetworkOptions};

use super::reader::Reader;
use super::{UsageError, write_output};
use crate::cli::{GraphArgs, StoreArgs};
use crate::exit::Status;

/// The output format: `--format`, else the file's extension, else DOT.
fn format(args: &GraphArgs) -> anyhow::Result<NetworkFormat> {
    super::chosen_format(
        args.format,
        args.output.as_deref(),
        NetworkFormat::Dot,
        NetworkFormat::from_path,
        &NetworkFormat::NAMES.join(", "),
    )
}

pub fn run(store_args: &StoreArgs, args: &GraphArgs) -> anyhow::Result<Status> {
    let format = format(args)?;
    if format.is_binary() && args.output.is_none() && std::io::stdout().is_terminal() {
        return Err(UsageError(format!(
            "{format} is binary: write it to a file with -o FILE.{format}, or redirect standard output"
        ))
        .into());
    }
    let options = NetworkOptions {
        kind: args.kind.into(),
        theme: args.theme.clone(),
        country: args.country.clone(),
        region: args.region.clone(),
        min_weight: args.min_weight,
        include_isolated: args.isolated,
    };
    let started = std::time::Instant::now();
    let kept = super::store::derived_dir(store_args)
        .and_then(|dir| smarty_network::build_kept(&dir, &options));
    let network = match kept {
        Some(network) => network?,
        None => {
            let query = super::store::query_options(store_args);
            match super::reader::open(store_args)? {
                Reader::Local(kg) => smarty_network::build_with(&kg, &options, &query)?,
                Reader::Remote(endpoint) => {
                    let facts = NetworkFacts::by_sparql(&endpoint, &query)?;
                    super::reader::report(&endpoint);
                    facts.network(&options)?
                }
            }
        }
    };
    crate::timings::record("projection", started.elapsed());
    let mut measured = None;
    if args.metrics {
        let started = std::time::Instant::now();
        let metrics = smarty_network::metrics(&network);
        crate::timings::record("metrics", started.elapsed());
        print!("{}", metrics.report(&network, Some(30)));
        if args.output.is_none() {
            return Ok(Status::Success);
        }
        measured = Some(metrics);
    }
    let written = network.write_measured(
        format,
        args.layout.map(LayoutEngine::from),
        args.renderer.into(),
        measured.as_ref(),
    )?;
    for note in &written.notes {
        eprintln!("note: {note}");
    }
    let renderer = written
        .renderer
        .map(|r| format!(", drawn by {r}"))
        .unwrap_or_default();
    let bytes = written.bytes;
    write_output(args.output.as_deref(), &bytes)?;
    if let Some(path) = &args.output {
        eprintln!(
            "{}: {} nodes, {} edges{renderer} → {}",
            network.kind,
            network.nodes.len(),
            network.edges.len(),
            path.display()
        );
    }
    if network.is_empty() {
        eprintln!(
            "note: the {} network is empty{}",
            network.kind,
            if network.kind.has_personal_data() {
                " (a store built from a --public export holds no persons)"
            } else {
                ""
            }
        );
    }
    Ok(Status::Success)
}
