//! Dates, a practice's record with its provenance, full-text search.

use super::*;

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
        ])
    );
    // "Capital Grants and Private Sector match funding" names no body: a source, as printed.
    assert_eq!(
        field("funding source"),
        set(&["Private Sector match funding"])
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
    // The term is required: without it the query is not run, and the error names it.
    smarty(&kg.0)
        .args(["--store", "store", "query", "--name", "search"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "search needs the parameter 'term'; it takes: term (string, required)",
        ));
}
