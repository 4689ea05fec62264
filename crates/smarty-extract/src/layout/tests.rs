//! The layout pass on tiny guides: contents page, theme list and headings, title vs. summary.

use super::*;

/// The text of block `b` and its first line.
fn block(blocks: &[Block], b: usize) -> String {
    let text = blocks[b]
        .as_text()
        .map(Paragraph::joined)
        .unwrap_or_default();
    format!("L{} {text}", blocks[b].first_line())
}

/// `input` holds the guide's lines; the output has one line per thing the layout found.
fn check(input: &[&str], expect: &str) {
    let (blocks, _) = crate::blocks::blocks(&input.join("\n"));
    let contents = find_contents(&blocks);
    let listed = find_theme_list(&blocks);
    let themes = find_theme_headings(&blocks, &contents, &listed);
    let is_theme = |i: usize| {
        themes
            .iter()
            .any(|h| h.block == i || h.subtitle_block == Some(i))
    };
    let heads = find_practice_heads(&blocks, &contents, &is_theme);
    let mut out = Vec::new();
    for e in &contents.entries {
        let page = e.page.map(|p| p.to_string()).unwrap_or_default();
        out.push(format!(
            "contents L{}: {} | page {page}",
            e.span.start, e.title
        ));
    }
    for t in &listed {
        out.push(format!(
            "listed theme {} L{}: {}",
            t.number, t.span.start, t.label
        ));
    }
    for t in &themes {
        let mut line = format!("theme {}: {}", t.number, block(&blocks, t.block));
        if let Some(s) = t.subtitle_block {
            line += &format!(" | subtitle {}", block(&blocks, s));
        }
        out.push(line);
    }
    for h in &heads {
        let title = h
            .title_block
            .map_or("none".to_owned(), |b| block(&blocks, b));
        let mut line = format!("practice title {title}");
        if let Some(s) = h.summary_block {
            line += &format!(" | summary {}", block(&blocks, s));
        }
        out.push(line);
    }
    assert_eq!(out.join("\n"), expect, "\n{}", out.join("\n"));
}

#[test]
fn contents_page_entries_in_one_or_several_paragraphs() {
    check(
        &[
            "Contents",
            "Introduction ........ 4",
            "",
            "Access Innovation 10",
            "Skills for Growth… 12",
            "",
            "Introduction",
        ],
        "contents L2: Introduction | page 4
contents L4: Access Innovation | page 10
contents L5: Skills for Growth | page 12",
    );
    // A paragraph with a line that is not an entry ends the contents page.
    check(
        &[
            "Table of contents",
            "Access Innovation 10",
            "",
            "Access Innovation",
            "in 2019",
        ],
        "contents L2: Access Innovation | page 10",
    );
    check(&["Contents", "", "No entries here"], "");
}

#[test]
fn theme_list_and_headings() {
    check(
        &[
            "- Theme 1: Digital Hubs for small firms",
            "THEME 2. Skills",
            "",
            "Digital Hubs",
            "",
            "for small firms",
            "",
            "Text about hubs.",
        ],
        "listed theme 1 L1: Digital Hubs for small firms
listed theme 2 L2: Skills
theme 1: L4 Digital Hubs | subtitle L6 for small firms",
    );
    // One word is not a heading; a heading followed by a template heading is not a theme.
    check(
        &[
            "Theme 1: Digital Hubs",
            "",
            "Digital.",
            "",
            "Digital Hubs",
            "About this good practice",
        ],
        "listed theme 1 L1: Digital Hubs
practice title L5 Digital Hubs",
    );
}

#[test]
fn themes_from_the_contents_page_without_a_list() {
    // An entry that is neither front matter nor a practice (no "About" right after it).
    check(
        &[
            "Contents",
            "Introduction 2",
            "Green Transition 3",
            "Access Innovation 4",
            "",
            "Green Transition",
            "",
            "Text about the theme.",
            "",
            "Access Innovation",
            "About this good practice",
        ],
        "contents L2: Introduction | page 2
contents L3: Green Transition | page 3
contents L4: Access Innovation | page 4
theme 1: L6 Green Transition
practice title L10 Access Innovation",
    );
}

