//! Printed locations resolved against the bundled tables.

use crate::Reference;

/// `NUTS codes | countries | unresolved`.
fn check(input: &str, expect: &str) {
    let reference = Reference::bundled().unwrap();
    let r = reference.gazetteer().resolve(input);
    let got = format!(
        "{} | {} | {}",
        r.nuts.join(" "),
        r.countries.join(" "),
        r.unresolved.join(" ")
    );
    assert_eq!(got.trim_end(), expect, "input: {input}");
}

#[test]
fn every_location_in_the_bundled_guide() {
    check("Poland", "PL | POL |");
    check("West Yorkshire", "UKE4 | GBR |");
    check("Castilla y León, Spain", "ES41 | ESP |");
    check("Catalonia, Spain", "ES51 | ESP |");
    check("Western and Eastern Slovenia", "SI04 SI03 | SVN |");
    check("Tuscany, Italy", "ITI1 | ITA |");
    check("Sheffield, South Yorkshire, UK", "UKE32 UKE3 | GBR |");
    check("West Yorkshire, UK", "UKE4 | GBR |");
    check("Toscana, Italy", "ITI1 | ITA |");
    check("Western Slovenia", "SI04 | SVN |");
    check("Tuscany Region, Italy", "ITI1 | ITA |");
    check("Mazowieckie, Poland", "PL9 | POL |");
    check("Pohjois- ja Itä-Suomi, Finland (Suomi)", "FI1D | FIN |");
    check("Piemonte, Italy", "ITC1 | ITA |");
    check("Italy", "IT | ITA |");
    check(
        "Castilla y León, Spain (and other collaborating European regions)",
        "ES41 | ESP | (and other collaborating European regions)",
    );
    check("Prato, Italy", "ITI15 | ITA |");
    check("Yorkshire, UK", "UKE | GBR |");
    check("Tuscany region, Italy", "ITI1 | ITA |");
    check("Lapland region, Finland", "FI1D7 | FIN |");
}

#[test]
fn generated_names() {
    // NUTS labels in their national languages, and the names they give.
    check("Vilniaus apskritis", "LT011 | LTU |");
    check("Vilnius County", "LT011 | LTU |");
    check("Vilnius, Lithuania", "LT011 | LTU |");
    check("Kaunas", "LT022 | LTU |");
    check("München", "DE212 | DEU |");
    check("Landkreis München", "DE21H | DEU |");
    check("Gent, Belgium", "BE234 | BEL |");
    check("Bozen", "ITH1 | ITA |");
    check("Wallis", "CH012 | CHE |");
    check("Valais / Wallis", "CH012 | CHE |");
    check("Uppsala", "SE121 | SWE |");
    // Countries: English short and official names, and names in their own languages.
    check("Éire", "IE | IRL |");
    check("Czech Republic", "CZ | CZE |");
    check("Czechia", "CZ | CZE |");
    check("Česko", "CZ | CZE |");
    check("Federal Republic of Germany", "DE | DEU |");
    check("Schwiiz", "CH | CHE |");
    check("Lietuva", "LT | LTU |");
    // Names the tables do not give stay unresolved.
    check("Springfield", " |  | Springfield");
}

#[test]
fn every_generated_name_names_its_region_alone() {
    let reference = Reference::bundled().unwrap();
    let gazetteer = reference.gazetteer();
    for row in crate::DERIVED_CSV.text.lines().skip(1) {
        let (code, rest) = row.split_once(',').unwrap();
        let name = rest.rsplit_once(',').unwrap().0.trim_matches('"');
        assert_eq!(gazetteer.resolve(name).nuts, [code], "{row}");
    }
    for row in crate::COUNTRY_NAMES_CSV.text.lines().skip(1) {
        let (code, rest) = row.split_once(',').unwrap();
        let name = rest.rsplit_once(',').unwrap().0.trim_matches('"');
        assert_eq!(gazetteer.resolve(name).nuts, [code], "{row}");
    }
}

#[test]
fn other_forms() {
    check("Lombardy", "ITC4 | ITA |");
    check("Atlantis, Spain", "ES | ESP | Atlantis");
    check("CATALUÑA", "ES51 | ESP |");
}

#[test]
fn labels_with_a_comma_or_a_qualifier_in_brackets_stay_whole() {
    check("Konya, Karaman, Türkiye", "TR52 | TUR |");
    check("Prov. Limburg (BE), Belgium", "BE22 | BEL |");
    check("Friesland (NL), Nederland", "NL12 | NLD |");
}

/// A long list is read part by part in linear time: every run of parts was once tried as one
/// name, so 600 parts took 54 s in a debug build (found while writing the `readers` fuzz target).
#[test]
fn a_long_list_of_places_reads_in_linear_time() {
    let reference = Reference::bundled().unwrap();
    let list = vec!["Catalonia, Spain"; 2000].join(", ");
    let started = std::time::Instant::now();
    let r = reference.gazetteer().resolve(&list);
    assert_eq!(r.nuts, ["ES51"]);
    assert_eq!(r.countries, ["ESP"]);
    let commas = vec!["a"; 3000].join(",");
    let r = reference.gazetteer().resolve(&commas);
    assert_eq!(r.unresolved.len(), 3000);
    assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    check("Konya, Karaman, Konya, Karaman, Türkiye", "TR52 | TUR |");
}
