//! Rows back into the lines of the guide's template: a paragraph on one line, blank lines
//! between paragraphs, short lines (a contact's name, organisation, e-mail) kept apart.
//!
//! A row was wrapped by the typesetter, and joins the next, exactly when the next row's first
//! word would not have fitted in the room left at its end; the room is measured against the right
//! margin of its column, the longest row of that column across the document.

use std::collections::HashMap;

use crate::layout::{Column, Region, Row};
use crate::pdf::Word;

/// A line of text and the page (1-based) it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub page: u32,
}

/// The measures every decision is made against, taken from the whole document.
struct Measures {
    /// The usual distance from one row's top to the next one's within a paragraph.
    pitch: f64,
    /// The usual height of a word.
    height: f64,
    /// The highest top and lowest bottom of text on any page.
    top: f64,
    bottom: f64,
    right: HashMap<Column, f64>,
}

/// Lines of the whole document, from each page's regions in reading order.
pub fn lines(pages: &[Vec<Region>]) -> Vec<Line> {
    let m = measures(pages);
    let mut out: Vec<Line> = Vec::new();
    let mut previous: Option<(&Row, &Region, usize)> = None;
    for (page, regions) in pages.iter().enumerate() {
        for region in regions {
            for row in &region.rows {
                let text = row_text(row, m.height);
                let Some((a, a_region, a_page)) = previous else {
                    out.push(Line {
                        text,
                        page: page as u32 + 1,
                    });
                    previous = Some((row, region, page));
                    continue;
                };
                // Within a column a paragraph break shows as a taller gap; at a column or page
                // break, as room left at the bottom of one column or the top of the next.
                let blank = if a_page == page && row.y0 > a.y1 {
                    row.y0 - a.y0 > 1.5 * m.pitch
                } else {
                    m.bottom - a.y1 >= m.pitch || row.y0 - m.top >= m.pitch
                };
                let wrapped = wraps(a, m.right[&a_region.column], row, m.height)
                    && !next_item(out.last().map_or("", |l| l.text.as_str()), &text);
                let line = out.last_mut().filter(|_| wrapped && !blank);
                match line {
                    Some(line) => join(&mut line.text, &text),
                    None => {
                        if blank {
                            out.push(Line {
                                text: String::new(),
                                page: page as u32 + 1,
                            });
                        }
                        out.push(Line {
                            text,
                            page: page as u32 + 1,
                        });
                    }
                }
                previous = Some((row, region, page));
            }
        }
    }
    out
}

fn measures(pages: &[Vec<Region>]) -> Measures {
    let rows = || pages.iter().flatten().flat_map(|r| &r.rows);
    let height = median(rows().map(|r| r.y1 - r.y0).collect()).unwrap_or(10.0);
    let pitches = pages
        .iter()
        .flatten()
        .flat_map(|r| r.rows.windows(2).map(|w| w[1].y0 - w[0].y0))
        .filter(|d| *d > 0.0 && *d < 3.0 * height)
        .collect();
    let right = margins(pages);
    Measures {
        pitch: median(pitches).unwrap_or(1.2 * height),
        height,
        top: rows().map(|r| r.y0).fold(f64::INFINITY, f64::min),
        bottom: rows().map(|r| r.y1).fold(f64::NEG_INFINITY, f64::max),
        right,
    }
}

/// Each column's right margin: where most of its rows end (the 95th percentile, so one word
/// overflowing the column does not move it). Short rows do not show a margin, so a column takes
/// a wider one from a column that starts at the same place and shows its margin: one cut deeper
/// (a last page's half-empty column, a page of logo captions) or any, if it has few rows.
fn margins(pages: &[Vec<Region>]) -> HashMap<Column, f64> {
    let mut ends: HashMap<Column, Vec<f64>> = HashMap::new();
    for region in pages.iter().flatten() {
        let column = ends.entry(region.column.clone()).or_default();
        column.extend(region.rows.iter().map(|r| r.x1));
    }
    let own: Vec<(Column, f64, usize)> = ends
        .into_iter()
        .map(|(column, mut x1)| {
            x1.sort_by(f64::total_cmp);
            let at = (x1.len().saturating_sub(1) as f64 * 0.95).round() as usize;
            (column, x1.get(at).copied().unwrap_or(0.0), x1.len())
        })
        .collect();
    own.iter()
        .map(|(column, edge, rows)| {
            let wider = own
                .iter()
                .filter(|(c, e, n)| {
                    let deeper = c.sides.len() > column.sides.len() || *rows < MANY_ROWS;
                    c != column && c.left == column.left && *n >= MANY_ROWS && deeper && e > edge
                })
                .map(|(_, e, _)| *e)
                .fold(f64::INFINITY, f64::min);
            (
                column.clone(),
                if wider.is_finite() { wider } else { *edge },
            )
        })
        .collect()
}

/// Enough rows for a column to show its own margin.
const MANY_ROWS: usize = 30;

fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied()
}

/// Whether row `a` was wrapped before `b`: `b`'s first word would not have fitted after it.
/// An e-mail address or a web address is taken as a line of its own (as in a contact block).
fn wraps(a: &Row, right: f64, b: &Row, height: f64) -> bool {
    let Some(first) = b.words.first() else {
        return false;
    };
    let t = first.text.trim_start_matches(['<', '(', '[']);
    if t.contains('@') || t.starts_with("http") || t.starts_with("www.") {
        return false;
    }
    // A contents line ends with its page number; a long title before its number wraps short of
    // the margin, where the numbers' column begins.
    if ends_with_page_number(a, height) {
        return false;
    }
    if ends_with_page_number(b, height) {
        return a.x1 - a.x0 > 0.5 * (right - a.x0);
    }
    let space = 0.3 * height;
    right - a.x1 < (first.x1 - first.x0) + space + 1.0
}

