//! Credentials for a remote endpoint, read from a file or an environment variable so that they
//! never appear on a command line (where shell history and `ps` would show them).

use std::path::Path;

use base64::Engine;

use crate::RemoteError;

/// How requests authenticate.
#[derive(Clone, PartialEq, Eq)]
pub enum Auth {
    /// `Authorization: Bearer TOKEN`.
    Bearer(String),
    /// `Authorization: Basic …` of `user:password`.
    Basic { user: String, password: String },
}

// Never print a secret, not even in a debug dump.
impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Auth::Bearer(_) => f.write_str("Bearer(…)"),
            Auth::Basic { user, .. } => write!(f, "Basic({user}:…)"),
        }
    }
}

impl Auth {
    /// Reads `bearer TOKEN` or `basic USER:PASSWORD` (the first non-empty line; the scheme's
    /// case does not matter). `origin` names where the text came from, for the error.
    pub fn parse(text: &str, origin: &str) -> Result<Auth, RemoteError> {
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .unwrap_or_default();
        let bad = |why: &str| RemoteError::Auth {
            origin: origin.to_owned(),
            message: format!("{why}; expected 'bearer TOKEN' or 'basic USER:PASSWORD'"),
        };
        let (scheme, rest) = line
            .split_once(char::is_whitespace)
            .ok_or_else(|| bad("no credentials found"))?;
        let rest = rest.trim();
        match scheme.to_ascii_lowercase().as_str() {
            "bearer" if !rest.is_empty() => Ok(Auth::Bearer(rest.to_owned())),
            "basic" => {
                let (user, password) = rest
                    .split_once(':')
                    .ok_or_else(|| bad("basic credentials without ':'"))?;
                Ok(Auth::Basic {
                    user: user.to_owned(),
                    password: password.to_owned(),
                })
            }
            _ => Err(bad(&format!("unknown scheme '{scheme}'"))),
        }
    }

    /// Reads the credentials from a file.
    pub fn from_file(path: &Path) -> Result<Auth, RemoteError> {
        let text = std::fs::read_to_string(path).map_err(|e| RemoteError::Auth {
            origin: path.display().to_string(),
            message: e.to_string(),
        })?;
        Auth::parse(&text, &path.display().to_string())
    }

    /// The value of the `Authorization` header.
    pub(crate) fn header(&self) -> String {
        match self {
            Auth::Bearer(token) => format!("Bearer {token}"),
            Auth::Basic { user, password } => format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Auth;

    fn check(text: &str, expect: Result<&str, &str>) {
        let got = Auth::parse(text, "test").map(|a| a.header());
        match (got, expect) {
            (Ok(h), Ok(e)) => assert_eq!(h, e),
            (Err(err), Err(e)) => assert!(err.to_string().contains(e), "{err}"),
            (got, expect) => panic!("{text:?}: got {got:?}, expected {expect:?}"),
        }
    }

    #[test]
    fn credentials_are_read_from_their_one_line_form() {
        check("bearer abc\n", Ok("Bearer abc"));
        check("# token\n\n  Bearer  abc  \n", Ok("Bearer abc"));
        check("basic dba:dba", Ok("Basic ZGJhOmRiYQ=="));
        check("basic user:pa:ss", Ok("Basic dXNlcjpwYTpzcw=="));
        check("basic dba", Err("without ':'"));
        check("token abc", Err("unknown scheme 'token'"));
        check("", Err("no credentials found"));
    }

    #[test]
    fn a_secret_is_never_in_a_debug_dump() {
        let auth = Auth::parse("basic me:secret", "test").expect("parses");
        assert!(!format!("{auth:?}").contains("secret"));
    }
}
