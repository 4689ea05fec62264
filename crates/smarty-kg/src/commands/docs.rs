//! `smarty-kg completions SHELL` and `smarty-kg man`: generated from the one definition of the
//! command line in `cli.rs`, so they cannot drift from `--help`.

use std::io::Write;

use anyhow::Context;
use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::exit::Status;

pub fn completions(args: &CompletionsArgs) -> anyhow::Result<Status> {
    let mut command = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut command, "smarty-kg", &mut out);
    out.flush()?;
    Ok(Status::Success)
}

pub fn man(args: &ManArgs) -> anyhow::Result<Status> {
    let command = Cli::command();
    match &args.dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            clap_mangen::generate_to(command, dir)
                .with_context(|| format!("cannot write the pages into {}", dir.display()))?;
            eprintln!("wrote the manual pages into {}", dir.display());
        }
        None => {
            let mut out = std::io::stdout().lock();
            clap_mangen::Man::new(command).render(&mut out)?;
            out.flush()?;
        }
    }
    Ok(Status::Success)
}
