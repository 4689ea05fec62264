//! The third pass: walks the blocks once, giving each to the front matter, a theme, a practice or
//! the back matter, then turns what each practice collected into a [`PracticeRecord`].

use crate::amount::scan_amounts;
use crate::blocks::{Block, FieldKind, Paragraph};
use crate::date::{DateError, parse_period};
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::layout::{
    Contents, ListedTheme, PracticeHead, ThemeHeading, find_contents, find_practice_heads,
    find_theme_headings, find_theme_list, is_emphasised_title, is_front_matter_heading,
    is_partners_heading, titles_match,
};
use crate::record::{
    AlternateTitle, AlternateTitleKind, Extraction, GuideRecord, PracticeRecord, Section,
    SectionKind, Span, Spanned, ThemeRecord,
};
use std::collections::{HashMap, HashSet};

use crate::text::{fold, strip_emphasis};
use crate::{fields, funder, titles};

/// A section being collected.
#[derive(Debug, Clone)]
struct SectionDraft {
    kind: SectionKind,
    heading: String,
    line: u32,
    paras: Vec<Paragraph>,
}

impl SectionDraft {
    fn span(&self) -> Span {
        let end = self.paras.last().map_or(self.line, |p| p.span().end);
        Span::new(self.line, end)
    }

    fn lines(&self) -> impl Iterator<Item = (u32, &str)> {
        self.paras
            .iter()
            .flat_map(|p| p.lines.iter().map(|l| (l.no, l.text.as_str())))
    }

    fn text(&self) -> String {
        let parts: Vec<String> = self.paras.iter().map(Paragraph::text).collect();
        parts.join("\n\n")
    }
}

#[derive(Debug, Default)]
struct PracticeDraft {
    sections: Vec<SectionDraft>,
    fields: Vec<(FieldKind, u32, Option<Paragraph>)>,
    span: Option<Span>,
}

impl PracticeDraft {
    fn touch(&mut self, span: Span) {
        self.span = Some(self.span.map_or(span, |s| s.cover(span)));
    }

    fn has(&self, kind: SectionKind) -> bool {
        self.sections.iter().any(|s| s.kind == kind)
    }

    fn add_section(&mut self, draft: SectionDraft, diags: &mut Vec<Diagnostic>) {
        match self.sections.iter_mut().find(|s| s.kind == draft.kind) {
            Some(existing) => {
                diags.push(Diagnostic::warning(
                    draft.line,
                    DiagnosticCode::RepeatedSection,
                    format!(
                        "'{}' printed a second time for one practice; its text is appended to the first",
                        draft.heading
                    ),
                ));
                existing.paras.extend(draft.paras);
            }
            None => self.sections.push(draft),
        }
    }
}

/// A section printed outside its practice (after one practice's fields, before the next title).
struct Displaced {
    block: usize,
    draft: SectionDraft,
}

#[derive(Clone, Copy, PartialEq)]
enum Owner {
    Nobody,
    Theme(usize),
    Practice(usize),
    Back,
}

