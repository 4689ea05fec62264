//! The extractor against the bundled SMARTY guide: a golden snapshot of everything it extracts,
//! the counts the guide implies, and the invariant that no printed line is silently dropped.
// Test and bench helpers outside #[test] functions state their expectations with unwrap too.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use smarty_extract::{Extraction, Severity, extract, persons};

const GUIDE: &str = include_str!("../../../data/smarty-good-practice-guide.txt");

#[test]
fn golden_snapshot_of_the_whole_extraction() {
    let extraction = extract(GUIDE);
    insta::assert_json_snapshot!("smarty_guide_extraction", extraction);
}

#[test]
fn practices_themes_and_persons() {
    let x = extract(GUIDE);
    assert_eq!(x.practices.len(), 26);
    let per_theme: Vec<usize> = (1..=4)
        .map(|t| x.practices.iter().filter(|p| p.theme == Some(t)).count())
        .collect();
    assert_eq!(per_theme, [6, 7, 6, 7]);
    assert_eq!(x.themes.len(), 4);

    let people = persons(&x.practices);
    assert_eq!(people.len(), 17, "distinct contact persons");
    let mut shared: Vec<(String, usize)> = people
        .iter()
        .filter(|p| p.practices().len() > 1)
        .map(|p| (p.name.clone(), p.practices().len()))
        .collect();
    shared.sort();
    assert_eq!(
        shared,
        [
            ("Bryony Chipp".to_owned(), 4),
            ("Igor Kovač".to_owned(), 2),
            ("Leonardo Marchetti".to_owned(), 2),
            ("Paolo Guarnieri".to_owned(), 4),
            ("Sandra Perez".to_owned(), 2),
        ]
    );
    let igor = people.iter().find(|p| p.name == "Igor Kovač").unwrap();
    assert_eq!(
        igor.matched_by,
        [smarty_extract::MatchReason::SameEmailIgnoringCase]
    );
}

#[test]
fn only_notes_no_warnings_on_the_bundled_guide() {
    let x = extract(GUIDE);
    let warnings: Vec<_> = x
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    assert!(warnings.is_empty(), "{warnings:#?}");
    let codes: Vec<String> = x.diagnostics.iter().map(|d| d.code.to_string()).collect();
    assert_eq!(codes, ["contents-title-differs", "displaced-sections"]);
}

/// Every non-blank line is inside the span of some record, is a field label, or is named by a
/// diagnostic.
fn uncovered_lines(text: &str, x: &Extraction) -> Vec<(u32, String)> {
    let mut covered: BTreeSet<u32> = BTreeSet::new();
    let mut cover = |s: smarty_extract::Span| covered.extend(s.start..=s.end);
    let g = &x.guide;
    for s in [&g.title, &g.cover, &g.introduction, &g.back_matter]
        .into_iter()
        .flatten()
    {
        cover(s.span);
    }
    g.headings.iter().for_each(|h| cover(h.span));
    g.contents.iter().for_each(|e| cover(e.span));
    for t in &x.themes {
        cover(t.label.span);
        cover(t.full_label.span);
        t.subtitle.iter().for_each(|s| cover(s.span));
        t.description.iter().for_each(|s| cover(s.span));
    }
    for p in &x.practices {
        cover(p.title.span);
        p.summary.iter().for_each(|s| cover(s.span));
        p.sections.iter().for_each(|s| cover(s.span));
        p.main_institutions.iter().for_each(|s| cover(s.span));
        p.location.iter().for_each(|s| cover(s.span));
        p.contacts.iter().for_each(|s| cover(s.span));
        p.websites.iter().for_each(|s| cover(s.span));
        p.period.iter().for_each(|s| cover(s.span));
    }
    x.partner_lines.iter().for_each(|l| cover(l.span));
    x.diagnostics.iter().for_each(|d| {
        covered.insert(d.line);
    });
    text.lines()
        .enumerate()
        .map(|(i, l)| (i as u32 + 1, l.trim()))
        .filter(|(no, l)| {
            !l.is_empty()
                && !covered.contains(no)
                && smarty_extract::blocks::field_label(l).is_none()
        })
        .map(|(no, l)| (no, l.to_owned()))
        .collect()
}

