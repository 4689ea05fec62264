//! Monetary amounts as printed in "Resources needed": `£7,057,734.00`, `1,3M€`, `60K €`,
//! `9.397.732,50 EUR`, `EUR 560.000 euro`, `between £11,000 and £18,000`, `over 12.5 M€`.
//!
//! Separators are read the way a European reader would: when both `.` and `,` occur the last one is
//! the decimal mark; a single separator followed by exactly three digits groups thousands unless a
//! multiplier follows (`1,3M€` is 1.3 million, `324.000 €` is 324 thousand).

use serde::Serialize;

mod money;
mod qualifier;

use crate::decimal::Decimal;
use crate::span::Span;
pub use money::parse_number;
use money::{Money, scan_line};
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

/// Text that looked like money but could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableAmount {
    pub text: String,
    pub line: u32,
}

/// Finds every amount in the lines of a section. `lines` pairs each line's text with its number.
pub fn scan_amounts<'a>(
    lines: impl IntoIterator<Item = (u32, &'a str)>,
) -> (Vec<AmountRecord>, Vec<UnreadableAmount>) {
    let mut scan = Scan::default();
    for (line_no, line) in lines {
        scan.line(line_no, line);
    }
    (scan.found, scan.unreadable)
}

/// What a section's amounts have given so far: a bare amount takes the currency of the one before.
#[derive(Default)]
struct Scan {
    found: Vec<AmountRecord>,
    unreadable: Vec<UnreadableAmount>,
    last_currency: Option<&'static str>,
}

impl Scan {
    fn line(&mut self, line_no: u32, line: &str) {
        let monies = scan_line(line);
        let mut i = 0;
        while i < monies.len() {
            let m = &monies[i];
            i += 1;
            let Some(value) = m.value else {
                self.unreadable.push(UnreadableAmount {
                    text: line[m.start..m.end].to_owned(),
                    line: line_no,
                });
                continue;
            };
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
        let hi = next.value.filter(|_| closes)?;
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
}