pub fn assemble(blocks: &[Block], line_count: u32) -> Extraction {
    let mut diags = Vec::new();
    let contents = find_contents(blocks);
    let listed = find_theme_list(blocks);
    let theme_heads = find_theme_headings(blocks, &contents, &listed);
    let is_theme_block = |i: usize| {
        theme_heads
            .iter()
            .any(|h| h.block == i || h.subtitle_block == Some(i))
    };
    let heads = find_practice_heads(blocks, &contents, &is_theme_block);

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
    front_matter(
        &blocks[..body_start],
        &contents,
        &mut guide,
        &mut partner_lines,
        &mut diags,
    );

    // Walk the body.
    let mut drafts: Vec<PracticeDraft> = heads.iter().map(|_| PracticeDraft::default()).collect();
    let mut theme_paras: Vec<Vec<Paragraph>> = theme_heads.iter().map(|_| Vec::new()).collect();
    let mut displaced: Vec<Displaced> = Vec::new();
    let mut back: Vec<Paragraph> = Vec::new();
    let mut in_partners = false;
    let mut owner = Owner::Nobody;
    let mut fields_seen = false;
    let mut open: Option<(Option<usize>, usize, SectionDraft)> = None;

    let close = |open: &mut Option<(Option<usize>, usize, SectionDraft)>,
                 drafts: &mut Vec<PracticeDraft>,
                 displaced: &mut Vec<Displaced>,
                 diags: &mut Vec<Diagnostic>| {
        if let Some((target, block, draft)) = open.take() {
            match target {
                Some(p) => {
                    drafts[p].touch(draft.span());
                    drafts[p].add_section(draft, diags);
                }
                None => displaced.push(Displaced { block, draft }),
            }
        }
    };

    // What each block is, looked up rather than searched for: guides have thousands of practices.
    let starts: HashMap<usize, usize> = heads
        .iter()
        .enumerate()
        .map(|(p, h)| (h.first_block(), p))
        .collect();
    let summaries: HashMap<usize, usize> = heads
        .iter()
        .enumerate()
        .filter_map(|(p, h)| h.summary_block.map(|b| (b, p)))
        .collect();
    let titles: HashSet<usize> = heads.iter().filter_map(|h| h.title_block).collect();
    let theme_starts: HashMap<usize, usize> = theme_heads
        .iter()
        .enumerate()
        .map(|(t, h)| (h.block, t))
        .collect();
    let subtitles: HashSet<usize> = theme_heads
        .iter()
        .filter_map(|h| h.subtitle_block)
        .collect();

    for (i, block) in blocks.iter().enumerate().skip(body_start) {
        if let Some(&p) = starts.get(&i) {
            close(&mut open, &mut drafts, &mut displaced, &mut diags);
            owner = Owner::Practice(p);
            fields_seen = false;
            drafts[p].touch(Span::new(block.first_line(), block.last_line()));
            if heads[p].title_block.is_none() {
                diags.push(Diagnostic::warning(
                    block.first_line(),
                    DiagnosticCode::MissingTitle,
                    "'About this good practice' with no title above it",
                ));
            }
        }
        if let Some(&p) = summaries.get(&i) {
            drafts[p].touch(Span::new(block.first_line(), block.last_line()));
            continue;
        }
        if titles.contains(&i) {
            continue;
        }
        if let Some(&t) = theme_starts.get(&i) {
            close(&mut open, &mut drafts, &mut displaced, &mut diags);
            owner = Owner::Theme(t);
            continue;
        }
        if subtitles.contains(&i) {
            continue;
        }
        match block {
            Block::Heading {
                kind,
                printed,
                line,
            } => {
                close(&mut open, &mut drafts, &mut displaced, &mut diags);
                let target = match owner {
                    Owner::Practice(p) if !fields_seen => Some(p),
                    _ => None,
                };
                open = Some((
                    target,
                    i,
                    SectionDraft {
                        kind: *kind,
                        heading: printed.clone(),
                        line: *line,
                        paras: Vec::new(),
                    },
                ));
            }
            Block::Field { kind, line, value } => {
                close(&mut open, &mut drafts, &mut displaced, &mut diags);
                match owner {
                    Owner::Practice(p) => {
                        drafts[p].fields.push((*kind, *line, value.clone()));
                        drafts[p].touch(Span::new(block.first_line(), block.last_line()));
                        fields_seen = true;
                    }
                    _ => diags.push(Diagnostic::warning(
                        *line,
                        DiagnosticCode::UnplacedText,
                        format!(
                            "field '{}' outside any practice: {}",
                            kind.label(),
                            value.as_ref().map(Paragraph::joined).unwrap_or_default()
                        ),
                    )),
                }
            }
            Block::Text(para) => {
                if let Some((_, _, draft)) = open.as_mut() {
                    draft.paras.push(para.clone());
                    continue;
                }
                match owner {
                    Owner::Theme(t) => theme_paras[t].push(para.clone()),
                    Owner::Practice(p) if fields_seen && p + 1 == heads.len() => {
                        owner = Owner::Back;
                        back_matter(
                            para,
                            &mut guide,
                            &mut back,
                            &mut partner_lines,
                            &mut in_partners,
                        );
                    }
                    Owner::Back => {
                        back_matter(
                            para,
                            &mut guide,
                            &mut back,
                            &mut partner_lines,
                            &mut in_partners,
                        );
                    }
                    Owner::Practice(_) | Owner::Nobody => diags.push(unplaced(para)),
                }
            }
        }
    }
    close(&mut open, &mut drafts, &mut displaced, &mut diags);
    place_displaced(displaced, &heads, blocks, &mut drafts, &mut diags);

    if !back.is_empty() {
        guide.back_matter = Some(join_paragraphs(&back));
    }

    let themes = theme_records(blocks, &theme_heads, &listed, theme_paras);
    let practices = practice_records(blocks, &heads, &theme_heads, drafts, &mut diags);
    let mut practices = practices;
    align_contents(&contents, &theme_heads, blocks, &mut practices, &mut diags);

    diags.sort_by_key(|d| (d.line, d.code));
    Extraction {
        guide,
        themes,
        practices,
        partner_lines,
        diagnostics: diags,
    }
}

