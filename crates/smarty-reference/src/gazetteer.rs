//! Printed locations → NUTS codes and countries, from Eurostat's NUTS table (`data/nuts/`).
//!
//! "Sheffield, South Yorkshire, UK" resolves each comma-separated part on its own (UKE32, UKE3,
//! GBR); "Western and Eastern Slovenia" is read as "Western Slovenia" and "Eastern Slovenia"; a
//! trailing "region" is ignored; a bracketed remark that names nothing is kept as unresolved text.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use smarty_extract::text::fold;

use crate::error::ReferenceError;

#[derive(Debug, Clone, Deserialize)]
pub struct NutsRegion {
    pub code: String,
    pub level: u8,
    pub name: String,
    pub classification: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Country {
    /// NUTS level-0 code (`EL` for Greece, `UK`).
    pub nuts: String,
    pub iso2: String,
    pub iso3: String,
    pub name: String,
    /// `|`-separated endonyms and other English names.
    #[serde(default)]
    pub other_names: String,
}

#[derive(Debug, Clone, Deserialize)]
struct OtherName {
    code: String,
    name: String,
}

/// A row of `names-derived.csv`: a name a NUTS label gives (its `rule` column is for readers).
#[derive(Debug, Clone, Deserialize)]
struct DerivedName {
    code: String,
    name: String,
}

/// A row of `country-names.csv`: a country's name (its `source` column is for readers).
#[derive(Debug, Clone, Deserialize)]
struct CountryName {
    nuts: String,
    name: String,
}

/// The result of resolving one printed location.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LocationResolution {
    /// NUTS codes of the regions named (a country alone gives its level-0 code).
    pub nuts: Vec<String>,
    /// ISO 3166-1 alpha-3 codes of the countries named or implied by the regions.
    pub countries: Vec<String>,
    /// Parts of the text that name no known place.
    pub unresolved: Vec<String>,
}

#[derive(Debug)]
pub struct Gazetteer {
    regions: BTreeMap<String, NutsRegion>,
    countries: Vec<Country>,
    /// Folded name → NUTS codes with that name (labels, English names, country names).
    index: BTreeMap<String, Vec<String>>,
    /// NUTS code → other names, as printed in `names-en.csv`.
    other_names: BTreeMap<String, Vec<String>>,
    /// The most comma-separated parts one indexed name has ("Konya, Karaman": 2): a run of
    /// printed parts longer than this is never one name.
    most_parts: usize,
}

impl Gazetteer {
    pub fn from_csv(
        nuts: &str,
        countries: &str,
        other_names: &str,
    ) -> Result<Self, ReferenceError> {
        let regions: Vec<NutsRegion> = crate::read_csv("data/nuts/nuts.csv", nuts)?;
        let countries: Vec<Country> = crate::read_csv("data/nuts/countries.csv", countries)?;
        let others: Vec<OtherName> = crate::read_csv("data/nuts/names-en.csv", other_names)?;
        let mut index: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut add = |name: &str, code: &str| add_name(&mut index, name, code);
        for r in &regions {
            // Level-0 labels are national names; countries are indexed below with their aliases.
            if r.level > 0 {
                add(&r.name, &r.code);
            }
        }
        let mut other_names: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for o in &others {
            add(&o.name, &o.code);
            other_names
                .entry(o.code.clone())
                .or_default()
                .push(o.name.clone());
        }
        for c in &countries {
            add(&c.name, &c.nuts);
            for other in c.other_names.split('|').filter(|s| !s.is_empty()) {
                add(other, &c.nuts);
            }
        }
        let most_parts = regions
            .iter()
            .map(|r| r.name.as_str())
            .chain(others.iter().map(|o| o.name.as_str()))
            .chain(countries.iter().map(|c| c.name.as_str()))
            .chain(countries.iter().flat_map(|c| c.other_names.split('|')))
            .map(parts_of)
            .max()
            .unwrap_or(1);
        let regions = regions.into_iter().map(|r| (r.code.clone(), r)).collect();
        Ok(Gazetteer {
            regions,
            countries,
            index,
            other_names,
            most_parts,
        })
    }

