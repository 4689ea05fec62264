//! Monetary amounts as printed in "Resources needed": `£7,057,734.00`, `1,3M€`, `60K €`,
//! `9.397.732,50 EUR`, `EUR 560.000 euro`, `between £11,000 and £18,000`, `over 12.5 M€`.
//!
//! Separators are read the way a European reader would: when both `.` and `,` occur the last one is
//! the decimal mark; a single separator followed by exactly three digits groups thousands
//! (`324.000 €` is 324 thousand), and so do spaces and apostrophes (`250 000 EUR`, `1'000 CHF`).
//! Before a multiplier a separator followed by one or two digits is the decimal mark (`1,3M€` is
//! 1.3 million); followed by three (`1,500 million`) it is read by the guide's own convention —
//! the decimal mark its other amounts show, in the same section first — and is left unread when
//! nothing shows one. An amount that cannot be read keeps its text and no value, never a guess.

use serde::Serialize;

mod money;
mod number;
mod qualifier;

use crate::decimal::Decimal;
use crate::span::Span;
use money::{Money, scan_line};
pub use number::{Convention, Reading, read_number};
use qualifier::{ends_with_word, per_unit, qualifier_before, qualifier_start, sentence_around};

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

/// What the reader of an amount should know: it could not be read, or a separator was read by
/// the guide's convention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountIssue {
    /// The amount as printed.
    pub text: String,
    pub line: u32,
    pub kind: IssueKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueKind {
    /// The number cannot be read at all ("1,23,4 EUR", "1234 567 EUR").
    Unreadable,
    /// "1,500 million" in a guide whose other amounts show no decimal mark (or both).
    AmbiguousSeparator(char),
    /// A separator the number leaves open was read by the decimal mark of this many other amounts.
    ByConvention { mark: char, evidence: usize },
}

/// The decimal mark a guide's amounts show: learnt from every line given.
pub fn convention<'a>(lines: impl IntoIterator<Item = (u32, &'a str)>) -> Convention {
    let mut c = Convention::default();
    for (_, line) in lines {
        for m in scan_line(line, &Convention::default()) {
            c.learn(&line[m.number.clone()]);
        }
    }
    c
}

/// Finds every amount in the lines of a section. `lines` pairs each line's text with its number.
/// A separator the section's own amounts leave open is read by `guide`, the guide's convention.
pub fn scan_amounts<'a>(
    lines: impl IntoIterator<Item = (u32, &'a str)>,
    guide: &Convention,
) -> (Vec<AmountRecord>, Vec<AmountIssue>) {
    let lines: Vec<(u32, &str)> = lines.into_iter().collect();
    let own = convention(lines.iter().copied());
    let convention = if own.decimal_mark().is_some() {
        own
    } else {
        *guide
    };
    let mut scan = Scan::default();
    for (line_no, line) in lines {
        scan.line(line_no, line, &convention);
    }
    (scan.found, scan.issues)
}

/// What a section's amounts have given so far: a bare amount takes the currency of the one before.
#[derive(Default)]
struct Scan {
    found: Vec<AmountRecord>,
    issues: Vec<AmountIssue>,
    last_currency: Option<&'static str>,
}

impl Scan {
    fn line(&mut self, line_no: u32, line: &str, convention: &Convention) {
        let monies = scan_line(line, convention);
        let mut i = 0;
        while i < monies.len() {
            let m = &monies[i];
            i += 1;
            let issue = |kind| AmountIssue {
                text: line[m.start..m.end].to_owned(),
                line: line_no,
                kind,
            };
            let currency = m.currency.or(self.last_currency);
            let value = match m.reading {
                Reading::Value(v) => v,
                Reading::Unreadable | Reading::Ambiguous(_) => {
                    self.issues.push(issue(match m.reading {
                        Reading::Ambiguous(sep) => IssueKind::AmbiguousSeparator(sep),
                        _ => IssueKind::Unreadable,
                    }));
                    // The printed text stays, with its currency, and no value.
                    if let Some(c) = currency {
                        self.found
                            .push(unread(line, m, c, m.currency.is_none(), line_no));
                    }
                    continue;
                }
            };
            if let (Some(evidence), Some((mark, _))) = (m.by_convention, convention.decimal_mark())
            {
                self.issues
                    .push(issue(IssueKind::ByConvention { mark, evidence }));
            }
            let (currency, inferred) = match (m.currency, self.last_currency) {
                (Some(c), _) => (c, false),
                (None, Some(c)) => (c, true),
                (None, None) => continue,
            };
            self.last_currency = Some(currency);
            let amount = Amount {
                line,
                money: m,
                value,
                currency,
                inferred,
                span: Span::line(line_no),
            };
            match monies.get(i).and_then(|next| amount.range_to(next)) {
                Some(range) => {
                    self.last_currency = monies[i].currency.or(self.last_currency);
                    self.found.push(range);
                    i += 1;
                }
                None => self.found.push(amount.single()),
            }
        }
    }
}

/// An amount whose number cannot be read: its text and currency, no value.
fn unread(line: &str, m: &Money, currency: &str, inferred: bool, line_no: u32) -> AmountRecord {
    AmountRecord {
        text: line[m.start..m.end].trim().to_owned(),
        value: None,
        min: None,
        max: None,
        currency: currency.to_owned(),
        currency_inferred: inferred,
        qualifier: None,
        per: None,
        span: Span::line(line_no),
    }
}