fn unplaced(para: &Paragraph) -> Diagnostic {
    let text = para.joined();
    let shown: String = text.chars().take(120).collect();
    let more = if text.chars().count() > 120 {
        "…"
    } else {
        ""
    };
    Diagnostic::warning(
        para.first_line(),
        DiagnosticCode::UnplacedText,
        format!("text outside any section or field: \"{shown}{more}\""),
    )
}

fn join_paragraphs(paras: &[Paragraph]) -> Spanned<String> {
    let text: Vec<String> = paras.iter().map(Paragraph::text).collect();
    let span = paras
        .iter()
        .map(Paragraph::span)
        .reduce(Span::cover)
        .unwrap_or(Span::line(0));
    Spanned::new(text.join("\n\n"), span)
}

fn back_matter(
    para: &Paragraph,
    guide: &mut GuideRecord,
    back: &mut Vec<Paragraph>,
    partner_lines: &mut Vec<Spanned<String>>,
    in_partners: &mut bool,
) {
    if para.lines.len() == 1 && is_partners_heading(&fold(strip_emphasis(&para.joined()))) {
        guide.headings.push(Spanned::new(
            strip_emphasis(&para.joined()).to_owned(),
            para.span(),
        ));
        *in_partners = true;
    } else if *in_partners {
        partner_lines.extend(
            para.lines
                .iter()
                .map(|l| Spanned::new(strip_emphasis(&l.text).to_owned(), Span::line(l.no))),
        );
    } else {
        back.push(para.clone());
    }
}

/// Cover, guide title, contents, introduction and a front partners page.
fn front_matter(
    blocks: &[Block],
    contents: &Contents,
    guide: &mut GuideRecord,
    partner_lines: &mut Vec<Spanned<String>>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut cover: Vec<Paragraph> = Vec::new();
    let mut intro: Vec<Paragraph> = Vec::new();
    let mut heading: Option<String> = None;
    let contents_titles: Vec<String> = contents.entries.iter().map(|e| fold(&e.title)).collect();
    for (i, block) in blocks.iter().enumerate() {
        if contents.blocks.contains(&i) {
            if i == contents.blocks.start
                && let Some(para) = block.as_text()
            {
                let first = &para.lines[0];
                guide
                    .headings
                    .push(Spanned::new(first.text.clone(), Span::line(first.no)));
            }
            continue;
        }
        let Some(para) = block.as_text() else {
            diags.push(Diagnostic::warning(
                block.first_line(),
                DiagnosticCode::UnplacedText,
                "template heading or field before the first practice",
            ));
            continue;
        };
        let before_contents = contents.blocks.is_empty() || i < contents.blocks.start;
        if guide.title.is_none() && heading.is_none() && is_emphasised_title(para) {
            guide.title = Some(Spanned::new(
                strip_emphasis(&para.joined()).to_owned(),
                para.span(),
            ));
            continue;
        }
        let key = fold(strip_emphasis(&para.joined()));
        if para.lines.len() == 1
            && (is_front_matter_heading(&key) || contents_titles.contains(&key))
        {
            guide.headings.push(Spanned::new(
                strip_emphasis(&para.joined()).to_owned(),
                para.span(),
            ));
            heading = Some(key);
            continue;
        }
        match heading.as_deref() {
            Some(h) if is_partners_heading(h) => partner_lines.extend(
                para.lines
                    .iter()
                    .map(|l| Spanned::new(l.text.clone(), Span::line(l.no))),
            ),
            Some(_) => intro.push(para.clone()),
            None if before_contents || guide.title.is_none() => cover.push(para.clone()),
            None => intro.push(para.clone()),
        }
    }
    if !cover.is_empty() {
        guide.cover = Some(join_paragraphs(&cover));
    }
    if !intro.is_empty() {
        guide.introduction = Some(join_paragraphs(&intro));
    }
}

