//! `.graph KIND [FORMAT] [FILE]` and `.contacts [N]`.
//!
//! Without a format, `.graph` prints the network's metrics (degree, betweenness, components,
//! brokers); with one, the network in that format — to the screen for text formats, to FILE for
//! any (SVG and PNG need a file). Notes and "wrote …" are messages, written to `notes`.

use std::io::Write;
use std::path::Path;

use smarty_network::{
    Network, NetworkError, NetworkFacts, NetworkFormat, NetworkKind, NetworkOptions, Renderer,
    SharedContact,
};
use smarty_store::{Answers, KnowledgeGraph, QueryOptions};

use crate::error::ReplError;
use crate::files::write_atomically;
use crate::render::{self, TableLayout};

/// Where the networks are read: the local store (and the facts it keeps), or a remote endpoint
/// through the SPARQL reading of the same facts.
#[derive(Clone, Copy)]
pub enum Source<'a> {
    Store(&'a KnowledgeGraph),
    Remote(&'a dyn Answers),
}

impl Source<'_> {
    fn network(self, options: &NetworkOptions) -> Result<Network, NetworkError> {
        match self {
            Source::Store(kg) => smarty_network::build(kg, options),
            Source::Remote(answers) => {
                NetworkFacts::by_sparql(answers, &QueryOptions::default())?.network(options)
            }
        }
    }

    fn shared_contacts(self, min_practices: usize) -> Result<Vec<SharedContact>, NetworkError> {
        match self {
            Source::Store(kg) => smarty_network::shared_contacts(kg, min_practices),
            Source::Remote(answers) => {
                Ok(NetworkFacts::by_sparql(answers, &QueryOptions::default())?
                    .shared_contacts(min_practices))
            }
        }
    }
}

fn network_error(e: smarty_network::NetworkError) -> ReplError {
    ReplError::Command(e.to_string())
}

pub fn graph(
    source: Source<'_>,
    kind: &str,
    format: Option<&str>,
    file: Option<&Path>,
    screen: &mut dyn Write,
    notes: &mut dyn Write,
) -> Result<(), ReplError> {
    let kind: NetworkKind = kind.parse().map_err(network_error)?;
    let options = NetworkOptions::new(kind);
    let network = source.network(&options).map_err(network_error)?;
    let Some(format) = format else {
        let metrics = smarty_network::metrics(&network);
        write!(screen, "{}", metrics.report(&network, Some(10)))?;
        return Ok(());
    };
    let format: NetworkFormat = format.parse().map_err(ReplError::Command)?;
    if format.is_picture() && file.is_none() {
        return Err(ReplError::Command(format!(
            "{format} is a picture: name a file, as in .graph {kind} {format} {kind}.{format}"
        )));
    }
    let written = network
        .write(format, None, Renderer::Auto)
        .map_err(network_error)?;
    for note in &written.notes {
        writeln!(notes, "{note}")?;
    }
    let bytes = written.bytes;
    match file {
        Some(path) => {
            write_atomically(path, |w| Ok(w.write_all(&bytes)?))?;
            writeln!(
                notes,
                "wrote the {kind} network ({} nodes, {} edges) to {}",
                network.nodes.len(),
                network.edges.len(),
                path.display()
            )?;
        }
        None => screen.write_all(&bytes)?,
    }
    Ok(())
}

pub fn contacts(
    source: Source<'_>,
    min_practices: usize,
    layout: TableLayout,
    screen: &mut dyn Write,
) -> Result<(), ReplError> {
    let contacts = source
        .shared_contacts(min_practices)
        .map_err(network_error)?;
    write!(
        screen,
        "{}",
        render::contacts(&contacts, min_practices, layout)
    )?;
    Ok(())
}
