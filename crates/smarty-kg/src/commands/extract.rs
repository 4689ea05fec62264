//! `smarty-kg extract FILE`: every record of a guide as JSON (or a table), diagnostics on stderr.

use std::io::Write;

use anyhow::Context;
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use serde::Serialize;
use sha2::{Digest, Sha256};
use smarty_extract::Extraction;
use smarty_reference::{Reference, ResolvedGuide};

use crate::cli::{ExtractArgs, ExtractFormat};
use crate::exit::Status;
use crate::input::{InputError, read_guide};

#[derive(Serialize)]
struct Output<'a> {
    file: String,
    sha256: String,
    extraction: &'a Extraction,
    resolution: &'a ResolvedGuide,
}

pub fn run(args: &ExtractArgs) -> anyhow::Result<Status> {
    let guide = read_guide(&args.file)?;
    let started = std::time::Instant::now();
    let extraction = smarty_extract::extract(&guide.text);
    crate::timings::record("extract", started.elapsed());
    let reference = Reference::bundled().context("bundled reference data")?;
    let resolution = smarty_reference::resolve(&extraction, &reference);

    let shown = args.file.display().to_string();
    let mut stderr = std::io::stderr().lock();
    let quiet = matches!(args.format, ExtractFormat::Summary | ExtractFormat::Text);
    for d in extraction.diagnostics.iter().filter(|_| !quiet) {
        writeln!(stderr, "{}", guide.diagnostic(&shown, d))?;
    }
    for n in resolution.notes.iter().filter(|_| !quiet) {
        let what = format_args!("note[unresolved]: {}", n.message);
        writeln!(stderr, "{}", guide.located(&shown, n.line, what))?;
    }
    drop(stderr);

    let mut stdout = std::io::stdout().lock();
    match args.format {
        ExtractFormat::Json => {
            let output = Output {
                file: shown.clone(),
                sha256: hex(&Sha256::digest(guide.bytes())),
                extraction: &extraction,
                resolution: &resolution,
            };
            serde_json::to_writer_pretty(&mut stdout, &output)?;
            writeln!(stdout)?;
        }
        ExtractFormat::Table => writeln!(stdout, "{}", table(&extraction, &resolution))?,
        ExtractFormat::Text => writeln!(stdout, "{}", guide.text.trim_end_matches('\n'))?,
        ExtractFormat::Summary => {
            let warnings = extraction
                .diagnostics
                .iter()
                .filter(|d| d.severity == smarty_extract::Severity::Warning)
                .count();
            writeln!(
                stdout,
                "{shown}: {} practices, {} themes, {} persons, {} organisations, {} partners; {} diagnostics ({warnings} warnings), {} notes",
                extraction.practices.len(),
                extraction.themes.len(),
                resolution.persons.len(),
                resolution.organisations.len(),
                resolution.partners.len(),
                extraction.diagnostics.len(),
                resolution.notes.len()
            )?;
        }
    }
    if extraction.practices.is_empty() {
        return Err(InputError::NoPractices {
            path: args.file.clone(),
        }
        .into());
    }
    Ok(Status::Success)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn table(x: &Extraction, r: &ResolvedGuide) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header([
            "#",
            "theme",
            "practice",
            "main institution",
            "location",
            "contact",
            "dates",
            "amounts",
        ]);
    if let Some(width) = super::piped_width() {
        t.set_width(width);
    }
    for (p, rp) in x.practices.iter().zip(&r.practices) {
        let location = match (&p.location, &rp.location) {
            (Some(l), Some(res)) => format!("{} [{}]", l.value, res.nuts.join(" ")),
            (Some(l), None) => l.value.clone(),
            _ => String::new(),
        };
        let period = p.period.as_ref().map_or(String::new(), |d| {
            let start = d.start.map(|s| s.to_string()).unwrap_or_default();
            let end = match (d.end, d.ongoing) {
                (Some(e), _) => e.to_string(),
                (None, true) => "ongoing".into(),
                (None, false) => String::new(),
            };
            format!("{start}–{end}")
        });
        t.add_row([
            p.number.to_string(),
            p.theme.map(|t| t.to_string()).unwrap_or_default(),
            p.title.value.clone(),
            p.main_institutions
                .iter()
                .map(|i| i.value.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            location,
            p.contacts
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            period,
            p.amounts
                .iter()
                .map(|a| a.text.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        ]);
    }
    t
}
