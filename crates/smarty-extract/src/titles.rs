//! Other names of a practice, read from its title and text: the acronym in brackets
//! ("… (DIH4CAT)"), the acronym after a dash ("… - GIOTTO"), the short name before a subtitle
//! ("GOSTOP - Building Blocks …"), and acronyms the text uses whose letters are the initials of
//! the title ("SRIP FoF" for "Strategic Research and Innovation Partnership for Factories of the
//! Future").

use crate::record::AlternateTitleKind;
use crate::text::{fold, is_word_prefix};

/// A token such as `DIH4CAT`, `FoF`, `3M`, `AMRC`: at least two capitals or digits, no dot.
fn is_acronym(token: &str) -> bool {
    let t = token.trim_matches(|c: char| !c.is_alphanumeric());
    let caps = t
        .chars()
        .filter(|c| c.is_uppercase() || c.is_ascii_digit())
        .count();
    let starts = t
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    !t.is_empty()
        && t.chars().count() <= 12
        && starts
        && caps >= 2
        && t.chars().any(char::is_uppercase)
        && t.chars().all(char::is_alphanumeric)
}

/// The capitals and digits of an acronym phrase: `SRIP FoF` → `SRIPFF`.
fn signature(phrase: &str) -> String {
    phrase
        .chars()
        .filter(|c| c.is_uppercase() || c.is_ascii_digit())
        .collect()
}

/// The initials a title would abbreviate to: acronyms stay whole, capitalised words give their
/// first letter, small words give nothing.
fn title_initials(title: &str) -> String {
    let mut out = String::new();
    for word in title.split_whitespace() {
        let w = word.trim_matches(|c: char| !c.is_alphanumeric());
        if is_acronym(w) {
            out.push_str(&signature(w));
        } else if let Some(c) = w.chars().next()
            && c.is_uppercase()
        {
            out.push(c);
        }
    }
    out
}

