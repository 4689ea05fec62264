//! Monetary amounts as printed in "Resources needed": `£7,057,734.00`, `1,3M€`, `60K €`,
//! `9.397.732,50 EUR`, `EUR 560.000 euro`, `between £11,000 and £18,000`, `over 12.5 M€`.
//!
//! Separators are read the way a European reader would: when both `.` and `,` occur the last one is
//! the decimal mark; a single separator followed by exactly three digits groups thousands unless a
//! multiplier follows (`1,3M€` is 1.3 million, `324.000 €` is 324 thousand).

use serde::Serialize;

use crate::decimal::Decimal;
use crate::record::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// "about", "approximately": the value is an estimate.
    About,
    /// "over", "more than": the value is a minimum.
    Over,
    /// "up to", "a maximum of": the value is a maximum.
    UpTo,
    /// "between X and Y".
    Between,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    Year,
    Project,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AmountRecord {
    /// The amount as printed, with its qualifier ("over 12.5 M€").
    pub text: String,
    /// The amount, for plain and approximate amounts.
    pub value: Option<Decimal>,
    /// Lower bound, for "over" and "between".
    pub min: Option<Decimal>,
    /// Upper bound, for "up to" and "between".
    pub max: Option<Decimal>,
    /// ISO 4217 code.
    pub currency: String,
    /// True when the currency is not printed with the amount but carried over from the previous
    /// amount in the same section ("73,46 million euro: 65% (47,5 million)").
    pub currency_inferred: bool,
    pub qualifier: Option<Qualifier>,
    pub per: Option<Per>,
    pub span: Span,
}

/// Text that looked like money but could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableAmount {
    pub text: String,
    pub line: u32,
}

/// One number with its currency and multiplier, before qualifiers are applied.
#[derive(Debug, Clone)]
struct Money {
    start: usize,
    end: usize,
    value: Option<Decimal>,
    currency: Option<&'static str>,
}

/// Finds every amount in the lines of a section. `lines` pairs each line's text with its number.
pub fn scan_amounts<'a>(
    lines: impl IntoIterator<Item = (u32, &'a str)>,
) -> (Vec<AmountRecord>, Vec<UnreadableAmount>) {
    let mut found = Vec::new();
    let mut unreadable = Vec::new();
    let mut last_currency: Option<&'static str> = None;
    for (line_no, line) in lines {
        let monies = scan_line(line);
        let mut i = 0;
        while i < monies.len() {
            let m = &monies[i];
            let Some(value) = m.value else {
                unreadable.push(UnreadableAmount {
                    text: line[m.start..m.end].to_owned(),
                    line: line_no,
                });
                i += 1;
                continue;
            };
            let (currency, inferred) = match (m.currency, last_currency) {
                (Some(c), _) => (c, false),
                (None, Some(c)) => (c, true),
                (None, None) => {
                    i += 1;
                    continue;
                }
            };
            last_currency = Some(currency);
            let before = &line[..m.start];
            let sentence = sentence_around(line, m.start, m.end);
            let per = per_unit(sentence, before);

            // "between X and Y" / "X to Y": the next amount closes the range.
            let range_end = monies.get(i + 1).filter(|next| {
                let gap = line[m.end..next.start].trim().to_lowercase();
                let opened_by_between = ends_with_word(before.to_lowercase().trim_end(), "between");
                (gap == "and" && opened_by_between) || gap == "to" || gap == "-" || gap == "–"
            });
            if let Some(next) = range_end
                && let Some(hi) = next.value
            {
                let start = qualifier_start(line, m.start).unwrap_or(m.start);
                last_currency = next.currency.or(last_currency);
                found.push(AmountRecord {
                    text: line[start..next.end].trim().to_owned(),
                    value: None,
                    min: Some(value),
                    max: Some(hi),
                    currency: next.currency.unwrap_or(currency).to_owned(),
                    currency_inferred: inferred && next.currency.is_none(),
                    qualifier: Some(Qualifier::Between),
                    per,
                    span: Span::line(line_no),
                });
                i += 2;
                continue;
            }

            let qualifier = qualifier_before(before);
            let start = match qualifier {
                Some(_) => qualifier_start(line, m.start).unwrap_or(m.start),
                None => m.start,
            };
            let (value_field, min, max) = match qualifier {
                Some(Qualifier::Over) => (None, Some(value), None),
                Some(Qualifier::UpTo) => (None, None, Some(value)),
                _ => (Some(value), None, None),
            };
            found.push(AmountRecord {
                text: line[start..m.end].trim().to_owned(),
                value: value_field,
                min,
                max,
                currency: currency.to_owned(),
                currency_inferred: inferred,
                qualifier,
                per,
                span: Span::line(line_no),
            });
            i += 1;
        }
    }
    (found, unreadable)
}

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

