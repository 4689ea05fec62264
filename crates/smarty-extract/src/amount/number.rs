//! Printed numbers: where one ends, and what it is worth. Thousands are grouped by a dot, a comma,
//! a space of any kind (no-break and thin spaces are spaces once a line is printed), or an
//! apostrophe ("1'000", "1’000"); the decimal mark is a dot or a comma. A number that cannot be
//! read with confidence has no value: the caller keeps its text and says why.

use crate::decimal::Decimal;

/// Apostrophes that group thousands ("1'000 CHF").
const APOSTROPHES: [char; 3] = ['\'', '’', 'ʼ'];

/// What a printed number is worth, or why it cannot be said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Value(Decimal),
    /// One separator followed by three digits before a multiplier ("1,500 million"): a decimal
    /// mark or a thousands separator, and nothing in the guide says which.
    Ambiguous(char),
    Unreadable,
}

/// Which character a guide uses as its decimal mark, learnt from numbers that show it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Convention {
    /// Numbers that show a decimal comma ("9.397.732,50", "47,5 million").
    pub comma: usize,
    /// Numbers that show a decimal point ("7,057,734.00", "12.5 M€").
    pub point: usize,
}

impl Convention {
    /// Counts what one number shows of the convention.
    pub fn learn(&mut self, number: &str) {
        match decimal_mark_shown(number) {
            Some(',') => self.comma += 1,
            Some('.') => self.point += 1,
            _ => {}
        }
    }

    /// The decimal mark, when every number that shows one agrees, with how many show it.
    pub fn decimal_mark(&self) -> Option<(char, usize)> {
        match (self.comma, self.point) {
            (0, 0) => None,
            (n, 0) => Some((',', n)),
            (0, n) => Some(('.', n)),
            _ => None,
        }
    }
}

/// The decimal mark a number shows beyond doubt: the last of two different separators, the other
/// of a repeated one, a separator not followed by exactly three digits, or any dot or comma in a
/// number grouped by spaces or apostrophes.
fn decimal_mark_shown(number: &str) -> Option<char> {
    let spaced = number.contains(' ') || number.contains(APOSTROPHES);
    let dots = number.matches('.').count();
    let commas = number.matches(',').count();
    match (dots, commas) {
        (0, 0) => None,
        (_, 0) | (0, _) if spaced => Some(if dots > 0 { '.' } else { ',' }),
        (1, 0) | (0, 1) => {
            let sep = if dots > 0 { '.' } else { ',' };
            let after = number.rsplit(sep).next().unwrap_or("");
            (after.len() != 3).then_some(sep)
        }
        (_, 0) => Some(','),
        (0, _) => Some('.'),
        _ => number
            .rfind(['.', ','])
            .and_then(|i| number[i..].chars().next()),
    }
}

/// The end of a number starting at `start`: digits, single dots or commas between digits, and a
/// space or apostrophe only where a group of exactly three digits follows a group of one to three.
pub fn number_extent(line: &str, start: usize) -> usize {
    let mut end = start;
    let mut group = 0usize;
    let mut first_group = true;
    for (off, c) in line[start..].char_indices() {
        let at = start + off;
        let rest = &line[at + c.len_utf8()..];
        if c.is_ascii_digit() {
            group += 1;
            end = at + 1;
        } else if (c == '.' || c == ',') && rest.starts_with(|d: char| d.is_ascii_digit())
            || groups_by_space(c, &line[start..at], group, first_group, rest)
        {
            first_group = false;
            group = 0;
        } else {
            break;
        }
    }
    end
}

/// Whether a number leaves its separator open: one dot or comma followed by three digits, before a
/// multiplier ("1,500 million" is 1.5 or 1,500 million).
pub fn left_open(number: &str, multiplier: bool) -> bool {
    let seps: Vec<char> = number.chars().filter(|c| !c.is_ascii_digit()).collect();
    multiplier
        && matches!(seps.as_slice(), ['.'] | [','])
        && number
            .rsplit(['.', ','])
            .next()
            .is_some_and(|a| a.len() == 3)
}

/// Whether a space or apostrophe after `before` (whose last group has `group` digits) groups
/// thousands: in the integer part only, after one to three digits, before exactly three.
fn groups_by_space(c: char, before: &str, group: usize, first_group: bool, rest: &str) -> bool {
    (c == ' ' || APOSTROPHES.contains(&c))
        && !before.contains(['.', ','])
        && (1..=3).contains(&group)
        && (first_group || group == 3)
        && three_digits_then_end(rest)
}

/// Whether `rest` starts with exactly three digits (and no fourth).
fn three_digits_then_end(rest: &str) -> bool {
    let b = rest.as_bytes();
    b.len() >= 3
        && b[..3].iter().all(u8::is_ascii_digit)
        && !b.get(3).is_some_and(u8::is_ascii_digit)
}

