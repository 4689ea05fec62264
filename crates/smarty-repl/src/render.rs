//! Results for people: tables that fit the terminal, IRIs as prefixed names, long values cut with
//! an ellipsis.

use std::time::Duration;

use comfy_table::{Cell, ContentArrangement, Row, Table, presets::UTF8_FULL_CONDENSED};
use smarty_extract::text::shorten;
use smarty_store::{SolutionTable, Stats, Term};

/// How a table is laid out.
#[derive(Debug, Clone, Copy, Default)]
pub struct TableLayout {
    /// Total width; `None` leaves it to comfy-table (the terminal's width when there is one).
    pub width: Option<u16>,
    /// Rows shown at most; the rest are counted, not printed.
    pub max_rows: Option<usize>,
    /// Characters shown of a value at most; `None`: twice the table's width (a value wraps over
    /// at most three lines), or 60 when the width is unknown.
    pub max_cell: Option<usize>,
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

/// The table of a SELECT result, and how many rows it holds in all.
pub fn solutions(table: &SolutionTable, layout: TableLayout) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(table.variables.iter().map(Cell::new));
    match layout.width {
        Some(w) => {
            t.set_width(w);
        }
        // A terminal that reports almost no columns (a pseudo-terminal that was never sized)
        // would squeeze every column to one character: don't wrap at all then.
        None if t.width().is_some_and(|w| w < 40) => {
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
        None => {}
    }
    let shown = layout.max_rows.unwrap_or(usize::MAX);
    let max_cell = layout.max_cell.unwrap_or_else(|| {
        layout
            .width
            .or_else(|| t.width())
            .map_or(60, |w| (usize::from(w) * 2).max(60))
    });
    for row in table.rows.iter().take(shown) {
        let mut r = Row::from(
            row.iter()
                .map(|v| {
                    v.as_ref()
                        .map(|v| shorten(&term(v), max_cell))
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

/// Shared contacts: one row per person, one line per practice, then the themes' legend.
pub fn contacts(
    contacts: &[smarty_network::SharedContact],
    min_practices: usize,
    layout: TableLayout,
) -> String {
    if contacts.is_empty() {
        return format!("no person is the contact of {min_practices} or more practices\n");
    }
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(smarty_network::CONTACT_COLUMNS);
    if let Some(w) = layout.width {
        t.set_width(w);
    }
    for c in contacts {
        for row in c.rows(40) {
            t.add_row(Row::from(row));
        }
    }
    let n = contacts.len();
    format!(
        "{t}\n{n} person{}; themes: {}\n",
        if n == 1 { "" } else { "s" },
        smarty_network::contact_themes(contacts).join(" · ")
    )
}

/// "3.2 ms", "1.25 s".
pub fn duration(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 1000.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{:.2} s", ms / 1000.0)
    }
}

/// The offending line of a statement with a caret under the column (1-based).
pub fn caret_excerpt(text: &str, line: usize, column: usize) -> String {
    let source = text.lines().nth(line.saturating_sub(1)).unwrap_or_default();
    let pad: String = source
        .chars()
        .take(column.saturating_sub(1))
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!("  {source}\n  {pad}^")
}

/// What the store holds, for `.stats` and `smarty-kg stats`.
pub fn stats(s: &Stats) -> String {
    let mut out = String::new();
    out.push_str(&format!("statements      {}\n", thousands(s.quads)));
    out.push_str(&format!(
        "named graphs    {} ({} with personal data)\n",
        thousands(s.named_graphs),
        s.personal_graphs
    ));
    for (doc, version) in &s.documents {
        out.push_str(&format!("document        {doc} (version {version})\n"));
    }
    for (doc, version) in &s.kept {
        out.push_str(&format!(
            "kept            {doc}@{version} (read it with --at {doc}@{version})\n"
        ));
    }
    out.push_str("classes\n");
    for (class, count) in &s.classes {
        let name = smarty_rdf::vocab::compact(class).unwrap_or_else(|| format!("<{class}>"));
        out.push_str(&format!("  {count:>6}  {name}\n"));
    }
    out
}

/// oxigraph's query plan (JSON) as an indented tree.
pub fn plan(json: &str) -> String {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(json) else {
        return json.to_owned();
    };
    let mut out = String::new();
    if let Some(t) = value
        .get("planning duration in seconds")
        .and_then(serde_json::Value::as_f64)
    {
        out.push_str(&format!(
            "planned in {}\n",
            duration(Duration::from_secs_f64(t))
        ));
    }
    if let Some(p) = value.get("plan") {
        plan_node(p, 0, &mut out);
    }
    out
}

fn plan_node(node: &serde_json::Value, depth: usize, out: &mut String) {
    let name = node
        .get("name")
        .and_then(serde_json::Value::as_str)
        .unwrap_or("?");
    let mut line = format!("{}{name}", "  ".repeat(depth));
    if let Some(rows) = node
        .get("number of results")
        .and_then(serde_json::Value::as_u64)
    {
        line.push_str(&format!("  [{rows} results"));
        if let Some(t) = node
            .get("duration in seconds")
            .and_then(serde_json::Value::as_f64)
        {
            line.push_str(&format!(", {}", duration(Duration::from_secs_f64(t))));
        }
        line.push(']');
    }
    out.push_str(&line);
    out.push('\n');
    if let Some(children) = node.get("children").and_then(serde_json::Value::as_array) {
        for c in children {
            plan_node(c, depth + 1, out);
        }
    }
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
