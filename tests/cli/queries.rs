//! The named query library (`queries/*.rq`), run by name through the real binary on the bundled
//! guide.
//!
//! Every expected answer below was worked out by reading `data/smarty-good-practice-guide.txt`
//! (the theme sections, the "Main institution", "Location", "Contact", "Website", "Start - end
//! date" and "Resources needed" blocks of its 26 practices, and the partner page), not copied from
//! the queries' output. Sums of money were added up by hand from the amounts as printed.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::support::{guide, ingested, root, smarty};

// Practice titles as printed in the guide's headings.
const FIP: &str = "Future Industry Platform";
const ACCESS: &str = "Access Innovation";
const CENTRATEC: &str = "Centr@tec Programme 2nd edition";
const IOT: &str = "IoT Catalan Alliance";
const GOSTOP: &str = "GOSTOP - Building Blocks, Tools and Systems for the Factories of the Future";
const AUDIT: &str = "Support to acquire I4.0 audit services";
const AMRC: &str = "Advanced Manufacturing Research Centre";
const BIC: &str = "3M Buckley Innovation Centre";
const INCENTIVES: &str =
    "Incentives for the creation of highly specialised Competence Centres on I4.0";
const DIH_SLOVENIA: &str = "Digital Innovation Hub (DIH) Slovenia";
const DIH4CAT: &str =
    "Interconnecting Catalonia's innovation hubs for an integrated service approach (DIH4CAT)";
const DIH_TUSCANY: &str = "The DIH and Competence Centre in Tuscany: a network for deploying I4.0 \
                           innovation in the region";
const SRIP: &str =
    "Strategic Research and Innovation Partnership for Factories of the Future (STRIP FoF)";
const AGENDAS: &str = "Territorial Shared Agendas";
const WASTE: &str = "Waste Management and Recycling Cluster for I4.0";
const LAPLAND: &str =
    "Lapland's Green Deal – Fostering the Adoption of the Green Transition and Digitalisation";
const GIOTTO: &str =
    "Circular Economy for the competitiveness of sectors of Made in Italy - GIOTTO";
const BLOCKCHAIN: &str = "Blockchain for traceability in textiles and clothing sectors";
const RAW_MATERIALS: &str = "Industry 4.0 in the contest of Interregional ecosystems and SMEs \
                             promotion applied to boost Europe's economy in the raw materials \
                             industry";
const SKILLS_FOR_GROWTH: &str = "Skills for Growth";
const PROACCIO: &str = "ProACCIÓ 4.0: Catalonia's innovation ecosystem accelerating Industry 4.0 \
                        transformation for SMEs";
const PRISMA: &str =
    "Skills for the digital transition in the textile sector: PRISMA's training programme";
const APPRENTICESHIPS: &str = "Digital Apprenticeships in England";
const KEY_SKILLS: &str = "Future Key Skills and Competences for I4.0";
const GATE: &str = "GATE 4.0 - the technological district of Tuscany for Advanced Manufacturing";
const FROSTBIT: &str = "FrostBit Software Lab: Learning and innovation environment foreseeing the \
                        SMEs I4.0 skills and capacity building needs";

/// A temporary directory with the bundled guide ingested into `store/`.
struct Kg(tempfile::TempDir);

impl Kg {
    fn ingest() -> Kg {
        Kg(ingested())
    }

    /// Runs a named query with `-p name=value` parameters; the SPARQL 1.1 Query Results JSON.
    fn run(&self, name: &str, params: &[(&str, &str)]) -> Value {
        let mut cmd = smarty(&self.0);
        cmd.args([
            "--store", "store", "query", "--format", "json", "--name", name,
        ]);
        for (param, value) in params {
            cmd.arg("-p").arg(format!("{param}={value}"));
        }
        let out = cmd.assert().success().get_output().stdout.clone();
        serde_json::from_slice(&out)
            .unwrap_or_else(|e| panic!("{name}: not SPARQL results JSON: {e}"))
    }

    /// The solutions of a named query, each as variable → lexical value (unbound ones absent).
    fn rows(&self, name: &str, params: &[(&str, &str)]) -> Vec<Row> {
        rows(&self.run(name, params))
    }
}

type Row = BTreeMap<String, String>;

fn rows(json: &Value) -> Vec<Row> {
    json["results"]["bindings"]
        .as_array()
        .expect("a SELECT result")
        .iter()
        .map(|b| {
            b.as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v["value"].as_str().unwrap().to_owned()))
                .collect()
        })
        .collect()
}

fn get<'a>(row: &'a Row, var: &str) -> &'a str {
    row.get(var)
        .map(String::as_str)
        .unwrap_or_else(|| panic!("?{var} unbound in {row:?}"))
}

fn num(row: &Row, var: &str) -> f64 {
    get(row, var)
        .parse()
        .unwrap_or_else(|_| panic!("?{var} is not a number in {row:?}"))
}

fn column(rows: &[Row], var: &str) -> Vec<String> {
    rows.iter().map(|r| get(r, var).to_owned()).collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn column_set(rows: &[Row], var: &str) -> BTreeSet<String> {
    column(rows, var).into_iter().collect()
}

/// How many rows have each value of a variable.
fn tally(rows: &[Row], var: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for r in rows {
        *out.entry(get(r, var).to_owned()).or_default() += 1;
    }
    out
}

/// The one row whose variables have the given values.
fn find<'a>(rows: &'a [Row], wanted: &[(&str, &str)]) -> &'a Row {
    let matching: Vec<&Row> = rows
        .iter()
        .filter(|r| {
            wanted
                .iter()
                .all(|(k, v)| r.get(*k).map(String::as_str) == Some(*v))
        })
        .collect();
    assert_eq!(matching.len(), 1, "rows matching {wanted:?}: {matching:?}");
    matching[0]
}

