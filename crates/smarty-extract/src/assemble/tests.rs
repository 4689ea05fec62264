//! One tiny guide per placement rule: where each block of text ends up.

use crate::record::Extraction;
use crate::span::{Span, Spanned};

fn span(s: Span) -> String {
    if s.start == s.end {
        format!("L{}", s.start)
    } else {
        format!("L{}-{}", s.start, s.end)
    }
}

fn part(out: &mut Vec<String>, name: &str, part: &Option<Spanned<String>>) {
    if let Some(p) = part {
        out.push(format!(
            "{name} {}: {}",
            span(p.span),
            p.value.replace("\n\n", " / ")
        ));
    }
}

/// Every part of the extraction on one line each: the guide's parts, themes, practices with their
/// sections and other titles, partner lines and diagnostic codes.
fn render(x: &Extraction) -> String {
    let mut out = Vec::new();
    part(&mut out, "cover", &x.guide.cover);
    part(&mut out, "title", &x.guide.title);
    for h in &x.guide.headings {
        out.push(format!("heading {}: {}", span(h.span), h.value));
    }
    part(&mut out, "introduction", &x.guide.introduction);
    for t in &x.themes {
        let mut line = format!(
            "theme {} {}: {}",
            t.number,
            span(t.label.span),
            t.label.value
        );
        if let Some(s) = &t.subtitle {
            line += &format!(" | subtitle {}: {}", span(s.span), s.value);
        }
        out.push(line + &format!(" | full: {}", t.full_label.value));
        part(&mut out, "  description", &t.description);
    }
    for p in &x.practices {
        let mut line = format!("practice {} {}: {}", p.number, span(p.span), p.title.value);
        if let Some(s) = &p.summary {
            line += &format!(" | summary: {}", s.value);
        }
        if let Some(t) = p.theme {
            line += &format!(" | theme {t}");
        }
        if let Some(page) = p.page {
            line += &format!(" | page {page}");
        }
        out.push(line);
        for s in &p.sections {
            out.push(format!(
                "  {} {}: {}",
                s.heading,
                span(s.span),
                s.text.replace("\n\n", " / ")
            ));
        }
        for a in &p.alternate_titles {
            out.push(format!("  also {:?}: {}", a.kind, a.text));
        }
        if let Some(l) = &p.location {
            out.push(format!("  location: {}", l.value));
        }
    }
    part(&mut out, "back", &x.guide.back_matter);
    for l in &x.partner_lines {
        out.push(format!("partner {}: {}", span(l.span), l.value));
    }
    for d in &x.diagnostics {
        out.push(format!("{:?} L{}", d.code, d.line));
    }
    let lines: Vec<&str> = out.iter().map(|l| l.trim_end()).collect();
    lines.join("\n")
}

/// `input` holds the guide's lines (line numbers are positions + 1).
fn check(input: &[&str], expect: &str) {
    let x = crate::extract(&input.join("\n"));
    assert_eq!(render(&x), expect, "\n{}", render(&x));
}

#[test]
fn cover_title_and_introduction() {
    check(
        &[
            "SMARTY",
            "",
            "**GOOD PRACTICE GUIDE**",
            "",
            "Introduction",
            "",
            "Why this guide.",
            "",
            "Access Innovation",
            "About this good practice",
            "Grants for SMEs.",
        ],
        "cover L1: SMARTY
title L3: GOOD PRACTICE GUIDE
heading L5: Introduction
introduction L7: Why this guide.
practice 1 L9-11: Access Innovation
  About this good practice L10-11: Grants for SMEs.",
    );
}

#[test]
fn text_before_the_first_heading_is_the_cover_without_contents() {
    check(
        &[
            "**GUIDE**",
            "",
            "Printed for partners.",
            "",
            "Access Innovation",
            "About this good practice",
            "Grants.",
        ],
        "cover L3: Printed for partners.
title L1: GUIDE
practice 1 L5-7: Access Innovation
  About this good practice L6-7: Grants.",
    );
}

#[test]
fn contents_page_gives_pages_and_headings() {
    check(
        &[
            "**GUIDE**",
            "",
            "Contents",
            "Introduction 2",
            "Access Innovation 3",
            "",
            "Introduction",
            "",
            "Why.",
            "",
            "Access Innovation",
            "About this good practice",
            "Grants.",
        ],
        "title L1: GUIDE
heading L3: Contents
heading L7: Introduction
introduction L9: Why.
practice 1 L11-13: Access Innovation | page 3
  About this good practice L12-13: Grants.",
    );
}

#[test]
fn theme_heading_from_the_listed_themes() {
    check(
        &[
            "Introduction",
            "",
            "- Theme 1: Digital Hubs for small firms",
            "",
            "Digital Hubs",
            "",
            "for small firms",
            "",
            "Hubs help firms.",
            "",
            "Access Innovation",
            "About this good practice",
            "Grants.",
        ],
        "heading L1: Introduction
introduction L3: - Theme 1: Digital Hubs for small firms
theme 1 L5: Digital Hubs | subtitle L7: for small firms | full: Digital Hubs for small firms
  description L9: Hubs help firms.
practice 1 L11-13: Access Innovation | theme 1
  About this good practice L12-13: Grants.",
    );
}

#[test]
fn summary_that_reads_as_a_sentence() {
    check(
        &[
            "Access Innovation",
            "",
            "Grants that help firms innovate.",
            "",
            "About this good practice",
            "Grants.",
        ],
        "practice 1 L1-6: Access Innovation | summary: Grants that help firms innovate.
  About this good practice L5-6: Grants.",
    );
}

