//! `.queries` and `.run`: the named query library.

use std::io::Write;

use crate::error::ReplError;
use crate::session::Session;

pub(super) fn list(session: &Session<'_>, screen: &mut dyn Write) -> Result<(), ReplError> {
    let library = session.library();
    for q in library.iter() {
        let params: Vec<String> = q
            .parameters
            .iter()
            .map(|p| {
                if p.optional {
                    format!("[{}=…]", p.name)
                } else {
                    format!("{}=…", p.name)
                }
            })
            .collect();
        writeln!(screen, "{} {}", q.name, params.join(" "))?;
        writeln!(screen, "    {}", q.title)?;
    }
    writeln!(
        screen,
        "({} named queries; .run NAME to run one)",
        library.iter().count()
    )?;
    Ok(())
}

pub(super) fn run(
    session: &mut Session<'_>,
    name: &str,
    params: Vec<(String, String)>,
    screen: &mut dyn Write,
) -> Result<(), ReplError> {
    let query = session
        .library()
        .get(name)
        .ok_or_else(|| ReplError::Command(format!("no named query '{name}'; .queries lists them")))?
        .clone();
    let bound = crate::params::bind(&query, &params, session.session_prefixes(), &|| {
        session.names()
    })?;
    session.statement(&query.text, &bound, screen)
}
