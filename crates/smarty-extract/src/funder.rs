//! Funders: in "Resources needed", runs of capitalised words headed by a funding body noun
//! ("European Regional Development Fund", "Kirklees Metropolitan Council", "ERDF"), or an adjective
//! with a lower-case head ("Catalan regional government"), in a sentence that speaks of money;
//! elsewhere, only the bodies a sentence says fund the practice ("funded by the European Regional
//! Development Fund"). Which organisation each name denotes is decided later, against the alias
//! table. A source of money described without a body ("Private Sector match funding", "own
//! resources") is kept as text, never taken for an organisation.

use crate::record::{FunderMention, SectionKind, Spanned};
use crate::span::Span;

/// Nouns that make a capitalised phrase a funding body.
const HEADS: &[&str] = &[
    "fund",
    "funds",
    "government",
    "council",
    "university",
    "authority",
    "agency",
    "ministry",
    "commission",
    "bank",
    "municipality",
    "republic",
    "union",
    "institute",
    "institution",
    "foundation",
    "chamber",
    "association",
    "office",
    "department",
];

/// Acronyms of funds and funding bodies, which name a funder on their own.
const FUND_ACRONYMS: &[&str] = &["erdf", "esf", "esif", "eafrd", "ec", "eib", "efsi"];

/// Lower-case words that may extend a capitalised adjective into a funder ("Catalan regional
/// government").
const LOWER_EXTENSIONS: &[&str] = &[
    "regional",
    "national",
    "local",
    "government",
    "council",
    "ministry",
    "match",
    "funding",
    "funds",
];

/// Lower-case nouns that make a phrase a source of money rather than a body ("match funding").
const SOURCE_NOUNS: &[&str] = &["funding", "funds", "resources", "financing", "contribution"];

/// Phrases that say a body funds the practice, outside "Resources needed".
const FUNDED_BY: &[&str] = &[
    "funded by",
    "financed by",
    "funded from",
    "financed from",
    "funded through",
    "with the support of",
];

/// Connectors allowed inside a name ("University of Sheffield", "Castilla y León").
/// A dash between two capitalised words joins a name and its description ("Łukasiewicz –
/// Institute for Sustainable Technologies").
const CONNECTORS: &[&str] = &["of", "and", "for", "de", "del", "y", "di", "la", "&", "–"];

/// Words that signal the sentence is about money.
const MONEY_CUES: &[&str] = &[
    "fund",
    "financ",
    "grant",
    "budget",
    "subsid",
    "investment",
    "co-financ",
    "cofinanc",
];

/// What a section says of who funds the practice: the bodies it names, and the sources of money it
/// describes without naming a body.
#[derive(Debug, Default)]
pub struct Funding {
    pub funders: Vec<FunderMention>,
    pub sources: Vec<Spanned<String>>,
}

/// A name found in a sentence: a body, or a source of money described without one.
#[derive(Debug, Clone, PartialEq)]
enum Name {
    Body(String),
    Source(String),
}

/// The funders and sources of "Resources needed": every sentence that speaks of money.
pub fn funders<'a>(lines: impl IntoIterator<Item = (u32, &'a str)>) -> Funding {
    let mut out = Funding::default();
    for (line_no, line) in lines {
        for sentence in line.split(". ") {
            let lower = sentence.to_lowercase();
            if MONEY_CUES.iter().any(|c| lower.contains(c)) {
                out.add(names_in(sentence), line_no, SectionKind::ResourcesNeeded);
            }
        }
    }
    out
}

/// The bodies another section says fund the practice: the names after "funded by", "financed by",
/// "with the support of" in the same sentence.
pub fn funders_named<'a>(
    lines: impl IntoIterator<Item = (u32, &'a str)>,
    section: SectionKind,
) -> Vec<FunderMention> {
    let mut out = Funding::default();
    for (line_no, line) in lines {
        for sentence in line.split(". ") {
            let lower = sentence.to_lowercase();
            let cue = FUNDED_BY
                .iter()
                .filter_map(|c| lower.find(c).map(|at| at + c.len()))
                .min();
            // Lower-casing may move byte offsets; only cut where the sentence has a boundary.
            if let Some(at) = cue.filter(|at| sentence.is_char_boundary(*at)) {
                let bodies = names_in(&sentence[at..])
                    .into_iter()
                    .filter(|n| matches!(n, Name::Body(_)))
                    .collect();
                out.add(bodies, line_no, section);
            }
        }
    }
    out.funders
}

