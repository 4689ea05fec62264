//! The printed forms of amounts, dates and contact blocks that real guides use, each with the
//! value a correct extraction reads from it (the ground truth of [`crate::PracticeTruth`]).

use crate::random::Random;
use crate::words;

/// What an amount must be read as: its value or bounds as canonical decimals, its currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountTruth {
    pub value: Option<String>,
    pub min: Option<String>,
    pub max: Option<String>,
    pub currency: &'static str,
    /// "Equivalent" for an amount printed in brackets in another currency.
    pub role: Option<&'static str>,
}

impl AmountTruth {
    pub(crate) fn per_year(value: String, currency: &'static str) -> AmountTruth {
        AmountTruth {
            role: Some("PerYear"),
            ..AmountTruth::value(value, currency)
        }
    }

    fn value(value: String, currency: &'static str) -> AmountTruth {
        AmountTruth {
            value: Some(value),
            min: None,
            max: None,
            currency,
            role: None,
        }
    }
}

/// An amount in another currency, with its equivalent in euros in brackets after it half the
/// time; the codes, symbols and names real guides print, before or after the number.
pub(crate) fn foreign_amount(random: &mut Random) -> (String, Vec<AmountTruth>) {
    const FORMS: [(&str, &str, bool); 10] = [
        ("SEK", "SEK", true),
        ("PLN", "PLN", true),
        ("zł", "PLN", false),
        ("Kč", "CZK", false),
        ("Ft", "HUF", false),
        ("CHF", "CHF", false),
        ("Eur", "EUR", false),
        ("euro", "EUR", true),
        ("Swedish kronor", "SEK", false),
        ("BGN", "BGN", true),
    ];
    let (mark, code, before) = FORMS[random.below(FORMS.len())];
    let thousands = random.below(900) + 100;
    let number = format!("{thousands} 000");
    let printed = if before {
        format!("{mark} {number}")
    } else {
        format!("{number} {mark}")
    };
    let mut truths = vec![AmountTruth::value(format!("{thousands}000"), code)];
    if code == "EUR" || random.below(2) == 0 {
        return (printed, truths);
    }
    let euros = thousands * 1000 / 4;
    truths.push(AmountTruth {
        role: Some("Equivalent"),
        ..AmountTruth::value(euros.to_string(), "EUR")
    });
    (format!("{printed} (€{euros})"), truths)
}

/// What a period must be read as, in `xsd` lexical forms; `end` is "ongoing" for an open end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodTruth {
    pub start: String,
    pub end: Option<String>,
}

/// An amount in one of the printed forms, with what it must be read as.
pub(crate) fn amount(random: &mut Random) -> (String, AmountTruth) {
    let millions = random.below(90) + 1;
    let tenths = random.below(10);
    let thousands = random.below(900) + 100;
    let units = random.below(1000);
    let m = |digits: String| format!("{digits}000000");
    let eur = |v: String| AmountTruth::value(v, "EUR");
    // Thousands grouped by a space of any kind or an apostrophe.
    const GROUPS: [&str; 5] = [" ", "\u{a0}", "\u{202f}", "\u{2009}", "'"];
    let group = GROUPS[random.below(GROUPS.len())];
    match random.below(19) {
        0 => (
            format!("£{millions},{thousands:03},{units:03}.00"),
            AmountTruth::value(
                format!("{}", millions * 1_000_000 + thousands * 1000 + units),
                "GBP",
            ),
        ),
        1 => (
            format!("{millions},{tenths}M€"),
            eur(tenth_millions(millions, tenths)),
        ),
        2 => (format!("{thousands}K €"), eur(format!("{thousands}000"))),
        3 => (
            format!("{millions}.{thousands:03}.{units:03},50 EUR"),
            eur(format!(
                "{}.5",
                millions * 1_000_000 + thousands * 1000 + units
            )),
        ),
        4 => (
            format!("{millions},{tenths} M EUR"),
            eur(tenth_millions(millions, tenths)),
        ),
        5 => (
            format!("£{millions} million"),
            AmountTruth::value(m(millions.to_string()), "GBP"),
        ),
        6 => {
            let hundredths = random.below(10);
            let v = millions * 1_000_000 + tenths * 100_000 + hundredths * 10_000;
            (
                format!("{millions},{tenths}{hundredths} million euro"),
                eur(v.to_string()),
            )
        }
        7 => (
            format!("{millions},{tenths} million EUR"),
            eur(tenth_millions(millions, tenths)),
        ),
        8 => (format!("{millions} M €"), eur(m(millions.to_string()))),
        9 => (format!("€{thousands}.000"), eur(format!("{thousands}000"))),
        10 => (
            format!("EUR {thousands}.000 euro"),
            eur(format!("{thousands}000")),
        ),
        11 => (format!("{thousands}.000 €"), eur(format!("{thousands}000"))),
        12 => (
            format!("over {millions}.{tenths} M€"),
            AmountTruth {
                value: None,
                min: Some(tenth_millions(millions, tenths)),
                max: None,
                currency: "EUR",
                role: None,
            },
        ),
        13 => {
            let (lo, hi) = (thousands / 10 + 1, thousands / 10 + 20);
            (
                format!("between £{lo},000 and £{hi},000"),
                AmountTruth {
                    value: None,
                    min: Some(format!("{lo}000")),
                    max: Some(format!("{hi}000")),
                    currency: "GBP",
                    role: None,
                },
            )
        }
        14 => (format!("about {millions}M€"), eur(m(millions.to_string()))),
        15 => (
            format!("{thousands}{group}{units:03} EUR"),
            eur((thousands * 1000 + units).to_string()),
        ),
        16 => (
            format!("€{millions}{group}{thousands:03}{group}{units:03},50"),
            eur(format!(
                "{}.5",
                millions * 1_000_000 + thousands * 1000 + units
            )),
        ),
        17 => (
            format!("£{millions}{group}{thousands:03}{group}{units:03}.25"),
            AmountTruth::value(
                format!("{}.25", millions * 1_000_000 + thousands * 1000 + units),
                "GBP",
            ),
        ),
        _ => (format!("{thousands}k Euro"), eur(format!("{thousands}000"))),
    }
}

