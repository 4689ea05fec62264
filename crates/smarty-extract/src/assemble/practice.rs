//! A practice's collected sections and fields → its [`PracticeRecord`].

use super::draft::{PracticeDraft, SectionDraft};
use crate::amount::{Convention, IssueKind, convention, scan_amounts};
use crate::blocks::{Block, Paragraph};
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::layout::{PracticeHead, ThemeHeading};
use crate::record::{AlternateTitle, PracticeRecord, Section, SectionKind};
use crate::span::{Span, Spanned};
use crate::text::strip_emphasis;
use crate::{funder, titles};

pub(super) fn practice_records(
    blocks: &[Block],
    heads: &[PracticeHead],
    theme_heads: &[ThemeHeading],
    drafts: Vec<PracticeDraft>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<PracticeRecord> {
    let mut out = Vec::new();
    // The decimal mark the guide's amounts show, for separators a section leaves open.
    let guide = convention(
        drafts
            .iter()
            .flat_map(|d| &d.sections)
            .filter(|s| s.kind == SectionKind::ResourcesNeeded)
            .flat_map(SectionDraft::lines),
    );
    for (p, (head, mut draft)) in heads.iter().zip(drafts).enumerate() {
        draft.sections.sort_by_key(|s| s.kind);
        let mut record = practice_record(blocks, head, &draft, &guide, diags);
        record.number = u32::try_from(p + 1).unwrap_or(u32::MAX);
        // The theme is the last theme heading above the practice.
        record.theme = theme_heads
            .iter()
            .filter(|h| h.block < head.first_block())
            .max_by_key(|h| h.block)
            .map(|h| h.number);
        for (kind, line, value) in draft.fields {
            super::field::read_field(&mut record, kind, line, value, diags);
        }
        out.push(record);
    }
    out
}

/// The record of one practice, from its head and its sections (fields are read afterwards).
fn practice_record(
    blocks: &[Block],
    head: &PracticeHead,
    draft: &PracticeDraft,
    guide: &Convention,
    diags: &mut Vec<Diagnostic>,
) -> PracticeRecord {
    let title = head
        .title_block
        .and_then(|b| blocks[b].as_text())
        .map_or_else(
            || {
                Spanned::new(
                    String::new(),
                    Span::line(blocks[head.about_block].first_line()),
                )
            },
            |t| Spanned::new(strip_emphasis(&t.joined()).to_owned(), t.span()),
        );
    let summary = head
        .summary_block
        .and_then(|b| blocks[b].as_text())
        .map(|s| Spanned::new(s.joined(), s.span()));
    let resources = draft
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::ResourcesNeeded);
    let amounts = resources.map_or_else(Vec::new, |s| amounts(s, guide, diags));
    let funding = resources.map_or_else(Default::default, |s| funder::funders(s.lines()));
    let mut funders = funding.funders;
    for section in draft
        .sections
        .iter()
        .filter(|s| s.kind != SectionKind::ResourcesNeeded)
    {
        for mention in funder::funders_named(section.lines(), section.kind) {
            if !funders.iter().any(|f| f.name == mention.name) {
                funders.push(mention);
            }
        }
    }
    PracticeRecord {
        number: 0,
        alternate_titles: alternate_titles(blocks, &title, summary.as_ref(), draft),
        title,
        summary,
        theme: None,
        page: None,
        sections: draft
            .sections
            .iter()
            .map(|s| Section {
                kind: s.kind,
                heading: s.heading.clone(),
                text: s.text(),
                span: s.span(),
            })
            .collect(),
        main_institutions: Vec::new(),
        location: None,
        contacts: Vec::new(),
        websites: Vec::new(),
        period: None,
        amounts,
        funders,
        funding_sources: funding.sources,
        span: draft.span.unwrap_or(Span::line(0)),
    }
}

/// The amounts of "Resources needed"; what looks like money but cannot be read is reported, and so
/// is a separator read by the guide's convention.
fn amounts(
    resources: &SectionDraft,
    guide: &Convention,
    diags: &mut Vec<Diagnostic>,
) -> Vec<crate::AmountRecord> {
    let (amounts, issues) = scan_amounts(resources.lines(), guide);
    for u in issues {
        let text = &u.text;
        diags.push(match u.kind {
            IssueKind::Unreadable => Diagnostic::warning(
                u.line,
                DiagnosticCode::UnreadableAmount,
                format!("'{text}' looks like an amount but its number cannot be read"),
            ),
            IssueKind::AmbiguousSeparator(sep) => Diagnostic::warning(
                u.line,
                DiagnosticCode::UnreadableAmount,
                format!(
                    "'{text}': the '{sep}' may be a decimal mark or a thousands separator, and no \
                     other amount of the guide shows which; kept as printed, without a value"
                ),
            ),
            IssueKind::AmbiguousCurrency(codes) => Diagnostic::warning(
                u.line,
                DiagnosticCode::UnreadableAmount,
                format!(
                    "'{text}': the currency may be {}, and the section names none of them; \
                     not kept as an amount",
                    codes.join(", ")
                ),
            ),
            IssueKind::ByConvention { mark, evidence } => Diagnostic::note(
                u.line,
                DiagnosticCode::SeparatorByConvention,
                format!(
                    "'{text}': '{mark}' read as the decimal mark, as in {evidence} other \
                     amount{} of the guide",
                    if evidence == 1 { "" } else { "s" }
                ),
            ),
        });
    }
    amounts
}

/// Acronyms and short names found in the title, the summary and the first paragraph of "About",
/// each with the line it was printed on.
fn alternate_titles(
    blocks: &[Block],
    title: &Spanned<String>,
    summary: Option<&Spanned<String>>,
    draft: &PracticeDraft,
) -> Vec<AlternateTitle> {
    let about_para = draft
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::About)
        .and_then(|s| s.paras.first());
    let about_text = about_para.map(Paragraph::joined).unwrap_or_default();
    let summary_text = summary.map(|s| s.value.clone()).unwrap_or_default();
    let text_spans = [
        summary.map_or(title.span, |s| s.span),
        about_para.map_or(title.span, Paragraph::span),
    ];
    titles::alternate_titles(&title.value, &[&summary_text, &about_text])
        .into_iter()
        .map(|(text, kind, source)| AlternateTitle {
            span: source.map_or(title.span, |i| {
                first_line_containing(blocks, text_spans[i], &text).unwrap_or(text_spans[i])
            }),
            text,
            kind,
        })
        .collect()
}

/// The first line within `span` whose text contains `needle`.
fn first_line_containing(blocks: &[Block], span: Span, needle: &str) -> Option<Span> {
    // Blocks are in line order: start at the one that can hold the span's first line.
    let from = blocks.partition_point(|b| b.last_line() < span.start);
    blocks[from..]
        .iter()
        .take_while(|b| b.first_line() <= span.end)
        .filter_map(Block::as_text)
        .flat_map(|p| &p.lines)
        .find(|l| l.no >= span.start && l.no <= span.end && l.text.contains(needle))
        .map(|l| Span::line(l.no))
}