fn without_brackets(title: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in title.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = usize::saturating_sub(depth, 1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A name found for a practice, and where: `None` for the title itself, `Some(i)` for `texts[i]`.
pub type FoundTitle = (String, AlternateTitleKind, Option<usize>);

/// Names read from the title alone, and from names used in `texts` (summary, About).
pub fn alternate_titles(title: &str, texts: &[&str]) -> Vec<FoundTitle> {
    let mut out: Vec<FoundTitle> = Vec::new();
    let mut push = |name: String, kind: AlternateTitleKind, source: Option<usize>| {
        let key = fold(&name);
        if !key.is_empty() && key != fold(title) && !out.iter().any(|(n, _, _)| fold(n) == key) {
            out.push((name, kind, source));
        }
    };

    // "… (DIH4CAT)" at the end names the practice; "Digital Innovation Hub (DIH) Slovenia"
    // abbreviates the words before the bracket.
    if let (Some(open), Some(close)) = (title.find('('), title.find(')'))
        && open < close
    {
        let inner = title[open + 1..close].trim();
        if !inner.is_empty() && inner.split_whitespace().all(is_acronym) {
            let before = title[..open].trim_end();
            let after = title[close + 1..].trim();
            if after.is_empty() {
                push(inner.to_owned(), AlternateTitleKind::Acronym, None);
            } else {
                let words: Vec<&str> = before.split_whitespace().collect();
                let letters = signature(inner).chars().count();
                let kept = words.len().saturating_sub(letters);
                if title_initials(&words[kept..].join(" ")) == signature(inner) {
                    let mut short: Vec<&str> = words[..kept].to_vec();
                    short.push(inner);
                    short.push(after);
                    push(short.join(" "), AlternateTitleKind::ShortName, None);
                }
            }
        }
    }

    // "Short name - subtitle" / "Title: PRISMA's training programme" / "Title - GIOTTO".
    let plain = without_brackets(title);
    for sep in [" - ", " – ", " — ", ": "] {
        let Some((head, tail)) = plain.split_once(sep) else {
            continue;
        };
        let (head, tail) = (head.trim(), tail.trim());
        if tail.split_whitespace().count() == 1 && is_acronym(tail) {
            push(tail.to_owned(), AlternateTitleKind::Acronym, None);
        } else if let Some(first) = tail.split_whitespace().next()
            && let Some(stem) = first
                .strip_suffix("'s")
                .or_else(|| first.strip_suffix("’s"))
            && is_acronym(stem)
        {
            push(stem.to_owned(), AlternateTitleKind::Acronym, None);
        }
        let head_words = head.split_whitespace().count();
        if head_words <= 4 && head_words < tail.split_whitespace().count() {
            let kind = if head_words == 1 && is_acronym(head) {
                AlternateTitleKind::Acronym
            } else {
                AlternateTitleKind::ShortName
            };
            push(head.to_owned(), kind, None);
        }
        break;
    }

    // Acronyms in the text that abbreviate the title.
    let initials = title_initials(&plain);
    if initials.chars().count() >= 3 {
        for (i, text) in texts.iter().enumerate() {
            for run in acronym_runs(text) {
                if signature(&run) == initials {
                    push(run, AlternateTitleKind::Acronym, Some(i));
                }
            }
        }
    }

    // "Centr@tec is a programme …" under "Centr@tec Programme 2nd edition": the text's subject
    // is a shorter form of the title.
    for (i, text) in texts.iter().enumerate() {
        let Some(subject) = [" is ", " was ", " are ", " were "]
            .iter()
            .filter_map(|verb| text.find(verb).map(|at| &text[..at]))
            .min_by_key(|s| s.len())
        else {
            continue;
        };
        let subject = subject.trim();
        let (s, t) = (fold(subject), fold(&plain));
        if !s.is_empty() && s.len() < t.len() && is_word_prefix(&s, &t) {
            push(subject.to_owned(), AlternateTitleKind::ShortName, Some(i));
        }
    }
    out
}

/// Maximal runs of acronym tokens in a text: "The aim of 3M BIC is" → ["3M BIC"].
fn acronym_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for raw in text.split_whitespace() {
        let token = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let breaks_after = raw.ends_with([',', '.', ';', ':', ')']);
        let breaks_before = raw.starts_with('(');
        if breaks_before && !current.is_empty() {
            runs.push(current.join(" "));
            current.clear();
        }
        if is_acronym(token) {
            current.push(token);
        } else if !current.is_empty() {
            runs.push(current.join(" "));
            current.clear();
        }
        if breaks_after && !current.is_empty() {
            runs.push(current.join(" "));
            current.clear();
        }
    }
    if !current.is_empty() {
        runs.push(current.join(" "));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(title: &str, texts: &[&str], expect: &str) {
        let got: Vec<String> = alternate_titles(title, texts)
            .into_iter()
            .map(|(n, k, _)| format!("{n} ({k:?})"))
            .collect();
        assert_eq!(got.join("; "), expect, "title: {title}");
    }

    #[test]
    fn titles_of_the_bundled_guide() {
        check(
            "Interconnecting Catalonia's innovation hubs for an integrated service approach (DIH4CAT)",
            &[],
            "DIH4CAT (Acronym)",
        );
        check(
            "Circular Economy for the competitiveness of sectors of Made in Italy - GIOTTO",
            &[],
            "GIOTTO (Acronym)",
        );
        check(
            "Skills for the digital transition in the textile sector: PRISMA's training programme",
            &[],
            "PRISMA (Acronym)",
        );
        check(
            "Strategic Research and Innovation Partnership for Factories of the Future (STRIP FoF)",
            &["The objective of the SRIP FoF is to create an open environment."],
            "STRIP FoF (Acronym); SRIP FoF (Acronym)",
        );
        check(
            "GOSTOP - Building Blocks, Tools and Systems for the Factories of the Future",
            &[],
            "GOSTOP (Acronym)",
        );
        check(
            "Digital Innovation Hub (DIH) Slovenia",
            &["DIH Slovenia enables digital transformation."],
            "DIH Slovenia (ShortName)",
        );
        check(
            "Advanced Manufacturing Research Centre",
            &[
                "The University of Sheffield Advanced Manufacturing and Research Centre (AMRC) is a leader.",
            ],
            "AMRC (Acronym)",
        );
        check(
            "3M Buckley Innovation Centre",
            &["The aim of 3M BIC is to encourage research."],
            "3M BIC (Acronym)",
        );
        check(
            "ProACCIÓ 4.0: Catalonia's innovation ecosystem accelerating Industry 4.0 transformation for SMEs",
            &[],
            "ProACCIÓ 4.0 (ShortName)",
        );
        check(
            "Access Innovation",
            &["Access Innovation is a package."],
            "",
        );
        check(
            "Centr@tec Programme 2nd edition",
            &["Centr@tec is a programme providing Training in New Technologies."],
            "Centr@tec (ShortName)",
        );
    }
}
