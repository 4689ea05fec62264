//! `.graph KIND [FORMAT] [FILE]` and `.contacts [N]`.
//!
//! Without a format, `.graph` prints the network's metrics (degree, betweenness, components,
//! brokers); with one, the network in that format — to the screen for text formats, to FILE for
//! any (SVG and PNG need a file). Notes and "wrote …" are messages, written to `notes`.

use std::io::Write;
use std::path::Path;

use smarty_network::{NetworkFormat, NetworkKind, NetworkOptions, Renderer};
use smarty_store::KnowledgeGraph;

use crate::error::ReplError;
use crate::files::write_atomically;
use crate::render::{self, TableLayout};

fn network_error(e: smarty_network::NetworkError) -> ReplError {
    ReplError::Command(e.to_string())
}

pub fn graph(
    kg: &KnowledgeGraph,
    kind: &str,
    format: Option<&str>,
    file: Option<&Path>,
    screen: &mut dyn Write,
    notes: &mut dyn Write,
) -> Result<(), ReplError> {
    let kind: NetworkKind = kind.parse().map_err(network_error)?;
    let options = NetworkOptions::new(kind);
    let network = smarty_network::build(kg, &options).map_err(network_error)?;
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
    kg: &KnowledgeGraph,
    min_practices: usize,
    layout: TableLayout,
    screen: &mut dyn Write,
) -> Result<(), ReplError> {
    let contacts = smarty_network::shared_contacts(kg, min_practices).map_err(network_error)?;
    write!(
        screen,
        "{}",
        render::contacts(&contacts, min_practices, layout)
    )?;
    Ok(())
}
