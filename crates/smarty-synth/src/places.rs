//! Places as guides print them — a NUTS 2021 region by its national label, a part of a
//! bilingual label or an English name, followed by its country in English, by its short or
//! official name or in its own language — each with the regions it names. The forms come from the
//! NUTS table itself, not from what the gazetteer happens to resolve.

use smarty_reference::Reference;

use crate::random::Random;

/// A region and the ways of printing it and its country.
#[derive(Debug, Clone)]
pub(crate) struct Place {
    names: Vec<String>,
    countries: Vec<String>,
    codes: Vec<String>,
}

impl Place {
    /// One printed form, and the NUTS codes it names.
    pub(crate) fn printed(&self, random: &mut Random) -> (String, Vec<String>) {
        let name = &self.names[random.below(self.names.len())];
        let text = if self.countries.is_empty() {
            name.clone()
        } else {
            format!(
                "{name}, {}",
                self.countries[random.below(self.countries.len())]
            )
        };
        (text, self.codes.clone())
    }
}

/// Every NUTS 2 region of the 2021 classification whose label is its own (not its parent's or
/// its country's, as for one-region countries), and a few forms of regions printed otherwise.
pub(crate) fn places(reference: &Reference) -> Vec<Place> {
    let gazetteer = reference.gazetteer();
    let mut out = Vec::new();
    for region in gazetteer
        .regions()
        .filter(|r| r.level == 2 && r.classification == "NUTS 2021")
    {
        let Some(country) = gazetteer.country_by_nuts(&region.code[..2]) else {
            continue;
        };
        let parent = gazetteer.parent(&region.code).map(|p| p.name.as_str());
        if parent == Some(region.name.as_str()) || region.name == country.name {
            continue;
        }
        let mut names = vec![region.name.clone()];
        if region.name.contains('/') {
            names.extend(region.name.split('/').map(|n| n.trim().to_owned()));
        }
        names.extend(gazetteer.other_names(&region.code).iter().cloned());
        let mut countries = vec![country.name.clone()];
        countries.extend(
            country
                .other_names
                .split('|')
                .filter(|n| !n.is_empty())
                .map(str::to_owned),
        );
        out.push(Place {
            names,
            countries,
            codes: vec![region.code.clone()],
        });
    }
    let special = |name: &str, codes: &[&str]| Place {
        names: vec![name.to_owned()],
        countries: Vec::new(),
        codes: codes.iter().map(|c| (*c).to_owned()).collect(),
    };
    // Two regions in one phrase; a region with "Region" after it; a town, its county and country.
    out.push(special("Western and Eastern Slovenia", &["SI04", "SI03"]));
    out.push(special("Tuscany Region, Italy", &["ITI1"]));
    out.push(special(
        "Sheffield, South Yorkshire, UK",
        &["UKE32", "UKE3"],
    ));
    out
}