/// `m,t` million as a canonical decimal.
fn tenth_millions(millions: usize, tenths: usize) -> String {
    (millions * 1_000_000 + tenths * 100_000).to_string()
}

/// Start and end in one of the printed forms, with what they must be read as.
pub(crate) fn dates(random: &mut Random) -> (String, PeriodTruth) {
    let start = 1995 + random.below(25);
    let end = start + 1 + random.below(6);
    let (m1, m2) = (random.below(12), random.below(12));
    let (n1, n2) = (words::MONTHS[m1], words::MONTHS[m2]);
    let ym = |y: usize, m: usize| format!("{y:04}-{:02}", m + 1);
    let ongoing = Some("ongoing".to_owned());
    let (d1, d2) = (random.below(28) + 1, random.below(28) + 1);
    let ymd = |y: usize, m: usize, d: usize| format!("{y:04}-{:02}-{d:02}", m + 1);
    let weekday = ["Monday", "Tuesday", "Wed", "Thursday", "Fri"][random.below(5)];
    let (text, s, e) = match random.below(14) {
        8 => (
            format!("{d1:02} {n1} {start} - {n2} {d2}, {end}"),
            ymd(start, m1, d1),
            Some(ymd(end, m2, d2)),
        ),
        9 => (
            format!("{weekday}, {n1} {d1}, {start} – open ended"),
            ymd(start, m1, d1),
            ongoing,
        ),
        10 => (
            format!("{d1:02}/{:02}/{start} - n/a", m1 + 1),
            ymd(start, m1, d1),
            None,
        ),
        11 => (
            format!(
                "{start}.{:02}.{d1:02} - {end}-{:02}-{d2:02}",
                m1 + 1,
                m2 + 1
            ),
            ymd(start, m1, d1),
            Some(ymd(end, m2, d2)),
        ),
        12 => (format!("Start: {start}"), start.to_string(), None),
        13 => (format!("{start} until today"), start.to_string(), ongoing),
        0 => (format!("{n1} {start} - ongoing"), ym(start, m1), ongoing),
        1 => (
            format!("{n1} {start} – {n2} {end}"),
            ym(start, m1),
            Some(ym(end, m2)),
        ),
        2 => (
            format!("{n1} {start} to {n2} {end}"),
            ym(start, m1),
            Some(ym(end, m2)),
        ),
        3 => (format!("{start} - ongoing"), start.to_string(), ongoing),
        4 => (
            format!("{start} - {end}"),
            start.to_string(),
            Some(end.to_string()),
        ),
        5 => (
            format!("Timescale: {n1} {start} – {n2} {end}"),
            ym(start, m1),
            Some(ym(end, m2)),
        ),
        6 => (format!("{n1} {start} - Ongoing"), ym(start, m1), ongoing),
        _ => (format!("{start} - Ongoing"), start.to_string(), ongoing),
    };
    (text, PeriodTruth { start: s, end: e })
}

/// A contact block as printed: name, organisation, e-mail, with the spaces a word processor or PDF
/// converter leaves (no-break and thin spaces inside a line, a line of no-break spaces between two).
pub(crate) fn contact_block(
    random: &mut Random,
    name: &str,
    organisation: &str,
    email: &str,
) -> String {
    const SPACES: [&str; 4] = ["\u{a0}", "\u{2009}", "\u{202f}", " \u{a0}"];
    let mut spaced = |text: &str| -> String {
        if random.below(4) == 0 {
            let space = SPACES[random.below(SPACES.len())];
            text.replacen(' ', space, 1)
        } else {
            text.to_owned()
        }
    };
    let (name, organisation) = (spaced(name), spaced(organisation));
    let gap = if random.below(8) == 0 { "\n\u{a0}" } else { "" };
    format!("{name}{gap}\n{organisation}\n{email}")
}
