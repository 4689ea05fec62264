//! Reading order on a page: poppler's lines cut into columns and bands (a recursive XY cut), and
//! each resulting region's words grouped into rows.
//!
//! The cut tries a vertical gutter first, so two columns are read one after the other even where
//! their paragraph breaks line up; otherwise it cuts the page into horizontal bands and merges
//! consecutive bands that share a gutter (a full-width title above two columns stays a band of
//! its own, the columns below it become one region to cut vertically).

use crate::pdf::{Page, Segment, Word};

/// The narrowest white strip taken for a gutter between columns, in points.
const MIN_GUTTER: f64 = 3.0;
/// Each side of a gutter spans at least this share of the region's width, so a column of page
/// numbers on a contents page is not a column of text.
const MIN_SIDE: f64 = 0.2;

/// A line of words on a page, left to right.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub words: Vec<Word>,
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
}

/// Where a region sits: its left edge (to 4 pt) and the sides of the vertical cuts that led to
/// it. Regions of one column on different pages share it, and with it a right margin.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Column {
    pub left: i64,
    pub sides: Vec<bool>,
}

/// Rows read top to bottom in one column (or a full-width part) of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub rows: Vec<Row>,
    pub column: Column,
}

/// A page's regions in reading order, without a page number printed alone above or below.
pub fn regions(page: &Page) -> Vec<Region> {
    let segments = without_page_number(&page.segments);
    let mut leaves = Vec::new();
    order(segments, Vec::new(), &mut leaves);
    leaves
        .into_iter()
        .map(|(segments, sides)| {
            let rows = rows(segments.into_iter().flat_map(|b| b.words).collect());
            let left = rows.iter().map(|r| r.x0).fold(f64::INFINITY, f64::min);
            Region {
                rows,
                column: Column {
                    left: (left / 4.0).round() as i64,
                    sides,
                },
            }
        })
        .filter(|r| !r.rows.is_empty())
        .collect()
}

fn order(segments: Vec<Segment>, sides: Vec<bool>, out: &mut Vec<(Vec<Segment>, Vec<bool>)>) {
    if segments.len() > 1 {
        if let Some((start, _)) = gutter(&segments) {
            // A line crossing the gutter belongs to the column it starts in.
            let (left, right): (Vec<Segment>, Vec<Segment>) =
                segments.into_iter().partition(|b| b.x0() < start);
            for (part, side) in [(left, false), (right, true)] {
                let mut sides = sides.clone();
                sides.push(side);
                order(part, sides, out);
            }
            return;
        }
        let groups = banded(segments);
        if groups.len() > 1 {
            for group in groups {
                order(group, sides.clone(), out);
            }
            return;
        }
        if let Some(group) = groups.into_iter().next() {
            out.push((group, sides));
        }
        return;
    }
    out.push((segments, sides));
}

/// A vertical white strip between columns: (start, end) x.
type Gutter = (f64, f64);

/// The widest vertical strip with enough text on both sides that (almost) no line crosses, as
/// (start, end) x. One line in twenty may cross it: an address too long for its column runs
/// over into the gutter, or into the next column, and still belongs to the column it starts in.
fn gutter(segments: &[Segment]) -> Option<Gutter> {
    let tolerated = segments.len() / 20;
    let mut edges: Vec<(f64, i32)> = segments
        .iter()
        .flat_map(|s| [(s.x0(), 1), (s.x1(), -1)])
        .collect();
    edges.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let lo = edges.first()?.0;
    let hi = edges.last()?.0;
    let width = hi - lo;
    let mut best: Option<Gutter> = None;
    let (mut covering, mut open_since) = (0_i32, None::<f64>);
    for (x, step) in edges {
        let was_open = covering as usize <= tolerated;
        covering += step;
        let is_open = covering as usize <= tolerated;
        match (was_open, is_open) {
            (false, true) => open_since = Some(x),
            (true, false) => {
                if let Some(start) = open_since.take() {
                    let wide = x - start >= MIN_GUTTER;
                    let sides = start - lo >= MIN_SIDE * width && hi - x >= MIN_SIDE * width;
                    let wider = best.is_none_or(|b| x - start > b.1 - b.0);
                    if wide && sides && wider {
                        best = Some((start, x));
                    }
                }
            }
            _ => {}
        }
    }
    best
}

/// Horizontal bands (no segment overlaps two), with consecutive bands that share a gutter merged.
fn banded(mut segments: Vec<Segment>) -> Vec<Vec<Segment>> {
    segments.sort_by(|a, b| a.y0().total_cmp(&b.y0()));
    let mut bands: Vec<Vec<Segment>> = Vec::new();
    let mut bottom = f64::NEG_INFINITY;
    for b in segments {
        let (y0, y1) = (b.y0(), b.y1());
        match bands.last_mut() {
            Some(band) if y0 < bottom - 0.5 => band.push(b),
            _ => bands.push(vec![b]),
        }
        bottom = bottom.max(y1);
    }
    let mut groups: Vec<(Vec<Segment>, Option<Gutter>)> = Vec::new();
    for band in bands {
        let own = gutter(&band);
        if let Some((group, shared)) = groups.last_mut() {
            let joined = match (*shared, own) {
                (Some(a), Some(b)) if a.0.max(b.0) < a.1.min(b.1) => {
                    Some(Some((a.0.max(b.0), a.1.min(b.1))))
                }
                (Some(a), None) if beside(&band, a) => Some(Some(a)),
                (None, Some(b)) if beside(group, b) => Some(Some(b)),
                // A run of bands without gutters is one column of text.
                (None, None) => Some(None),
                _ => None,
            };
            if let Some(joined) = joined {
                group.extend(band);
                *shared = joined;
                continue;
            }
        }
        groups.push((band, own));
    }
    groups.into_iter().map(|(g, _)| g).collect()
}

