//! Syntax errors in plain words. The parser reports the furthest token it expected ("expected
//! CONSTRUCT" for `SELEC`, "expected [_]" for nothing at all); the common mistakes behind such
//! messages are recognised from the statement itself and named, with what to do about them. The
//! position and caret stay the parser's.

/// What the text was parsed as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expecting {
    Query,
    Update,
}

const QUERY_FORMS: [&str; 4] = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"];
const UPDATE_FORMS: [&str; 10] = [
    "INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH",
];

/// A better message for a syntax error, or the parser's own when no common mistake explains it.
pub(crate) fn explain(
    parser_says: String,
    text: &str,
    declared: &Declared<'_>,
    expecting: Expecting,
) -> String {
    // The parser reports an undeclared prefix as whatever token it wanted next.
    if let Some(message) = unknown_prefix(text, declared) {
        return message;
    }
    if parser_says.contains("variable that is unbound") {
        return unbound_beside_aggregate(text).unwrap_or(parser_says);
    }
    let Some(word) = first_word(text) else {
        return match expecting {
            Expecting::Query => "the query is empty: expected SELECT, ASK, CONSTRUCT or DESCRIBE",
            Expecting::Update => "the update is empty: expected INSERT, DELETE, LOAD, CLEAR…",
        }
        .to_owned();
    };
    let upper = word.to_ascii_uppercase();
    let is_query = QUERY_FORMS.contains(&upper.as_str());
    let is_update = UPDATE_FORMS.contains(&upper.as_str());
    match expecting {
        Expecting::Query if is_update => {
            return format!(
                "this is an update ({upper}), not a query: run it with `smarty-kg update` (the \
                 shell runs both)"
            );
        }
        Expecting::Update if is_query => {
            return format!(
                "this is a query ({upper}), not an update: run it with `smarty-kg query`"
            );
        }
        _ if is_query || is_update => return parser_says,
        _ => {}
    }
    let forms = match expecting {
        Expecting::Query => &QUERY_FORMS[..],
        Expecting::Update => &UPDATE_FORMS[..],
    };
    match closest(&upper, forms) {
        Some(keyword) => format!("unknown keyword '{word}': did you mean {keyword}?"),
        None => format!(
            "'{word}' does not start a statement: expected {}",
            forms.join(", ")
        ),
    }
}

/// An aggregate selected beside a plain variable without GROUP BY: the parser only says that a
/// selected variable is unbound.
fn unbound_beside_aggregate(text: &str) -> Option<String> {
    let upper = text.to_ascii_uppercase();
    let aggregate = [
        "COUNT(",
        "SUM(",
        "AVG(",
        "MIN(",
        "MAX(",
        "SAMPLE(",
        "GROUP_CONCAT(",
    ]
    .iter()
    .any(|a| upper.replace(' ', "").contains(a));
    (aggregate && !upper.contains("GROUP BY")).then(|| {
        "a variable is selected beside an aggregate (COUNT, SUM…) without GROUP BY: group by it \
         (GROUP BY ?var) or leave it out of SELECT"
            .to_owned()
    })
}

/// The first word after the prologue (PREFIX and BASE declarations) and comments.
fn first_word(text: &str) -> Option<&str> {
    let mut tokens = text
        .lines()
        .map(|l| l.split('#').next().unwrap_or_default())
        .flat_map(str::split_whitespace);
    loop {
        let token = tokens.next()?;
        match token.to_ascii_uppercase().as_str() {
            "PREFIX" => {
                // `PREFIX ex: <iri>`, or `PREFIX ex:<iri>` as one token.
                let name = tokens.next()?;
                if !name.contains('<') {
                    tokens.next()?;
                }
            }
            "BASE" => {
                tokens.next()?;
            }
            _ => {
                let end = token
                    .find(|c: char| !c.is_alphanumeric())
                    .unwrap_or(token.len());
                return Some(&token[..end])
                    .filter(|w| !w.is_empty())
                    .or(Some(token));
            }
        }
    }
}

