//! The second pass: finds the parts of the page layout — the contents page, the list of themes in
//! the introduction, the theme headings, and each practice's title and summary.
//!
//! A practice is anchored on its "About this good practice" heading, never on the contents page,
//! so a guide without contents (or with a contents page that disagrees) still parses. The contents
//! page is only used to break ties and to record other titles.

mod contents;
#[cfg(test)]
mod tests;

pub use contents::{Contents, find_contents, titles_match};

use crate::blocks::{Block, Paragraph};
use crate::record::SectionKind;
use crate::span::Span;
use crate::text::{
    ends_sentence, fold, has_emphasis, is_word_prefix, starts_lowercase, strip_bullet,
    strip_emphasis,
};

/// One theme of the introduction's list ("Theme 2: Digital Innovation Hubs for …").
#[derive(Debug, Clone)]
pub struct ListedTheme {
    pub number: u32,
    pub label: String,
    pub span: Span,
}

/// A theme heading found in the body.
#[derive(Debug, Clone)]
pub struct ThemeHeading {
    pub block: usize,
    /// The subtitle paragraph right after the heading, if any.
    pub subtitle_block: Option<usize>,
    pub number: u32,
}

/// The title (and summary) paragraphs of one practice.
#[derive(Debug, Clone)]
pub struct PracticeHead {
    /// `None` when no paragraph above the "About" heading could be the title.
    pub title_block: Option<usize>,
    pub summary_block: Option<usize>,
    pub about_block: usize,
}

impl PracticeHead {
    pub fn first_block(&self) -> usize {
        self.title_block.unwrap_or(self.about_block)
    }
}

/// The "Theme N: label" list of the introduction.
pub fn find_theme_list(blocks: &[Block]) -> Vec<ListedTheme> {
    let mut out = Vec::new();
    for para in blocks.iter().filter_map(Block::as_text) {
        for line in &para.lines {
            let text = strip_bullet(&line.text).unwrap_or(&line.text);
            let Some(rest) = text
                .strip_prefix("Theme ")
                .or_else(|| text.strip_prefix("THEME "))
            else {
                continue;
            };
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let Ok(number) = digits.parse::<u32>() else {
                continue;
            };
            let label = rest[digits.len()..]
                .trim_start()
                .trim_start_matches([':', '.', '-', '–', ')'])
                .trim();
            if !label.is_empty() && !out.iter().any(|t: &ListedTheme| t.number == number) {
                out.push(ListedTheme {
                    number,
                    label: label.to_owned(),
                    span: Span::line(line.no),
                });
            }
        }
    }
    out
}

/// Whether a paragraph could be a title: short, not a bullet, at most three lines.
fn title_like(para: &Paragraph) -> bool {
    let joined = para.joined();
    para.lines.len() <= 3
        && joined.chars().count() <= 250
        && strip_bullet(&para.lines[0].text).is_none()
}

/// Finds each practice's title and summary above its "About this good practice" heading.
pub fn find_practice_heads(
    blocks: &[Block],
    contents: &Contents,
    is_theme_heading: &dyn Fn(usize) -> bool,
) -> Vec<PracticeHead> {
    let mut heads = Vec::new();
    let mut floor = 0usize;
    for (a, block) in blocks.iter().enumerate() {
        if !matches!(
            block,
            Block::Heading {
                kind: SectionKind::About,
                ..
            }
        ) {
            continue;
        }
        // A candidate paragraph lies after the previous practice's heading and outside contents.
        let candidate = |i: usize| -> Option<&Paragraph> {
            if i < floor || contents.blocks.contains(&i) || is_theme_heading(i) {
                return None;
            }
            blocks.get(i)?.as_text().filter(|p| title_like(p))
        };
        let p1 = a.checked_sub(1).and_then(candidate);
        let p2 = a
            .checked_sub(2)
            .and_then(candidate)
            .filter(|p| !ends_sentence(&p.joined()));
        let head = match (p1, p2) {
            (None, _) => PracticeHead {
                title_block: None,
                summary_block: None,
                about_block: a,
            },
            (Some(s), Some(t)) if title_above_summary(t, s, contents) => PracticeHead {
                title_block: Some(a - 2),
                summary_block: Some(a - 1),
                about_block: a,
            },
            (Some(_), _) => PracticeHead {
                title_block: Some(a - 1),
                summary_block: None,
                about_block: a,
            },
        };
        floor = a + 1;
        heads.push(head);
    }
    heads
}

/// Of two title-like paragraphs `t` then `s` above "About this good practice", whether `t` is the
/// title and `s` the summary (else `s` alone is the title). The contents page decides when it
/// lists one of them only.
fn title_above_summary(t: &Paragraph, s: &Paragraph, contents: &Contents) -> bool {
    let in_contents = |p: &Paragraph| !contents.matching(&p.joined()).is_empty();
    match (in_contents(t), in_contents(s)) {
        (true, false) => true,
        (false, true) => false,
        // No help from the contents page: a summary reads as a sentence, or at least as something
        // longer than the title above it.
        _ => ends_sentence(&s.joined()) || s.joined().chars().count() > t.joined().chars().count(),
    }
}