fn split(list: &str) -> BTreeSet<String> {
    list.split(" | ")
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn counts(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(k, n)| (k.to_string(), *n)).collect()
}

/// 1-based number of the first line of the guide containing `text`.
fn guide_line(text: &str) -> u64 {
    let guide = std::fs::read_to_string(guide()).unwrap();
    let index = guide.lines().position(|l| l.contains(text)).unwrap();
    index as u64 + 1
}

// ---------------------------------------------------------------------------------------------

/// Every bundled query has a `# title:` and a `# description:` header, well-formed `# param:`
/// lines, and runs by name without a parameter (an optional one means "all").
#[test]
fn every_bundled_query_has_a_header_and_runs() {
    let kg = Kg::ingest();
    let mut names = Vec::new();
    for entry in std::fs::read_dir(root().join("queries")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rq") {
            names.push(path);
        }
    }
    names.sort();
    assert!(names.len() >= 15, "only {} named queries", names.len());
    for path in &names {
        let name = path.file_stem().unwrap().to_str().unwrap();
        assert!(
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{name}: not kebab-case"
        );
        let text = std::fs::read_to_string(path).unwrap();
        let header: Vec<&str> = text.lines().take_while(|l| l.starts_with('#')).collect();
        assert!(
            header
                .first()
                .is_some_and(|l| l.starts_with("# title: ") && l.len() > 10),
            "{name}: first line must be '# title: …'"
        );
        assert!(
            header
                .iter()
                .any(|l| l.starts_with("# description: ") && l.len() > 20),
            "{name}: no '# description: …' line"
        );
        for line in header.iter().filter(|l| l.starts_with("# param:")) {
            let rest = line.trim_start_matches("# param:").trim();
            let (param, what) = rest
                .split_once("  ")
                .unwrap_or_else(|| panic!("{name}: '{line}' must be '# param: NAME  description'"));
            assert!(
                !param.contains(' ') && !what.trim().is_empty(),
                "{name}: '{line}'"
            );
        }
        let json = kg.run(name, &[]);
        assert!(
            json["head"]["vars"].is_array() && json["results"]["bindings"].is_array(),
            "{name}: not a SELECT result: {json}"
        );
    }
}

#[test]
fn practices_and_themes() {
    let kg = Kg::ingest();

    // The contents page and theme sections: 6, 7, 6 and 7 practices.
    let all = kg.rows("practices-by-theme", &[]);
    assert_eq!(all.len(), 26);
    assert_eq!(
        tally(&all, "notation"),
        counts(&[("1", 6), ("2", 7), ("3", 6), ("4", 7)])
    );
    let theme1: Vec<&Row> = all.iter().filter(|r| get(r, "notation") == "1").collect();
    assert_eq!(
        theme1
            .iter()
            .map(|r| get(r, "title").to_owned())
            .collect::<BTreeSet<_>>(),
        set(&[FIP, ACCESS, CENTRATEC, IOT, GOSTOP, AUDIT])
    );
    assert!(
        theme1
            .iter()
            .all(|r| get(r, "themeLabel") == "Regional platforms and clusters")
    );
    // Ordered by theme number.
    let notations = column(&all, "notation");
    assert!(notations.windows(2).all(|w| w[0] <= w[1]));

    // With the parameter: only theme 3.
    let green = kg.rows(
        "practices-by-theme",
        &[(
            "theme",
            "theme:digitalisation-for-green-transition-and-sustainability",
        )],
    );
    assert_eq!(
        column_set(&green, "title"),
        set(&[AGENDAS, WASTE, LAPLAND, GIOTTO, BLOCKCHAIN, RAW_MATERIALS])
    );
    let hubs = kg.rows(
        "practices-by-theme",
        &[("theme", "theme:digital-innovation-hubs")],
    );
    assert_eq!(
        column_set(&hubs, "title"),
        set(&[
            AMRC,
            BIC,
            INCENTIVES,
            DIH_SLOVENIA,
            DIH4CAT,
            DIH_TUSCANY,
            SRIP
        ])
    );

    let themes = kg.rows("themes", &[]);
    assert_eq!(column(&themes, "notation"), ["1", "2", "3", "4"]);
    assert_eq!(column(&themes, "practices"), ["6", "7", "6", "7"]);
    assert_eq!(
        get(&themes[1], "fullLabel"),
        "Digital Innovation Hubs for supporting digital transformation in SMEs"
    );
}