/// Gives each displaced section to the next practice if it lacks that section, else to the
/// previous one; says so in a note.
fn place_displaced(
    displaced: Vec<Displaced>,
    heads: &[PracticeHead],
    blocks: &[Block],
    drafts: &mut [PracticeDraft],
    diags: &mut Vec<Diagnostic>,
) {
    let title_of = |p: usize| {
        heads[p]
            .title_block
            .and_then(|b| blocks[b].as_text())
            .map(Paragraph::joined)
            .unwrap_or_default()
    };
    let mut notes: Vec<(usize, u32, Vec<String>, bool)> = Vec::new();
    for d in displaced {
        // Heads are in block order.
        let after = heads.partition_point(|h| h.first_block() <= d.block);
        let next = (after < heads.len()).then_some(after);
        let prev = heads[..after]
            .iter()
            .rposition(|h| h.first_block() < d.block);
        let target = match (next, prev) {
            (Some(n), _) if !drafts[n].has(d.draft.kind) => Some((n, true)),
            (_, Some(p)) if !drafts[p].has(d.draft.kind) => Some((p, false)),
            (Some(n), _) => Some((n, true)),
            (None, Some(p)) => Some((p, false)),
            (None, None) => None,
        };
        let Some((p, before_title)) = target else {
            diags.push(Diagnostic::warning(
                d.draft.line,
                DiagnosticCode::UnplacedText,
                format!("'{}' section outside any practice", d.draft.heading),
            ));
            continue;
        };
        match notes.iter_mut().find(|n| n.0 == p && n.3 == before_title) {
            Some(n) => n.2.push(d.draft.heading.clone()),
            None => notes.push((p, d.draft.line, vec![d.draft.heading.clone()], before_title)),
        }
        drafts[p].add_section(d.draft, diags);
    }
    for (p, line, headings, before_title) in notes {
        let list = headings
            .iter()
            .map(|h| format!("'{h}'"))
            .collect::<Vec<_>>()
            .join(", ");
        let place = if before_title {
            "before the title of"
        } else {
            "after the fields of"
        };
        diags.push(Diagnostic::note(
            line,
            DiagnosticCode::DisplacedSections,
            format!(
                "{list} printed {place} '{}'; attached to that practice",
                title_of(p)
            ),
        ));
    }
}

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

