//! Commands that look at the store or the session: `.describe`, `.why`, `.stats`, `.explain`,
//! `.prefixes`, `.prefix`.

use std::io::Write;

use smarty_store::{Canceller, NamedNode, QueryOptions, QueryOutcome, Term};

use crate::error::ReplError;
use crate::render;
use crate::session::Session;

pub(super) fn describe(
    session: &mut Session<'_>,
    target: &str,
    screen: &mut dyn Write,
) -> Result<(), ReplError> {
    let iri = session.resolve(target)?;
    let subject = vec![("s".to_owned(), Term::NamedNode(iri.clone()))];
    writeln!(screen, "{}", render::term(&Term::NamedNode(iri)))?;
    let outgoing =
        "SELECT ?property ?value WHERE { ?s ?property ?value } ORDER BY ?property ?value";
    session.statement(outgoing, &subject, screen)?;
    let any = QueryOptions {
        parameters: subject.clone(),
        ..QueryOptions::default()
    };
    let referred = session.knowledge_graph().query("ASK { ?x ?y ?s }", &any)?;
    if matches!(referred, QueryOutcome::Boolean(true)) {
        writeln!(screen, "referred to by:")?;
        let incoming =
            "SELECT ?subject ?property WHERE { ?subject ?property ?s } ORDER BY ?property ?subject";
        session.statement(incoming, &subject, screen)?;
    }
    Ok(())
}

pub(super) fn why(
    session: &Session<'_>,
    target: &str,
    screen: &mut dyn Write,
) -> Result<(), ReplError> {
    let iri = session.resolve(target)?;
    crate::sources::why(
        session.knowledge_graph(),
        &iri,
        session.session_prefixes(),
        screen,
    )
}

pub(super) fn stats(session: &Session<'_>, screen: &mut dyn Write) -> Result<(), ReplError> {
    let stats = match session.remote() {
        Some(remote) => smarty_store::stats_of(remote, &smarty_store::QueryOptions::default())?,
        None => session.knowledge_graph().stats()?,
    };
    write!(screen, "{}", render::stats(&stats))?;
    Ok(())
}

pub(super) fn explain(
    session: &Session<'_>,
    query: &str,
    screen: &mut dyn Write,
) -> Result<(), ReplError> {
    let canceller = Canceller::new();
    let plan = session
        .knowledge_graph()
        .explain(query, &session.options(&canceller, Vec::new()))
        .map_err(|e| ReplError::from_store(e, query))?;
    writeln!(screen, "{}", render::plan(&plan))?;
    Ok(())
}

pub(super) fn prefixes(session: &Session<'_>, screen: &mut dyn Write) -> Result<(), ReplError> {
    for (p, ns) in smarty_rdf::vocab::PREFIXES {
        writeln!(screen, "PREFIX {:<14} <{ns}>", format!("{p}:"))?;
    }
    for (p, ns) in session.session_prefixes() {
        writeln!(
            screen,
            "PREFIX {:<14} <{ns}>   # this session",
            format!("{p}:")
        )?;
    }
    Ok(())
}

pub(super) fn prefix(
    session: &mut Session<'_>,
    name: String,
    iri: String,
    screen: &mut dyn Write,
) -> Result<(), ReplError> {
    NamedNode::new(&iri).map_err(|e| ReplError::Command(format!("<{iri}>: {e}")))?;
    writeln!(screen, "PREFIX {name}: <{iri}>")?;
    session.declare_prefix(name, iri);
    Ok(())
}