/// Finds theme headings: paragraphs that begin a listed theme's label (or, without a list, the
/// contents entries that are neither practices nor front matter).
pub fn find_theme_headings(
    blocks: &[Block],
    contents: &Contents,
    listed: &[ListedTheme],
) -> Vec<ThemeHeading> {
    let mut out: Vec<ThemeHeading> = Vec::new();
    let mut next_number = 1;
    let listed_folded: Vec<(u32, String)> =
        listed.iter().map(|t| (t.number, fold(&t.label))).collect();
    for (i, block) in blocks.iter().enumerate() {
        if contents.blocks.contains(&i) {
            continue;
        }
        let Some(para) = block.as_text() else {
            continue;
        };
        if para.lines.len() > 2 || strip_bullet(&para.lines[0].text).is_some() {
            continue;
        }
        let key = fold(strip_emphasis(&para.joined()));
        if key.split(' ').count() < 2 {
            continue;
        }
        // A heading is followed by text, not by "About this good practice".
        if matches!(blocks.get(i + 1), Some(Block::Heading { .. }) | None) {
            continue;
        }
        let number = if listed.is_empty() {
            let is_entry = contents.has_folded(&key) && !is_front_matter_heading(&key);
            if !is_entry || follows_about_soon(blocks, i) {
                continue;
            }
            let n = next_number;
            next_number += 1;
            n
        } else {
            match listed_folded
                .iter()
                .find(|(_, label)| is_word_prefix(&key, label))
            {
                Some((number, _)) => *number,
                None => continue,
            }
        };
        // A theme opens practices: the next template heading, if any, is a practice's "About"
        // (a paragraph followed by "Resources needed" lies inside a practice), and the contents
        // page, when it lists the theme, names that practice right after it.
        let about = next_template_heading(blocks, i);
        if about
            .is_some_and(|b| !is_about(&blocks[b]) || !contents_agree(blocks, contents, &key, b))
        {
            continue;
        }
        let subtitle_block = is_theme_subtitle(blocks.get(i + 1)).then_some(i + 1);
        let heading = ThemeHeading {
            block: i,
            subtitle_block,
            number,
        };
        match out.iter_mut().find(|h| h.number == number) {
            // The theme's name repeated in the last section of the practice before it opens the
            // same practice; the heading is the one nearer to that practice.
            Some(h) if next_template_heading(blocks, h.block) == about => *h = heading,
            Some(_) => {}
            None => out.push(heading),
        }
    }
    out
}

/// The index of the first template section heading after block `i`.
fn next_template_heading(blocks: &[Block], i: usize) -> Option<usize> {
    (i + 1..blocks.len()).find(|&b| matches!(blocks[b], Block::Heading { .. }))
}

fn is_about(block: &Block) -> bool {
    matches!(
        block,
        Block::Heading {
            kind: SectionKind::About,
            ..
        }
    )
}

/// When the contents page lists the theme (`key`, folded) followed by a practice, that practice's
/// title is printed just above the "About" heading at `about`.
fn contents_agree(blocks: &[Block], contents: &Contents, key: &str, about: usize) -> bool {
    let entries = &contents.entries;
    let Some(next) = entries
        .iter()
        .position(|e| fold(&e.title) == key)
        .and_then(|k| entries.get(k + 1))
    else {
        return true;
    };
    blocks[about.saturating_sub(2)..about]
        .iter()
        .filter_map(Block::as_text)
        .any(|p| titles_match(&next.title, strip_emphasis(&p.joined())))
}

/// A theme heading's subtitle: a short lower-case continuation that is not a sentence ("for
/// supporting digital transformation in SMEs").
fn is_theme_subtitle(block: Option<&Block>) -> bool {
    block.and_then(Block::as_text).is_some_and(|p| {
        p.lines.len() <= 2
            && starts_lowercase(&p.lines[0].text)
            && !ends_sentence(&p.joined())
            && p.joined().chars().count() <= 200
    })
}

/// A paragraph directly followed (after at most one paragraph) by "About this good practice" is a
/// practice title, not a theme heading.
fn follows_about_soon(blocks: &[Block], i: usize) -> bool {
    blocks[i + 1..].iter().take(2).any(|b| {
        matches!(
            b,
            Block::Heading {
                kind: SectionKind::About,
                ..
            }
        )
    })
}

/// Headings of the front and back matter that introduce text which is not a practice.
pub fn is_front_matter_heading(folded: &str) -> bool {
    matches!(
        folded,
        "contents"
            | "table of contents"
            | "introduction"
            | "foreword"
            | "preface"
            | "executive summary"
            | "summary"
            | "acknowledgements"
            | "acknowledgments"
    ) || is_partners_heading(folded)
}

pub fn is_partners_heading(folded: &str) -> bool {
    matches!(
        folded,
        "partners"
            | "project partners"
            | "the partners"
            | "consortium"
            | "consortium partners"
            | "partner organisations"
            | "partner organizations"
    )
}

/// The emphasised paragraph on the cover (`**SMARTY INTERREG GOOD PRACTICE GUIDE**`).
pub fn is_emphasised_title(para: &Paragraph) -> bool {
    has_emphasis(&para.lines[0].text) && para.lines.len() <= 3
}
