//! Results for people: tables that fit the terminal, IRIs as prefixed names, long values cut with
//! an ellipsis.

use comfy_table::{Cell, ContentArrangement, Row, Table, presets::UTF8_FULL_CONDENSED};
use smarty_store::{SolutionTable, Term};

/// How a table is laid out.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// Total width; `None` leaves it to comfy-table (the terminal's width when there is one).
    pub width: Option<u16>,
    /// Rows shown at most; the rest are counted, not printed.
    pub max_rows: Option<usize>,
    /// Characters shown of a value at most.
    pub max_cell: usize,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            width: None,
            max_rows: None,
            max_cell: 60,
        }
    }
}

/// A term as a person reads it: `schema:name`, `practice:access-innovation`, `"2019-02"`, `42`.
pub fn term(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => {
            smarty_rdf::vocab::compact(n.as_str()).unwrap_or_else(|| format!("<{}>", n.as_str()))
        }
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_owned(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// Cuts a value to `max` characters, ending with an ellipsis; newlines become spaces.
pub fn shorten(text: &str, max: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    if flat.chars().count() <= max {
        flat
    } else {
        let mut out: String = flat.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// The table of a SELECT result, and how many rows it holds in all.
pub fn solutions(table: &SolutionTable, layout: Layout) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(table.variables.iter().map(Cell::new));
    if let Some(w) = layout.width {
        t.set_width(w);
    }
    let shown = layout.max_rows.unwrap_or(usize::MAX);
    for row in table.rows.iter().take(shown) {
        let mut r = Row::from(
            row.iter()
                .map(|v| {
                    v.as_ref()
                        .map(|v| shorten(&term(v), layout.max_cell))
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>(),
        );
        r.max_height(3);
        t.add_row(r);
    }
    t
}

/// "26 rows", "1 row", "100 of 2,500 rows".
pub fn row_count(total: usize, shown: Option<usize>) -> String {
    let noun = if total == 1 { "row" } else { "rows" };
    match shown {
        Some(s) if s < total => format!("{} of {} {noun}", thousands(s), thousands(total)),
        _ => format!("{} {noun}", thousands(total)),
    }
}

pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values() {
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("a\nb", 10), "a b");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(row_count(2500, Some(100)), "100 of 2,500 rows");
        assert_eq!(row_count(1, None), "1 row");
    }
}
