//! What each dot-command does. Parsing and help live in [`crate::command`]; here every command
//! has its own function, and [`DotCommand::execute`] only dispatches.

mod data;
mod inspect;
mod library;

use std::io::Write;

use crate::command::{DotCommand, help};
use crate::error::ReplError;
use crate::render::TableLayout;
use crate::session::{Flow, Session};

impl DotCommand {
    /// Runs the command in `session`; messages go to `screen`.
    pub fn execute(
        self,
        session: &mut Session<'_>,
        screen: &mut dyn Write,
    ) -> Result<Flow, ReplError> {
        if session.remote().is_some() && self.local_only() {
            return Err(ReplError::Command(
                "this shell reads a remote endpoint: ingest, load, export, describe, why and explain work on the local store (start the shell without --endpoint)".into(),
            ));
        }
        match self {
            DotCommand::Quit => return Ok(Flow::Quit),
            DotCommand::Help(topic) => write!(
                screen,
                "{}",
                help(topic.as_deref()).map_err(ReplError::Command)?
            )?,
            DotCommand::Prefixes => inspect::prefixes(session, screen)?,
            DotCommand::Prefix { name, iri } => inspect::prefix(session, name, iri, screen)?,
            DotCommand::Queries => library::list(session, screen)?,
            DotCommand::Run { name, params } => library::run(session, &name, params, screen)?,
            DotCommand::Describe(target) => inspect::describe(session, &target, screen)?,
            DotCommand::Why(target) => inspect::why(session, &target, screen)?,
            DotCommand::Stats => inspect::stats(session, screen)?,
            DotCommand::Explain(query) => inspect::explain(session, &query, screen)?,
            DotCommand::Timer(on) => session.settings.timer = on,
            DotCommand::Format(f) => session.settings.format = f,
            DotCommand::MaxRows(n) => session.settings.max_rows = n,
            DotCommand::Width(w) => session.settings.width = w,
            DotCommand::Output(file) => data::output(session, file, screen)?,
            DotCommand::Ingest(path) => data::ingest(session, &path, screen)?,
            DotCommand::Load(path) => data::load(session, &path, screen)?,
            DotCommand::Export {
                format,
                file,
                public,
            } => data::export(session, format, &file, public, screen)?,
            DotCommand::Graph { kind, format, file } => {
                let mut notes = Vec::new();
                crate::networks::graph(
                    session.source(),
                    &kind,
                    format.as_deref(),
                    file.as_deref(),
                    screen,
                    &mut notes,
                )?;
                session.messages(screen).write_all(&notes)?;
            }
            DotCommand::Contacts { min_practices } => {
                let layout = TableLayout {
                    width: session.settings.width,
                    ..TableLayout::default()
                };
                let min = min_practices.unwrap_or(smarty_network::DEFAULT_MIN_PRACTICES);
                crate::networks::contacts(session.source(), min, layout, screen)?;
            }
        }
        Ok(Flow::Continue)
    }
}
