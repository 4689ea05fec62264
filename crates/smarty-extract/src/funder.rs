//! Funders named in "Resources needed": runs of capitalised words headed by a funding body noun
//! ("European Regional Development Fund", "Kirklees Metropolitan Council", "ERDF"), or an adjective
//! with a lower-case head ("Catalan regional government", "Private Sector match funding"), in a
//! sentence that speaks of money. Which organisation each name denotes is decided later, against
//! the alias table.

use crate::record::FunderMention;
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

/// Connectors allowed inside a name ("University of Sheffield", "Castilla y León").
const CONNECTORS: &[&str] = &["of", "and", "for", "de", "del", "y", "di", "la", "&"];

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

pub fn funders<'a>(lines: impl IntoIterator<Item = (u32, &'a str)>) -> Vec<FunderMention> {
    let mut out: Vec<FunderMention> = Vec::new();
    for (line_no, line) in lines {
        for sentence in line.split(". ") {
            let lower = sentence.to_lowercase();
            if !MONEY_CUES.iter().any(|c| lower.contains(c)) {
                continue;
            }
            let names = names_in(sentence);
            for (k, name) in names.iter().enumerate() {
                // "European Regional Development Fund (ERDF)" names one fund.
                if k > 0 && abbreviates(name, &names[k - 1]) {
                    continue;
                }
                let name = name.clone();
                if !out.iter().any(|m| m.name == name) {
                    out.push(FunderMention {
                        name,
                        span: Span::line(line_no),
                    });
                }
            }
        }
    }
    out
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
    }) || words.windows(2).any(|p| p == ["match", "funding"])
}

fn names_in(sentence: &str) -> Vec<String> {
    let toks = tokens(sentence);
    let mut names = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Tok::Word(w) = toks[i] else {
            i += 1;
            continue;
        };
        if !capitalised(w) {
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
        if !ext.is_empty() && has_head(&ext) {
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
        names.extend(named(&run));
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
fn named(run: &[&str]) -> Vec<String> {
    split_on_and(run)
        .into_iter()
        .filter_map(|part| {
            let part = strip_leading_articles(part);
            // "Government" alone says too little to name a body; "ERDF" alone is enough.
            let vague =
                part.len() == 1 && !FUND_ACRONYMS.contains(&part[0].to_lowercase().as_str());
            (has_head(part) && !vague).then(|| part.join(" "))
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

    fn check(input: &str, expect: &str) {
        let got: Vec<String> = funders([(1, input)]).into_iter().map(|m| m.name).collect();
        assert_eq!(got.join(" | "), expect, "input: {input}");
    }

    #[test]
    fn funders_of_the_bundled_guide() {
        check(
            "The funding for Access Innovation (£7,057,734.00) comprised of EU European Structural and Investment Funds, along with an allocation from West Yorkshire Combined Authority's access to Capital Grants and Private Sector match funding in the form of grants and advice.",
            "EU European Structural and Investment Funds | West Yorkshire Combined Authority | Private Sector match funding",
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
}