/// One readable amount with its currency, in its line.
struct Amount<'a> {
    line: &'a str,
    money: &'a Money,
    value: Decimal,
    currency: &'static str,
    inferred: bool,
    span: Span,
}

impl Amount<'_> {
    fn before(&self) -> &str {
        &self.line[..self.money.start]
    }

    fn per(&self) -> Option<Per> {
        let sentence = sentence_around(self.line, self.money.start, self.money.end);
        per_unit(sentence, self.before())
    }

    /// "between X and Y" / "X to Y": the next amount closes the range.
    fn range_to(&self, next: &Money) -> Option<AmountRecord> {
        let (m, line) = (self.money, self.line);
        let gap = line[m.end..next.start].trim().to_lowercase();
        let opened_by_between = ends_with_word(self.before().to_lowercase().trim_end(), "between");
        let closes = (gap == "and" && opened_by_between) || gap == "to" || gap == "-" || gap == "–";
        let Reading::Value(hi) = next.reading else {
            return None;
        };
        let hi = Some(hi).filter(|_| closes)?;
        let start = qualifier_start(line, m.start).unwrap_or(m.start);
        Some(AmountRecord {
            text: line[start..next.end].trim().to_owned(),
            value: None,
            min: Some(self.value),
            max: Some(hi),
            currency: next.currency.unwrap_or(self.currency).to_owned(),
            currency_inferred: self.inferred && next.currency.is_none(),
            qualifier: Some(Qualifier::Between),
            per: self.per(),
            span: self.span,
        })
    }

    /// A single amount, maybe qualified ("over 12.5 M€", "up to £3m").
    fn single(&self) -> AmountRecord {
        let (m, line) = (self.money, self.line);
        let qualifier = qualifier_before(self.before());
        let start = match qualifier {
            Some(_) => qualifier_start(line, m.start).unwrap_or(m.start),
            None => m.start,
        };
        let (value, min, max) = match qualifier {
            Some(Qualifier::Over) => (None, Some(self.value), None),
            Some(Qualifier::UpTo) => (None, None, Some(self.value)),
            _ => (Some(self.value), None, None),
        };
        AmountRecord {
            text: line[start..m.end].trim().to_owned(),
            value,
            min,
            max,
            currency: self.currency.to_owned(),
            currency_inferred: self.inferred,
            qualifier,
            per: self.per(),
            span: self.span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders what was found on one line: `text | value/min/max | currency | qualifier | per`.
    fn check(input: &str, expect: &str) {
        let (found, bad) = scan_amounts([(1, input)], &Convention::default());
        let mut rendered: Vec<String> = found
            .iter()
            .map(|a| {
                let mut s = format!("{} =", a.text);
                if a.value.is_none() && a.min.is_none() && a.max.is_none() {
                    s += " ?";
                }
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
        rendered.extend(bad.iter().map(|b| match b.kind {
            IssueKind::Unreadable => format!("UNREADABLE {}", b.text),
            IssueKind::AmbiguousSeparator(sep) => format!("AMBIGUOUS '{sep}' {}", b.text),
            IssueKind::ByConvention { mark, evidence } => {
                format!("BY CONVENTION '{mark}' ({evidence}) {}", b.text)
            }
        }));
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
        check("1,23,4 EUR", "1,23,4 EUR = ? EUR\nUNREADABLE 1,23,4 EUR");
    }

    #[test]
    fn thousands_separators() {
        check("a grant of 250 000 EUR", "250 000 EUR = 250000 EUR");
        check("a grant of 1'000 EUR", "1'000 EUR = 1000 EUR");
        check("a grant of 1’500’000 €", "1’500’000 € = 1500000 EUR");
        check("€ 12 500,50 in total", "€ 12 500,50 = 12500.5 EUR");
        check("£2 000 000.00 in total", "£2 000 000.00 = 2000000 GBP");
        check("in 2019 250 000 EUR were spent", "250 000 EUR = 250000 EUR");
        // Never a part of a number read as the whole: the text stays, without a value.
        check("1234 567 EUR", "567 EUR = ? EUR\nUNREADABLE 567 EUR");
    }

    #[test]
    fn a_separator_before_million_follows_the_section() {
        check(
            "9.397.732,50 EUR in all, of which 1,500 million EUR from the region",
            "9.397.732,50 EUR = 9397732.5 EUR\n1,500 million EUR = 1500000 EUR\nBY CONVENTION ',' (1) 1,500 million EUR",
        );
        check(
            "£7,057,734.00 in all, then 1,500 million EUR",
            "£7,057,734.00 = 7057734 GBP\n1,500 million EUR = 1500000000 EUR\nBY CONVENTION '.' (1) 1,500 million EUR",
        );
        check(
            "1,500 million EUR",
            "1,500 million EUR = ? EUR\nAMBIGUOUS ',' 1,500 million EUR",
        );
        check(
            "1,500 million EUR and 47,5 million EUR and 2,25 million EUR",
            "1,500 million EUR = 1500000 EUR\n47,5 million EUR = 47500000 EUR\n2,25 million EUR = 2250000 EUR\nBY CONVENTION ',' (2) 1,500 million EUR",
        );
    }
}
