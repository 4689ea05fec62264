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

mod currency;
mod money;
mod number;
mod qualifier;
mod role;
mod scan;

use crate::decimal::Decimal;
use crate::span::Span;
use money::scan_line;
pub use number::{Convention, Reading, read_number};
use scan::Scan;

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
    /// What the amount is to the others: set when the text says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<AmountRole>,
    pub span: Span,
}

/// What an amount is to the others printed with it, as the text says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountRole {
    /// A whole that other amounts break down.
    Total,
    /// A share of a total printed before it ("73,46 million euro: 65% (47,5 million)").
    Part,
    /// The amount before it in another currency ("PLN 2,000,000 (€460,000)"): not a second grant.
    Equivalent,
    /// An amount for each year ("€50,000 a year").
    PerYear,
    /// An amount for each project, company or other unit ("a maximum of 200k Euro per project").
    PerUnit,
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
    /// A currency mark several currencies share ("kr"), and the section names none of them.
    AmbiguousCurrency(&'static [&'static str]),
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
    // Currencies the section prints unambiguously decide a shared mark ("kr") in it.
    let known: Vec<&'static str> = lines
        .iter()
        .flat_map(|(_, line)| scan_line(line, &convention))
        .filter_map(|m| match m.currency {
            Some([one]) => Some(*one),
            _ => None,
        })
        .collect();
    let mut scan = Scan::new(known);
    for (line_no, line) in lines {
        scan.line(line_no, line, &convention);
    }
    (scan.found, scan.issues)
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
                if let Some(r) = a.role {
                    s += &format!(" {r:?}");
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
            IssueKind::AmbiguousCurrency(codes) => {
                format!("CURRENCY {} {}", codes.join("|"), b.text)
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
            "approximately 60K € = 60000 EUR About per Year PerYear",
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
            "73,46 million euro = 73460000 EUR Total\n47,5 million = 47500000 EUR (inferred) Part\n25,5 million = 25500000 EUR (inferred) Part\n200k Euro = max 200000 EUR UpTo per Project PerUnit",
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
            "€770.000 = 770000 EUR Total",
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
            "324.000 € = 324000 EUR Total",
        );
        check(
            "Yearly basis, the FrostBit budget is about 2M€ in total.",
            "about 2M€ = 2000000 EUR About per Year PerYear",
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
            "up to £3m = max 3000000 GBP UpTo per Year PerYear",
        );
        check("1,23,4 EUR", "1,23,4 EUR = ? EUR\nUNREADABLE 1,23,4 EUR");
    }

    /// A range whose bounds are upside down is kept as printed, without bounds (found by the
    /// `extract` fuzz target: the minimum came out above the maximum).
    #[test]
    fn a_range_upside_down_is_not_read() {
        check(
            "funding of between £71,000 and £18,000 is available",
            "between £71,000 and £18,000 = ? GBP Between\nUNREADABLE between £71,000 and £18,000",
        );
        check(
            "£18,000 to £11,000",
            "£18,000 to £11,000 = ? GBP Between\nUNREADABLE £18,000 to £11,000",
        );
        check(
            "£11,000 to £11,000",
            "£11,000 to £11,000 = min 11000 max 11000 GBP Between",
        );
    }

    #[test]
    fn currencies_of_every_kind() {
        check("a grant of 1'000 CHF", "1'000 CHF = 1000 CHF");
        check("SEK 2 500 000 in all", "SEK 2 500 000 = 2500000 SEK");
        check("2,5 million Eur", "2,5 million Eur = 2500000 EUR");
        check(
            "euro 12,000 and 12,000 euro",
            "euro 12,000 = 12000 EUR\n12,000 euro = 12000 EUR",
        );
        check("EUR 12,000", "EUR 12,000 = 12000 EUR");
        check(
            "500 zł, 3 000 Kč, 12 000 Ft, 40 лв.",
            "500 zł = 500 PLN\n3 000 Kč = 3000 CZK\n12 000 Ft = 12000 HUF\n40 лв. = 40 BGN",
        );
        check(
            "BGN 40, RON 12, DKK 5, NOK 6, HUF 7, CZK 8",
            "BGN 40 = 40 BGN\nRON 12 = 12 RON\nDKK 5 = 5 DKK\nNOK 6 = 6 NOK\nHUF 7 = 7 HUF\nCZK 8 = 8 CZK",
        );
        check(
            "2 million Swedish kronor",
            "2 million Swedish kronor = 2000000 SEK",
        );
        check("500 000 forints", "500 000 forints = 500000 HUF");
        // A mark several currencies share takes the one the section prints, or none.
        check(
            "SEK 2 million, of which 500 000 kr",
            "SEK 2 million = 2000000 SEK\n500 000 kr = 500000 SEK",
        );
        check("500 000 kr", "CURRENCY DKK|ISK|NOK|SEK 500 000 kr");
        // A year before a currency printed ahead of its amount.
        check("in 2019 SEK 500 000 were spent", "SEK 500 000 = 500000 SEK");
    }

    #[test]
    fn an_amount_in_brackets_is_an_equivalent_or_a_part() {
        check(
            "PLN 2,000,000 (€460,000) from the programme",
            "PLN 2,000,000 = 2000000 PLN\n€460,000 = 460000 EUR Equivalent",
        );
        check(
            "a grant of 2 000 000 zł (approx. EUR 460 000)",
            "2 000 000 zł = 2000000 PLN\napprox. EUR 460 000 = 460000 EUR About Equivalent",
        );
        check(
            "The funding (£7,057,734.00) comprised",
            "£7,057,734.00 = 7057734 GBP",
        );
    }

    #[test]
    fn totals_parts_and_rates() {
        // A total and the grant requested in it: the grant is a share of the total.
        let (found, _) = scan_amounts(
            [
                (1, "Total budget of the project: €770.000"),
                (2, "Total grant requested: €350.000"),
            ],
            &Convention::default(),
        );
        let roles: Vec<_> = found.iter().map(|a| a.role).collect();
        assert_eq!(roles, [Some(AmountRole::Total), Some(AmountRole::Part)]);
        check(
            "Total budget €1,000,000, of which €400,000 from the region",
            "€1,000,000 = 1000000 EUR Total\n€400,000 = 400000 EUR Part",
        );
        // Said to come on top: a second grant, not a share.
        check(
            "Total budget €1,000,000. An additional €400,000 came from the region",
            "€1,000,000 = 1000000 EUR Total\n€400,000 = 400000 EUR",
        );
        // Another currency is never a share of a total.
        check(
            "Total budget €1,000,000 and £400,000 from the council",
            "€1,000,000 = 1000000 EUR Total\n£400,000 = 400000 GBP",
        );
        check(
            "Total: PLN 2,000,000 (€460,000)",
            "PLN 2,000,000 = 2000000 PLN Total\n€460,000 = 460000 EUR Equivalent",
        );
        check("€50,000 a year", "€50,000 = 50000 EUR per Year PerYear");
        check(
            "£70 million of funding. An additional £70 million was secured",
            "£70 million = 70000000 GBP\n£70 million = 70000000 GBP",
        );
    }

    #[test]
    fn thousands_separators() {
        check("a grant of 250 000 EUR", "250 000 EUR = 250000 EUR");
        check("a grant of 1'000 EUR", "1'000 EUR = 1000 EUR");
        check("a grant of 1’500’000 €", "1’500’000 € = 1500000 EUR");
        check("€ 12 500,50 in total", "€ 12 500,50 = 12500.5 EUR Total");
        check(
            "£2 000 000.00 in total",
            "£2 000 000.00 = 2000000 GBP Total",
        );
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
