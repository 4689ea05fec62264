//! Practices by theme and place, organisations, partners and contacts.

use super::*;

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
    // ACCIÓ, the Mazowieckie Marshal's Office); 12 more funders (ESIF, UK Government, the Regional
    // Development Agency, the Universities of Sheffield and Huddersfield, Kirklees Council, ERDF,
    // the EC, the Spanish government, ESF, and DIH Slovenia's "co-financed by the Republic of
    // Slovenia and the European Union") = 42. Plus the 4 partners involved in none, and Horizon
    // 2020, a curated fund this guide does not mention. "Private Sector match funding" names no
    // body: a funding source, not an organisation.
    let orgs = kg.rows("organisations", &[]);
    assert_eq!(
        orgs.iter().filter(|r| num(r, "practices") > 0.0).count(),
        42
    );
    assert_eq!(orgs.len(), 42 + 4 + 1);
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
    // IoT, audit services, AMRC and 3M BIC in Resources; DIH Slovenia and FrostBit elsewhere.
    assert_eq!((get(erdf, "kind"), get(erdf, "funderOf")), ("fund", "6"));
    let slovenia = find(&orgs, &[("organisationName", "Republic of Slovenia")]);
    assert_eq!(
        (get(slovenia, "kind"), get(slovenia, "funderOf")),
        ("public", "1")
    );
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