fn practice_records(
    blocks: &[Block],
    heads: &[PracticeHead],
    theme_heads: &[ThemeHeading],
    drafts: Vec<PracticeDraft>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<PracticeRecord> {
    let mut out = Vec::new();
    for (p, (head, mut draft)) in heads.iter().zip(drafts).enumerate() {
        let title_para = head.title_block.and_then(|b| blocks[b].as_text());
        let title = title_para.map_or_else(
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
        let theme = theme_heads
            .iter()
            .filter(|h| h.block < head.first_block())
            .max_by_key(|h| h.block)
            .map(|h| h.number);

        draft.sections.sort_by_key(|s| s.kind);
        let resources = draft
            .sections
            .iter()
            .find(|s| s.kind == SectionKind::ResourcesNeeded);
        let (amounts, unreadable) =
            resources.map_or_else(Default::default, |s| scan_amounts(s.lines()));
        for u in unreadable {
            diags.push(Diagnostic::warning(
                u.line,
                DiagnosticCode::UnreadableAmount,
                format!(
                    "'{}' looks like an amount but its number cannot be read",
                    u.text
                ),
            ));
        }
        let funders = resources.map_or_else(Vec::new, |s| funder::funders(s.lines()));

        let about_para = draft
            .sections
            .iter()
            .find(|s| s.kind == SectionKind::About)
            .and_then(|s| s.paras.first());
        let about_text = about_para.map(Paragraph::joined).unwrap_or_default();
        let about_span = about_para.map(Paragraph::span);
        let summary_text = summary
            .as_ref()
            .map(|s| s.value.clone())
            .unwrap_or_default();
        let text_spans = [
            summary.as_ref().map_or(title.span, |s| s.span),
            about_span.unwrap_or(title.span),
        ];
        let alternate_titles =
            titles::alternate_titles(&title.value, &[&summary_text, &about_text])
                .into_iter()
                .map(|(text, kind, source)| AlternateTitle {
                    span: source.map_or(title.span, |i| {
                        first_line_containing(blocks, text_spans[i], &text).unwrap_or(text_spans[i])
                    }),
                    text,
                    kind,
                })
                .collect();

        let mut record = PracticeRecord {
            number: u32::try_from(p + 1).unwrap_or(u32::MAX),
            title,
            alternate_titles,
            summary,
            theme,
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
            span: draft.span.unwrap_or(Span::line(0)),
        };
        for (kind, line, value) in draft.fields {
            read_field(&mut record, kind, line, value, diags);
        }
        out.push(record);
    }
    out
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

fn read_field(
    record: &mut PracticeRecord,
    kind: FieldKind,
    line: u32,
    value: Option<Paragraph>,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(para) = value else {
        diags.push(Diagnostic::warning(
            line,
            DiagnosticCode::EmptyField,
            format!("'{}:' has no value under it", kind.label()),
        ));
        return;
    };
    let span = para.span();
    let repeated = |diags: &mut Vec<Diagnostic>| {
        diags.push(Diagnostic::warning(
            line,
            DiagnosticCode::RepeatedField,
            format!(
                "'{}:' printed again for one practice; kept the first, ignored \"{}\"",
                kind.label(),
                para.joined()
            ),
        ));
    };
    match kind {
        FieldKind::MainInstitution => record.main_institutions.extend(fields::institutions(&para)),
        FieldKind::Location => {
            if record.location.is_some() {
                repeated(diags);
            } else {
                record.location = Some(Spanned::new(para.joined(), span));
            }
        }
        FieldKind::Contact => {
            let contact = fields::contact(&para);
            if contact.email.is_none() || contact.name.is_empty() {
                diags.push(Diagnostic::warning(
                    line,
                    DiagnosticCode::IncompleteContact,
                    format!(
                        "contact without {}: \"{}\"",
                        if contact.name.is_empty() {
                            "a name"
                        } else {
                            "an e-mail address"
                        },
                        para.joined()
                    ),
                ));
            }
            record.contacts.push(contact);
        }
        FieldKind::Website => {
            let found = fields::websites(&para);
            if found.is_empty() {
                diags.push(Diagnostic::warning(
                    line,
                    DiagnosticCode::UnplacedText,
                    format!("website field without a web address: \"{}\"", para.joined()),
                ));
            }
            for w in found {
                if !record.websites.iter().any(|x| x.value == w.value) {
                    record.websites.push(w);
                }
            }
        }
        FieldKind::Dates => {
            if record.period.is_some() {
                repeated(diags);
                return;
            }
            match parse_period(&para.joined(), span) {
                Ok(period) => record.period = Some(period),
                Err(e) => diags.push(Diagnostic::warning(
                    line,
                    DiagnosticCode::UnreadableDate,
                    match e {
                        DateError::Unreadable => format!(
                            "expected a start and end such as 'May 2019 - ongoing', found \"{}\"",
                            para.joined()
                        ),
                        DateError::EndBeforeStart => {
                            format!("the end is before the start in \"{}\"", para.joined())
                        }
                    },
                )),
            }
        }
    }
}

/// Matches contents entries to practices (by title, then by position for the rest) and records
/// the contents title as another name where it differs.
fn align_contents(
    contents: &Contents,
    theme_heads: &[ThemeHeading],
    blocks: &[Block],
    practices: &mut [PracticeRecord],
    diags: &mut Vec<Diagnostic>,
) {
    let theme_titles: Vec<String> = theme_heads
        .iter()
        .filter_map(|h| blocks[h.block].as_text().map(Paragraph::joined))
        .collect();
    let candidates: Vec<usize> = contents
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            !is_front_matter_heading(&fold(&e.title))
                && !theme_titles.iter().any(|t| titles_match(&e.title, t))
        })
        .map(|(i, _)| i)
        .collect();
    let is_candidate: Vec<bool> = {
        let mut v = vec![false; contents.entries.len()];
        for &e in &candidates {
            v[e] = true;
        }
        v
    };
    let mut assigned: Vec<Option<usize>> = vec![None; practices.len()];
    let mut used = vec![false; contents.entries.len()];
    for (p, practice) in practices.iter().enumerate() {
        if let Some(e) = contents
            .matching(&practice.title.value)
            .into_iter()
            .find(|&e| is_candidate[e] && !used[e])
        {
            assigned[p] = Some(e);
            used[e] = true;
        }
    }
    // By position: a single unmatched practice between two matched ones takes the one unused entry
    // between theirs.
    let mut by_position = vec![false; practices.len()];
    let mut previous: Vec<Option<usize>> = vec![None; practices.len()];
    let mut last = None;
    for p in 0..practices.len() {
        previous[p] = last;
        if assigned[p].is_some() {
            last = Some(p);
        }
    }
    let mut following: Vec<Option<usize>> = vec![None; practices.len()];
    let mut next = None;
    for p in (0..practices.len()).rev() {
        following[p] = next;
        if assigned[p].is_some() {
            next = Some(p);
        }
    }
    for p in 0..practices.len() {
        if assigned[p].is_some() {
            continue;
        }
        let (before, after) = (previous[p], following[p]);
        // The stretch of unmatched practices between the matched neighbours is just this one.
        let alone = before.map_or(0, |b| b + 1) == p && after.unwrap_or(practices.len()) == p + 1;
        if !alone {
            continue;
        }
        let lo = before.and_then(|b| assigned[b]);
        let hi = after.and_then(|a| assigned[a]);
        let from = candidates.partition_point(|&e| lo.is_some_and(|l| e <= l));
        let to = candidates.partition_point(|&e| hi.is_none_or(|h| e < h));
        let window: Vec<usize> = candidates[from..to.max(from)]
            .iter()
            .copied()
            .filter(|&e| !used[e])
            .collect();
        if window.len() == 1 {
            assigned[p] = Some(window[0]);
            used[window[0]] = true;
            by_position[p] = true;
        }
    }
    for (p, practice) in practices.iter_mut().enumerate() {
        let Some(e) = assigned[p] else {
            continue;
        };
        let entry = &contents.entries[e];
        practice.page = entry.page;
        if fold(&entry.title) != fold(&practice.title.value) {
            practice
                .alternate_titles
                .retain(|a| fold(&a.text) != fold(&entry.title));
            practice.alternate_titles.insert(
                0,
                AlternateTitle {
                    text: entry.title.clone(),
                    kind: AlternateTitleKind::ContentsEntry,
                    span: entry.span,
                },
            );
            if by_position[p] {
                diags.push(Diagnostic::note(
                    entry.span.start,
                    DiagnosticCode::ContentsTitleDiffers,
                    format!(
                        "the contents page lists '{}' where the heading (line {}) reads '{}'; both kept as titles",
                        entry.title, practice.title.span.start, practice.title.value
                    ),
                ));
            }
        }
    }
    for &e in &candidates {
        if !used[e] {
            let entry = &contents.entries[e];
            diags.push(Diagnostic::warning(
                entry.span.start,
                DiagnosticCode::UnmatchedContentsEntry,
                format!("contents entry '{}' matches no heading", entry.title),
            ));
        }
    }
}