#[test]
fn title_and_summary_above_the_anchor() {
    // A summary reads as a sentence.
    check(
        &[
            "Access Innovation",
            "",
            "Grants for firms.",
            "",
            "About this good practice",
        ],
        "practice title L1 Access Innovation | summary L3 Grants for firms.",
    );
    // Or is longer than the line above it.
    check(
        &[
            "Skills Lab",
            "",
            "Training for small firms",
            "",
            "About this good practice",
        ],
        "practice title L1 Skills Lab | summary L3 Training for small firms",
    );
    // A shorter line that is not a sentence is the title; the line above it is not the practice's.
    check(
        &[
            "Training for small firms",
            "",
            "Skills Lab",
            "",
            "About this good practice",
        ],
        "practice title L3 Skills Lab",
    );
    // A sentence two paragraphs up is never a title.
    check(
        &[
            "Text ends here.",
            "",
            "Skills Lab",
            "",
            "About this good practice",
        ],
        "practice title L3 Skills Lab",
    );
    // Nothing title-like above: a bullet, or a field.
    check(
        &["- a bullet", "", "About this good practice"],
        "practice title none",
    );
    check(
        &["Location: Lapland", "About this good practice"],
        "practice title none",
    );
}

#[test]
fn contents_page_decides_title_against_summary() {
    check(
        &[
            "Contents",
            "Skills Lab for Growth 2",
            "",
            "Skills Lab for Growth",
            "",
            "Skills",
            "",
            "About this good practice",
        ],
        "contents L2: Skills Lab for Growth | page 2
practice title L4 Skills Lab for Growth | summary L6 Skills",
    );
    // The contents page lists the nearer paragraph: it is the title, though longer than the line
    // above it (which is then no part of the practice).
    check(
        &[
            "Contents",
            "Skills Lab for Growth 2",
            "",
            "Lab",
            "",
            "Skills Lab for Growth",
            "",
            "About this good practice",
        ],
        "contents L2: Skills Lab for Growth | page 2
practice title L6 Skills Lab for Growth",
    );
}

#[test]
fn a_practice_does_not_reach_into_the_previous_one() {
    check(
        &[
            "Practice One",
            "About this good practice",
            "Second Title",
            "About this good practice",
        ],
        "practice title L1 Practice One
practice title L3 Second Title",
    );
}

#[test]
fn a_theme_name_inside_a_practice_does_not_start_the_theme() {
    // "Green Skills" printed on its own line inside a practice of theme 1: in the middle of the
    // practice (a section heading follows) and again in its last section (the next practice's
    // "About" follows, but the real heading is nearer to it).
    check(
        &[
            "Contents",
            "Digital Hubs 3",
            "Access Innovation 4",
            "Green Skills 5",
            "Skills Academy 6",
            "",
            "Theme 1: Digital Hubs",
            "Theme 2: Green Skills",
            "",
            "Digital Hubs",
            "",
            "Text about hubs.",
            "",
            "Access Innovation",
            "About this good practice",
            "Text about the practice.",
            "",
            "Green Skills",
            "",
            "More text about the practice.",
            "Resources needed",
            "Money.",
            "Potential for learning or transfer",
            "Others can learn.",
            "",
            "Green Skills",
            "",
            "Text that ends the practice.",
            "",
            "Green Skills",
            "",
            "Text about skills.",
            "",
            "Skills Academy",
            "About this good practice",
            "Text about the academy.",
        ],
        "contents L2: Digital Hubs | page 3
contents L3: Access Innovation | page 4
contents L4: Green Skills | page 5
contents L5: Skills Academy | page 6
listed theme 1 L7: Digital Hubs
listed theme 2 L8: Green Skills
theme 1: L10 Digital Hubs
theme 2: L30 Green Skills
practice title L14 Access Innovation
practice title L34 Skills Academy",
    );
    // Without the practice before it, the contents page decides: the theme opens the practice it
    // lists next, so a repeat of its name above another practice is not its heading.
    check(
        &[
            "Contents",
            "Green Skills 5",
            "Skills Academy 6",
            "",
            "Theme 1: Green Skills",
            "",
            "Green Skills",
            "",
            "A paragraph about something else.",
            "",
            "Access Innovation",
            "About this good practice",
            "Text.",
        ],
        "contents L2: Green Skills | page 5
contents L3: Skills Academy | page 6
listed theme 1 L5: Green Skills
practice title L11 Access Innovation",
    );
}
