//! The readers of amounts, dates and places, on every line of the input and on the whole of it.

use std::str::FromStr;

use smarty_extract::amount::{Convention, scan_amounts};
use smarty_extract::date::parse_period;
use smarty_extract::span::Span;
use smarty_extract::{PartialDate, PeriodRecord};

/// Reads each line as a "Resources needed" section (amounts), as a period and as a location.
pub fn readers(data: &[u8]) {
    let text = crate::text(data);
    let lines: Vec<(u32, &str)> = (1..).zip(text.lines()).collect();

    // Amounts: the section's own convention, and the two a guide can impose.
    for guide in [
        Convention::default(),
        Convention { comma: 1, point: 0 },
        Convention { comma: 0, point: 1 },
    ] {
        let (found, issues) = scan_amounts(lines.iter().copied(), &guide);
        let (again, _) = scan_amounts(lines.iter().copied(), &guide);
        assert!(found == again, "the amount reader is not deterministic");
        let last = u32::try_from(lines.len()).unwrap_or(u32::MAX);
        for amount in &found {
            crate::extract::check_amount(amount);
            assert!(
                amount.span.start >= 1 && amount.span.end <= last,
                "{:?}: span {:?} outside the {last} lines read",
                amount.text,
                amount.span
            );
        }
        for issue in &issues {
            assert!(
                issue.line >= 1 && issue.line <= last,
                "an issue on line {}",
                issue.line
            );
        }
    }

    // Periods.
    for (n, line) in lines.iter().copied().chain([(1, text.as_ref())]) {
        if let Ok(period) = parse_period(line, Span::line(n)) {
            check_period(&period);
        }
    }

    // Places.
    let gazetteer = crate::extract::reference().gazetteer();
    for (_, line) in lines.iter().copied() {
        let resolved = gazetteer.resolve(line);
        assert!(
            resolved == gazetteer.resolve(line),
            "{line:?}: the place reader is not deterministic"
        );
        for code in &resolved.nuts {
            assert!(
                gazetteer.region(code).is_some() || gazetteer.country_by_nuts(code).is_some(),
                "{line:?}: NUTS code {code} is not in the tables"
            );
        }
        for iso3 in &resolved.countries {
            assert!(
                gazetteer.country_by_iso3(iso3).is_some(),
                "{line:?}: country {iso3} is not in the tables"
            );
        }
        let mut unique = resolved.nuts.clone();
        unique.sort();
        unique.dedup();
        assert!(
            unique.len() == resolved.nuts.len(),
            "{line:?}: a NUTS code twice"
        );
    }
}

/// A period read is in order, its dates exist, and each prints as the XSD value RDF gets.
pub(crate) fn check_period(period: &PeriodRecord) {
    for date in period.start.iter().chain(&period.end) {
        check_date(*date, &period.text);
    }
    if let (Some(start), Some(end)) = (period.start, period.end) {
        let coarse = |d: PartialDate| (d.year, d.month.unwrap_or(12), d.day.unwrap_or(31));
        let fine = |d: PartialDate| (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1));
        assert!(
            fine(start) <= coarse(end),
            "{:?}: ends ({end}) before it starts ({start})",
            period.text
        );
    }
    assert!(
        !(period.ongoing && period.end.is_some()),
        "{:?}: ongoing with an end",
        period.text
    );
}

fn check_date(date: PartialDate, text: &str) {
    let printed = date.to_string();
    let valid = match (date.month, date.day) {
        (Some(_), Some(_)) => oxsdatatypes::Date::from_str(&printed).is_ok(),
        (Some(_), None) => oxsdatatypes::GYearMonth::from_str(&printed).is_ok(),
        (None, None) => oxsdatatypes::GYear::from_str(&printed).is_ok(),
        (None, Some(_)) => false,
    };
    assert!(
        valid,
        "{text:?}: {printed} is not a valid XSD date, year-month or year"
    );
}
