//! `smarty-kg synth --practices N`: a synthetic guide (see `smarty-synth`).

use std::io::Write;

use anyhow::Context;
use smarty_reference::Reference;

use crate::cli::SynthArgs;
use crate::exit::Status;

pub fn run(args: &SynthArgs) -> anyhow::Result<Status> {
    let reference = Reference::bundled().context("bundled reference data")?;
    let practices = usize::try_from(args.practices).context("--practices is too large")?;
    let guide = smarty_synth::generate(practices, args.seed, &reference);
    match &args.output {
        Some(path) => {
            smarty_repl::write_atomically(path, |w| Ok(w.write_all(guide.text.as_bytes())?))?
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(guide.text.as_bytes())?;
            out.flush()?;
        }
    }
    eprintln!(
        "{} practices in {} themes, {} contact persons ({} behind more than one practice)",
        guide.expected.practices,
        guide.expected.themes,
        guide.expected.persons,
        guide.expected.shared_contacts.len()
    );
    Ok(Status::Success)
}