#[test]
fn no_printed_line_is_silently_dropped() {
    let x = extract(GUIDE);
    assert_eq!(uncovered_lines(GUIDE, &x), Vec::<(u32, String)>::new());
}

/// What a reader cares about, without line numbers: used to compare typographic variants.
fn digest(x: &Extraction) -> Vec<String> {
    x.practices
        .iter()
        .map(|p| {
            format!(
                "{} | {:?} | {:?} | {:?} | {:?} | {:?} | {:?} | {:?} | {:?} | {:?}",
                p.title.value,
                p.summary.as_ref().map(|s| &s.value),
                p.theme,
                p.sections
                    .iter()
                    .map(|s| (s.kind, &s.text))
                    .collect::<Vec<_>>(),
                p.main_institutions
                    .iter()
                    .map(|s| &s.value)
                    .collect::<Vec<_>>(),
                p.location.as_ref().map(|s| &s.value),
                p.contacts
                    .iter()
                    .map(|c| (&c.name, &c.organisation, &c.email, &c.role))
                    .collect::<Vec<_>>(),
                p.websites.iter().map(|s| &s.value).collect::<Vec<_>>(),
                p.period.as_ref().map(|d| (d.start, d.end, d.ongoing)),
                p.amounts
                    .iter()
                    .map(|a| (a.value, a.min, a.max, &a.currency))
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}

#[test]
fn typographic_variants_extract_the_same_facts() {
    use unicode_normalization::UnicodeNormalization;
    let reference = digest(&extract(GUIDE));

    let crlf = GUIDE.replace('\n', "\r\n");
    assert_eq!(digest(&extract(&crlf)), reference, "CRLF line endings");

    let nfd: String = GUIDE.nfd().collect();
    assert_eq!(
        digest(&extract(&nfd)),
        reference,
        "decomposed Unicode (NFD)"
    );

    let spaced: String = GUIDE
        .lines()
        .map(|l| format!("  {}\u{a0} ", l.replace(' ', "  ")))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(
        digest(&extract(&spaced)),
        reference,
        "extra and no-break spaces"
    );

    let bullets = GUIDE.replace("- » ", "• ");
    let bulleted = digest(&extract(&bullets));
    assert_eq!(bulleted.len(), reference.len());
    assert_eq!(
        bulleted
            .iter()
            .zip(&reference)
            .filter(|(a, b)| a != b)
            .count(),
        digest(&extract(GUIDE))
            .iter()
            .filter(|d| d.contains("- » "))
            .count(),
        "only practices with bullets change, and only in their bullet characters"
    );
}

#[test]
fn a_guide_without_contents_page_keeps_every_practice() {
    // Drop the contents page (the heading and the numbered entries).
    let without: String = GUIDE
        .lines()
        .enumerate()
        .filter(|(i, _)| !(18..=60).contains(i))
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!without.contains("Contents\t2"));
    let x = extract(&without);
    let titles: Vec<&str> = x.practices.iter().map(|p| p.title.value.as_str()).collect();
    let reference = extract(GUIDE);
    let expected: Vec<&str> = reference
        .practices
        .iter()
        .map(|p| p.title.value.as_str())
        .collect();
    assert_eq!(titles, expected);
    assert_eq!(uncovered_lines(&without, &x), Vec::<(u32, String)>::new());
}

/// What a PDF converter does to a text, one transformation per flag.
fn converted(text: &str, flags: [bool; 6]) -> String {
    use unicode_normalization::UnicodeNormalization;
    let [crlf, nfd, spaces, blank_lines, soft_hyphens, hard_hyphens] = flags;
    let counts = word_counts(text);
    let mut out: String = text
        .lines()
        .map(|line| {
            let mut line = line.to_owned();
            if spaces {
                line = line.replace(' ', "\u{a0}");
            }
            if soft_hyphens && line.len() > 200 {
                // The line broken inside its longest word, as a converter hyphenates at a line end.
                if let Some((at, _)) = line
                    .split(' ')
                    .scan(0, |start, w| {
                        let here = *start;
                        *start += w.len() + 1;
                        Some((here, w))
                    })
                    .filter(|(_, w)| w.len() >= 8 && w.chars().all(char::is_alphabetic))
                    .max_by_key(|(_, w)| w.len())
                {
                    let split = line[at..].char_indices().nth(4).map_or(at, |(i, _)| at + i);
                    line.insert_str(split, "\u{ad}\n");
                }
            }
            if hard_hyphens && line.len() > 200 {
                hard_hyphenated(&mut line, &counts);
            }
            if blank_lines && line.trim().is_empty() {
                line.push('\n');
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n");
    if nfd {
        out = out.nfd().collect();
    }
    if crlf {
        out = out.replace('\n', "\r\n");
    }
    out
}

/// How often the text prints each word (letters and hyphens), lower case.
fn word_counts(text: &str) -> std::collections::HashMap<String, usize> {
    let mut counts = std::collections::HashMap::new();
    for word in text.split(|c: char| !(c.is_alphabetic() || c == '-')) {
        let word = word.trim_matches('-');
        if !word.is_empty() {
            *counts.entry(word.to_lowercase()).or_insert(0) += 1;
        }
    }
    counts
}

/// The line broken with a hard hyphen, as a converter hyphenates at a line end: after the
/// hyphen of a compound where the line has one (the hyphen stays), else inside its longest word
/// that the guide prints at least three times (so that, broken once here, it is still printed
/// whole elsewhere: the only evidence a reader of the text has that the hyphen is not part of it).
fn hard_hyphenated(line: &mut String, counts: &std::collections::HashMap<String, usize>) {
    let words: Vec<(usize, &str)> = line
        .split(' ')
        .scan(0, |start, w| {
            let here = *start;
            *start += w.len() + 1;
            Some((here, w))
        })
        .collect();
    let letters = |w: &str| !w.is_empty() && w.chars().all(char::is_alphabetic);
    // A compound whose hyphen the text still shows elsewhere, or whose joined form it never
    // prints ("on-line" printed once beside "online" is, broken here, indistinguishable from it).
    let evident = |a: &str, b: &str| {
        let joined = format!("{a}{b}").to_lowercase();
        counts.get(&format!("{a}-{b}").to_lowercase()) >= Some(&2) || !counts.contains_key(&joined)
    };
    let compound = words.iter().find_map(|&(at, w)| {
        let (a, b) = w.split_once('-')?;
        (letters(a) && letters(b) && b.starts_with(char::is_lowercase) && evident(a, b))
            .then_some(at + a.len() + 1)
    });
    let split = compound.map(|at| (at, "\n")).or_else(|| {
        let (at, _) = words
            .iter()
            .filter(|(_, w)| {
                w.len() >= 8 && letters(w) && w.chars().skip(1).all(char::is_lowercase)
            })
            .filter(|(_, w)| counts[&w.to_lowercase()] >= 3)
            .max_by_key(|(_, w)| w.len())?;
        let at = line[*at..]
            .char_indices()
            .nth(4)
            .map_or(*at, |(i, _)| at + i);
        Some((at, "-\n"))
    });
    if let Some((at, mark)) = split {
        line.insert_str(at, mark);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 48, ..Default::default() })]
    /// Any combination of a converter's typographic changes leaves every extracted fact as it was.
    #[test]
    fn a_converter_s_typography_changes_no_fact(flags in proptest::array::uniform6(proptest::bool::ANY)) {
        let reference = digest(&extract(GUIDE));
        proptest::prop_assert_eq!(digest(&extract(&converted(GUIDE, flags))), reference, "{:?}", flags);
    }
}