/// A keyword within two edits of `word`, the nearest first.
fn closest(word: &str, keywords: &[&'static str]) -> Option<&'static str> {
    keywords
        .iter()
        .map(|k| (strsim::levenshtein(word, k), *k))
        .filter(|(d, k)| *d <= 2 && *d < k.len() / 2 + 1)
        .min()
        .map(|(_, k)| k)
}

/// The prefixes a statement may use without declaring them.
pub(crate) struct Declared<'a> {
    /// The session's.
    pub session: &'a [(String, String)],
    /// Whether the common prefixes are predeclared (not in strict mode).
    pub predeclared: bool,
}

/// "unknown prefix 'ex:'" for the first prefixed name whose prefix is neither predeclared, nor
/// declared in the text, nor declared by the session.
fn unknown_prefix(text: &str, declared: &Declared<'_>) -> Option<String> {
    let code: String = text
        .lines()
        .map(|l| l.split('#').next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    let words: Vec<&str> = code
        .split(|c: char| c.is_whitespace() || "{}(),;^".contains(c))
        .collect();
    let in_text: Vec<&str> = words
        .windows(2)
        .filter(|w| w[0].eq_ignore_ascii_case("PREFIX"))
        .filter_map(|w| w[1].split(':').next())
        .collect();
    let known = |p: &str| {
        (declared.predeclared && smarty_rdf::vocab::namespace(p).is_some())
            || in_text.contains(&p)
            || declared.session.iter().any(|(d, _)| d == p)
    };
    let prefix = words.iter().find_map(|w| {
        let (prefix, rest) = w.split_once(':')?;
        let plain = prefix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.');
        let is_name = plain
            && !prefix.is_empty()
            && prefix != "_"
            && prefix
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
            && !rest.starts_with("//");
        (is_name && !known(prefix)).then_some(prefix)
    })?;
    if !declared.predeclared {
        return Some(format!(
            "unknown prefix '{prefix}:': declare it (PREFIX {prefix}: <…>); none are predeclared \
             in strict mode"
        ));
    }
    let predeclared: Vec<&str> = smarty_rdf::vocab::PREFIXES
        .iter()
        .map(|(p, _)| *p)
        .collect();
    Some(format!(
        "unknown prefix '{prefix}:': declare it (PREFIX {prefix}: <…>) or use one of the \
         predeclared ones: {}",
        predeclared.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expecting: Expecting, parser_says: &str, expect: &str) {
        let declared = Declared {
            session: &[],
            predeclared: true,
        };
        let got = explain(parser_says.to_owned(), text, &declared, expecting);
        assert!(got.contains(expect), "{text:?}: {got}");
    }

    #[test]
    fn common_mistakes_in_plain_words() {
        let q = Expecting::Query;
        check(
            "SELEC * { ?s ?p ?o }",
            q,
            "expected CONSTRUCT",
            "did you mean SELECT?",
        );
        check(
            "PREFIX ex: <http://e/>\nCONSTRCT {} {}",
            q,
            "x",
            "did you mean CONSTRUCT?",
        );
        check("", q, "expected [_]", "the query is empty");
        check("# only a comment", q, "expected [_]", "the query is empty");
        check(
            "INSERT DATA { <a> <b> <c> }",
            q,
            "expected VERSION",
            "smarty-kg update",
        );
        check("SELECT * {}", Expecting::Update, "x", "smarty-kg query");
        check("FOO BAR", q, "x", "'FOO' does not start a statement");
        check("SELECT * { ?s ?p }", q, "expected ?", "expected ?");
        let unbound = "The SELECT contains a variable that is unbound";
        check(
            "SELECT (COUNT(?s) AS ?n) ?p { ?s ?p ?o }",
            q,
            unbound,
            "without GROUP BY",
        );
        check("SELECT ?x { BIND(1 AS ?y) }", q, unbound, unbound);
    }

    #[test]
    fn unknown_prefixes_are_named() {
        let says = |text: &str, session: &[(String, String)]| {
            let declared = Declared {
                session,
                predeclared: true,
            };
            explain(
                "expected OPTIONAL".into(),
                text,
                &declared,
                Expecting::Query,
            )
        };
        let got = says("SELECT * { ?s ex:p ?o }", &[]);
        assert!(got.starts_with("unknown prefix 'ex:'"), "{got}");
        assert!(got.contains("schema"), "{got}");
        let fine = "expected OPTIONAL";
        assert_eq!(
            says("PREFIX ex: <http://e/> SELECT * { ?s ex:p ?o", &[]),
            fine
        );
        assert_eq!(
            says("SELECT * { ?s schema:name \"a:b\" . ?s ?p <http://x> ", &[]),
            fine
        );
        let session = [("ex".to_owned(), "http://e/".to_owned())];
        assert_eq!(says("SELECT * { ?s ex:p ?o", &session), fine);
        assert_eq!(says("SELECT * { _:b ?p ?o", &[]), fine);
        let strict = Declared {
            session: &[],
            predeclared: false,
        };
        let got = explain(
            "Prefix not found".into(),
            "SELECT * { ?s schema:name ?o }",
            &strict,
            Expecting::Query,
        );
        assert!(got.starts_with("unknown prefix 'schema:'"), "{got}");
        assert!(got.contains("none are predeclared"), "{got}");
    }
}