/// Whether no segment crosses the gutter.
fn beside(segments: &[Segment], (start, end): Gutter) -> bool {
    segments
        .iter()
        .all(|b| b.x1() <= start + 0.5 || b.x0() >= end - 0.5)
}

/// Words grouped into rows: a word whose vertical middle lies within a row belongs to it.
fn rows(mut words: Vec<Word>) -> Vec<Row> {
    words.sort_by(|a, b| ((a.y0 + a.y1) / 2.0).total_cmp(&((b.y0 + b.y1) / 2.0)));
    let mut rows: Vec<Row> = Vec::new();
    for w in words {
        let middle = (w.y0 + w.y1) / 2.0;
        match rows.last_mut() {
            Some(r) if middle >= r.y0 && middle <= r.y1 => {
                r.x0 = r.x0.min(w.x0);
                r.x1 = r.x1.max(w.x1);
                r.y1 = r.y1.max(w.y1);
                r.words.push(w);
            }
            _ => rows.push(Row {
                x0: w.x0,
                x1: w.x1,
                y0: w.y0,
                y1: w.y1,
                words: vec![w],
            }),
        }
    }
    for r in &mut rows {
        r.words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    rows
}

/// The segments without one that holds only a number and stands apart at the top or bottom.
fn without_page_number(segments: &[Segment]) -> Vec<Segment> {
    let apart = |b: &Segment, i: usize| {
        let h = b.words.first().map_or(0.0, Word::height);
        let others = segments.iter().enumerate().filter(|(j, _)| *j != i);
        let above = others.clone().all(|(_, o)| o.y1() < b.y0() - 2.0 * h);
        let below = others.clone().all(|(_, o)| o.y0() > b.y1() + 2.0 * h);
        above || below
    };
    let number = |b: &Segment| {
        let text: String = b.words.iter().map(|w| w.text.as_str()).collect();
        !text.is_empty() && text.len() <= 4 && text.chars().all(|c| c.is_ascii_digit())
    };
    segments
        .iter()
        .enumerate()
        .filter(|&(i, b)| !(segments.len() > 1 && number(b) && apart(b, i)))
        .map(|(_, b)| b.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A segment of rows; each row is (x, y, text) and each word is 5 pt wide per character.
    fn segment(rows: &[(f64, f64, &str)]) -> Segment {
        let words = rows
            .iter()
            .flat_map(|&(x, y, text)| crate::pdf::set_in_boxes(x, y, text, 5.0))
            .collect();
        Segment { words }
    }

    /// The page's rows as text, one region per paragraph of the expectation.
    fn check(segments: Vec<Segment>, expect: &str) {
        let got: Vec<String> = regions(&Page { segments })
            .iter()
            .map(|r| {
                r.rows
                    .iter()
                    .map(|row| {
                        let words: Vec<&str> = row.words.iter().map(|w| w.text.as_str()).collect();
                        words.join(" ")
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect();
        assert_eq!(got.join("\n\n"), expect);
    }

    const L: &str = "the left column holds this line";
    const R: &str = "the right column holds this one";

    #[test]
    fn two_columns_are_read_one_after_the_other_whatever_poppler_says() {
        let right = segment(&[(300.0, 50.0, R), (300.0, 59.0, "right two")]);
        let left = segment(&[(40.0, 50.0, L), (40.0, 59.0, "left two")]);
        check(
            vec![right, left],
            &format!("{L}\nleft two\n\n{R}\nright two"),
        );
    }

    #[test]
    fn aligned_paragraph_breaks_do_not_interleave_the_columns() {
        check(
            vec![
                segment(&[(40.0, 50.0, L)]),
                segment(&[(300.0, 50.0, R)]),
                segment(&[(40.0, 80.0, "a2")]),
                segment(&[(300.0, 80.0, "b2")]),
            ],
            &format!("{L}\na2\n\n{R}\nb2"),
        );
    }

    #[test]
    fn a_full_width_title_comes_before_the_columns_under_it() {
        let title = "a title that runs across the whole width of the page above both columns";
        check(
            vec![
                segment(&[(300.0, 80.0, R)]),
                segment(&[(40.0, 40.0, title)]),
                segment(&[(40.0, 80.0, L)]),
            ],
            &format!("{title}\n\n{L}\n\n{R}"),
        );
    }

    #[test]
    fn a_word_running_into_the_next_column_stays_in_its_own() {
        let url = "https://an.address.too.long.for.its.column.eu/page";
        let mut segments = Vec::new();
        let (mut left, mut right) = (Vec::new(), Vec::new());
        for i in 0..10 {
            let y = 50.0 + 9.0 * i as f64;
            let text = if i == 5 { url } else { L };
            segments.push(segment(&[(40.0, y, text)]));
            segments.push(segment(&[(300.0, y, R)]));
            left.push(text);
            right.push(R);
        }
        check(
            segments,
            &format!("{}\n\n{}", left.join("\n"), right.join("\n")),
        );
    }

    #[test]
    fn a_page_number_column_is_not_a_column_of_text() {
        check(
            vec![
                segment(&[
                    (40.0, 40.0, "Introduction and more text"),
                    (40.0, 49.0, "Partners"),
                ]),
                segment(&[(400.0, 40.0, "4"), (400.0, 49.0, "5")]),
            ],
            "Introduction and more text 4\nPartners 5",
        );
    }

    #[test]
    fn a_page_number_apart_at_the_bottom_is_left_out() {
        check(
            vec![
                segment(&[(40.0, 40.0, "text"), (40.0, 49.0, "more")]),
                segment(&[(200.0, 800.0, "12")]),
            ],
            "text\nmore",
        );
    }
}
