//! Named-query parameters, bound the same way for the shell's `.run NAME PARAM=VALUE` and the
//! command line's `query --name NAME -p PARAM=VALUE`: the store checks the names, the required
//! ones and each value's kind ([`NamedQuery::bind`]); a name given where an IRI is expected
//! (`theme=2`, `fund=ERDF`, `practice="Access Innovation"`) is resolved here against the names in
//! the store, things of the kind the parameter is named after first.

use std::rc::Rc;

use smarty_store::{NamedNode, NamedQuery, StoreError, Term};

use crate::error::ReplError;
use crate::names::{NameKind, Names};

/// Binds `NAME=VALUE` pairs to `query`'s parameters. `prefixes` are declared on top of the
/// predeclared ones; `names` gives the store's names, asked for only when a value is a name.
pub fn bind(
    query: &NamedQuery,
    given: &[(String, String)],
    prefixes: &[(String, String)],
    names: &dyn Fn() -> Result<Rc<Names>, ReplError>,
) -> Result<Vec<(String, Term)>, ReplError> {
    let mut resolve = |param: &smarty_store::Parameter, name: &str| -> Result<NamedNode, String> {
        let names = names().map_err(|e| e.to_string())?;
        names
            .resolve_as(name, NameKind::named(&param.name))
            .map(|thing| thing.iri.clone())
    };
    query
        .bind(given, prefixes, &mut resolve)
        .map_err(|e| ReplError::Store(StoreError::Parameter(e)))
}
