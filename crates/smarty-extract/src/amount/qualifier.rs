//! The words around an amount: "about", "over", "up to", "between", and "per year" or "per project".

use super::{Per, Qualifier};

const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("approximately", Qualifier::About),
    ("approx.", Qualifier::About),
    ("about", Qualifier::About),
    ("around", Qualifier::About),
    ("circa", Qualifier::About),
    ("roughly", Qualifier::About),
    ("nearly", Qualifier::About),
    ("almost", Qualifier::About),
    ("some", Qualifier::About),
    ("more than", Qualifier::Over),
    ("over", Qualifier::Over),
    ("above", Qualifier::Over),
    ("at least", Qualifier::Over),
    ("in excess of", Qualifier::Over),
    ("exceeding", Qualifier::Over),
    ("up to", Qualifier::UpTo),
    ("less than", Qualifier::UpTo),
    ("under", Qualifier::UpTo),
    ("below", Qualifier::UpTo),
    ("a maximum of", Qualifier::UpTo),
    ("maximum of", Qualifier::UpTo),
    ("max.", Qualifier::UpTo),
];

pub(super) fn qualifier_before(before: &str) -> Option<Qualifier> {
    let lower = before.to_lowercase();
    let trimmed = lower.trim_end();
    for (word, q) in QUALIFIERS {
        if ends_with_word(trimmed, word) {
            return Some(*q);
        }
    }
    // "for a maximum amount per project of 200k Euro": a bound stated a few words earlier.
    let tail: Vec<&str> = trimmed.split_whitespace().rev().take(5).collect();
    if tail.contains(&"maximum") {
        return Some(Qualifier::UpTo);
    }
    if tail.contains(&"minimum") {
        return Some(Qualifier::Over);
    }
    None
}

/// Where the qualifier words before an amount start, so the printed text includes them.
pub(super) fn qualifier_start(line: &str, amount_start: usize) -> Option<usize> {
    let before = &line[..amount_start];
    let lower = before.to_lowercase();
    let trimmed = lower.trim_end();
    let words = QUALIFIERS
        .iter()
        .map(|(w, _)| *w)
        .chain(["between", "from"]);
    for word in words {
        if ends_with_word(trimmed, word) {
            // Lower-casing can change byte lengths; count characters instead.
            let chars_from_end = trimmed[trimmed.len() - word.len()..].chars().count();
            let total = before.trim_end().chars().count();
            let start_char = total - chars_from_end;
            return before.char_indices().nth(start_char).map(|(i, _)| i);
        }
    }
    None
}

pub(super) fn ends_with_word(text: &str, word: &str) -> bool {
    text.ends_with(word)
        && text[..text.len() - word.len()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
}

pub(super) fn sentence_around(line: &str, start: usize, end: usize) -> &str {
    let from = line[..start].rfind(". ").map_or(0, |i| i + 2);
    let to = line[end..].find(". ").map_or(line.len(), |i| end + i);
    &line[from..to]
}

pub(super) fn per_unit(sentence: &str, before: &str) -> Option<Per> {
    let s = sentence.to_lowercase();
    let lower = before.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let near = words[words.len().saturating_sub(6)..].join(" ");
    if near.contains("per project") || near.contains("each project") {
        return Some(Per::Project);
    }
    let yearly = [
        "each year",
        "per year",
        "a year",
        "every year",
        "per annum",
        "annually",
        "annual ",
        "yearly",
    ];
    yearly.iter().any(|w| s.contains(w)).then_some(Per::Year)
}
