//! The library of named queries (`queries/*.rq`).
//!
//! Each file starts with a header of `# key: value` comment lines:
//!
//! ```text
//! # title: Practices by theme
//! # description: Every practice with its theme, by theme number and title.
//! # param: theme  A theme's IRI or notation ("2"); optional, all themes without it
//! ```
//!
//! Parameters are bound as RDF terms (see `QueryOptions::parameters`); the query text is never
//! edited. The library is compiled into the binary; `QueryLibrary::with_dir` adds or overrides
//! queries from a directory of the user's.

use std::path::Path;

use oxigraph::model::{Literal, NamedNode, Term};

use crate::StoreError;

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/queries.rs"));
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryParameter {
    pub name: String,
    pub description: String,
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedQuery {
    pub name: String,
    pub title: String,
    pub description: String,
    pub parameters: Vec<QueryParameter>,
    pub text: String,
}

impl NamedQuery {
    pub fn parse(name: &str, text: &str) -> NamedQuery {
        let mut q = NamedQuery {
            name: name.to_owned(),
            title: name.to_owned(),
            description: String::new(),
            parameters: Vec::new(),
            text: text.to_owned(),
        };
        for line in text.lines() {
            let Some(comment) = line.trim().strip_prefix('#') else {
                if line.trim().is_empty() {
                    continue;
                }
                break;
            };
            let Some((key, value)) = comment.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match key.trim() {
                "title" => q.title = value.to_owned(),
                "description" => {
                    if !q.description.is_empty() {
                        q.description.push(' ');
                    }
                    q.description.push_str(value);
                }
                "param" => {
                    let (name, description) =
                        value.split_once(char::is_whitespace).unwrap_or((value, ""));
                    q.parameters.push(QueryParameter {
                        name: name.trim_start_matches(['?', '$']).to_owned(),
                        description: description.trim().to_owned(),
                        optional: description.contains("optional"),
                    });
                }
                _ => {}
            }
        }
        q
    }
}

#[derive(Debug, Clone)]
pub struct QueryLibrary {
    queries: Vec<NamedQuery>,
}

impl QueryLibrary {
    /// The queries compiled into the binary.
    pub fn bundled() -> QueryLibrary {
        QueryLibrary {
            queries: bundled::BUNDLED
                .iter()
                .map(|(name, text)| NamedQuery::parse(name, text))
                .collect(),
        }
    }

    /// Adds the `.rq` files of `dir`, replacing bundled queries of the same name.
    pub fn with_dir(mut self, dir: &Path) -> Result<QueryLibrary, StoreError> {
        let entries = std::fs::read_dir(dir).map_err(|e| StoreError::File {
            path: dir.to_owned(),
            position: None,
            message: format!("cannot read the query directory: {e}"),
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "rq") {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| StoreError::File {
                path: path.clone(),
                position: None,
                message: e.to_string(),
            })?;
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            self.queries.retain(|q| q.name != name);
            self.queries.push(NamedQuery::parse(&name, &text));
        }
        self.queries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(self)
    }

    pub fn get(&self, name: &str) -> Option<&NamedQuery> {
        self.queries.iter().find(|q| q.name == name)
    }

    pub fn iter(&self) -> impl Iterator<Item = &NamedQuery> {
        self.queries.iter()
    }
}

/// Reads a parameter value typed by a user: `<iri>`, `prefix:local`, `"text"`, `"text"@en`,
/// a number, `true`/`false`, or bare text (a plain literal).
pub fn parse_term(text: &str) -> Result<Term, StoreError> {
    let t = text.trim();
    let bad = |why: &str| StoreError::Evaluation(format!("parameter value {t:?}: {why}"));
    if let Some(iri) = t.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
        return NamedNode::new(iri)
            .map(Term::from)
            .map_err(|e| bad(&e.to_string()));
    }
    if let Some(rest) = t.strip_prefix('"') {
        let (value, suffix) = rest
            .rsplit_once('"')
            .ok_or_else(|| bad("unterminated string"))?;
        if let Some(lang) = suffix.strip_prefix('@') {
            return Literal::new_language_tagged_literal(value, lang)
                .map(Term::from)
                .map_err(|e| bad(&e.to_string()));
        }
        if let Some(dt) = suffix.strip_prefix("^^") {
            let dt = parse_term(dt)?;
            let Term::NamedNode(dt) = dt else {
                return Err(bad("the datatype must be an IRI"));
            };
            return Ok(Literal::new_typed_literal(value, dt).into());
        }
        return Ok(Literal::new_simple_literal(value).into());
    }
    if let Some((prefix, local)) = t.split_once(':')
        && let Some(ns) = smarty_rdf::vocab::namespace(prefix)
    {
        return NamedNode::new(format!("{ns}{local}"))
            .map(Term::from)
            .map_err(|e| bad(&e.to_string()));
    }
    if t.starts_with("http://") || t.starts_with("https://") {
        return NamedNode::new(t)
            .map(Term::from)
            .map_err(|e| bad(&e.to_string()));
    }
    if let Ok(i) = t.parse::<i64>() {
        return Ok(Literal::from(i).into());
    }
    if t == "true" || t == "false" {
        return Ok(Literal::from(t == "true").into());
    }
    Ok(Literal::new_simple_literal(t).into())
}
