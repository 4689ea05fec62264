//! The typed records the extractor produces.
//!
//! Every field that comes from the text carries the [`Span`] of source lines it was read from, so
//! that later stages can state where each fact came from.

use serde::Serialize;

use crate::amount::AmountRecord;
use crate::date::PeriodRecord;
use crate::diagnostic::Diagnostic;
pub use crate::span::{Span, Spanned};

/// Everything extracted from one guide.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Extraction {
    pub guide: GuideRecord,
    pub themes: Vec<ThemeRecord>,
    pub practices: Vec<PracticeRecord>,
    /// Text lines of the partners page (logo captions), in order. Which organisations they name
    /// is decided against reference data, outside the extractor.
    pub partner_lines: Vec<Spanned<String>>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Document-level parts that are not practices.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GuideRecord {
    /// The guide's title (the emphasised heading on the cover), if printed.
    pub title: Option<Spanned<String>>,
    /// Cover text before the title and contents (programme name, funding logos).
    pub cover: Option<Spanned<String>>,
    /// The contents page, as printed.
    pub contents: Vec<ContentsEntry>,
    /// Headings of the pages that are not practices ("Contents", "Introduction", "Project
    /// Partners"), as printed.
    pub headings: Vec<Spanned<String>>,
    /// The introduction, in full.
    pub introduction: Option<Spanned<String>>,
    /// Text after the last practice (back cover), apart from the partner list.
    pub back_matter: Option<Spanned<String>>,
    /// Number of lines in the source.
    pub line_count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContentsEntry {
    pub title: String,
    pub page: Option<u32>,
    pub span: Span,
}

/// One of the guide's thematic sections.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeRecord {
    /// 1-based, as numbered in the introduction (or by order of appearance).
    pub number: u32,
    /// The short header printed above the theme's practices.
    pub label: Spanned<String>,
    /// The line printed under the header, if any ("for supporting digital transformation in SMEs").
    pub subtitle: Option<Spanned<String>>,
    /// The full label from the introduction's list of themes, or the header and its subtitle.
    pub full_label: Spanned<String>,
    /// The theme's introductory text.
    pub description: Option<Spanned<String>>,
}

/// Which template section a text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    About,
    ResourcesNeeded,
    EvidenceOfSuccess,
    DifficultiesEncountered,
    PotentialForLearningOrTransfer,
}

impl SectionKind {
    pub const ALL: [SectionKind; 5] = [
        SectionKind::About,
        SectionKind::ResourcesNeeded,
        SectionKind::EvidenceOfSuccess,
        SectionKind::DifficultiesEncountered,
        SectionKind::PotentialForLearningOrTransfer,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SectionKind::About => "About this good practice",
            SectionKind::ResourcesNeeded => "Resources needed",
            SectionKind::EvidenceOfSuccess => "Evidence of success",
            SectionKind::DifficultiesEncountered => "Difficulties encountered",
            SectionKind::PotentialForLearningOrTransfer => "Potential for learning or transfer",
        }
    }
}

/// A template section's text, in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub kind: SectionKind,
    /// The heading as printed ("Challenges Encountered").
    pub heading: String,
    pub text: String,
    /// From the heading to the last line of text.
    pub span: Span,
}

/// Why a title counts as another name of a practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AlternateTitleKind {
    /// The contents page prints the practice under another title.
    ContentsEntry,
    /// An acronym the title or text uses for the practice (DIH4CAT, GIOTTO, SRIP FoF).
    Acronym,
    /// The short name before a subtitle ("GOSTOP", "ProACCIÓ 4.0").
    ShortName,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AlternateTitle {
    pub text: String,
    pub kind: AlternateTitleKind,
    pub span: Span,
}

/// The contact person printed under a practice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactRecord {
    pub name: String,
    /// The organisation printed under the name, lines joined.
    pub organisation: Option<String>,
    pub email: Option<String>,
    /// A role, when printed ("Financial Coordinator").
    pub role: Option<String>,
    pub phone: Option<String>,
    pub span: Span,
}

/// A funder named in "Resources needed", or in another section that says it funds the practice
/// ("funded by the European Regional Development Fund").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FunderMention {
    /// The name as printed (trimmed of articles).
    pub name: String,
    /// The section it is named in.
    #[serde(skip_serializing_if = "is_resources")]
    pub section: SectionKind,
    pub span: Span,
}

fn is_resources(kind: &SectionKind) -> bool {
    *kind == SectionKind::ResourcesNeeded
}

/// One good practice, with every field the template has.
#[derive(Debug, Clone, Serialize)]
pub struct PracticeRecord {
    /// 1-based position in the guide.
    pub number: u32,
    pub title: Spanned<String>,
    pub alternate_titles: Vec<AlternateTitle>,
    /// The one-line summary under the title, when printed.
    pub summary: Option<Spanned<String>>,
    /// The theme number (see [`ThemeRecord::number`]).
    pub theme: Option<u32>,
    /// The page the contents page gives, if any.
    pub page: Option<u32>,
    pub sections: Vec<Section>,
    pub main_institutions: Vec<Spanned<String>>,
    pub location: Option<Spanned<String>>,
    pub contacts: Vec<ContactRecord>,
    pub websites: Vec<Spanned<String>>,
    pub period: Option<PeriodRecord>,
    /// Monetary amounts found in "Resources needed".
    pub amounts: Vec<AmountRecord>,
    /// Funders named in "Resources needed", then those other sections say fund the practice.
    pub funders: Vec<FunderMention>,
    /// Sources of money "Resources needed" describes without naming a body ("Private Sector match
    /// funding", "own resources"), as printed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub funding_sources: Vec<Spanned<String>>,
    /// All lines that belong to the practice (sections printed elsewhere are not included).
    pub span: Span,
}

impl PracticeRecord {
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == kind)
    }
}
