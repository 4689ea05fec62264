//! Commands that move data in or out: `.ingest`, `.load`, `.export`, `.output`.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use smarty_store::{ExportOptions, GraphFormat, GuideDocument};

use crate::error::ReplError;
use crate::files::write_atomically;
use crate::session::Session;

pub(super) fn ingest(
    session: &mut Session<'_>,
    path: &Path,
    screen: &mut dyn Write,
) -> Result<(), ReplError> {
    let mut guide =
        smarty_source::read_guide(path).map_err(|e| ReplError::Command(e.to_string()))?;
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("guide")
        .to_owned();
    let (text, original) = guide.take_contents();
    let document = GuideDocument {
        name: &name,
        text,
        original,
        keep_previous: false,
        allow_partial: false,
    };
    let report =
        session
            .knowledge_graph()
            .ingest_guide(document, session.reference(), &mut |_| {})?;
    let messages = session.messages(screen);
    for d in &report.diagnostics {
        writeln!(
            messages,
            "{}",
            guide.diagnostic(&path.display().to_string(), d)
        )?;
    }
    writeln!(
        messages,
        "ingested {}: {} practices, {} persons, {} organisations; {} statements in {} graphs",
        path.display(),
        report.practices,
        report.persons,
        report.organisations,
        report.quads,
        report.graphs
    )?;
    if let Some(stored) = &report.same_guide_as {
        writeln!(
            messages,
            "{}: the same guide as the stored document '{stored}' (its title and programme): it replaced it",
            path.display()
        )?;
    }
    session.names_changed();
    Ok(())
}

pub(super) fn load(
    session: &mut Session<'_>,
    path: &Path,
    screen: &mut dyn Write,
) -> Result<(), ReplError> {
    let format = GraphFormat::from_path(path).ok_or_else(|| {
        ReplError::Command(format!(
            "{}: not an RDF file name (.ttl .trig .nt .nq .rdf .owl .jsonld)",
            path.display()
        ))
    })?;
    let report = session.knowledge_graph().load_rdf_file(path, format)?;
    writeln!(
        session.messages(screen),
        "loaded {}: {} statement{} into <{}>",
        path.display(),
        report.quads,
        if report.quads == 1 { "" } else { "s" },
        report.graph
    )?;
    session.names_changed();
    Ok(())
}

pub(super) fn export(
    session: &mut Session<'_>,
    format: GraphFormat,
    file: &Path,
    public: bool,
    screen: &mut dyn Write,
) -> Result<(), ReplError> {
    let options = ExportOptions {
        format,
        graph: None,
        public,
        expanded: false,
    };
    let kg = session.knowledge_graph();
    let count = write_atomically(file, |w| Ok(kg.export(&options, w)?))?;
    let note = if public {
        " (public: personal data left out)"
    } else {
        ""
    };
    writeln!(
        session.messages(screen),
        "exported {count} statements to {}{note}",
        file.display()
    )?;
    Ok(())
}

/// `.output FILE` sends results to a file; `.output` alone, back to the screen.
pub(super) fn output(
    session: &mut Session<'_>,
    file: Option<PathBuf>,
    screen: &mut dyn Write,
) -> Result<(), ReplError> {
    match file {
        None => {
            if let Some((path, mut file)) = session.output.take() {
                file.flush()?;
                writeln!(
                    session.messages(screen),
                    "results go to the screen again ({} written)",
                    path.display()
                )?;
            }
        }
        Some(path) => {
            let file = File::create(&path)
                .and_then(|f| crate::files::give_user_mode(&f).map(|()| f))
                .map_err(|e| ReplError::Command(format!("{}: {e}", path.display())))?;
            writeln!(session.messages(screen), "results go to {}", path.display())?;
            session.output = Some((path, BufWriter::new(file)));
        }
    }
    Ok(())
}