    /// Adds the generated name tables to the names looked up: `names-derived.csv` (names the
    /// NUTS labels give: "Vilniaus apskritis" → "Vilnius County", "Vilnius") and
    /// `country-names.csv` (ISO 3166 and CLDR names: "Czech Republic", "Éire"). They are not
    /// [`Gazetteer::other_names`], which lists the curated names only.
    pub fn with_generated(
        mut self,
        derived: &str,
        country_names: &str,
    ) -> Result<Self, ReferenceError> {
        let derived: Vec<DerivedName> = crate::read_csv(crate::DERIVED_CSV.path, derived)?;
        let countries: Vec<CountryName> =
            crate::read_csv(crate::COUNTRY_NAMES_CSV.path, country_names)?;
        for d in &derived {
            add_name(&mut self.index, &d.name, &d.code);
            self.most_parts = self.most_parts.max(parts_of(&d.name));
        }
        for c in &countries {
            add_name(&mut self.index, &c.name, &c.nuts);
            self.most_parts = self.most_parts.max(parts_of(&c.name));
        }
        Ok(self)
    }

    /// Other (mostly English) names of a region.
    pub fn other_names(&self, code: &str) -> &[String] {
        self.other_names.get(code).map_or(&[], Vec::as_slice)
    }

    /// The parent region's code (`ITI15` → `ITI1`), or `None` for a country.
    pub fn parent(&self, code: &str) -> Option<&NutsRegion> {
        (code.len() > 2)
            .then(|| &code[..code.len() - 1])
            .and_then(|c| self.regions.get(c))
    }

    pub fn region(&self, code: &str) -> Option<&NutsRegion> {
        self.regions.get(code)
    }

    pub fn country_by_nuts(&self, nuts0: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.nuts == nuts0)
    }

    pub fn country_by_iso3(&self, iso3: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.iso3 == iso3)
    }

    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    pub fn regions(&self) -> impl Iterator<Item = &NutsRegion> {
        self.regions.values()
    }

    /// The NUTS code of the country a region lies in.
    fn nuts0(code: &str) -> &str {
        code.get(..2).unwrap_or(code)
    }

    pub fn resolve(&self, printed: &str) -> LocationResolution {
        let (parts, remarks) = self.parts(printed);

        // First pass: which countries are printed, to disambiguate region names.
        let printed_countries: Vec<String> = parts
            .iter()
            .chain(&remarks)
            .filter_map(|p| self.lookup(p))
            .flatten()
            .filter(|c| c.len() == 2)
            .collect();

        let mut out = LocationResolution::default();
        let push_code = |out: &mut LocationResolution, code: &str| {
            if !out.nuts.iter().any(|c| c == code) {
                out.nuts.push(code.to_owned());
            }
        };
        for part in parts.iter().filter(|p| !p.is_empty()) {
            match self.resolve_part(part, &printed_countries) {
                Some(codes) => codes.iter().for_each(|c| push_code(&mut out, c)),
                None => out.unresolved.push(part.clone()),
            }
        }
        for remark in &remarks {
            match self.resolve_part(remark, &printed_countries) {
                Some(codes) => codes.iter().for_each(|c| push_code(&mut out, c)),
                None => out.unresolved.push(format!("({remark})")),
            }
        }
        // Countries: those printed, and those implied by the regions.
        for code in &out.nuts {
            if let Some(country) = self.country_by_nuts(Self::nuts0(code))
                && !out.countries.contains(&country.iso3)
            {
                out.countries.push(country.iso3.clone());
            }
        }
        // A country printed beside its own regions adds nothing; alone, it is its NUTS-0 region.
        let has_regions: Vec<String> = out
            .nuts
            .iter()
            .filter(|c| c.len() > 2)
            .map(|c| Self::nuts0(c).to_owned())
            .collect();
        out.nuts.retain(|c| c.len() > 2 || !has_regions.contains(c));
        out
    }

    /// The parts of a printed location (split at commas, semicolons and slashes) and its remarks
    /// in brackets; but a run of parts that is one name as printed stays whole: labels with a
    /// comma ("Konya, Karaman") or a qualifier in brackets ("Prov. Limburg (BE)"). Runs are
    /// tried only as long as the longest such name, so a long list reads in linear time.
    fn parts(&self, printed: &str) -> (Vec<String>, Vec<String>) {
        let segments = split_outside_brackets(printed);
        let (mut parts, mut remarks) = (Vec::new(), Vec::new());
        let mut i = 0;
        while i < segments.len() {
            let longest = segments.len().min(i + self.most_parts.max(1));
            let whole = (i + 1..=longest).rev().find(|&j| {
                let candidate = segments[i..j].join(", ");
                (j > i + 1 || candidate.contains(['(', '/'])) && self.lookup(&candidate).is_some()
            });
            if let Some(j) = whole {
                parts.push(segments[i..j].join(", "));
                i = j;
                continue;
            }
            let (outside, inside) = split_brackets(&segments[i]);
            parts.extend(outside.split('/').map(str::trim).map(str::to_owned));
            remarks.extend(inside);
            i += 1;
        }
        (parts, remarks)
    }

    /// Codes for one part: exact name, name without a trailing "region", or the distributive
    /// reading of "Western and Eastern Slovenia".
    fn resolve_part(&self, part: &str, countries: &[String]) -> Option<Vec<String>> {
        if let Some(codes) = self.lookup_in(part, countries) {
            return Some(codes);
        }
        let words: Vec<&str> = part.split_whitespace().collect();
        if let Some(and) = words.iter().position(|w| *w == "and" || *w == "&")
            && and == 1
            && words.len() >= 4
        {
            let head = words[3..].join(" ");
            let a = format!("{} {head}", words[0]);
            let b = format!("{} {head}", words[2]);
            if let (Some(mut x), Some(y)) =
                (self.lookup_in(&a, countries), self.lookup_in(&b, countries))
            {
                x.extend(y);
                return Some(x);
            }
        }
        None
    }

    fn lookup_in(&self, part: &str, countries: &[String]) -> Option<Vec<String>> {
        let codes = one_territory(self.lookup(part)?);
        if codes.len() == 1 || countries.is_empty() {
            return (codes.len() == 1).then_some(codes);
        }
        let narrowed: Vec<String> = codes
            .into_iter()
            .filter(|c| countries.iter().any(|k| Self::nuts0(c) == k))
            .collect();
        (narrowed.len() == 1).then_some(narrowed)
    }

    fn lookup(&self, part: &str) -> Option<Vec<String>> {
        let key = fold(part);
        let key = key.strip_prefix("the ").unwrap_or(&key);
        if let Some(codes) = self.index.get(key) {
            return Some(codes.clone());
        }
        for suffix in [" region", " province", " county", " voivodeship", " area"] {
            if let Some(stem) = key.strip_suffix(suffix)
                && let Some(codes) = self.index.get(stem)
            {
                return Some(codes.clone());
            }
        }
        if let Some(stem) = key.strip_prefix("region of ")
            && let Some(codes) = self.index.get(stem)
        {
            return Some(codes.clone());
        }
        None
    }
}