#[test]
fn practices_by_country_and_region() {
    let kg = Kg::ingest();

    // "Location:" blocks: 7 in Italy, 6 in Spain, 5 in the UK, 4 in Slovenia, 2 each in Finland
    // and Poland.
    let countries = kg.rows("practices-by-country", &[]);
    assert_eq!(countries.len(), 26);
    assert_eq!(
        tally(&countries, "countryCode"),
        counts(&[
            ("ITA", 7),
            ("ESP", 6),
            ("GBR", 5),
            ("SVN", 4),
            ("FIN", 2),
            ("POL", 2)
        ])
    );
    let finland = kg.rows("practices-by-country", &[("country", "country:FIN")]);
    assert_eq!(column_set(&finland, "title"), set(&[LAPLAND, FROSTBIT]));
    assert!(finland.iter().all(|r| get(r, "countryName") == "Finland"));

    // One row per most specific region: GOSTOP and Future Key Skills are in "Western and Eastern
    // Slovenia" (SI04 and SI03); every other practice has one region.
    let regions = kg.rows("practices-by-region", &[]);
    assert_eq!(regions.len(), 28);
    assert_eq!(column_set(&regions, "title").len(), 26);
    let gostop: BTreeSet<String> = regions
        .iter()
        .filter(|r| get(r, "title") == GOSTOP)
        .map(|r| get(r, "code").to_owned())
        .collect();
    assert_eq!(gostop, set(&["SI03", "SI04"]));
    // "Sheffield, South Yorkshire, UK": Sheffield (UKE32), inside South Yorkshire (UKE3).
    let amrc = find(&regions, &[("title", AMRC)]);
    assert_eq!(get(amrc, "code"), "UKE32");
    assert_eq!(get(amrc, "nuts0"), "UK United Kingdom");
    assert_eq!(get(amrc, "nuts2"), "UKE3 South Yorkshire");
    assert_eq!(get(amrc, "nuts3"), "UKE32 Sheffield");
    // "Prato, Italy": NUTS 3 Prato under Toscana.
    let prisma = find(&regions, &[("title", PRISMA)]);
    assert_eq!(get(prisma, "code"), "ITI15");
    assert_eq!(get(prisma, "nuts2"), "ITI1 Toscana");
    // "Poland" alone: the country's NUTS 0 code.
    assert_eq!(get(find(&regions, &[("title", FIP)]), "code"), "PL");
    assert!(get(find(&regions, &[("title", FROSTBIT)]), "otherNames").contains("Lapland"));

    // A region includes the practices of the regions below it.
    let tuscany = kg.rows("practices-by-region", &[("region", "nuts:ITI1")]);
    assert_eq!(
        column_set(&tuscany, "title"),
        set(&[AUDIT, INCENTIVES, DIH_TUSCANY, GATE, PRISMA])
    );
    let yorkshire = kg.rows("practices-by-region", &[("region", "nuts:UKE")]);
    assert_eq!(
        column_set(&yorkshire, "title"),
        set(&[ACCESS, AMRC, BIC, SKILLS_FOR_GROWTH, APPRENTICESHIPS])
    );
    let eastern_slovenia = kg.rows("practices-by-region", &[("region", "nuts:SI03")]);
    assert_eq!(
        column_set(&eastern_slovenia, "title"),
        set(&[GOSTOP, KEY_SKILLS])
    );
}

