//! Printed forms of real guides, one practice at a time: each `check` puts the given lines under
//! one practice of the template and compares what is extracted from them (contacts, amounts,
//! dates, funders, diagnostics) with the expectation, one line per fact.
// Test and bench helpers outside #[test] functions state their expectations with unwrap too.
#![allow(clippy::unwrap_used)]

use smarty_extract::{AmountRecord, PracticeRecord, extract};

/// A one-practice guide whose practice ends with `fields` (labelled fields and sections).
fn guide(fields: &str) -> String {
    format!(
        "Test Practice\n\nA practice printed for a test.\n\nAbout this good practice\n\n\
         The practice is described here.\n\n{fields}\n"
    )
}

fn amount(a: &AmountRecord) -> String {
    let mut s = format!("amount: {} =", a.text);
    for (label, v) in [("", a.value), ("min ", a.min), ("max ", a.max)] {
        if let Some(v) = v {
            s += &format!(" {label}{v}");
        }
    }
    s += &format!(" {}", a.currency);
    if let Some(role) = a.role {
        s += &format!(" {role:?}");
    }
    if let Some(per) = a.per {
        s += &format!(" per {per:?}");
    }
    s
}

fn render(p: &PracticeRecord) -> Vec<String> {
    let mut out = Vec::new();
    for c in &p.contacts {
        out.push(format!(
            "contact: {} | {} | {}",
            c.name,
            c.organisation.as_deref().unwrap_or("-"),
            c.email.as_deref().unwrap_or("-")
        ));
    }
    out.extend(p.amounts.iter().map(amount));
    if let Some(d) = &p.period {
        let start = d.start.map_or("?".to_owned(), |s| s.to_string());
        let end = match (d.end, d.ongoing) {
            (Some(e), _) => e.to_string(),
            (None, true) => "ongoing".to_owned(),
            (None, false) => "-".to_owned(),
        };
        out.push(format!("period: {start} .. {end}"));
    }
    out.extend(p.funders.iter().map(|f| format!("funder: {}", f.name)));
    out
}

/// Extracts `fields` as one practice; `expect` lists its facts and diagnostics, one a line.
fn check(fields: &str, expect: &str) {
    let x = extract(&guide(fields));
    assert_eq!(x.practices.len(), 1, "{fields}");
    let mut got = render(&x.practices[0]);
    got.extend(
        x.diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.code, d.message)),
    );
    assert_eq!(got.join("\n"), expect, "input:\n{fields}");
}

#[test]
fn spaces_of_every_kind_are_spaces() {
    check(
        "Contact:\n\nJoanna Labedzka\nJan\u{a0}Kochanowski University of Kielce\njoanna@ujk.edu.pl",
        "contact: Joanna Labedzka | Jan Kochanowski University of Kielce | joanna@ujk.edu.pl",
    );
    check(
        "Contact:\n\nJoanna Labedzka\n\u{a0}\nJan Kochanowski University of Kielce\njoanna@ujk.edu.pl",
        "contact: Joanna Labedzka | Jan Kochanowski University of Kielce | joanna@ujk.edu.pl",
    );
    check(
        "Contact:\u{202f}\n\nJoanna\u{2009}Labedzka\nUniversity\u{2007}of\u{3000}Kielce\u{a0}\n\u{a0}joanna@ujk.edu.pl",
        "contact: Joanna Labedzka | University of Kielce | joanna@ujk.edu.pl",
    );
    check(
        "Contact:\n\nJoanna Labedzka\n\u{a0}\njoanna@ujk.edu.pl",
        "contact: Joanna Labedzka | - | joanna@ujk.edu.pl",
    );
}

#[test]
fn thousands_separators_of_every_kind() {
    check(
        "Resources needed\n\nA budget of 250 000 EUR.",
        "amount: 250 000 EUR = 250000 EUR",
    );
    check(
        "Resources needed\n\nA budget of 250\u{a0}000 EUR and 1\u{202f}250\u{2009}000,50 EUR.",
        "amount: 250 000 EUR = 250000 EUR\namount: 1 250 000,50 EUR = 1250000.5 EUR",
    );
    check(
        "Resources needed\n\nA budget of 1'000 EUR, then €2’500’000.",
        "amount: 1'000 EUR = 1000 EUR\namount: €2’500’000 = 2500000 EUR",
    );
    check(
        "Resources needed\n\nA budget of 1234 567 EUR.",
        "amount: 567 EUR = EUR\nunreadable-amount: '567 EUR' looks like an amount but its number cannot be read",
    );
    check(
        "Resources needed\n\nThe programme has 1,500 million EUR.",
        "amount: 1,500 million EUR = EUR\nunreadable-amount: '1,500 million EUR': the ',' may be a decimal mark or a thousands separator, and no other amount of the guide shows which; kept as printed, without a value",
    );
    check(
        "Resources needed\n\nOf 73,46 million euro, 1,500 million is for training.",
        "amount: 73,46 million euro = 73460000 EUR\namount: 1,500 million = 1500000 EUR\nseparator-by-convention: '1,500 million': ',' read as the decimal mark, as in 1 other amount of the guide",
    );
}

#[test]
fn currencies_by_code_symbol_or_name_before_or_after() {
    check(
        "Resources needed\n\nA budget of SEK 2 500 000, then euro 12,000 and 12,000 Eur.",
        "amount: SEK 2 500 000 = 2500000 SEK\namount: euro 12,000 = 12000 EUR\namount: 12,000 Eur = 12000 EUR",
    );
    check(
        "Resources needed\n\nFunding of PLN 2,000,000 (€460,000) from the programme.",
        "amount: PLN 2,000,000 = 2000000 PLN\namount: €460,000 = 460000 EUR Equivalent",
    );
    check(
        "Resources needed\n\nA budget of 500 000 kr.",
        "unreadable-amount: '500 000 kr': the currency may be DKK, ISK, NOK, SEK, and the section names none of them; not kept as an amount",
    );
}

#[test]
fn dates_at_day_precision_and_open_ends() {
    check(
        "Start - end date:\n\nMonday, 01 January 2005 - August 14, 2012",
        "period: 2005-01-01 .. 2012-08-14",
    );
    check(
        "Start - end date:\n\n14/08/2012 – open ended",
        "period: 2012-08-14 .. ongoing",
    );
    check(
        "Start - end date:\n\n2023.08.01 - n/a",
        "period: 2023-08-01 .. -",
    );
    check("Start - end date:\n\nStart: 2002", "period: 2002 .. -");
    check(
        "Start - end date:\n\n2002 until today",
        "period: 2002 .. ongoing",
    );
}