fn qualifier_before(before: &str) -> Option<Qualifier> {
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
fn qualifier_start(line: &str, amount_start: usize) -> Option<usize> {
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

fn ends_with_word(text: &str, word: &str) -> bool {
    text.ends_with(word)
        && text[..text.len() - word.len()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
}

fn sentence_around(line: &str, start: usize, end: usize) -> &str {
    let from = line[..start].rfind(". ").map_or(0, |i| i + 2);
    let to = line[end..].find(". ").map_or(line.len(), |i| end + i);
    &line[from..to]
}

fn per_unit(sentence: &str, before: &str) -> Option<Per> {
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

/// Finds number-with-currency runs in one line.
fn scan_line(line: &str) -> Vec<Money> {
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

    /// Renders what was found on one line: `text | value/min/max | currency | qualifier | per`.
    fn check(input: &str, expect: &str) {
        let (found, bad) = scan_amounts([(1, input)]);
        let mut rendered: Vec<String> = found
            .iter()
            .map(|a| {
                let mut s = format!("{} =", a.text);
                if let Some(v) = a.value {
                    s += &format!(" {v}");
                }
                if let Some(v) = a.min {
                    s += &format!(" min {v}");
                }
                if let Some(v) = a.max {
                    s += &format!(" max {v}");
                }
                s += &format!(" {}", a.currency);
                if a.currency_inferred {
                    s += " (inferred)";
                }
                if let Some(q) = a.qualifier {
                    s += &format!(" {q:?}");
                }
                if let Some(p) = a.per {
                    s += &format!(" per {p:?}");
                }
                s
            })
            .collect();
        rendered.extend(bad.iter().map(|b| format!("UNREADABLE {}", b.text)));
        assert_eq!(rendered.join("\n"), expect, "input: {input}");
    }

    #[test]
    fn every_form_in_the_bundled_guide() {
        check(
            "The funding for Access Innovation (£7,057,734.00) comprised of",
            "£7,057,734.00 = 7057734 GBP",
        );
        check(
            "The budget was increased from 1,3M€ in the 1st Edition, to 2M€ in the 2nd Edition. The 3rd Edition will have a budget of 5M€.",
            "1,3M€ = 1300000 EUR\n2M€ = 2000000 EUR\n5M€ = 5000000 EUR",
        );
        check(
            "operate each year for approximately 60K €, funded by the Catalan government",
            "approximately 60K € = 60000 EUR About per Year",
        );
        check(
            "GOSTOP was financed with 9.397.732,50 EUR through different financing rates",
            "9.397.732,50 EUR = 9397732.5 EUR",
        );
        check(
            "has a 2018-2020 financial budget of 1,5 M EUR and is co-financed by the ERDF ROP 2014-2020",
            "1,5 M EUR = 1500000 EUR",
        );
        check(
            "- » By 2015, the AMRC had received £70 million of funding from the UK Government",
            "£70 million = 70000000 GBP",
        );
        check(
            "Funding of £6,130,000 was secured through the European Regional Development Fund",
            "£6,130,000 = 6130000 GBP",
        );
        check(
            "Resources available: 73,46 million euro: 65% (47,5 million) for the creation of the centers; 35% (25,5 million) for innovative I4.0 projects for a maximum amount per project of 200k Euro.",
            "73,46 million euro = 73460000 EUR\n47,5 million = 47500000 EUR (inferred)\n25,5 million = 25500000 EUR (inferred)\n200k Euro = max 200000 EUR UpTo per Project",
        );
        check(
            "2,5 million EUR co-financing and up to nine employees",
            "2,5 million EUR = 2500000 EUR",
        );
        check(
            "digital innovation nodes is 6 M € over 3 years.",
            "6 M € = 6000000 EUR",
        );
        check(
            "1,9 million EUR of financing since 2017, 50% cofinancing",
            "1,9 million EUR = 1900000 EUR",
        );
        check(
            "Total budget of the project: €770.000",
            "€770.000 = 770000 EUR",
        );
        check(
            "Funding for Skills for Growth (£1,980,000) comprised of EU European Social Funds.",
            "£1,980,000 = 1980000 GBP",
        );
        check(
            "a public investment of over 12.5 M€ by the Catalan regional government",
            "over 12.5 M€ = min 12500000 EUR Over",
        );
        check(
            "Government/Company funding of between £11,000 and £18,000 is available",
            "between £11,000 and £18,000 = min 11000 max 18000 GBP Between",
        );
        check(
            "EUR 560.000 euro, with 4 staff, a working group of 20+ stakeholders",
            "EUR 560.000 euro = 560000 EUR",
        );
        check(
            "The total public funding for this initiative is 324.000 €, covering 50%",
            "324.000 € = 324000 EUR",
        );
        check(
            "Yearly basis, the FrostBit budget is about 2M€ in total.",
            "about 2M€ = 2000000 EUR About per Year",
        );
    }

    #[test]
    fn numbers_that_are_not_money() {
        check("The Foundation employs about 30-40 people", "");
        check("228 SMEs received 12hrs of support.", "");
        check("covering 50% of GATE 4.0's budget", "");
        check("trained more than 1,700 apprentices", "");
        check("over 1200 people. 5 M people live there", "");
    }

    #[test]
    fn other_forms() {
        check(
            "£11,000 to £18,000",
            "£11,000 to £18,000 = min 11000 max 18000 GBP Between",
        );
        check("a grant of 1.234,5 EUR", "1.234,5 EUR = 1234.5 EUR");
        check("a grant of $2.5bn", "$2.5bn = 2500000000 USD");
        check(
            "up to £3m per year",
            "up to £3m = max 3000000 GBP UpTo per Year",
        );
        check("1,23,4 EUR", "UNREADABLE 1,23,4 EUR");
    }

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