#[test]
fn organisations_partners_and_their_practices() {
    let kg = Kg::ingest();

    // West Yorkshire Combined Authority: the contact organisation of Access Innovation, AMRC,
    // 3M BIC and Skills for Growth; a funder of Access Innovation; a programme partner.
    let wyca = kg.rows(
        "organisation-involvement",
        &[(
            "organisation",
            "organisation:west-yorkshire-combined-authority",
        )],
    );
    let roles: BTreeSet<(String, String)> = wyca
        .iter()
        .map(|r| {
            (
                get(r, "role").to_owned(),
                get(r, "involvedInName").to_owned(),
            )
        })
        .collect();
    let expected: BTreeSet<(String, String)> = [
        ("contact organisation", ACCESS),
        ("contact organisation", AMRC),
        ("contact organisation", BIC),
        ("contact organisation", SKILLS_FOR_GROWTH),
        ("funder", ACCESS),
        ("programme partner", "SMARTY"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(roles, expected);
    assert_eq!(wyca.len(), 6);

    // Without the parameter: every organisation. Generalitat de Catalunya is main institution and
    // contact organisation of DIH4CAT, Territorial Shared Agendas and ProACCIÓ 4.0, funds the IoT
    // Catalan Alliance, DIH4CAT and ProACCIÓ 4.0, and is a partner.
    let all = kg.rows("organisation-involvement", &[]);
    let generalitat: Vec<&Row> = all
        .iter()
        .filter(|r| get(r, "organisationName") == "Generalitat de Catalunya")
        .collect();
    assert_eq!(generalitat.len(), 10);
    let flanders: Vec<&Row> = all
        .iter()
        .filter(|r| get(r, "organisationName") == "Flanders Make")
        .collect();
    assert_eq!(flanders.len(), 1);
    assert_eq!(get(flanders[0], "role"), "programme partner");

    // The overview. Involved in a practice: 23 main institutions; 7 more contact organisations
    // (Jan Kochanowski University, WYCA, Comune di Prato, Next Technology Tecnotessile, TECOS,
    // ACCIÓ, the Mazowieckie Marshal's Office); 11 more funders (ESIF, private sector, UK
    // Government, the Regional Development Agency, the Universities of Sheffield and
    // Huddersfield, Kirklees Council, ERDF, the EC, the Spanish government, ESF) = 41. Plus the 4
    // partners involved in none, and Horizon 2020, a curated fund this guide does not mention.
    let orgs = kg.rows("organisations", &[]);
    assert_eq!(
        orgs.iter().filter(|r| num(r, "practices") > 0.0).count(),
        41
    );
    assert_eq!(orgs.len(), 41 + 4 + 1);
    let horizon = find(&orgs, &[("organisationName", "Horizon 2020")]);
    assert_eq!(
        (get(horizon, "kind"), get(horizon, "practices")),
        ("fund", "0")
    );
    let roles = |name: &str| -> Vec<String> {
        let r = find(&orgs, &[("organisationName", name)]);
        [
            "mainInstitutionOf",
            "contactOrganisationOf",
            "funderOf",
            "practices",
            "partner",
        ]
        .iter()
        .map(|v| get(r, v).to_owned())
        .collect()
    };
    assert_eq!(
        roles("Generalitat de Catalunya"),
        ["3", "3", "3", "4", "true"]
    );
    assert_eq!(
        roles("West Yorkshire Combined Authority"),
        ["0", "4", "1", "4", "true"]
    );
    assert_eq!(roles("Comune di Prato"), ["0", "4", "0", "4", "true"]);
    assert_eq!(roles("Flanders Make"), ["0", "0", "0", "0", "true"]);
    let erdf = find(
        &orgs,
        &[("organisationName", "European Regional Development Fund")],
    );
    assert_eq!((get(erdf, "kind"), get(erdf, "funderOf")), ("fund", "4"));
    let jsi = find(&orgs, &[("organisationName", "Jožef Stefan Institute")]);
    assert_eq!(
        (get(jsi, "mainInstitutionOf"), get(jsi, "partner")),
        ("2", "false")
    );

    // The partner page shows 14 logos. Four partners are involved in no practice: Flanders Make,
    // the Slovenian Government Office, ICE Castilla y León and Łukasiewicz-ITeE (Future Industry
    // Platform's contact is printed under Jan Kochanowski University, not ITeE).
    let partners = kg.rows("programme-partners", &[]);
    assert_eq!(partners.len(), 14);
    let practices: BTreeMap<String, usize> = partners
        .iter()
        .map(|r| {
            (
                get(r, "partnerName").to_owned(),
                num(r, "practices") as usize,
            )
        })
        .collect();
    assert_eq!(
        practices,
        counts(&[
            ("Comune di Prato", 4),
            ("Generalitat de Catalunya", 4),
            ("West Yorkshire Combined Authority", 4),
            ("Leeds City Region Enterprise Partnership", 2),
            ("Next Technology Tecnotessile", 2),
            ("ICAMCYL Foundation", 1),
            ("Junta de Castilla y León", 1),
            ("Office of the Marshal of the Mazowieckie Voivodeship", 1),
            ("Regional Council of Lapland", 1),
            ("Textile Centre of Excellence", 1),
            ("Flanders Make", 0),
            (
                "Government Office for Development and European Cohesion Policy (Slovenia)",
                0
            ),
            (
                "Instituto para la Competitividad Empresarial de Castilla y León",
                0
            ),
            (
                "Łukasiewicz Research Network – Institute for Sustainable Technologies",
                0
            ),
        ])
    );
    let prato = find(&partners, &[("partnerName", "Comune di Prato")]);
    assert_eq!(
        split(get(prato, "titles")),
        set(&[AUDIT, DIH_TUSCANY, BLOCKCHAIN, PRISMA])
    );
    assert!(partners.iter().all(|r| get(r, "programmeName") == "SMARTY"));
}

#[test]
fn contacts_shared_and_from_other_organisations() {
    let kg = Kg::ingest();

    // 26 contact blocks, 17 distinct e-mail addresses (Igor.kovac@ijs.si = igor.kovac@ijs.si).
    let contacts = kg.rows("contacts", &[]);
    assert_eq!(contacts.len(), 17);
    let sandra = find(&contacts, &[("name", "Sandra Perez")]);
    assert_eq!(
        split(get(sandra, "organisations")),
        set(&[
            "ACCIÓ - Catalonia Trade and Investment",
            "Generalitat de Catalunya"
        ])
    );
    let antia = find(&contacts, &[("name", "Antía Fernández Bautista")]);
    assert_eq!(get(antia, "role"), "Financial Coordinator");
    let gencat = kg.rows(
        "contacts",
        &[("organisation", "organisation:generalitat-de-catalunya")],
    );
    assert_eq!(
        column_set(&gencat, "name"),
        set(&["Sandra Perez", "Sergio Martinez"])
    );

    let shared = kg.rows("shared-contacts", &[]);
    let by_name: BTreeMap<String, usize> = shared
        .iter()
        .map(|r| (get(r, "name").to_owned(), num(r, "practices") as usize))
        .collect();
    assert_eq!(
        by_name,
        counts(&[
            ("Bryony Chipp", 4),
            ("Paolo Guarnieri", 4),
            ("Igor Kovač", 2),
            ("Leonardo Marchetti", 2),
            ("Sandra Perez", 2),
        ])
    );
    let titles = |name: &str| split(get(find(&shared, &[("name", name)]), "titles"));
    assert_eq!(
        titles("Bryony Chipp"),
        set(&[ACCESS, AMRC, BIC, SKILLS_FOR_GROWTH])
    );
    assert_eq!(
        titles("Paolo Guarnieri"),
        set(&[AUDIT, DIH_TUSCANY, BLOCKCHAIN, PRISMA])
    );
    assert_eq!(titles("Igor Kovač"), set(&[GOSTOP, SRIP]));
    assert_eq!(titles("Leonardo Marchetti"), set(&[INCENTIVES, GIOTTO]));
    assert_eq!(titles("Sandra Perez"), set(&[DIH4CAT, PROACCIO]));
    assert_eq!(
        get(find(&shared, &[("name", "Igor Kovač")]), "email"),
        "igor.kovac@ijs.si"
    );

    // The organisation under the contact's name is none of the main institutions for 13
    // practices. (DIH4CAT's contact is "ACCIÓ …, Regional Government of Catalonia", which includes
    // its main institution.)
    let differs = kg.rows("contact-organisation-differs", &[]);
    assert_eq!(
        column_set(&differs, "title"),
        set(&[
            FIP,
            ACCESS,
            AUDIT,
            AMRC,
            BIC,
            INCENTIVES,
            DIH_SLOVENIA,
            DIH_TUSCANY,
            WASTE,
            GIOTTO,
            BLOCKCHAIN,
            SKILLS_FOR_GROWTH,
            PRISMA,
        ])
    );
    let fip = find(&differs, &[("title", FIP)]);
    assert_eq!(
        get(fip, "contactOrganisations"),
        "Jan Kochanowski University of Kielce"
    );
    assert_eq!(
        get(fip, "mainInstitutions"),
        "Future Industry Platform State Treasury Foundation"
    );
    assert_eq!(
        get(find(&differs, &[("title", WASTE)]), "contactName"),
        "Piotr Dylewski"
    );
}

/// The amounts printed in the Resources sections, by currency.
///
/// GBP, point values: £7,057,734 (Access Innovation), £70 million twice (AMRC), £6,130,000
/// (3M BIC) and £1,980,000 (Skills for Growth), together £155,167,734; "between £11,000 and
/// £18,000" (Digital Apprenticeships) is a range. 6 amounts in 5 practices.
///
/// EUR, point values: 1,3M€, 2M€ and 5M€ (Centr@tec), approximately 60K € (IoT), 9.397.732,50
/// EUR (GOSTOP), 1,5 M EUR (audit services), 73,46, 47,5 and 25,5 million (Incentives), 2,5
/// million EUR (DIH Slovenia), 6 M € (DIH4CAT), 1,9 million EUR (SRIP), €770.000 and €350.000
/// (GIOTTO), EUR 560.000 (Future Key Skills), 324.000 € (GATE 4.0) and about 2M€ (FrostBit),
/// together €180,121,732.50; "over 12.5 M€" (ProACCIÓ) is a minimum and "a maximum amount per
/// project of 200k Euro" (Incentives) a maximum. 19 amounts in 13 practices.
#[test]
fn funding_by_currency_and_amounts() {
    let kg = Kg::ingest();
    let by_currency = kg.rows("funding-by-currency", &[]);
    assert_eq!(column(&by_currency, "currency"), ["EUR", "GBP"]);
    let eur = find(&by_currency, &[("currency", "EUR")]);
    assert_eq!(num(eur, "amounts"), 19.0);
    assert_eq!(num(eur, "practices"), 13.0);
    assert_eq!(num(eur, "total"), 180_121_732.5);
    assert_eq!(num(eur, "minimums"), 12_500_000.0);
    assert_eq!(num(eur, "maximums"), 200_000.0);
    assert_eq!(num(eur, "atLeast"), 192_621_732.5);
    assert_eq!(num(eur, "approximateAmounts"), 2.0);
    let gbp = find(&by_currency, &[("currency", "GBP")]);
    assert_eq!(num(gbp, "amounts"), 6.0);
    assert_eq!(num(gbp, "practices"), 5.0);
    assert_eq!(num(gbp, "total"), 155_167_734.0);
    assert_eq!(num(gbp, "minimums"), 11_000.0);
    assert_eq!(num(gbp, "maximums"), 18_000.0);
    assert_eq!(num(gbp, "approximateAmounts"), 0.0);

    let amounts = kg.rows("funding-amounts", &[]);
    assert_eq!(amounts.len(), 25);
    let printed: BTreeSet<String> = column_set(&amounts, "printed");
    for text in [
        "£7,057,734.00",
        "1,3M€",
        "approximately 60K €",
        "9.397.732,50 EUR",
        "1,5 M EUR",
        "£70 million",
        "£6,130,000",
        "73,46 million euro",
        "2,5 million EUR",
        "6 M €",
        "1,9 million EUR",
        "€770.000",
        "€350.000",
        "£1,980,000",
        "over 12.5 M€",
        "between £11,000 and £18,000",
        "EUR 560.000 euro",
        "324.000 €",
        "about 2M€",
    ] {
        assert!(printed.contains(text), "{text} missing from {printed:?}");
    }
    let range = find(&amounts, &[("printed", "between £11,000 and £18,000")]);
    assert_eq!(
        (num(range, "minValue"), num(range, "maxValue")),
        (11_000.0, 18_000.0)
    );
    assert!(!range.contains_key("value"));
    let frostbit = find(&amounts, &[("printed", "about 2M€")]);
    assert_eq!(
        (get(frostbit, "approximate"), get(frostbit, "per")),
        ("true", "year")
    );
    let incentives = kg.rows(
        "funding-amounts",
        &[(
            "practice",
            "practice:incentives-for-the-creation-of-highly-specialised",
        )],
    );
    assert_eq!(incentives.len(), 4);
    let skills = kg.rows(
        "funding-amounts",
        &[("practice", "practice:skills-for-growth")],
    );
    assert_eq!(skills.len(), 1);
    assert_eq!(get(&skills[0], "funders"), "European Social Fund");
}

#[test]
fn funding_by_funder_fund_and_region() {
    let kg = Kg::ingest();

    // ERDF: £6,130,000 (3M BIC) + the second £70 million of AMRC; 60K € (IoT) + 1,5 M EUR (audit).
    let funders = kg.rows("funding-by-funder", &[]);
    let erdf_gbp = find(
        &funders,
        &[
            ("funderName", "European Regional Development Fund"),
            ("currency", "GBP"),
        ],
    );
    assert_eq!(
        (num(erdf_gbp, "grants"), num(erdf_gbp, "total")),
        (2.0, 76_130_000.0)
    );
    let erdf_eur = find(
        &funders,
        &[
            ("funderName", "European Regional Development Fund"),
            ("currency", "EUR"),
        ],
    );
    assert_eq!(
        (num(erdf_eur, "grants"), num(erdf_eur, "total")),
        (2.0, 1_560_000.0)
    );
    // Generalitat: 60K € (IoT) + 6 M € (DIH4CAT), and "over 12.5 M€" (ProACCIÓ) as a minimum.
    let gencat = find(&funders, &[("funderName", "Generalitat de Catalunya")]);
    assert_eq!(num(gencat, "grants"), 3.0);
    assert_eq!(num(gencat, "total"), 6_060_000.0);
    assert_eq!(num(gencat, "minimums"), 12_500_000.0);
    // Junta de Castilla y León funds the three Centr@tec editions: 1,3 + 2 + 5 M€.
    let junta = find(&funders, &[("funderName", "Junta de Castilla y León")]);
    assert_eq!(
        (
            num(junta, "grants"),
            num(junta, "practices"),
            num(junta, "total")
        ),
        (3.0, 1.0, 8_300_000.0)
    );
    // Co-funders each count the whole grant: DIH4CAT's 6 M € for the EC and Spain too.
    let ec = find(&funders, &[("funderName", "European Commission")]);
    assert_eq!(num(ec, "total"), 6_000_000.0);
    let esf = kg.rows("funding-by-funder", &[("funder", "organisation:esf")]);
    assert_eq!(esf.len(), 1);
    assert_eq!(
        (get(&esf[0], "currency"), num(&esf[0], "total")),
        ("GBP", 1_980_000.0)
    );

    // ESIF includes ERDF and ESF: £7,057,734 (Access, ESIF) + £76,130,000 (ERDF) + £1,980,000 (ESF).
    let funds = kg.rows("funding-by-fund", &[]);
    let esif_gbp = find(
        &funds,
        &[
            ("fundName", "European Structural and Investment Funds"),
            ("currency", "GBP"),
        ],
    );
    assert_eq!(num(esif_gbp, "total"), 85_167_734.0);
    assert_eq!(
        split(get(esif_gbp, "titles")),
        set(&[ACCESS, AMRC, BIC, SKILLS_FOR_GROWTH])
    );
    let esif_eur = find(
        &funds,
        &[
            ("fundName", "European Structural and Investment Funds"),
            ("currency", "EUR"),
        ],
    );
    assert_eq!(num(esif_eur, "total"), 1_560_000.0);
    let horizon = find(&funds, &[("fundName", "Horizon 2020")]);
    assert_eq!(num(horizon, "grants"), 0.0);
    let esif_only = kg.rows("funding-by-fund", &[("fund", "organisation:esif")]);
    assert_eq!(esif_only.len(), 2);

    // By region, subregions included; AMRC ("Sheffield, South Yorkshire") counts once in UKE3.
    let regions = kg.rows("funding-by-region", &[]);
    let total = |code: &str, currency: &str| {
        num(
            find(&regions, &[("code", code), ("currency", currency)]),
            "total",
        )
    };
    assert_eq!(total("UKE", "GBP"), 155_167_734.0);
    assert_eq!(total("UKE3", "GBP"), 140_000_000.0);
    assert_eq!(
        total("UKE4", "GBP"),
        7_057_734.0 + 6_130_000.0 + 1_980_000.0
    );
    // Tuscany: audit services 1,5 M + Incentives 73,46 + 47,5 + 25,5 M + GATE 324.000.
    assert_eq!(total("ITI1", "EUR"), 148_284_000.0);
    assert_eq!(
        num(find(&regions, &[("code", "ITI1")]), "maximums"),
        200_000.0
    );
    // Italy adds GIOTTO (Piemonte): 770.000 + 350.000.
    assert_eq!(total("IT", "EUR"), 149_404_000.0);
    assert_eq!(total("ES51", "EUR"), 6_060_000.0);
    assert_eq!(
        num(find(&regions, &[("code", "ES51")]), "minimums"),
        12_500_000.0
    );
    // Slovenia: GOSTOP and Future Key Skills are in both SI03 and SI04.
    assert_eq!(
        total("SI", "EUR"),
        9_397_732.5 + 2_500_000.0 + 1_900_000.0 + 560_000.0
    );
    assert_eq!(total("SI03", "EUR"), 9_397_732.5 + 560_000.0);
    assert_eq!(total("FI1D7", "EUR"), 2_000_000.0);
    // Neither Polish practice prints an amount.
    assert!(regions.iter().all(|r| !get(r, "code").starts_with("PL")));
    let west_yorkshire = kg.rows("funding-by-region", &[("region", "nuts:UKE4")]);
    assert_eq!(west_yorkshire.len(), 1);
    assert_eq!(num(&west_yorkshire[0], "practices"), 3.0);
}

/// Resources sections naming the ERDF: IoT Catalan Alliance ("the regional ERDF program"), audit
/// services ("ERDF ROP 2014-2020"), AMRC ("£70 million … from the European Regional Development
/// Fund") and 3M BIC; the ESF: Skills for Growth ("EU European Social Funds").
#[test]
fn erdf_or_esf_funded_practices() {
    let kg = Kg::ingest();
    let all = kg.rows("erdf-or-esf-funded-practices", &[]);
    let pairs: BTreeSet<(String, String)> = all
        .iter()
        .map(|r| (get(r, "fundAcronym").to_owned(), get(r, "title").to_owned()))
        .collect();
    let expected: BTreeSet<(String, String)> = [
        ("ERDF", IOT),
        ("ERDF", AUDIT),
        ("ERDF", AMRC),
        ("ERDF", BIC),
        ("ESF", SKILLS_FOR_GROWTH),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(pairs, expected);
    assert_eq!(
        get(find(&all, &[("title", AMRC)]), "amounts"),
        "£70 million"
    );
    assert_eq!(
        split(get(find(&all, &[("title", BIC)]), "coFunders")),
        set(&["University of Huddersfield", "Kirklees Council"])
    );
    let esf = kg.rows(
        "erdf-or-esf-funded-practices",
        &[("fund", "organisation:esf")],
    );
    assert_eq!(column(&esf, "title"), [SKILLS_FOR_GROWTH]);
}

#[test]
fn dates_timeline_and_missing_fields() {
    let kg = Kg::ingest();

    // "… - ongoing" in 14 "Start - end date" blocks.
    let ongoing = kg.rows("ongoing-practices", &[]);
    assert_eq!(
        column_set(&ongoing, "title"),
        set(&[
            FIP,
            AMRC,
            BIC,
            INCENTIVES,
            DIH_SLOVENIA,
            DIH4CAT,
            DIH_TUSCANY,
            SRIP,
            AGENDAS,
            WASTE,
            PROACCIO,
            PRISMA,
            APPRENTICESHIPS,
            FROSTBIT,
        ])
    );
    assert_eq!(get(&ongoing[0], "title"), FROSTBIT);
    assert_eq!(get(&ongoing[0], "start"), "1999");

    // 23 practices print a period; the earliest is FrostBit (1999), the latest PRISMA (July 2022).
    let timeline = kg.rows("timeline", &[]);
    assert_eq!(timeline.len(), 23);
    assert_eq!(get(&timeline[0], "title"), FROSTBIT);
    assert_eq!(get(&timeline[22], "title"), PRISMA);
    let starts = column(&timeline, "start");
    assert!(
        starts.windows(2).all(|w| w[0] <= w[1]),
        "not ordered: {starts:?}"
    );
    let iot = find(&timeline, &[("title", IOT)]);
    assert_eq!(
        (get(iot, "start"), get(iot, "end"), get(iot, "status")),
        ("2015-06", "2021-09", "ended")
    );
    let raw = find(&timeline, &[("title", RAW_MATERIALS)]);
    assert_eq!((get(raw, "start"), get(raw, "end")), ("2020-09", "2023-11"));
    assert_eq!(
        tally(&timeline, "status"),
        counts(&[("ongoing", 14), ("ended", 9)])
    );
    // Running in 2019: every dated practice but the five that started in 2020 or later (those
    // that ended before 2019 would be missing too, but none did).
    let in_2019 = kg.rows("timeline", &[("year", "2019")]);
    let not_2019: BTreeSet<String> = column_set(&timeline, "title")
        .difference(&column_set(&in_2019, "title"))
        .cloned()
        .collect();
    assert_eq!(
        not_2019,
        set(&[AGENDAS, LAPLAND, RAW_MATERIALS, DIH4CAT, PRISMA])
    );
    // Running in 2023: the 14 ongoing ones and the raw-materials platform (to November 2023).
    let in_2023 = kg.rows("timeline", &[("year", "2023")]);
    assert_eq!(in_2023.len(), 15);
    assert!(column_set(&in_2023, "title").contains(RAW_MATERIALS));

    let no_website = kg.rows("practices-without-website", &[]);
    assert_eq!(
        column_set(&no_website, "title"),
        set(&[AGENDAS, GIOTTO, RAW_MATERIALS, APPRENTICESHIPS])
    );
    let no_dates = kg.rows("practices-without-dates", &[]);
    assert_eq!(
        column_set(&no_dates, "title"),
        set(&[AUDIT, GIOTTO, SKILLS_FOR_GROWTH])
    );

    let completeness = kg.rows("practice-completeness", &[]);
    assert_eq!(completeness.len(), 26);
    let without = |var: &str| -> BTreeSet<String> {
        completeness
            .iter()
            .filter(|r| get(r, var) == "false")
            .map(|r| get(r, "title").to_owned())
            .collect()
    };
    assert_eq!(without("website"), column_set(&no_website, "title"));
    assert_eq!(without("dates"), column_set(&no_dates, "title"));
    // No one-line summary under the title: Industry 4.0 in the contest…, Skills for Growth,
    // Future Key Skills.
    assert_eq!(
        without("summary"),
        set(&[RAW_MATERIALS, SKILLS_FOR_GROWTH, KEY_SKILLS])
    );
    // No "Resources needed" section: Territorial Shared Agendas, the Tuscan DIH, Blockchain,
    // Industry 4.0 in the contest….
    assert_eq!(
        without("resourcesNeeded"),
        set(&[AGENDAS, DIH_TUSCANY, BLOCKCHAIN, RAW_MATERIALS])
    );
}

#[test]
fn a_practice_record_and_its_provenance() {
    let kg = Kg::ingest();
    let record = kg.rows(
        "practice-record",
        &[("practice", "practice:access-innovation")],
    );
    let field = |name: &str| -> BTreeSet<String> {
        record
            .iter()
            .filter(|r| get(r, "field") == name)
            .map(|r| get(r, "value").to_owned())
            .collect()
    };
    assert_eq!(field("title"), set(&[ACCESS]));
    assert_eq!(field("theme"), set(&["Regional platforms and clusters"]));
    assert_eq!(
        field("main institution"),
        set(&["Leeds City Region Enterprise Partnership"])
    );
    assert_eq!(field("location"), set(&["West Yorkshire"]));
    assert_eq!(field("region"), set(&["UKE4 West Yorkshire"]));
    assert_eq!(field("country"), set(&["United Kingdom"]));
    assert_eq!(field("contact"), set(&["Bryony Chipp"]));
    assert_eq!(
        field("contact e-mail"),
        set(&["bryony.chipp@westyorks-ca.gov.uk"])
    );
    assert_eq!(
        field("contact organisation"),
        set(&["West Yorkshire Combined Authority"])
    );
    assert_eq!(
        field("website"),
        set(&["https://www.the-lep.com/business-support/growth-support/connecting-innovation/"])
    );
    assert_eq!(field("period"), set(&["January 2017 – March 2020"]));
    assert_eq!(
        (field("start"), field("end")),
        (set(&["2017-01"]), set(&["2020-03"]))
    );
    assert!(field("ongoing").is_empty());
    assert_eq!(field("funding"), set(&["£7,057,734.00"]));
    assert_eq!(
        field("funder"),
        set(&[
            "European Structural and Investment Funds",
            "West Yorkshire Combined Authority",
            "Private sector match funding",
        ])
    );
    assert!(
        field("resources needed")
            .iter()
            .any(|t| t.contains("£7,057,734.00"))
    );
    assert_eq!(field("page"), set(&["10"]));
    assert_eq!(get(&record[0], "field"), "title");
    // The Tuscan DIH prints two main institutions and two websites.
    let tuscany = kg.rows(
        "practice-record",
        &[(
            "practice",
            "practice:the-dih-and-competence-centre-in-tuscany-a-network-for",
        )],
    );
    let tuscany_field = |name: &str| tuscany.iter().filter(|r| get(r, "field") == name).count();
    assert_eq!(
        (tuscany_field("main institution"), tuscany_field("website")),
        (2, 2)
    );
    // Without the parameter: every practice's record.
    let all = kg.rows("practice-record", &[]);
    let titles: Vec<&Row> = all.iter().filter(|r| get(r, "field") == "title").collect();
    assert_eq!(titles.len(), 26);

    // Each fact traced to the lines it was read from.
    let provenance = kg.rows(
        "practice-provenance",
        &[("practice", "practice:access-innovation")],
    );
    let lines_of = |property: &str, value: &str| -> (u64, u64) {
        let r = find(&provenance, &[("property", property), ("value", value)]);
        (num(r, "firstLine") as u64, num(r, "lastLine") as u64)
    };
    let title = guide_line("Access Innovation is a package") - 2;
    assert_eq!(lines_of("http://schema.org/name", ACCESS), (title, title));
    let url = "https://www.the-lep.com/business-support/growth-support/connecting-innovation/";
    let url_line = guide_line(url);
    assert_eq!(lines_of("http://schema.org/url", url), (url_line, url_line));
    let money = guide_line("£7,057,734.00");
    let (first, last) = lines_of("http://schema.org/value", "7057734");
    assert!(
        first <= money && money <= last,
        "{first}-{last} does not cover line {money}"
    );
    let contact = find(
        &provenance,
        &[("property", "http://www.w3.org/ns/dcat#contactPoint")],
    );
    assert_eq!(get(contact, "personal"), "true");
    let name_line = guide_line("Bryony Chipp");
    assert!(
        num(contact, "firstLine") as u64 <= name_line
            && name_line <= num(contact, "lastLine") as u64
    );
    assert!(
        provenance
            .iter()
            .filter(|r| get(r, "property") != "http://www.w3.org/ns/dcat#contactPoint")
            .all(|r| get(r, "personal") == "false")
    );
    assert!(
        provenance
            .iter()
            .all(|r| get(r, "source").ends_with(".txt"))
    );
    let all = kg.rows("practice-provenance", &[]);
    assert_eq!(column_set(&all, "practice").len(), 26);
    assert!(
        all.iter()
            .all(|r| num(r, "firstLine") <= num(r, "lastLine"))
    );

    let documents = kg.rows("documents", &[]);
    assert_eq!(documents.len(), 1);
    let d = &documents[0];
    assert_eq!(get(d, "title"), "SMARTY INTERREG GOOD PRACTICE GUIDE");
    assert_eq!(num(d, "practices"), 26.0);
    // One personal graph per contact block.
    assert_eq!(num(d, "personalGraphs"), 26.0);
    let sha = get(d, "sha256");
    assert!(sha.len() == 64 && get(d, "source").contains(&sha[..8]));
}

#[test]
fn full_text_search() {
    let kg = Kg::ingest();
    // "blockchain": only the Blockchain practice (the raw-materials practice spells it
    // "block-chain"), in its title, summary, About, Evidence, Challenges and Potential sections.
    let blockchain = kg.rows("search", &[("term", "blockchain")]);
    assert_eq!(column_set(&blockchain, "title"), set(&[BLOCKCHAIN]));
    assert_eq!(
        column_set(&blockchain, "field"),
        set(&[
            "title",
            "summary",
            "about",
            "evidence of success",
            "difficulties encountered",
            "potential for learning or transfer",
        ])
    );
    assert!(
        blockchain
            .iter()
            .all(|r| get(r, "excerpt").to_lowercase().contains("blockchain"))
    );
    // Case is ignored: "Apprentice" is in AMRC's evidence ("1,700 apprentices") and all over the
    // Digital Apprenticeships practice.
    let apprentice = kg.rows("search", &[("term", "\"Apprentice\"")]);
    assert_eq!(
        column_set(&apprentice, "title"),
        set(&[AMRC, APPRENTICESHIPS])
    );
    assert_eq!(
        get(find(&apprentice, &[("title", AMRC)]), "field"),
        "evidence of success"
    );
    assert_eq!(apprentice.len(), 5);
    // The term is required: nothing matches without it.
    assert!(kg.rows("search", &[]).is_empty());
}