impl Funding {
    fn add(&mut self, names: Vec<Name>, line_no: u32, section: SectionKind) {
        let mut previous: Option<String> = None;
        for name in names {
            match name {
                Name::Body(name) => {
                    // "European Regional Development Fund (ERDF)" names one fund.
                    let repeats = previous.as_ref().is_some_and(|p| abbreviates(&name, p));
                    previous = Some(name.clone());
                    if !repeats && !self.funders.iter().any(|m| m.name == name) {
                        self.funders.push(FunderMention {
                            name,
                            section,
                            span: Span::line(line_no),
                        });
                    }
                }
                Name::Source(text) => {
                    previous = None;
                    if !self.sources.iter().any(|s| s.value == text) {
                        self.sources.push(Spanned::new(text, Span::line(line_no)));
                    }
                }
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Tok<'a> {
    Word(&'a str),
    /// Punctuation or a possessive that ends a name.
    Break,
}

fn tokens(sentence: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    for raw in sentence.split_whitespace() {
        if raw == "–" || raw == "—" {
            out.push(Tok::Word("–"));
            continue;
        }
        for (i, part) in raw.split('/').enumerate() {
            if i > 0 {
                out.push(Tok::Break);
            }
            let opens = part.starts_with(['(', '"', '“']);
            let word = part.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
            let possessive = word.ends_with("'s") || word.ends_with("’s");
            let word = word
                .strip_suffix("'s")
                .or_else(|| word.strip_suffix("’s"))
                .unwrap_or(word);
            let closes = part.ends_with([',', '.', ';', ':', ')', '"', '”']) || possessive;
            if opens {
                out.push(Tok::Break);
            }
            if word.is_empty() {
                out.push(Tok::Break);
            } else {
                out.push(Tok::Word(word));
            }
            if closes {
                out.push(Tok::Break);
            }
        }
    }
    out
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn has_head(words: &[&str]) -> bool {
    words.iter().any(|w| {
        let lower = w.to_lowercase();
        HEADS.contains(&lower.as_str()) || FUND_ACRONYMS.contains(&lower.as_str())
    })
}

fn names_in(sentence: &str) -> Vec<Name> {
    let toks = tokens(sentence);
    let mut names = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Tok::Word(w) = toks[i] else {
            i += 1;
            continue;
        };
        if !capitalised(w) {
            // "own resources", "own funds": the practice's own money, named by no body.
            if let (true, Some(Tok::Word(noun))) = (w == "own", toks.get(i + 1))
                && SOURCE_NOUNS.contains(noun)
            {
                names.push(Name::Source(format!("own {noun}")));
            }
            i += 1;
            continue;
        }
        // Grow a run of capitalised words joined by connectors.
        let mut run: Vec<&str> = vec![w];
        let mut j = i + 1;
        loop {
            match (toks.get(j), toks.get(j + 1)) {
                (Some(Tok::Word(next)), _) if capitalised(next) => {
                    run.push(next);
                    j += 1;
                }
                (Some(Tok::Word(conn)), Some(Tok::Word(next)))
                    if CONNECTORS.contains(conn) && capitalised(next) =>
                {
                    run.push(conn);
                    run.push(next);
                    j += 2;
                }
                _ => break,
            }
        }
        // "Catalan regional government", "Private Sector match funding".
        let mut ext: Vec<&str> = Vec::new();
        let mut k = j;
        while let Some(Tok::Word(next)) = toks.get(k) {
            if LOWER_EXTENSIONS.contains(next) {
                ext.push(next);
                k += 1;
            } else {
                break;
            }
        }
        // "The funding" describes nothing: a source needs a word of its own before the noun.
        let bare = run.len() == 1 && matches!(run[0], "The" | "A" | "An" | "It" | "This");
        let source =
            !bare && ext.last().is_some_and(|w| SOURCE_NOUNS.contains(w)) && !has_head(&ext);
        if !ext.is_empty() && (has_head(&ext) || source) {
            // The lower-case head belongs to the words after the last "and" only:
            // "Capital Grants and Private Sector match funding".
            if let Some(and) = run.iter().rposition(|w| *w == "and") {
                let left: Vec<&str> = run[..and].to_vec();
                names.extend(named(&left));
                run.drain(..=and);
            }
            run.extend(ext);
            j = k;
        }
        // "Private Sector match funding" says where money comes from, not which body gives it.
        if source && !has_head(&run) {
            names.push(Name::Source(strip_leading_articles(&run).join(" ")));
        } else {
            names.extend(named(&run));
        }
        i = j.max(i + 1);
    }
    names
}

/// Whether `short` is the acronym of `long` ("ERDF" of "European Regional Development Fund").
fn abbreviates(short: &str, long: &str) -> bool {
    let initials: String = long
        .split_whitespace()
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect();
    !short.contains(' ') && short.len() >= 2 && short == initials
}

/// The funder names in a run of words, split where "and" joins two of them.
fn named(run: &[&str]) -> Vec<Name> {
    split_on_and(run)
        .into_iter()
        .filter_map(|part| {
            let part = strip_leading_articles(part);
            // "Government" alone says too little to name a body; "ERDF" alone is enough.
            let vague =
                part.len() == 1 && !FUND_ACRONYMS.contains(&part[0].to_lowercase().as_str());
            (has_head(part) && !vague).then(|| Name::Body(part.join(" ")))
        })
        .collect()
}

/// "University of Huddersfield and Kirklees Metropolitan Council" names two bodies; "European
/// Structural and Investment Funds" names one (its left side has no head noun).
fn split_on_and<'r, 'a>(run: &'r [&'a str]) -> Vec<&'r [&'a str]> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (idx, w) in run.iter().enumerate() {
        if (*w == "and" || *w == "&") && has_head(&run[start..idx]) && has_head(&run[idx + 1..]) {
            parts.push(&run[start..idx]);
            start = idx + 1;
        }
    }
    parts.push(&run[start..]);
    parts
}

fn strip_leading_articles<'r, 'a>(mut words: &'r [&'a str]) -> &'r [&'a str] {
    while let Some(first) = words.first() {
        if matches!(*first, "The" | "A" | "An" | "It" | "This") && words.len() > 1 {
            words = &words[1..];
        } else {
            break;
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bodies separated by " | ", then the sources described without a body as `[text]`.
    fn check(input: &str, expect: &str) {
        let found = funders([(1, input)]);
        let got: Vec<String> = found
            .funders
            .into_iter()
            .map(|m| m.name)
            .chain(found.sources.into_iter().map(|s| format!("[{}]", s.value)))
            .collect();
        assert_eq!(got.join(" | "), expect, "input: {input}");
    }

    fn check_named(input: &str, expect: &str) {
        let got: Vec<String> = funders_named([(1, input)], SectionKind::About)
            .into_iter()
            .map(|m| m.name)
            .collect();
        assert_eq!(got.join(" | "), expect, "input: {input}");
    }

    #[test]
    fn funders_of_the_bundled_guide() {
        check(
            "The funding for Access Innovation (£7,057,734.00) comprised of EU European Structural and Investment Funds, along with an allocation from West Yorkshire Combined Authority's access to Capital Grants and Private Sector match funding in the form of grants and advice.",
            "EU European Structural and Investment Funds | West Yorkshire Combined Authority | [Private Sector match funding]",
        );
        check(
            "The funding and the staff in charge come from the Regional Government of Castilla y León.",
            "Regional Government of Castilla y León",
        );
        check(
            "The IoT Catalan Alliance and its activities operate each year for approximately 60K €, funded by the Catalan government through the regional ERDF program.",
            "Catalan government | ERDF",
        );
        check(
            "- » By 2015, the AMRC had received £70 million of funding from the UK Government, the former Regional Development Agency and the University of Sheffield.",
            "UK Government | Regional Development Agency | University of Sheffield",
        );
        check(
            "- » An additional £70 million was also secured from the European Regional Development Fund (ERDF).",
            "European Regional Development Fund",
        );
        check(
            "Funding of £6,130,000 was secured through the European Regional Development Fund – this was match funded from the University of Huddersfield and Kirklees Metropolitan Council.",
            "European Regional Development Fund | University of Huddersfield | Kirklees Metropolitan Council",
        );
        check(
            "It is funded by the EC, Spanish government and Catalanian regional government.",
            "EC | Spanish government | Catalanian regional government",
        );
        check(
            "Funding for Skills for Growth (£1,980,000) comprised of EU European Social Funds.",
            "EU European Social Funds",
        );
        check(
            "Resources needed are not yet planned in detail. Regional Council of Lapland has recruited one person",
            "",
        );
        check(
            "The call for tenders has a 2018-2020 financial budget of 1,5 M EUR and is co-financed by the ERDF ROP 2014-2020, Axis A action 1.1.2 A.",
            "ERDF ROP",
        );
    }

    #[test]
    fn bodies_with_a_body_noun_or_a_dash_in_their_name() {
        check(
            "Funded by the European Regional Development Fund and Łukasiewicz – Institute for Sustainable Technologies.",
            "European Regional Development Fund | Łukasiewicz – Institute for Sustainable Technologies",
        );
        check(
            "Funded by the ERDF and the Sustainable Foundation of Northland.",
            "ERDF | Sustainable Foundation of Northland",
        );
        check(
            "Funding of £6,130,000 was secured through the European Regional Development Fund – this was match funded.",
            "European Regional Development Fund",
        );
    }

    #[test]
    fn bodies_joined_by_and_and_sources_without_a_body() {
        check(
            "Funded by the European Regional Development Fund and Municipality of Prato.",
            "European Regional Development Fund | Municipality of Prato",
        );
        check(
            "The rest of the budget comes from own resources and Private match funding.",
            "[own resources] | [Private match funding]",
        );
        check(
            "Funding from the Ministry of Economy and Private Sector match funding.",
            "Ministry of Economy | [Private Sector match funding]",
        );
    }

    #[test]
    fn funders_outside_resources_needed() {
        check_named(
            "DIE-DIHSLOVENIA-2019-2023 is co-financed by the Republic of Slovenia and the European Union from the European Regional Development Fund.",
            "Republic of Slovenia | European Union | European Regional Development Fund",
        );
        check_named(
            "The FrostBit lab was established in 1999 as the first Finnish virtual reality programming laboratory funded by the European Regional Development Fund (ERDF). The systematic development has led to",
            "European Regional Development Fund",
        );
        check_named(
            "It runs with the support of Kirklees Council.",
            "Kirklees Council",
        );
        // Only a sentence that says who funds names a funder.
        check_named(
            "The Municipality of Prato, University of Florence and business associations have teamed with the PRISMA project.",
            "",
        );
        check_named(
            "The study was commissioned by the Ministry of Economic Development, in support of traceability.",
            "",
        );
    }
}
