//! The guide's own parts around the practices: cover, title, contents page, introduction, partner
//! pages and back matter.

use crate::blocks::{Block, Paragraph};
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::layout::{Contents, is_emphasised_title, is_front_matter_heading, is_partners_heading};
use crate::record::GuideRecord;
use crate::span::{Span, Spanned};
use crate::text::{fold, strip_emphasis};

/// Paragraphs as one text, blank-line separated, with the span covering them all.
pub(super) fn join_paragraphs(paras: &[Paragraph]) -> Spanned<String> {
    let text: Vec<String> = paras.iter().map(Paragraph::text).collect();
    let span = paras
        .iter()
        .map(Paragraph::span)
        .reduce(Span::cover)
        .unwrap_or(Span::line(0));
    Spanned::new(text.join("\n\n"), span)
}

/// The note for a paragraph that belongs nowhere, quoting its start.
pub(super) fn unplaced(para: &Paragraph) -> Diagnostic {
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

/// Cover, guide title, contents, introduction and a front partners page.
pub(super) fn front_matter(
    blocks: &[Block],
    contents: &Contents,
    guide: &mut GuideRecord,
    partner_lines: &mut Vec<Spanned<String>>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut front = Front {
        cover: Vec::new(),
        intro: Vec::new(),
        heading: None,
        contents_titles: contents.entries.iter().map(|e| fold(&e.title)).collect(),
    };
    for (i, block) in blocks.iter().enumerate() {
        if contents.blocks.contains(&i) {
            // The contents page's own heading ("Contents"), not its entries.
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
        front.paragraph(para, before_contents, guide, partner_lines);
    }
    if !front.cover.is_empty() {
        guide.cover = Some(join_paragraphs(&front.cover));
    }
    if !front.intro.is_empty() {
        guide.introduction = Some(join_paragraphs(&front.intro));
    }
}

/// The front matter read so far.
struct Front {
    cover: Vec<Paragraph>,
    intro: Vec<Paragraph>,
    /// The last heading read (folded): what the paragraphs under it belong to.
    heading: Option<String>,
    contents_titles: Vec<String>,
}

impl Front {
    /// The first emphasised paragraph before any heading is the guide's title; a one-line
    /// front-matter heading or contents title starts a part; other text goes to the cover (before
    /// the contents page or the title), the partners page or the introduction.
    fn paragraph(
        &mut self,
        para: &Paragraph,
        before_contents: bool,
        guide: &mut GuideRecord,
        partner_lines: &mut Vec<Spanned<String>>,
    ) {
        let printed = strip_emphasis(&para.joined()).to_owned();
        if guide.title.is_none() && self.heading.is_none() && is_emphasised_title(para) {
            guide.title = Some(Spanned::new(printed, para.span()));
            return;
        }
        let key = fold(&printed);
        if para.lines.len() == 1
            && (is_front_matter_heading(&key) || self.contents_titles.contains(&key))
        {
            guide.headings.push(Spanned::new(printed, para.span()));
            self.heading = Some(key);
            return;
        }
        match self.heading.as_deref() {
            Some(h) if is_partners_heading(h) => partner_lines.extend(
                para.lines
                    .iter()
                    .map(|l| Spanned::new(l.text.clone(), Span::line(l.no))),
            ),
            Some(_) => self.intro.push(para.clone()),
            None if before_contents || guide.title.is_none() => self.cover.push(para.clone()),
            None => self.intro.push(para.clone()),
        }
    }
}

/// What follows the last practice: closing text, then the partners page's heading and lines.
#[derive(Default)]
pub(super) struct BackMatter {
    pub headings: Vec<Spanned<String>>,
    pub paras: Vec<Paragraph>,
    pub partner_lines: Vec<Spanned<String>>,
    in_partners: bool,
}

impl BackMatter {
    pub fn push(&mut self, para: &Paragraph) {
        let printed = strip_emphasis(&para.joined()).to_owned();
        if para.lines.len() == 1 && is_partners_heading(&fold(&printed)) {
            self.headings.push(Spanned::new(printed, para.span()));
            self.in_partners = true;
        } else if self.in_partners {
            self.partner_lines.extend(
                para.lines
                    .iter()
                    .map(|l| Spanned::new(strip_emphasis(&l.text).to_owned(), Span::line(l.no))),
            );
        } else {
            self.paras.push(para.clone());
        }
    }
}
