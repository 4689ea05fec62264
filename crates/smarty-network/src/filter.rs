//! Which practices a network is built from: `--theme`, `--country`, `--region`, each resolved
//! against the store's own labels and codes (case and diacritics ignored) or given as an IRI.

use crate::NetworkError;
use crate::facts::{Facts, Practice, is_country, is_nuts};
use crate::model::NetworkOptions;
use crate::names::{expand_iri, local_name};
use smarty_extract::text::fold;

/// The practices the options select, in IRI order.
pub(crate) fn select_practices<'a>(
    facts: &'a Facts,
    options: &NetworkOptions,
) -> Result<Vec<&'a Practice>, NetworkError> {
    let theme = options
        .theme
        .as_deref()
        .map(|t| resolve_theme(facts, t))
        .transpose()?;
    let country = options
        .country
        .as_deref()
        .map(|c| resolve_country(facts, c))
        .transpose()?;
    let region = options
        .region
        .as_deref()
        .map(|r| resolve_region(facts, r))
        .transpose()?;
    Ok(facts
        .practices
        .values()
        .filter(|p| theme.as_ref().is_none_or(|t| p.themes.contains(t)))
        .filter(|p| {
            country
                .as_ref()
                .is_none_or(|c| facts.countries_of(p).iter().any(|pc| &pc.iri == c))
        })
        .filter(|p| {
            region.as_ref().is_none_or(|r| {
                p.places
                    .iter()
                    .any(|place| facts.ancestors(place).contains(r))
            })
        })
        .collect())
}

/// One candidate of a filter: its IRI, the names it answers to and how it is listed in errors.
struct Candidate {
    iri: String,
    names: Vec<String>,
    listed: String,
}

fn resolve(
    what: &'static str,
    given: &str,
    candidates: Vec<Candidate>,
) -> Result<String, NetworkError> {
    if let Some(iri) = expand_iri(given)
        && let Some(c) = candidates.iter().find(|c| c.iri == iri)
    {
        return Ok(c.iri.clone());
    }
    let wanted = fold(given);
    let mut found: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.names.iter().any(|n| fold(n) == wanted))
        .collect();
    found.dedup_by(|a, b| a.iri == b.iri);
    match found.as_slice() {
        [one] => Ok(one.iri.clone()),
        [] => {
            let mut known: Vec<String> = candidates.iter().map(|c| c.listed.clone()).collect();
            known.sort();
            known.dedup();
            Err(NetworkError::UnknownFilter {
                what,
                given: given.to_owned(),
                known,
            })
        }
        many => Err(NetworkError::Ambiguous {
            name: given.to_owned(),
            candidates: many.iter().map(|c| c.listed.clone()).collect(),
        }),
    }
}

fn resolve_theme(facts: &Facts, given: &str) -> Result<String, NetworkError> {
    let candidates = facts
        .themes
        .iter()
        .map(|t| {
            let mut names = vec![t.label.clone(), local_name(&t.iri).to_owned()];
            names.extend(t.notation.clone());
            Candidate {
                iri: t.iri.clone(),
                names,
                listed: match &t.notation {
                    Some(n) => format!("{n} {}", t.label),
                    None => t.label.clone(),
                },
            }
        })
        .collect();
    resolve("theme", given, candidates)
}

/// The places whose IRI passes `kind`, known by their names and their code.
fn place_candidates(facts: &Facts, kind: fn(&str) -> bool) -> Vec<Candidate> {
    facts
        .places
        .iter()
        .filter(|(iri, _)| kind(iri))
        .map(|(iri, p)| {
            let mut names = p.names.clone();
            names.push(local_name(iri).to_owned());
            Candidate {
                iri: iri.clone(),
                names,
                listed: facts.place_ref(iri).display(),
            }
        })
        .collect()
}

fn resolve_region(facts: &Facts, given: &str) -> Result<String, NetworkError> {
    resolve("region", given, place_candidates(facts, is_nuts))
}

fn resolve_country(facts: &Facts, given: &str) -> Result<String, NetworkError> {
    let mut candidates = place_candidates(facts, is_country);
    // A NUTS-0 code ("IT") names its country too.
    let nuts0 = facts
        .places
        .iter()
        .filter(|(iri, p)| is_nuts(iri) && p.broader.is_empty())
        .map(|(_, p)| p);
    for p in nuts0 {
        if let [country] = p.part_of.as_slice()
            && let Some(code) = &p.code
            && let Some(c) = candidates.iter_mut().find(|c| &c.iri == country)
        {
            c.names.push(code.clone());
        }
    }
    resolve("country", given, candidates)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The IRI a name given on the command line resolves to, or the error's first words.
    fn check(given: &str, expect: &str) {
        let candidate = |iri: &str, names: &[&str]| Candidate {
            iri: iri.to_owned(),
            names: names.iter().map(|n| (*n).to_owned()).collect(),
            listed: names[0].to_owned(),
        };
        let candidates = vec![
            candidate(
                "lukasiewicz",
                &["Łukasiewicz – Institute for Sustainable Technologies"],
            ),
            candidate("lodz", &["Łódź Region"]),
            candidate("lapland", &["Regional Council of Lapland’s"]),
            candidate("gross", &["Großbeeren"]),
        ];
        let got = match resolve("organisation", given, candidates) {
            Ok(iri) => iri,
            Err(e) => e
                .to_string()
                .split(':')
                .next()
                .unwrap_or_default()
                .to_owned(),
        };
        assert_eq!(got, expect, "{given}");
    }

    #[test]
    fn ascii_spellings_find_printed_names() {
        check(
            "Lukasiewicz Institute for Sustainable Technologies",
            "lukasiewicz",
        );
        check("LODZ region", "lodz");
        check("Łódź Region", "lodz");
        check("Regional Council of Lapland's", "lapland");
        check("Regional Council of Laplands", "lapland");
        check("Grossbeeren", "gross");
    }
}
