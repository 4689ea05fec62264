//! The header of a named query: `# key: value` comment lines before the query text.
//!
//! Std-only on purpose: `build.rs` includes this file to check every bundled header at build time,
//! so a malformed `# param:` line fails the build, naming its file and line.

/// What a parameter's value must be; decides how a typed value becomes an RDF term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamKind {
    /// An IRI: `<…>`, `prefix:local`, or a name resolved to one.
    Iri,
    /// A plain string literal.
    String,
    /// An `xsd:integer`.
    Integer,
    /// An `xsd:decimal`.
    Decimal,
    /// An `xsd:date` (`2019-07-31`).
    Date,
    /// Any RDF term, read from its syntax.
    Term,
}

impl ParamKind {
    pub const ALL: [ParamKind; 6] = [
        ParamKind::Iri,
        ParamKind::String,
        ParamKind::Integer,
        ParamKind::Decimal,
        ParamKind::Date,
        ParamKind::Term,
    ];

    /// The word for the kind in a header.
    pub fn name(self) -> &'static str {
        match self {
            ParamKind::Iri => "iri",
            ParamKind::String => "string",
            ParamKind::Integer => "integer",
            ParamKind::Decimal => "decimal",
            ParamKind::Date => "date",
            ParamKind::Term => "term",
        }
    }

    pub fn from_name(name: &str) -> Option<ParamKind> {
        ParamKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A declared parameter of a named query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    /// The variable's name, without `?`.
    pub name: String,
    pub kind: ParamKind,
    /// Whether the query runs without it (an unbound variable usually meaning "all").
    pub optional: bool,
    pub description: String,
}

/// The header fields of a named query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub title: Option<String>,
    /// The `# description:` lines joined by spaces.
    pub description: String,
    pub parameters: Vec<Parameter>,
}

/// A malformed header line; `line` is 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderError {
    pub line: usize,
    pub message: String,
}

/// Reads the header: the comment lines before the first line of query text.
pub fn parse_header(text: &str) -> Result<Header, HeaderError> {
    let mut header = Header::default();
    for (index, line) in text.lines().enumerate() {
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
            "title" => header.title = Some(value.to_owned()),
            "description" => {
                if !header.description.is_empty() {
                    header.description.push(' ');
                }
                header.description.push_str(value);
            }
            "param" => {
                let parameter = parse_param(value).map_err(|message| HeaderError {
                    line: index + 1,
                    message,
                })?;
                if header.parameters.iter().any(|p| p.name == parameter.name) {
                    return Err(HeaderError {
                        line: index + 1,
                        message: format!("parameter {} declared twice", parameter.name),
                    });
                }
                header.parameters.push(parameter);
            }
            _ => {}
        }
    }
    Ok(header)
}

/// The first word of `rest`, which keeps what follows it.
fn next_word<'a>(rest: &mut &'a str) -> Option<&'a str> {
    let trimmed = rest.trim_start();
    let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
    let (word, after) = trimmed.split_at(end);
    *rest = after;
    (!word.is_empty()).then_some(word)
}

/// `NAME KIND optional|required DESCRIPTION`, words separated by white space.
fn parse_param(value: &str) -> Result<Parameter, String> {
    const GRAMMAR: &str = "expected '# param: NAME KIND optional|required DESCRIPTION'";
    let mut rest = value;
    let mut word = || next_word(&mut rest);
    let name = word().ok_or_else(|| format!("no parameter name; {GRAMMAR}"))?;
    let name = name.trim_start_matches(['?', '$']);
    let valid_name = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if name.is_empty() || !valid_name {
        return Err(format!("{name:?} is not a variable name; {GRAMMAR}"));
    }
    let kinds = ParamKind::ALL.map(ParamKind::name).join(", ");
    let kind = word().ok_or_else(|| format!("no kind for {name}; {GRAMMAR}"))?;
    let kind = ParamKind::from_name(kind)
        .ok_or_else(|| format!("unknown kind {kind:?} for {name} (kinds: {kinds})"))?;
    let optional = match word() {
        Some("optional") => true,
        Some("required") => false,
        other => {
            return Err(format!(
                "{name}: expected optional or required, found {:?}",
                other.unwrap_or("")
            ));
        }
    };
    let description = rest.trim();
    if description.is_empty() {
        return Err(format!("no description for {name}; {GRAMMAR}"));
    }
    Ok(Parameter {
        name: name.to_owned(),
        kind,
        optional,
        description: description.to_owned(),
    })
}
