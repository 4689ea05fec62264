//! Money as printed on one line: a number, an optional multiplier ("M", "million", "60K") and a
//! currency before or after it. See the parent module for the separator rules.

use super::currency::{Candidates, currency_at};
use super::number::{Convention, Reading, number_extent, read_number};

/// One number with its currency and multiplier, before qualifiers are applied.
#[derive(Debug, Clone)]
pub(super) struct Money {
    pub start: usize,
    pub end: usize,
    /// The number alone ("9.397.732,50" of "9.397.732,50 EUR").
    pub number: std::ops::Range<usize>,
    pub reading: Reading,
    /// How many other numbers of the guide decided a separator the number leaves open.
    pub by_convention: Option<usize>,
    /// The currencies its mark may denote (one, unless the mark is shared: "kr").
    pub currency: Option<Candidates>,
}

/// Finds number-with-currency runs in one line; `convention` decides separators a number leaves
/// open ("1,500 million").
pub(super) fn scan_line(line: &str, convention: &Convention) -> Vec<Money> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Candidate start: a currency prefix, or a digit not glued to a word.
        let at_word_start = !bytes[i].is_ascii_whitespace()
            && !line[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        let prefix = at_word_start
            .then(|| currency_at(&line[i..], true))
            .flatten();
        let (prefix_currency, number_start) = match prefix {
            Some((cur, len)) => {
                let rest = &line[i + len..];
                let spaces = rest.len() - rest.trim_start().len();
                if rest.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
                    (Some(cur), i + len + spaces)
                } else {
                    i += len.max(1);
                    continue;
                }
            }
            None => {
                let glued = i > 0 && line[..i].chars().next_back().is_some_and(is_word_char);
                if bytes[i].is_ascii_digit() && !glued {
                    (None, i)
                } else {
                    i += line[i..].chars().next().map_or(1, char::len_utf8);
                    continue;
                }
            }
        };
        let number_end = number_extent(line, number_start);
        let number = &line[number_start..number_end];
        let mut pos = number_end;
        let (multiplier, mult_len) = multiplier_at(&line[pos..]);
        pos += mult_len;
        let suffix = currency_at(&line[pos..], false);
        if let Some((codes, len)) = suffix {
            pos += len;
            // "EUR 560.000 euro": the currency printed on both sides, or twice.
            if let Some((again, len)) = currency_at(&line[pos..], false)
                && again == codes
            {
                pos += len;
            }
        }
        // "in 2019 SEK 500 000": the mark belongs to the number after it, not to the year.
        let before_number = suffix.is_some_and(|(_, len)| {
            line[number_end + mult_len + len..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
        });
        if prefix_currency.is_none() && before_number && is_year(number) {
            i = number_end;
            continue;
        }
        let currency = prefix_currency.or(suffix.map(|(c, _)| c));
        // A bare number is money only with a multiplier word ("47,5 million") after an amount.
        let is_money = currency.is_some() || multiplier.is_some_and(|m| m.word);
        // Glued to letters after it ("12hrs", "4.0-related"): not money.
        let glued_after = line[pos..].chars().next().is_some_and(char::is_alphabetic);
        if is_money && !glued_after {
            let reading = match read_number(number, multiplier.is_some(), convention) {
                // "1234 567 EUR": the amount may begin in the number before it.
                Reading::Value(_) if prefix_currency.is_none() && follows_a_number(line, i) => {
                    Reading::Unreadable
                }
                Reading::Value(d) => d
                    .shift(multiplier.map_or(0, |m| m.exp))
                    .map_or(Reading::Unreadable, Reading::Value),
                other => other,
            };
            let by_convention = super::number::left_open(number, multiplier.is_some())
                .then(|| convention.decimal_mark().map(|(_, n)| n))
                .flatten();
            let start = if prefix_currency.is_some() {
                i
            } else {
                number_start
            };
            out.push(Money {
                start,
                end: trim_end_index(line, pos),
                number: number_start..number_end,
                reading,
                by_convention,
                currency,
            });
        }
        i = pos.max(i + 1);
    }
    out
}

/// Whether a number reads as a year (four digits, 1800 to 2200), not an amount.
fn is_year(number: &str) -> bool {
    number.len() == 4
        && number
            .parse::<u32>()
            .is_ok_and(|y| (1800..=2200).contains(&y))
}

/// Whether the text before `at` ends with a number and one space or apostrophe ("1234 567"), a
/// year apart ("in 2019 250 000 EUR"): the number at `at` may then continue another one.
fn follows_a_number(line: &str, at: usize) -> bool {
    let before = &line[..at];
    let Some(gap) = before.chars().next_back() else {
        return false;
    };
    if gap != ' ' && gap != '\'' && gap != '’' {
        return false;
    }
    let body = &before[..before.len() - gap.len_utf8()];
    let n = body.chars().rev().take_while(char::is_ascii_digit).count();
    let (head, digits) = body.split_at(body.len() - n);
    let year = n == 4
        && !head.ends_with(['.', ','])
        && digits
            .parse::<u32>()
            .is_ok_and(|y| (1800..=2200).contains(&y));
    n > 0 && !year
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn trim_end_index(line: &str, pos: usize) -> usize {
    line[..pos].trim_end().len()
}

#[derive(Debug, Clone, Copy)]
struct Multiplier {
    exp: u32,
    /// Spelled out ("million") rather than a unit letter ("M").
    word: bool,
}

fn multiplier_at(rest: &str) -> (Option<Multiplier>, usize) {
    let spaces = rest.len() - rest.trim_start().len();
    let t = &rest[spaces..];
    let table: &[(&str, u32, bool)] = &[
        ("millions", 6, true),
        ("million", 6, true),
        ("billion", 9, true),
        ("thousand", 3, true),
        ("mio.", 6, true),
        ("mio", 6, true),
        ("mln", 6, true),
        ("mn", 6, true),
        ("bn", 9, true),
        ("M", 6, false),
        ("m", 6, false),
        ("K", 3, false),
        ("k", 3, false),
    ];
    for (name, exp, word) in table {
        if let Some(after) = t.strip_prefix(name) {
            // "M€", "M EUR", "million." but not "Manufacturing" or "km".
            if after.chars().next().is_none_or(|c| !c.is_alphabetic()) {
                if !word && spaces > 0 && currency_at(after, false).is_none() {
                    // "6 M €" is fine, "5 M people" is not money.
                    continue;
                }
                return (
                    Some(Multiplier {
                        exp: *exp,
                        word: *word,
                    }),
                    spaces + name.len(),
                );
            }
        }
    }
    (None, 0)
}