fn add_name(index: &mut BTreeMap<String, Vec<String>>, name: &str, code: &str) {
    let codes = index.entry(fold(name)).or_default();
    if !codes.iter().any(|c| c == code) {
        codes.push(code.to_owned());
    }
}

/// Codes that lie on one line of descent (LT, LT0; LT01, LT011) name one territory printed at
/// several levels: a country's name names the country; below it the deepest region is meant
/// ("Vilnius County" is LT011, the only region of LT01), the one towns are counted in.
fn one_territory(mut codes: Vec<String>) -> Vec<String> {
    codes.sort_by_key(String::len);
    let one_line = codes.windows(2).all(|w| w[1].starts_with(w[0].as_str()));
    if codes.len() < 2 || !one_line {
        return codes;
    }
    let pick = if codes[0].len() == 2 {
        0
    } else {
        codes.len() - 1
    };
    vec![codes.swap_remove(pick)]
}

/// Text outside brackets, and each bracketed remark.
/// Splits at commas and semicolons outside brackets, trimmed.
/// How many parts a name splits into where a printed location is split.
fn parts_of(name: &str) -> usize {
    split_outside_brackets(name).len()
}

fn split_outside_brackets(text: &str) -> Vec<String> {
    let mut segments = vec![String::new()];
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' | ';' if depth == 0 => {
                segments.push(String::new());
                continue;
            }
            _ => {}
        }
        if let Some(last) = segments.last_mut() {
            last.push(c);
        }
    }
    segments.iter().map(|s| s.trim().to_owned()).collect()
}

fn split_brackets(text: &str) -> (String, Vec<String>) {
    let mut outside = String::new();
    let mut inside = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => {
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    inside.push(std::mem::take(&mut current).trim().to_owned());
                }
            }
            _ if depth > 0 => current.push(c),
            _ => outside.push(c),
        }
    }
    if !current.trim().is_empty() {
        inside.push(current.trim().to_owned());
    }
    (outside, inside)
}

#[cfg(test)]
mod tests;