/// Reads a printed number. `multiplier` is whether "million", "M", "k"… follows; `convention`
/// decides a single separator followed by three digits before a multiplier.
pub fn read_number(text: &str, multiplier: bool, convention: &Convention) -> Reading {
    let spacer = text.chars().find(|c| *c == ' ' || APOSTROPHES.contains(c));
    let dots = text.matches('.').count();
    let commas = text.matches(',').count();
    let (group, decimal): (Option<char>, Option<char>) = match (spacer, dots, commas) {
        (Some(s), 0, 0) => (Some(s), None),
        (Some(s), 1, 0) => (Some(s), Some('.')),
        (Some(s), 0, 1) => (Some(s), Some(',')),
        (Some(_), _, _) => return Reading::Unreadable,
        (None, 0, 0) => (None, None),
        (None, _, 0) | (None, 0, _) => {
            let sep = if dots > 0 { '.' } else { ',' };
            let after = text.rsplit(sep).next().unwrap_or("");
            if dots + commas > 1 || (after.len() == 3 && !multiplier) {
                (Some(sep), None)
            } else if after.len() == 3 {
                match convention.decimal_mark() {
                    Some((mark, _)) if mark == sep => (None, Some(sep)),
                    Some(_) => (Some(sep), None),
                    None => return Reading::Ambiguous(sep),
                }
            } else {
                (None, Some(sep))
            }
        }
        (None, _, _) => match text
            .rfind(['.', ','])
            .and_then(|i| text[i..].chars().next())
        {
            Some('.') => (Some(','), Some('.')),
            _ => (Some('.'), Some(',')),
        },
    };
    match value_of(text, group, decimal) {
        Some(v) => Reading::Value(v),
        None => Reading::Unreadable,
    }
}

/// The value of `text` once its grouping and decimal characters are known; `None` when the groups
/// are not of three digits or other characters remain.
fn value_of(text: &str, group: Option<char>, decimal: Option<char>) -> Option<Decimal> {
    let (int_part, frac_part) = match decimal {
        Some(d) => text.rsplit_once(d)?,
        None => (text, ""),
    };
    if let Some(g) = group {
        let mut groups = int_part.split(g);
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || groups.clone().any(|grp| grp.len() != 3) {
            return None;
        }
    }
    if !int_part
        .chars()
        .all(|c| c.is_ascii_digit() || Some(c) == group)
        || !frac_part.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let int_digits: String = int_part.chars().filter(char::is_ascii_digit).collect();
    let plain = if frac_part.is_empty() {
        int_digits
    } else {
        format!("{int_digits}.{frac_part}")
    };
    Decimal::parse_plain(&plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `input` read whole (with a multiplier after it when `multiplier`), under a guide whose other
    /// numbers are `others`: the value, `ambiguous` or `unreadable`; then where the number ends.
    fn check(input: &str, multiplier: bool, others: &[&str], expect: &str) {
        let mut convention = Convention::default();
        others.iter().for_each(|n| convention.learn(n));
        let got = match read_number(input, multiplier, &convention) {
            Reading::Value(v) => v.to_string(),
            Reading::Ambiguous(_) => "ambiguous".to_owned(),
            Reading::Unreadable => "unreadable".to_owned(),
        };
        assert_eq!(
            got, expect,
            "{input:?} multiplier {multiplier} with {others:?}"
        );
    }

    #[test]
    fn separators() {
        check("7,057,734.00", false, &[], "7057734");
        check("9.397.732,50", false, &[], "9397732.5");
        check("770.000", false, &[], "770000");
        check("1,3", true, &[], "1.3");
        check("12.5", true, &[], "12.5");
        check("12.5", false, &[], "12.5");
        check("1,23,4", false, &[], "unreadable");
        // Spaces and apostrophes group thousands; a dot or comma after them is the decimal mark.
        check("250 000", false, &[], "250000");
        check("1 250 000", false, &[], "1250000");
        check("1'000", false, &[], "1000");
        check("1’000’000", false, &[], "1000000");
        check("12 500,75", false, &[], "12500.75");
        check("12 500.75", false, &[], "12500.75");
        check("1 000.000,5", false, &[], "unreadable");
        check("1 000'000", false, &[], "unreadable");
        check("1234 567", false, &[], "unreadable");
    }

    #[test]
    fn a_separator_before_a_multiplier_follows_the_guide() {
        check("47,5", true, &[], "47.5");
        check("1,500", true, &[], "ambiguous");
        check("1,500", true, &["9.397.732,50"], "1.5");
        check("1,500", true, &["47,5"], "1.5");
        check("1,500", true, &["£7,057,734.00"], "1500");
        check("1.500", true, &["12.5"], "1.5");
        check("1.500", true, &["324.000,50"], "1500");
        // Guides that disagree with themselves decide nothing.
        check("1,500", true, &["47,5", "12.5"], "ambiguous");
        // Three digits without a multiplier group thousands, as everywhere.
        check("1,500", false, &[], "1500");
    }

    #[test]
    fn where_a_number_ends() {
        let check = |line: &str, expect: &str| {
            let end = number_extent(line, 0);
            assert_eq!(&line[..end], expect, "{line:?}");
        };
        check("250 000 EUR", "250 000");
        check("1'000 CHF", "1'000");
        check("1’000’000 CHF", "1’000’000");
        check("2019 250 000 EUR", "2019");
        check("12 500,75 EUR", "12 500,75");
        check("3 000 companies and 12 EUR", "3 000");
        check("12 5000 EUR", "12");
        check("1,5 000", "1,5");
        check("47,5 million", "47,5");
        check("9.397.732,50 EUR", "9.397.732,50");
    }
}
