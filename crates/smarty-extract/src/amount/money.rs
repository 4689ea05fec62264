//! Money as printed on one line: a number, an optional multiplier ("M", "million", "60K") and a
//! currency before or after it. See the parent module for the separator rules.

use crate::decimal::Decimal;

/// One number with its currency and multiplier, before qualifiers are applied.
#[derive(Debug, Clone)]
pub(super) struct Money {
    pub start: usize,
    pub end: usize,
    pub value: Option<Decimal>,
    pub currency: Option<&'static str>,
}

/// Finds number-with-currency runs in one line.
pub(super) fn scan_line(line: &str) -> Vec<Money> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Candidate start: a currency prefix, or a digit not glued to a word.
        let (prefix_currency, number_start) = match currency_prefix(&line[i..]) {
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
        let suffix = currency_suffix(&line[pos..]);
        if let Some((_, len)) = suffix {
            pos += len;
        }
        let currency = prefix_currency.or(suffix.map(|(c, _)| c));
        // A bare number is money only with a multiplier word ("47,5 million") after an amount.
        let is_money = currency.is_some() || multiplier.is_some_and(|m| m.word);
        // Glued to letters after it ("12hrs", "4.0-related"): not money.
        let glued_after = line[pos..].chars().next().is_some_and(char::is_alphabetic);
        if is_money && !glued_after {
            let value = parse_number(number, multiplier.is_some())
                .and_then(|d| d.shift(multiplier.map_or(0, |m| m.exp)));
            let start = if prefix_currency.is_some() {
                i
            } else {
                number_start
            };
            out.push(Money {
                start,
                end: trim_end_index(line, pos),
                value,
                currency,
            });
        }
        i = pos.max(i + 1);
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn trim_end_index(line: &str, pos: usize) -> usize {
    line[..pos].trim_end().len()
}

/// The end of a number such as `9.397.732,50`: digits with single separators between them.
fn number_extent(line: &str, start: usize) -> usize {
    let b = line.as_bytes();
    let mut end = start;
    let mut i = start;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            i += 1;
            end = i;
        } else if (b[i] == b'.' || b[i] == b',') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
        } else {
            break;
        }
    }
    end
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
                if !word && spaces > 0 && !after.trim_start().starts_with(['€', '£', '$', 'E', 'e'])
                {
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

fn currency_prefix(rest: &str) -> Option<(&'static str, usize)> {
    for (sym, code) in [("£", "GBP"), ("€", "EUR"), ("$", "USD")] {
        if rest.starts_with(sym) {
            return Some((code, sym.len()));
        }
    }
    for (word, code) in [("EUR", "EUR"), ("GBP", "GBP"), ("USD", "USD")] {
        if let Some(after) = rest.strip_prefix(word)
            && after.starts_with([' ', '\u{a0}'])
        {
            return Some((code, word.len()));
        }
    }
    None
}

fn currency_suffix(rest: &str) -> Option<(&'static str, usize)> {
    let spaces = rest.len() - rest.trim_start().len();
    let t = &rest[spaces..];
    let table: &[(&str, &str)] = &[
        ("€", "EUR"),
        ("£", "GBP"),
        ("EUR", "EUR"),
        ("euros", "EUR"),
        ("euro", "EUR"),
        ("Euros", "EUR"),
        ("Euro", "EUR"),
        ("GBP", "GBP"),
        ("pounds", "GBP"),
        ("USD", "USD"),
        ("dollars", "USD"),
    ];
    for (name, code) in table {
        if let Some(after) = t.strip_prefix(name)
            && after.chars().next().is_none_or(|c| !c.is_alphabetic())
        {
            let mut len = spaces + name.len();
            // "EUR 560.000 euro": the currency printed on both sides.
            let after_trim = after.trim_start();
            if *code == "EUR" && name.starts_with('E') && after_trim.starts_with("euro") {
                let extra = after.len() - after_trim.len();
                let word = if after_trim.starts_with("euros") {
                    5
                } else {
                    4
                };
                len += extra + word;
            }
            return Some((code, len));
        }
    }
    None
}

/// Reads a printed number; see the module documentation for the separator rules.
pub fn parse_number(text: &str, has_multiplier: bool) -> Option<Decimal> {
    let dots = text.matches('.').count();
    let commas = text.matches(',').count();
    let (group, decimal): (Option<char>, Option<char>) = match (dots, commas) {
        (0, 0) => (None, None),
        (_, 0) | (0, _) => {
            let sep = if dots > 0 { '.' } else { ',' };
            let n = dots + commas;
            let after = text.rsplit(sep).next().unwrap_or("");
            if n > 1 || (after.len() == 3 && !has_multiplier) {
                (Some(sep), None)
            } else {
                (None, Some(sep))
            }
        }
        _ => {
            let last_dot = text.rfind('.');
            let last_comma = text.rfind(',');
            if last_dot > last_comma {
                (Some(','), Some('.'))
            } else {
                (Some('.'), Some(','))
            }
        }
    };
    let (int_part, frac_part) = match decimal {
        Some(d) => text.rsplit_once(d)?,
        None => (text, ""),
    };
    if let Some(g) = group {
        // Thousands groups after the first must have three digits.
        let mut groups = int_part.split(g);
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || groups.clone().any(|grp| grp.len() != 3) {
            return None;
        }
    }
    // Only digits and the grouping separator may remain before the decimal mark.
    if !int_part
        .chars()
        .all(|c| c.is_ascii_digit() || Some(c) == group)
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

    #[test]
    fn separators() {
        let p = |s, m| parse_number(s, m).map(|d| d.to_string());
        assert_eq!(p("7,057,734.00", false).as_deref(), Some("7057734"));
        assert_eq!(p("9.397.732,50", false).as_deref(), Some("9397732.5"));
        assert_eq!(p("770.000", false).as_deref(), Some("770000"));
        assert_eq!(p("1,3", true).as_deref(), Some("1.3"));
        assert_eq!(p("12.5", true).as_deref(), Some("12.5"));
        assert_eq!(p("12.5", false).as_deref(), Some("12.5"));
        assert_eq!(p("1,23,4", false), None);
    }
}
