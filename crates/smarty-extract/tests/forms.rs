//! Printed forms of real guides, one practice at a time: each `check` puts the given lines under
//! one practice of the template and compares what is extracted from them (contacts, amounts,
//! dates, funders, warnings) with the expectation, one line per fact.
// Test and bench helpers outside #[test] functions state their expectations with unwrap too.
#![allow(clippy::unwrap_used)]

use smarty_extract::{AmountRecord, PracticeRecord, Severity, extract};

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

/// Extracts `fields` as one practice; `expect` lists its facts and warnings, one a line.
fn check(fields: &str, expect: &str) {
    let x = extract(&guide(fields));
    assert_eq!(x.practices.len(), 1, "{fields}");
    let mut got = render(&x.practices[0]);
    got.extend(
        x.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning || d.code.as_str().contains("amount"))
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
