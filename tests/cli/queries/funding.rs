//! Funding: amounts by currency, funders, funds and regions.

use super::*;

/// Each grant summed once, by currency: a hand count of the bundled guide's Resources sections.
///
/// GBP, point values:
/// - Access Innovation: £7,057,734.00.
/// - AMRC: £70 million, and "an additional £70 million": two grants, £140,000,000.
/// - 3M Buckley Innovation Centre: £6,130,000.
/// - Skills for Growth: £1,980,000.
/// - Digital Apprenticeships: "between £11,000 and £18,000", a range (minimums / maximums).
///
/// Together £155,167,734; 6 amounts summed in 5 practices, none left out.
///
/// EUR, point values:
/// - Centr@tec: 1,3M€, 2M€ and 5M€, the budgets of three editions: €8,300,000.
/// - IoT Catalan Alliance: "approximately 60K €" each year: per year, not summed.
/// - GOSTOP: 9.397.732,50 EUR.
/// - Audit services: 1,5 M EUR.
/// - Incentives: 73,46 million euro, the total of its bracketed parts 47,5 and 25,5 million (not
///   summed again); "a maximum amount per project of 200k Euro" is per unit, not summed.
/// - DIH Slovenia: 2,5 million EUR.
/// - DIH4CAT: "Total budget … 6 M €".
/// - SRIP FoF: 1,9 million EUR.
/// - GIOTTO: "Total budget of the project: €770.000"; the €350.000 grant requested is part of it.
/// - ProACCIÓ 4.0: "over 12.5 M€", a minimum.
/// - Future Key Skills: EUR 560.000.
/// - GATE 4.0: "total public funding … 324.000 €".
/// - FrostBit: "Yearly basis … about 2M€": per year, not summed.
///
/// Together €104,711,732.50; 13 amounts summed in 11 practices; 6 not summed (two per year, two
/// parts, the grant requested, the per-project maximum); per year €2,060,000.
#[test]
fn funding_by_currency_and_amounts() {
    let kg = Kg::ingest();
    let by_currency = kg.rows("funding-by-currency", &[]);
    assert_eq!(column(&by_currency, "currency"), ["EUR", "GBP"]);
    let eur = find(&by_currency, &[("currency", "EUR")]);
    assert_eq!(num(eur, "amounts"), 13.0);
    assert_eq!(num(eur, "practices"), 11.0);
    assert_eq!(
        num(eur, "total"),
        8_300_000.0
            + 9_397_732.5
            + 1_500_000.0
            + 73_460_000.0
            + 2_500_000.0
            + 6_000_000.0
            + 1_900_000.0
            + 770_000.0
            + 560_000.0
            + 324_000.0
    );
    assert_eq!(num(eur, "total"), 104_711_732.5);
    assert_eq!(num(eur, "minimums"), 12_500_000.0);
    assert_eq!(num(eur, "maximums"), 0.0);
    assert_eq!(num(eur, "atLeast"), 117_211_732.5);
    assert_eq!(num(eur, "approximateAmounts"), 0.0);
    assert_eq!(num(eur, "perYear"), 2_060_000.0);
    assert_eq!(num(eur, "notSummed"), 6.0);
    let gbp = find(&by_currency, &[("currency", "GBP")]);
    assert_eq!(num(gbp, "amounts"), 6.0);
    assert_eq!(num(gbp, "practices"), 5.0);
    assert_eq!(
        num(gbp, "total"),
        7_057_734.0 + 70_000_000.0 + 70_000_000.0 + 6_130_000.0 + 1_980_000.0
    );
    assert_eq!(num(gbp, "minimums"), 11_000.0);
    assert_eq!(num(gbp, "maximums"), 18_000.0);
    assert_eq!(num(gbp, "approximateAmounts"), 0.0);
    assert_eq!(num(gbp, "notSummed"), 0.0);

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

    // ERDF: £6,130,000 (3M BIC) + the second £70 million of AMRC; 1,5 M EUR (audit), and IoT's
    // "each year for approximately 60K €" per year, not in total.
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
        (
            num(erdf_eur, "grants"),
            num(erdf_eur, "total"),
            num(erdf_eur, "perYear")
        ),
        (2.0, 1_500_000.0, 60_000.0)
    );
    // Named outside Resources needed, a grant each without an amount: DIH Slovenia ("co-financed by
    // the Republic of Slovenia and the European Union from the European Regional Development
    // Fund") and FrostBit ("funded by the European Regional Development Fund").
    let unpriced = |name: &str| {
        let row = funders
            .iter()
            .find(|r| get(r, "funderName") == name && !r.contains_key("currency"))
            .unwrap_or_else(|| panic!("{name}: no grant without an amount"));
        (num(row, "grants"), num(row, "total"))
    };
    assert_eq!(unpriced("European Regional Development Fund"), (2.0, 0.0));
    assert_eq!(unpriced("Republic of Slovenia"), (1.0, 0.0));
    assert_eq!(unpriced("European Union"), (1.0, 0.0));
    // Generalitat: 6 M € (DIH4CAT), "over 12.5 M€" (ProACCIÓ) as a minimum, 60K € (IoT) per year.
    let gencat = find(&funders, &[("funderName", "Generalitat de Catalunya")]);
    assert_eq!(num(gencat, "grants"), 3.0);
    assert_eq!(num(gencat, "total"), 6_000_000.0);
    assert_eq!(num(gencat, "minimums"), 12_500_000.0);
    assert_eq!(num(gencat, "perYear"), 60_000.0);
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
    // The ERDF's EUR grants: 1,5 M EUR (audit); IoT's 60K € is per year.
    assert_eq!(num(esif_eur, "total"), 1_500_000.0);
    let horizon = find(&funds, &[("fundName", "Horizon 2020")]);
    assert_eq!(num(horizon, "grants"), 0.0);
    // GBP, EUR, and the ERDF grants of DIH Slovenia and FrostBit, printed without an amount.
    let esif_only = kg.rows("funding-by-fund", &[("fund", "organisation:esif")]);
    assert_eq!(esif_only.len(), 3);

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
    // Tuscany: audit services 1,5 M + Incentives 73,46 M (its parts 47,5 and 25,5 M not again) +
    // GATE 324.000; "a maximum amount per project of 200k Euro" is per unit, not a bound summed.
    assert_eq!(total("ITI1", "EUR"), 75_284_000.0);
    assert_eq!(num(find(&regions, &[("code", "ITI1")]), "maximums"), 0.0);
    // Italy adds GIOTTO (Piemonte): its total €770.000 (the €350.000 requested is part of it).
    assert_eq!(total("IT", "EUR"), 76_054_000.0);
    // Catalonia: DIH4CAT's 6 M €; IoT's 60K € per year apart.
    assert_eq!(total("ES51", "EUR"), 6_000_000.0);
    assert_eq!(
        num(find(&regions, &[("code", "ES51")]), "perYear"),
        60_000.0
    );
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
    // Lapland: FrostBit's "Yearly basis … about 2M€" is per year only.
    assert_eq!(total("FI1D7", "EUR"), 0.0);
    assert_eq!(
        num(find(&regions, &[("code", "FI1D7")]), "perYear"),
        2_000_000.0
    );
    // Neither Polish practice prints an amount.
    assert!(regions.iter().all(|r| !get(r, "code").starts_with("PL")));
    let west_yorkshire = kg.rows("funding-by-region", &[("region", "nuts:UKE4")]);
    assert_eq!(west_yorkshire.len(), 1);
    assert_eq!(num(&west_yorkshire[0], "practices"), 3.0);
}

/// Resources sections naming the ERDF: IoT Catalan Alliance ("the regional ERDF program"), audit
/// services ("ERDF ROP 2014-2020"), AMRC ("£70 million … from the European Regional Development
/// Fund") and 3M BIC; the ERDF named elsewhere: DIH Slovenia ("co-financed by the Republic of
/// Slovenia and the European Union from the European Regional Development Fund") and FrostBit ("funded
/// by the European Regional Development Fund (ERDF)"); the ESF: Skills for Growth ("EU European
/// Social Funds").
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
        ("ERDF", DIH_SLOVENIA),
        ("ERDF", FROSTBIT),
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
