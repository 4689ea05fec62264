//! The walk over the body: every block after the front matter goes to a theme, a practice, a
//! displaced section or the back matter.

use std::collections::{HashMap, HashSet};

use super::draft::{Displaced, PracticeDraft, SectionDraft};
use super::parts::{BackMatter, unplaced};
use crate::blocks::{Block, FieldKind, Paragraph};
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::layout::{PracticeHead, ThemeHeading};
use crate::record::SectionKind;
use crate::span::Span;

/// Who the text being read belongs to.
#[derive(Clone, Copy, PartialEq)]
enum Owner {
    Nobody,
    Theme(usize),
    Practice(usize),
    Back,
}

/// A section whose heading has been read and whose paragraphs are being collected.
struct OpenSection {
    /// The practice it belongs to; `None` when printed after that practice's fields (displaced).
    practice: Option<usize>,
    /// The block of its heading, to find its neighbours when displaced.
    block: usize,
    draft: SectionDraft,
}

/// What each block is, looked up rather than searched for: guides have thousands of practices.
struct Roles {
    /// First block of a practice → the practice.
    starts: HashMap<usize, usize>,
    /// Summary block → its practice.
    summaries: HashMap<usize, usize>,
    titles: HashSet<usize>,
    /// Theme heading block → the theme.
    theme_starts: HashMap<usize, usize>,
    subtitles: HashSet<usize>,
}

impl Roles {
    fn new(heads: &[PracticeHead], theme_heads: &[ThemeHeading]) -> Roles {
        let numbered = heads.iter().enumerate();
        Roles {
            starts: numbered
                .clone()
                .map(|(p, h)| (h.first_block(), p))
                .collect(),
            summaries: numbered
                .filter_map(|(p, h)| h.summary_block.map(|b| (b, p)))
                .collect(),
            titles: heads.iter().filter_map(|h| h.title_block).collect(),
            theme_starts: theme_heads
                .iter()
                .enumerate()
                .map(|(t, h)| (h.block, t))
                .collect(),
            subtitles: theme_heads
                .iter()
                .filter_map(|h| h.subtitle_block)
                .collect(),
        }
    }
}

/// The state of the walk, block by block.
pub(super) struct Walker<'a> {
    heads: &'a [PracticeHead],
    roles: Roles,
    owner: Owner,
    /// Whether the current practice's fields have begun: a section heading after them is displaced.
    fields_seen: bool,
    open: Option<OpenSection>,
    pub drafts: Vec<PracticeDraft>,
    pub theme_paras: Vec<Vec<Paragraph>>,
    pub displaced: Vec<Displaced>,
    pub back: BackMatter,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Walker<'a> {
    pub fn new(heads: &'a [PracticeHead], theme_heads: &[ThemeHeading]) -> Walker<'a> {
        Walker {
            heads,
            roles: Roles::new(heads, theme_heads),
            owner: Owner::Nobody,
            fields_seen: false,
            open: None,
            drafts: heads.iter().map(|_| PracticeDraft::default()).collect(),
            theme_paras: theme_heads.iter().map(|_| Vec::new()).collect(),
            displaced: Vec::new(),
            back: BackMatter::default(),
            diags: Vec::new(),
        }
    }

    /// Gives block `i` to its owner.
    pub fn on_block(&mut self, i: usize, block: &Block) {
        if let Some(&p) = self.roles.starts.get(&i) {
            self.start_practice(p, block);
        }
        if let Some(&p) = self.roles.summaries.get(&i) {
            self.drafts[p].touch(Span::new(block.first_line(), block.last_line()));
            return;
        }
        if self.roles.titles.contains(&i) {
            return;
        }
        if let Some(&t) = self.roles.theme_starts.get(&i) {
            self.close();
            self.owner = Owner::Theme(t);
            return;
        }
        if self.roles.subtitles.contains(&i) {
            return;
        }
        match block {
            Block::Heading {
                kind,
                printed,
                line,
            } => self.on_heading(i, *kind, printed, *line),
            Block::Field { kind, line, value } => self.on_field(block, *kind, *line, value),
            Block::Text(para) => self.on_text(para),
        }
    }

    /// Ends the open section, giving it to its practice or keeping it as displaced.
    pub fn close(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        match open.practice {
            Some(p) => {
                self.drafts[p].touch(open.draft.span());
                self.drafts[p].add_section(open.draft, &mut self.diags);
            }
            None => self.displaced.push(Displaced {
                block: open.block,
                draft: open.draft,
            }),
        }
    }

    fn start_practice(&mut self, p: usize, block: &Block) {
        self.close();
        self.owner = Owner::Practice(p);
        self.fields_seen = false;
        self.drafts[p].touch(Span::new(block.first_line(), block.last_line()));
        if self.heads[p].title_block.is_none() {
            self.diags.push(Diagnostic::warning(
                block.first_line(),
                DiagnosticCode::MissingTitle,
                "'About this good practice' with no title above it",
            ));
        }
    }

    fn on_heading(&mut self, i: usize, kind: SectionKind, printed: &str, line: u32) {
        self.close();
        let practice = match self.owner {
            Owner::Practice(p) if !self.fields_seen => Some(p),
            _ => None,
        };
        self.open = Some(OpenSection {
            practice,
            block: i,
            draft: SectionDraft {
                kind,
                heading: printed.to_owned(),
                line,
                paras: Vec::new(),
            },
        });
    }

    fn on_field(&mut self, block: &Block, kind: FieldKind, line: u32, value: &Option<Paragraph>) {
        self.close();
        match self.owner {
            Owner::Practice(p) => {
                self.drafts[p].fields.push((kind, line, value.clone()));
                self.drafts[p].touch(Span::new(block.first_line(), block.last_line()));
                self.fields_seen = true;
            }
            _ => self.diags.push(Diagnostic::warning(
                line,
                DiagnosticCode::UnplacedText,
                format!(
                    "field '{}' outside any practice: {}",
                    kind.label(),
                    value.as_ref().map(Paragraph::joined).unwrap_or_default()
                ),
            )),
        }
    }

    fn on_text(&mut self, para: &Paragraph) {
        if let Some(open) = self.open.as_mut() {
            open.draft.paras.push(para.clone());
            return;
        }
        match self.owner {
            Owner::Theme(t) => self.theme_paras[t].push(para.clone()),
            // Text after the last practice's fields starts the back matter.
            Owner::Practice(p) if self.fields_seen && p + 1 == self.heads.len() => {
                self.owner = Owner::Back;
                self.back.push(para);
            }
            Owner::Back => self.back.push(para),
            Owner::Practice(_) | Owner::Nobody => self.diags.push(unplaced(para)),
        }
    }
}
