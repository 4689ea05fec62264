//! Start and end dates: `February 2019 - ongoing`, `January 2017 – March 2020`,
//! `June 2015 to September 2021`, `2019 - 2022`, `Timescale: September 2020 – November 2023`, and
//! days in the common European and ISO forms (`01 January 2005`, `Monday, August 14, 2012`,
//! `14/08/2012`, `2023.08.01`, `2023-08-01`). A numeric day and month are read day first, as in
//! Europe, unless the first cannot be a month. An end printed as "open ended" or "until today" is
//! ongoing; "n/a", "–" or nothing leaves it unknown; "Start: 2002" is a start alone.

use std::fmt;

use serde::Serialize;

use crate::span::Span;

/// A year, a year and month, or a day: the precision the guide prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    /// Only with a month.
    pub day: Option<u8>,
}

impl PartialDate {
    fn year(year: i32) -> PartialDate {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    fn month(year: i32, month: u8) -> PartialDate {
        PartialDate {
            year,
            month: Some(month),
            day: None,
        }
    }

    /// A day, if the month has it.
    fn day(year: i32, month: u8, day: u8) -> Option<PartialDate> {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => 0,
        };
        (1..=days).contains(&day).then_some(PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        })
    }
}

impl fmt::Display for PartialDate {
    /// `xsd:gYear` (`2019`), `xsd:gYearMonth` (`2019-02`) or `xsd:date` (`2019-02-14`) form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
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
    // "since 2002": a start that runs on.
    let (left, since) = match strip_word(left, "since") {
        Some(rest) => (rest, true),
        None => (left, false),
    };
    let start = match parse_side(left) {
        Some(Side::Date(d)) => Some(d),
        Some(Side::Ongoing | Side::Unknown) | None => return Err(DateError::Unreadable),
    };
    let (end, ongoing) = match right.map(parse_side) {
        None => (None, since),
        Some(Some(Side::Date(d))) => (Some(d), false),
        Some(Some(Side::Ongoing)) => (None, true),
        Some(Some(Side::Unknown)) => (None, false),
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
    match (a.month, b.month, a.day, b.day) {
        (Some(am), Some(bm), Some(ad), Some(bd)) => (a.year, am, ad) < (b.year, bm, bd),
        (Some(am), Some(bm), _, _) => (a.year, am) < (b.year, bm),
        _ => a.year < b.year,
    }
}

/// The text after a leading word ("since 2002" → "2002"), in any case.
fn strip_word<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let head = text.get(..word.len())?;
    let rest = &text[word.len()..];
    (head.eq_ignore_ascii_case(word) && rest.starts_with(' ')).then(|| rest.trim_start())
}

fn strip_label(text: &str) -> &str {
    for label in [
        "timescale",
        "period",
        "duration",
        "start date",
        "start",
        "dates",
        "date",
        "from",
    ] {
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
    // "Start: 2002 End: 2005", "Start: 2002; end: open ended": the end's own label.
    let lower = text.to_ascii_lowercase();
    for label in ["end date:", "end:"] {
        if let Some(at) = lower.find(label).filter(|&at| at > 0) {
            let a = text[..at].trim().trim_end_matches([';', ',']).trim();
            return (a, Some(text[at + label.len()..].trim()));
        }
    }
    for sep in [" - ", " to ", " until ", " till "] {
        if let Some((a, b)) = text.split_once(sep) {
            return (a.trim(), Some(b.trim()));
        }
    }
    // "2002 -": a start with nothing after its dash.
    if let Some(a) = text.trim_end().strip_suffix('-') {
        return (a.trim(), Some(""));
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
    /// "n/a", "–", nothing: the end is not known.
    Unknown,
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
            | "to date"
            | "until today"
            | "until now"
            | "open-ended"
            | "open ended"
            | "open end"
            | "continuing"
    ) {
        return Some(Side::Ongoing);
    }
    if matches!(
        lower.as_str(),
        "" | "-" | "n/a" | "na" | "n.a" | "not applicable" | "unknown" | "tbc" | "tbd"
    ) {
        return Some(Side::Unknown);
    }
    if let Some(d) = day(&lower) {
        return Some(Side::Date(d));
    }
    // "YYYY-MM"
    if let Some((y, m)) = lower.split_once('-')
        && let (Some(year), Ok(month)) = (year(y), m.parse::<u8>())
        && (1..=12).contains(&month)
        && m.len() == 2
    {
        return Some(Side::Date(PartialDate::month(year, month)));
    }
    // "MM/YYYY"
    if let Some((m, y)) = lower.split_once('/')
        && let (Ok(month), Some(year)) = (m.parse::<u8>(), year(y))
        && (1..=12).contains(&month)
    {
        return Some(Side::Date(PartialDate::month(year, month)));
    }
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [y] => year(y).map(|year| Side::Date(PartialDate::year(year))),
        [m, y] => Some(Side::Date(PartialDate::month(year(y)?, month(m)?))),
        _ => None,
    }
}

