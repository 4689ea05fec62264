//! Words a converter broke at a line end with a hard hyphen ("informa-" above "tion").
//!
//! A hyphen at a line end is ambiguous: "cross-" above "border" is a compound that keeps it,
//! "informa-" above "tion" a word that does not. No rule of spelling tells them apart, so the
//! document's own vocabulary decides: the hyphen goes only when the document prints the joined
//! word whole elsewhere and never with a hyphen. Otherwise it stays, and the two lines still join
//! without a space ("cross-border"): a value keeps a hyphen it may not need rather than losing
//! one it does.

use std::collections::HashSet;

use crate::blocks::Line;

/// Marks every line that ends in a word broken with a hard hyphen as `broken` (its next line
/// continues the word) and drops the hyphen where the vocabulary says it only broke the word.
pub(crate) fn join_broken_words(lines: &mut [Line]) {
    let breaks: Vec<usize> = lines
        .windows(2)
        .enumerate()
        .filter(|(_, pair)| !pair[0].broken && ends_broken(&pair[0].text, &pair[1].text))
        .map(|(i, _)| i)
        .collect();
    if breaks.is_empty() {
        return;
    }
    let words = vocabulary(lines);
    for i in breaks {
        let stem = last_word(&lines[i].text);
        let rest = first_word(&lines[i + 1].text);
        let whole = format!("{stem}{rest}").to_lowercase();
        let compound = format!("{stem}-{rest}").to_lowercase();
        let line = &mut lines[i];
        line.broken = true;
        if words.contains(&whole) && !words.contains(&compound) {
            line.text.pop();
        }
    }
}

/// Whether a line ends in a letter and a hyphen and the next begins with a lower-case letter.
fn ends_broken(line: &str, next: &str) -> bool {
    let mut tail = line.chars().rev();
    tail.next() == Some('-')
        && tail.next().is_some_and(char::is_alphabetic)
        && next.chars().next().is_some_and(char::is_lowercase)
}

/// The letters before the hyphen that ends a line.
fn last_word(line: &str) -> &str {
    let stem = line.strip_suffix('-').unwrap_or(line);
    let start = stem
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(stem.len(), |(i, _)| i);
    &stem[start..]
}

/// The letters a line begins with.
fn first_word(line: &str) -> &str {
    let end = line
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(line.len(), |(i, _)| i);
    &line[..end]
}

/// Every word the document prints, lower case, compounds with their hyphens.
fn vocabulary(lines: &[Line]) -> HashSet<String> {
    lines
        .iter()
        .flat_map(|l| l.text.split(|c: char| !(c.is_alphabetic() || c == '-')))
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines of `text` as joined once the broken words are found, one paragraph.
    fn check(text: &str, expect: &str) {
        let mut lines = Line::numbered(text);
        join_broken_words(&mut lines);
        let mut joined = String::new();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 && !lines[i - 1].broken {
                joined.push('|');
            }
            joined.push_str(&line.text);
        }
        assert_eq!(joined, expect, "{text:?}");
    }

    #[test]
    fn a_word_printed_whole_elsewhere_loses_the_hyphen() {
        check(
            "Information matters.\nThe informa-\ntion desk",
            "Information matters.|The information desk",
        );
    }

    #[test]
    fn a_compound_keeps_its_hyphen() {
        check(
            "cross-border work\nfor cross-\nborder regions",
            "cross-border work|for cross-border regions",
        );
        // Printed whole and hyphenated: the hyphen may be meant.
        check("email or e-mail\nby e-\nmail", "email or e-mail|by e-mail");
        // Never printed elsewhere: kept, the lines still join.
        check("the hydro-\nlogical cycle", "the hydro-logical cycle");
    }

    #[test]
    fn only_a_letter_hyphen_and_a_lower_case_continuation_join() {
        check("2014-\n2020", "2014-|2020");
        check("Tourism -\nsport", "Tourism -|sport");
        check("North-\nEast", "North-|East");
        // The last line of a document has nothing to continue into.
        check("the end a-", "the end a-");
    }
}
