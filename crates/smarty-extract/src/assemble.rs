//! The third pass: walks the blocks once, giving each to the front matter, a theme, a practice or
//! the back matter, then turns what each practice collected into a [`PracticeRecord`].
//!
//! [`PracticeRecord`]: crate::record::PracticeRecord

mod contents;
mod displaced;
mod draft;
mod field;
mod parts;
mod practice;
mod walk;

#[cfg(test)]
mod tests;

use crate::blocks::{Block, Paragraph};
use crate::layout::{
    ListedTheme, PracticeHead, ThemeHeading, find_contents, find_practice_heads,
    find_theme_headings, find_theme_list,
};
use crate::record::{Extraction, GuideRecord, ThemeRecord};
use crate::span::Spanned;
use crate::text::strip_emphasis;
use parts::{front_matter, join_paragraphs};
use walk::Walker;

pub fn assemble(blocks: &[Block], line_count: u32) -> Extraction {
    let contents = find_contents(blocks);
    let listed = find_theme_list(blocks);
    let theme_heads = find_theme_headings(blocks, &contents, &listed);
    let is_theme_block = |i: usize| {
        theme_heads
            .iter()
            .any(|h| h.block == i || h.subtitle_block == Some(i))
    };
    let heads = find_practice_heads(blocks, &contents, &is_theme_block);
    // The body starts at the first practice or theme heading; all before it is front matter.
    let body_start = heads
        .iter()
        .map(PracticeHead::first_block)
        .chain(theme_heads.iter().map(|h| h.block))
        .min()
        .unwrap_or(blocks.len());

    let mut guide = GuideRecord {
        line_count,
        contents: contents.entries.clone(),
        ..GuideRecord::default()
    };
    let mut partner_lines: Vec<Spanned<String>> = Vec::new();
    let mut diags = Vec::new();
    front_matter(
        &blocks[..body_start],
        &contents,
        &mut guide,
        &mut partner_lines,
        &mut diags,
    );

    let mut walker = Walker::new(&heads, &theme_heads);
    for (i, block) in blocks.iter().enumerate().skip(body_start) {
        walker.on_block(i, block);
    }
    walker.close();
    diags.append(&mut walker.diags);
    let mut drafts = walker.drafts;
    displaced::place_displaced(walker.displaced, &heads, blocks, &mut drafts, &mut diags);

    guide.headings.extend(walker.back.headings);
    partner_lines.extend(walker.back.partner_lines);
    if !walker.back.paras.is_empty() {
        guide.back_matter = Some(join_paragraphs(&walker.back.paras));
    }

    let themes = theme_records(blocks, &theme_heads, &listed, walker.theme_paras);
    let mut practices =
        practice::practice_records(blocks, &heads, &theme_heads, drafts, &mut diags);
    contents::align_contents(&contents, &theme_heads, blocks, &mut practices, &mut diags);

    diags.sort_by_key(|d| (d.line, d.code));
    Extraction {
        guide,
        themes,
        practices,
        partner_lines,
        diagnostics: diags,
    }
}

/// Each theme heading with its description; a listed theme never used as a heading still counts.
fn theme_records(
    blocks: &[Block],
    heads: &[ThemeHeading],
    listed: &[ListedTheme],
    paras: Vec<Vec<Paragraph>>,
) -> Vec<ThemeRecord> {
    let mut out: Vec<ThemeRecord> = heads
        .iter()
        .zip(paras)
        .filter_map(|(h, paras)| {
            let para = blocks[h.block].as_text()?;
            let label = Spanned::new(strip_emphasis(&para.joined()).to_owned(), para.span());
            let subtitle = h.subtitle_block.and_then(|b| blocks[b].as_text());
            let subtitle_record = subtitle.map(|s| Spanned::new(s.joined(), s.span()));
            let full_label = match listed.iter().find(|t| t.number == h.number) {
                Some(t) => Spanned::new(t.label.clone(), t.span),
                None => match subtitle {
                    Some(s) => Spanned::new(
                        format!("{} {}", label.value, s.joined()),
                        para.span().cover(s.span()),
                    ),
                    None => label.clone(),
                },
            };
            Some(ThemeRecord {
                number: h.number,
                label,
                subtitle: subtitle_record,
                full_label,
                description: (!paras.is_empty()).then(|| join_paragraphs(&paras)),
            })
        })
        .collect();
    // Themes listed in the introduction but never used as a heading still exist.
    for t in listed {
        if !out.iter().any(|r| r.number == t.number) {
            let label = Spanned::new(t.label.clone(), t.span);
            out.push(ThemeRecord {
                number: t.number,
                subtitle: None,
                label: label.clone(),
                full_label: label,
                description: None,
            });
        }
    }
    out.sort_by_key(|t| t.number);
    out
}
