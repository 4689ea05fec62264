//! Resolution of the bundled guide's names: regions, organisations, persons, partners.
// Test and bench helpers outside #[test] functions state their expectations with unwrap too.
#![allow(clippy::unwrap_used)]

use smarty_reference::{BUNDLED_GUIDE, Reference, ResolvedGuide, resolve};

fn resolved() -> (smarty_extract::Extraction, ResolvedGuide) {
    let extraction = smarty_extract::extract(BUNDLED_GUIDE.text);
    let reference = Reference::bundled().expect("bundled reference data");
    let resolved = resolve(&extraction, &reference);
    (extraction, resolved)
}

#[test]
fn golden_snapshot_of_the_resolution() {
    let (_, r) = resolved();
    insta::assert_json_snapshot!("smarty_guide_resolution", r);
}

#[test]
fn fourteen_programme_partners() {
    let (_, r) = resolved();
    let mut ids: Vec<&str> = r.partners.iter().map(|p| p.organisation.as_str()).collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "comune-di-prato",
            "flanders-make",
            "generalitat-de-catalunya",
            "icamcyl-foundation",
            "ice-castilla-y-leon",
            "junta-de-castilla-y-leon",
            "leeds-city-region-enterprise-partnership",
            "lukasiewicz-itee",
            "mazowieckie-marshal-office",
            "next-technology-tecnotessile",
            "regional-council-of-lapland",
            "slovenia-government-office-for-development-and-european-cohesion-policy",
            "textile-centre-of-excellence",
            "west-yorkshire-combined-authority",
        ]
    );
}

#[test]
fn every_printed_organisation_is_known() {
    let (_, r) = resolved();
    let unknown: Vec<&str> = r
        .organisations
        .iter()
        .filter(|o| !o.known)
        .map(|o| o.name.as_str())
        .collect();
    assert!(unknown.is_empty(), "{unknown:?}");
    // One node for both spellings of the Castilian government.
    let junta = r.organisation("junta-de-castilla-y-leon").unwrap();
    assert!(
        junta
            .spellings
            .contains(&"Regional Government of Castile and León".to_owned())
    );
    assert!(
        junta
            .spellings
            .contains(&"Junta de Castilla y León".to_owned())
    );
    // "ACCIÓ - …, Regional Government of Catalonia" says ACCIÓ is a unit of the Generalitat.
    assert_eq!(
        r.organisation("accio").unwrap().printed_unit_of.as_deref(),
        Some("generalitat-de-catalunya")
    );
}

#[test]
fn only_taglines_are_left_over() {
    let (_, r) = resolved();
    let notes: Vec<&str> = r.notes.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(
        notes,
        [
            "location part '(and other collaborating European regions)' names no NUTS region or country",
            "partner-page text 'LEADER' names no organisation (a tagline?)",
            "partner-page text 'MAKING EUROPEAN MANUFACTURING' names no organisation (a tagline?)",
        ]
    );
}