/// A day: "01 January 2005", "1st Jan. 2005", "August 14, 2012", each with or without a weekday
/// in front; "14/08/2012", "14.08.2012" (day first, unless only the second number can be a day:
/// "08/14/2012"); "2023-08-01", "2023.08.01", "2023/08/01".
fn day(lower: &str) -> Option<PartialDate> {
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let words = match words.split_first() {
        Some((first, rest)) if is_weekday(first) => rest,
        _ => &words[..],
    };
    match words {
        [d, m, y] if month(m).is_some() => PartialDate::day(year(y)?, month(m)?, day_number(d)?),
        [m, d, y] => PartialDate::day(year(y)?, month(m)?, day_number(d)?),
        [numeric] => numeric_day(numeric),
        _ => None,
    }
}

fn numeric_day(text: &str) -> Option<PartialDate> {
    let sep = text.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = text.split(sep).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let n = |s: &str| s.parse::<u8>().ok().filter(|_| (1..=2).contains(&s.len()));
    if let Some(y) = year(a) {
        return PartialDate::day(y, n(b)?, n(c)?);
    }
    let (first, second, y) = (n(a)?, n(b)?, year(c)?);
    match (first, second) {
        (f, s) if s > 12 && f <= 12 => PartialDate::day(y, f, s),
        (f, s) => PartialDate::day(y, s, f),
    }
}

fn day_number(text: &str) -> Option<u8> {
    let digits = text.trim_end_matches(['.', 's', 't', 'n', 'd', 'r', 'h']);
    (1..=2)
        .contains(&digits.len())
        .then(|| digits.parse().ok())
        .flatten()
}

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let w = word.trim_end_matches(['.', ',']);
    w.len() >= 3 && DAYS.iter().any(|d| d.starts_with(w))
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

    #[test]
    fn days_and_open_ends() {
        check(
            "01 January 2005 - 31 December 2007",
            "2005-01-01 .. 2007-12-31",
        );
        check("August 14, 2012 - ongoing", "2012-08-14 .. ongoing");
        check("Tuesday, August 14, 2012 – n/a", "2012-08-14 .. -");
        check("Mon 1st Jan. 2018 - 2019", "2018-01-01 .. 2019");
        check("14/08/2012 - 01/09/2013", "2012-08-14 .. 2013-09-01");
        check("08/14/2012", "2012-08-14 .. -");
        check("14.08.2012 - open ended", "2012-08-14 .. ongoing");
        check("2023.08.01 - 2024.01.31", "2023-08-01 .. 2024-01-31");
        check("2023-08-01 - 2023-12-01", "2023-08-01 .. 2023-12-01");
        check("2023-08-01", "2023-08-01 .. -");
        check("2019 until today", "2019 .. ongoing");
        check("2019 - –", "2019 .. -");
        check("2019 -", "2019 .. -");
        check("Start: 2002", "2002 .. -");
        check("Start: 2002 End: 2005", "2002 .. 2005");
        check("Start date: 2002; end date: open ended", "2002 .. ongoing");
        check("since 2002", "2002 .. ongoing");
        check("30 February 2020", "Unreadable");
        check("31/12/2020 - 01/01/2020", "EndBeforeStart");
    }
}
