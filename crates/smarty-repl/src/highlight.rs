//! Colours for SPARQL as it is typed: keywords, variables, IRIs and prefixed names, literals,
//! comments. ANSI escapes only; the text's width never changes.

use crate::complete::KEYWORDS;

const KEYWORD: &str = "\x1b[1;34m";
const VARIABLE: &str = "\x1b[36m";
const IRI: &str = "\x1b[32m";
const LITERAL: &str = "\x1b[33m";
const COMMENT: &str = "\x1b[2m";
const COMMAND: &str = "\x1b[1;35m";
const RESET: &str = "\x1b[0m";

fn paint(out: &mut String, colour: &str, text: &str) {
    out.push_str(colour);
    out.push_str(text);
    out.push_str(RESET);
}

/// The line with colours.
pub fn highlight(line: &str) -> String {
    if line.trim_start().starts_with('.') {
        let end = line.find(char::is_whitespace).unwrap_or(line.len());
        let mut out = String::new();
        paint(&mut out, COMMAND, &line[..end]);
        out.push_str(&line[end..]);
        return out;
    }
    let mut out = String::with_capacity(line.len() + 32);
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut i = 0;
    let end_of = |k: usize| chars.get(k).map_or(line.len(), |(b, _)| *b);
    while i < chars.len() {
        let (start, c) = chars[i];
        let mut j = i + 1;
        let colour = match c {
            '#' => {
                j = chars
                    .iter()
                    .skip(i)
                    .position(|(_, c)| *c == '\n')
                    .map_or(chars.len(), |p| i + p);
                Some(COMMENT)
            }
            '"' | '\'' => {
                let mut escaped = false;
                while j < chars.len() {
                    let d = chars[j].1;
                    j += 1;
                    if escaped {
                        escaped = false;
                    } else if d == '\\' {
                        escaped = true;
                    } else if d == c {
                        break;
                    }
                }
                Some(LITERAL)
            }
            '<' if chars
                .get(i + 1)
                .is_some_and(|(_, n)| !n.is_whitespace() && *n != '=') =>
            {
                while j < chars.len() && chars[j].1 != '>' && !chars[j].1.is_whitespace() {
                    j += 1;
                }
                if j < chars.len() && chars[j].1 == '>' {
                    j += 1;
                }
                Some(IRI)
            }
            '?' | '$' => {
                while j < chars.len() && (chars[j].1.is_alphanumeric() || chars[j].1 == '_') {
                    j += 1;
                }
                Some(VARIABLE)
            }
            c if c.is_alphabetic() || c == '_' => {
                while j < chars.len()
                    && (chars[j].1.is_alphanumeric() || matches!(chars[j].1, '_' | '-' | ':' | '.'))
                {
                    j += 1;
                }
                // A trailing '.' ends a triple, not the name.
                while j > i + 1 && chars[j - 1].1 == '.' {
                    j -= 1;
                }
                let word = &line[start..end_of(j)];
                if word.contains(':') {
                    Some(IRI)
                } else if KEYWORDS.contains(&word.to_ascii_uppercase().as_str()) || word == "a" {
                    Some(KEYWORD)
                } else {
                    None
                }
            }
            c if c.is_ascii_digit() => {
                while j < chars.len() && (chars[j].1.is_ascii_digit() || chars[j].1 == '.') {
                    j += 1;
                }
                Some(LITERAL)
            }
            _ => None,
        };
        let text = &line[start..end_of(j)];
        match colour {
            Some(c) => paint(&mut out, c, text),
            None => out.push_str(text),
        }
        i = j;
    }
    out
}

/// Strips the colours again (for tests and width checks).
pub fn strip(text: &str) -> String {
    let mut out = String::new();
    let mut in_escape = false;
    for c in text.chars() {
        match (in_escape, c) {
            (false, '\x1b') => in_escape = true,
            (true, 'm') => in_escape = false,
            (true, _) => {}
            (false, c) => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_keep_the_text() {
        let line = "SELECT ?p WHERE { ?p a schema:Project ; schema:name \"x\"@en . <http://e/> ?q 42 } # done";
        let painted = highlight(line);
        assert_eq!(strip(&painted), line);
        assert!(painted.contains("\x1b[1;34mSELECT\x1b[0m"));
        assert!(painted.contains("\x1b[36m?p\x1b[0m"));
        assert!(painted.contains("\x1b[32mschema:Project\x1b[0m"));
        assert!(painted.contains("\x1b[33m\"x\"\x1b[0m"));
        assert!(painted.contains("\x1b[2m# done\x1b[0m"));
        assert_eq!(strip(&highlight(".run x")), ".run x");
    }
}