#[test]
fn shorter_line_above_the_anchor_is_the_title() {
    // Neither a sentence nor longer than the line above it: the nearer line is the title.
    check(
        &[
            "A long cover line for the guide",
            "",
            "Skills Lab",
            "",
            "About this good practice",
            "Training.",
        ],
        "cover L1: A long cover line for the guide
practice 1 L3-6: Skills Lab
  About this good practice L5-6: Training.",
    );
}

#[test]
fn contents_page_decides_title_against_summary() {
    // Without the contents page "Skills" (shorter, no full stop) would be the title.
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
            "Training.",
        ],
        "heading L1: Contents
practice 1 L4-9: Skills Lab for Growth | summary: Skills | page 2
  About this good practice L8-9: Training.",
    );
}

#[test]
fn displaced_section_goes_to_the_next_practice_lacking_it() {
    check(
        &[
            "Practice One",
            "About this good practice",
            "One.",
            "Location: Lapland",
            "Evidence of success",
            "Jobs.",
            "",
            "Practice Two",
            "About this good practice",
            "Two.",
            "Location: Tuscany",
        ],
        "practice 1 L1-4: Practice One
  About this good practice L2-3: One.
  location: Lapland
practice 2 L8-11: Practice Two
  About this good practice L9-10: Two.
  Evidence of success L5-6: Jobs.
  location: Tuscany
DisplacedSections L5",
    );
}

#[test]
fn displaced_section_goes_back_when_the_next_practice_has_it() {
    check(
        &[
            "Practice One",
            "About this good practice",
            "One.",
            "Location: Lapland",
            "Evidence of success",
            "Jobs.",
            "",
            "Practice Two",
            "About this good practice",
            "Two.",
            "Evidence of success",
            "Firms.",
        ],
        "practice 1 L1-4: Practice One
  About this good practice L2-3: One.
  Evidence of success L5-6: Jobs.
  location: Lapland
practice 2 L8-12: Practice Two
  About this good practice L9-10: Two.
  Evidence of success L11-12: Firms.
DisplacedSections L5",
    );
}

#[test]
fn back_matter_and_partners_page_after_the_last_practice() {
    check(
        &[
            "Practice One",
            "About this good practice",
            "One.",
            "Location: Lapland",
            "",
            "Thanks to all.",
            "",
            "Partners",
            "",
            "Regional Council of Lapland",
            "Tuscany Region",
        ],
        "heading L8: Partners
practice 1 L1-4: Practice One
  About this good practice L2-3: One.
  location: Lapland
back L6: Thanks to all.
partner L10: Regional Council of Lapland
partner L11: Tuscany Region",
    );
}

#[test]
fn text_and_fields_outside_practices_are_named() {
    check(
        &[
            "Location: Lapland",
            "",
            "Practice One",
            "About this good practice",
            "One.",
            "Location: Tuscany",
            "",
            "Stray text.",
            "",
            "Practice Two",
            "About this good practice",
            "Two.",
        ],
        "practice 1 L3-6: Practice One
  About this good practice L4-5: One.
  location: Tuscany
practice 2 L10-12: Practice Two
  About this good practice L11-12: Two.
UnplacedText L1
UnplacedText L8",
    );
}

#[test]
fn missing_title_empty_and_repeated_fields_and_sections() {
    check(
        &[
            "About this good practice",
            "One.",
            "Location: Lapland",
            "Location: Tuscany",
            "Website:",
            "About this good practice",
            "Two.",
            "Resources needed",
            "Evidence of success",
            "Ok.",
            "Evidence of success",
            "Again.",
        ],
        "practice 1 L1-5:
  About this good practice L1-2: One.
  location: Lapland
practice 2 L6-12:
  About this good practice L6-7: Two.
  Resources needed L8:
  Evidence of success L9-12: Ok. / Again.
MissingTitle L1
RepeatedField L4
EmptyField L5
MissingTitle L6
RepeatedSection L11",
    );
}

#[test]
fn contents_entry_matched_by_position_is_another_title() {
    check(
        &[
            "Contents",
            "Practice One 2",
            "Growth Skills Lab 3",
            "Practice Three 4",
            "Nowhere 5",
            "",
            "Practice One",
            "About this good practice",
            "One.",
            "",
            "Skills Lab",
            "About this good practice",
            "Two.",
            "",
            "Practice Three",
            "About this good practice",
            "Three.",
        ],
        "heading L1: Contents
practice 1 L7-9: Practice One | page 2
  About this good practice L8-9: One.
practice 2 L11-13: Skills Lab | page 3
  About this good practice L12-13: Two.
  also ContentsEntry: Growth Skills Lab
practice 3 L15-17: Practice Three | page 4
  About this good practice L16-17: Three.
ContentsTitleDiffers L3
UnmatchedContentsEntry L5
EndsEarly L5",
    );
}

#[test]
fn a_text_that_stops_before_the_contents_ends_is_cut_short() {
    check(
        &[
            "Contents",
            "Practice One 2",
            "Practice Two 3",
            "Practice Three 4",
            "",
            "Practice One",
            "About this good practice",
            "One.",
        ],
        "heading L1: Contents
practice 1 L6-8: Practice One | page 2
  About this good practice L7-8: One.
UnmatchedContentsEntry L3
EndsEarly L3
UnmatchedContentsEntry L4",
    );
}