/// Whether a row starts another item of the list the line is an item of (same bullet); a dash
/// that merely begins a wrapped row is not a new item.
fn next_item(line: &str, row: &str) -> bool {
    let marker =
        |t: &str| smarty_extract::text::strip_bullet(t).and_then(|_| t.trim_start().chars().next());
    marker(row).is_some() && marker(row) == marker(line)
}

/// Appends a wrapped row: without a space after a hyphen that splits a word.
fn join(line: &mut String, next: &str) {
    if let Some(stem) = line.strip_suffix('\u{ad}') {
        let stem = stem.len();
        line.truncate(stem);
    } else if !(line.ends_with('-') && next.starts_with(char::is_lowercase)) {
        line.push(' ');
    }
    line.push_str(next);
}

/// A row's words, a space between them except where poppler split a word at a change of font;
/// a page number set apart at the end of a row (a contents line) follows a tab.
fn row_text(row: &Row, height: f64) -> String {
    let mut text = String::new();
    let mut last: Option<&Word> = None;
    for (i, w) in row.words.iter().enumerate() {
        if let Some(p) = last {
            let gap = w.x0 - p.x1;
            if i + 1 == row.words.len() && ends_with_page_number(row, height) {
                text.push('\t');
            } else if gap > 0.1 * height {
                text.push(' ');
            }
        }
        text.push_str(&w.text);
        last = Some(w);
    }
    text
}

/// Whether a row ends with a number set apart from the words before it, as on a contents page.
fn ends_with_page_number(row: &Row, height: f64) -> bool {
    let [.., before, last] = row.words.as_slice() else {
        return false;
    };
    let number = last.text.len() <= 4 && last.text.chars().all(|c| c.is_ascii_digit());
    number && last.x0 - before.x1 > 0.9 * height
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row at (x, y) whose words are 4 pt per character and 2 pt apart, 7 pt high.
    fn row(x: f64, y: f64, text: &str) -> Row {
        let words = crate::pdf::set_in_boxes(x, y, text, 4.0);
        let x1 = words.last().map_or(x, |w| w.x1);
        Row {
            x0: x,
            x1,
            y0: y,
            y1: y + 7.0,
            words,
        }
    }

    fn region(left: i64, rows: Vec<Row>) -> Region {
        Region {
            rows,
            column: Column {
                left,
                sides: vec![],
            },
        }
    }

    /// Rows every 9 pt from y = 40 in a column 160 pt wide (set by a long row far below);
    /// `None` is a skipped row (a blank line in the source).
    fn check(rows: &[Option<&str>], expect: &str) {
        let mut out = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            if let Some(text) = r {
                out.push(row(0.0, 40.0 + 9.0 * i as f64, text));
            }
        }
        // Three full rows far below: one wrapped paragraph that sets the margin and the pitch.
        for y in [500.0, 509.0, 518.0] {
            out.push(row(0.0, y, &"x".repeat(40)));
        }
        let got = lines(&[vec![region(0, out)]]);
        let texts: Vec<&str> = got.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts[..texts.len() - 2].join("\n"), expect);
    }

    #[test]
    fn a_wrapped_paragraph_is_one_line() {
        // The column is 160 pt wide; the first row ends at 146 and "here" (16 pt) would not fit.
        check(
            &[
                Some("a paragraph that the typesetter wrapped"),
                Some("here"),
            ],
            "a paragraph that the typesetter wrapped here",
        );
    }

    #[test]
    fn short_lines_of_a_contact_stay_apart() {
        check(
            &[Some("Contact:"), Some("Ana Novak"), Some("ana@example.eu")],
            "Contact:\nAna Novak\nana@example.eu",
        );
    }

    #[test]
    fn a_skipped_row_is_a_blank_line() {
        check(
            &[Some("Website:"), None, Some("example.eu")],
            "Website:\n\nexample.eu",
        );
    }

    #[test]
    fn a_long_row_before_an_e_mail_address_is_not_joined_to_it() {
        check(
            &[
                Some("Agency for the regional economy"),
                Some("someone@agency.eu"),
            ],
            "Agency for the regional economy\nsomeone@agency.eu",
        );
    }

    #[test]
    fn a_far_number_at_the_end_of_a_row_follows_a_tab() {
        let mut r = row(0.0, 0.0, "Introduction");
        r.words.push(Word {
            x0: 150.0,
            y0: 0.0,
            x1: 154.0,
            y1: 7.0,
            text: "4".into(),
        });
        assert_eq!(row_text(&r, 7.0), "Introduction\t4");
        assert_eq!(row_text(&row(0.0, 0.0, "Partners 5"), 7.0), "Partners 5");
    }

    #[test]
    fn a_column_break_continues_a_wrapped_paragraph_and_keeps_a_paragraph_break() {
        let left = region(
            0,
            vec![
                row(0.0, 40.0, "Heading"),
                row(0.0, 49.0, "more text here"),
                row(0.0, 58.0, "one that is wrapped here before"),
            ],
        );
        let mut right = region(
            50,
            vec![row(200.0, 40.0, "its end"), row(200.0, 58.0, "Next")],
        );
        right.column.sides = vec![true];
        let got = lines(&[vec![left, right]]);
        let texts: Vec<&str> = got.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Heading",
                "more text here",
                "one that is wrapped here before its end",
                "",
                "Next"
            ]
        );
    }
}
