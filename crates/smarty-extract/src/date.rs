//! Start and end dates: `February 2019 - ongoing`, `January 2017 – March 2020`,
//! `June 2015 to September 2021`, `2019 - 2022`, `Timescale: September 2020 – November 2023`.

use std::fmt;

use serde::Serialize;

use crate::span::Span;

/// A year, or a year and month: the precision the guide prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
}

impl fmt::Display for PartialDate {
    /// `xsd:gYear` (`2019`) or `xsd:gYearMonth` (`2019-02`) lexical form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.month {
            Some(m) => write!(f, "{:04}-{:02}", self.year, m),
            None => write!(f, "{:04}", self.year),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodRecord {
    /// The dates as printed.
    pub text: String,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    /// "ongoing": no end date.
    pub ongoing: bool,
    pub span: Span,
}

/// Why a date text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Unreadable,
    /// The end is before the start.
    EndBeforeStart,
}

/// Reads a printed period. The caller supplies the span.
pub fn parse_period(text: &str, span: Span) -> Result<PeriodRecord, DateError> {
    let body = strip_label(text.trim());
    let normalised: String = body
        .chars()
        .map(|c| match c {
            '–' | '—' | '‒' | '−' | '‑' => '-',
            c => c,
        })
        .collect();
    let (left, right) = split_range(&normalised);
    let start = match parse_side(left) {
        Some(Side::Date(d)) => Some(d),
        Some(Side::Ongoing) | None => return Err(DateError::Unreadable),
    };
    let (end, ongoing) = match right.map(parse_side) {
        None => (None, false),
        Some(Some(Side::Date(d))) => (Some(d), false),
        Some(Some(Side::Ongoing)) => (None, true),
        Some(None) => return Err(DateError::Unreadable),
    };
    if let (Some(s), Some(e)) = (start, end)
        && precedes(e, s)
    {
        return Err(DateError::EndBeforeStart);
    }
    Ok(PeriodRecord {
        text: text.trim().to_owned(),
        start,
        end,
        ongoing,
        span,
    })
}

/// Whether `a` ends before `b` begins, comparing at the coarser precision.
fn precedes(a: PartialDate, b: PartialDate) -> bool {
    match (a.month, b.month) {
        (Some(am), Some(bm)) => (a.year, am) < (b.year, bm),
        _ => a.year < b.year,
    }
}

fn strip_label(text: &str) -> &str {
    for label in ["timescale", "period", "duration", "dates", "date", "from"] {
        if text.len() > label.len()
            && text.is_char_boundary(label.len())
            && text[..label.len()].eq_ignore_ascii_case(label)
        {
            let rest = text[label.len()..].trim_start();
            let rest = rest.strip_prefix(':').unwrap_or(rest);
            return rest.trim_start();
        }
    }
    text
}

fn split_range(text: &str) -> (&str, Option<&str>) {
    for sep in [" - ", " to ", " until ", " till "] {
        if let Some((a, b)) = text.split_once(sep) {
            return (a.trim(), Some(b.trim()));
        }
    }
    // "2018-2020", "2019-ongoing", "May 2019-June 2020": a hyphen between two readable sides.
    for (i, _) in text.match_indices('-') {
        let (a, b) = (text[..i].trim(), text[i + 1..].trim());
        if parse_side(a).is_some() && parse_side(b).is_some() {
            return (a, Some(b));
        }
    }
    (text.trim(), None)
}

enum Side {
    Date(PartialDate),
    Ongoing,
}

fn parse_side(text: &str) -> Option<Side> {
    let t = text.trim().trim_end_matches('.').trim();
    let lower = t.to_lowercase();
    if matches!(
        lower.as_str(),
        "ongoing"
            | "on-going"
            | "on going"
            | "present"
            | "now"
            | "today"
            | "open-ended"
            | "continuing"
    ) {
        return Some(Side::Ongoing);
    }
    // "YYYY-MM"
    if let Some((y, m)) = lower.split_once('-')
        && let (Some(year), Ok(month)) = (year(y), m.parse::<u8>())
        && (1..=12).contains(&month)
        && m.len() == 2
    {
        return Some(Side::Date(PartialDate {
            year,
            month: Some(month),
        }));
    }
    // "MM/YYYY"
    if let Some((m, y)) = lower.split_once('/')
        && let (Ok(month), Some(year)) = (m.parse::<u8>(), year(y))
        && (1..=12).contains(&month)
    {
        return Some(Side::Date(PartialDate {
            year,
            month: Some(month),
        }));
    }
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [y] => year(y).map(|year| Side::Date(PartialDate { year, month: None })),
        [m, y] => {
            let month = month(m)?;
            let year = year(y)?;
            Some(Side::Date(PartialDate {
                year,
                month: Some(month),
            }))
        }
        _ => None,
    }
}

fn year(text: &str) -> Option<i32> {
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok().filter(|y| (1800..=2200).contains(y))
    } else {
        None
    }
}

fn month(text: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let t = text.trim_end_matches('.');
    if t.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(t))
        .map(|i| i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: &str) {
        let got = match parse_period(input, Span::line(1)) {
            Ok(p) => {
                let s = p.start.map_or("?".into(), |d| d.to_string());
                let e = match (p.end, p.ongoing) {
                    (Some(d), _) => d.to_string(),
                    (None, true) => "ongoing".into(),
                    (None, false) => "-".into(),
                };
                format!("{s} .. {e}")
            }
            Err(e) => format!("{e:?}"),
        };
        assert_eq!(got, expect, "input: {input}");
    }

    #[test]
    fn every_form_in_the_bundled_guide() {
        check("February 2019 - ongoing", "2019-02 .. ongoing");
        check("January 2017 – March 2020", "2017-01 .. 2020-03");
        check("January 2018 - September 2019", "2018-01 .. 2019-09");
        check("June 2015 to September 2021", "2015-06 .. 2021-09");
        check("November 2016 - April 2020", "2016-11 .. 2020-04");
        check("2001 - ongoing", "2001 .. ongoing");
        check("2012 - ongoing", "2012 .. ongoing");
        check("January 2018 - Ongoing", "2018-01 .. ongoing");
        check("January 2018 – ongoing", "2018-01 .. ongoing");
        check("2019 - ongoing", "2019 .. ongoing");
        check("May 2022 - ongoing", "2022-05 .. ongoing");
        check("2017 - ongoing", "2017 .. ongoing");
        check("May 2012 - Ongoing", "2012-05 .. ongoing");
        check("June 2020 - June 2021", "2020-06 .. 2021-06");
        check("February 2019 - November 2019", "2019-02 .. 2019-11");
        check(
            "Timescale: September 2020 – November 2023",
            "2020-09 .. 2023-11",
        );
        check("November 2019 - Ongoing", "2019-11 .. ongoing");
        check("2016 - Ongoing", "2016 .. ongoing");
        check("January 2018 - December 2020", "2018-01 .. 2020-12");
        check("2019 - 2022", "2019 .. 2022");
        check("1999 - Ongoing", "1999 .. ongoing");
    }

    #[test]
    fn other_forms() {
        check("2018-2020", "2018 .. 2020");
        check("2019-ongoing", "2019 .. ongoing");
        check("Sept. 2020 - Dec 2021", "2020-09 .. 2021-12");
        check("09/2020 - 2021-03", "2020-09 .. 2021-03");
        check("2019", "2019 .. -");
        check("2021 - 2019", "EndBeforeStart");
        check("March 2020 - February 2020", "EndBeforeStart");
        check("some time soon", "Unreadable");
        check("ongoing", "Unreadable");
    }
}
