//! Synthetic good-practice guides in the SMARTY template, for tests and benchmarks.
//!
//! A guide of N practices with the variety of a real one: four or more themes, organisations from
//! the alias table under all their spellings plus hundreds of generated ones, real NUTS region
//! names, contacts shared across practices at about the bundled guide's rate (17 persons for 26
//! practices, a few behind four practices, e-mails sometimes printed in another case), and every
//! amount, date and location form the extractor reads. The same seed gives the same bytes.
//!
//! The generator also returns what an extractor should find ([`Expected`]), so tests compare
//! against ground truth rather than against the extractor's own output.

mod forms;
mod places;
mod random;
mod words;

pub use forms::{AmountTruth, PeriodTruth};

use std::collections::BTreeMap;
use std::fmt::Write;

use random::Random;
use smarty_reference::Reference;

/// What a correct extraction of the guide finds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expected {
    pub practices: usize,
    pub themes: usize,
    /// Lower-cased e-mail → number of practices, for persons behind more than one practice.
    pub shared_contacts: BTreeMap<String, usize>,
    pub persons: usize,
    /// Each practice's values, in the order printed.
    pub records: Vec<PracticeTruth>,
}

/// The values a correct extraction reads from one practice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticeTruth {
    pub title: String,
    /// Name, organisation and e-mail of the contact, with plain spaces.
    pub contact: (String, String, String),
    /// The amounts of "Resources needed", in the order printed.
    pub amounts: Vec<AmountTruth>,
    pub period: PeriodTruth,
    /// The theme (1-based) the practice is printed under.
    pub theme: u32,
    /// The NUTS codes its location names.
    pub place: Vec<String>,
    /// The funders "Resources needed" names, as printed.
    pub funders: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct SynthGuide {
    pub text: String,
    pub expected: Expected,
}

/// A contact person: name, organisation, e-mail.
#[derive(Debug, Clone)]
struct Person {
    name: String,
    organisation: String,
    email: String,
}

/// Every spelling of every organisation in the alias table, and generated ones.
fn organisations(reference: &Reference, random: &mut Random, extra: usize) -> Vec<String> {
    let mut out: Vec<String> = reference
        .organisations()
        .iter()
        .filter(|o| o.kind != smarty_reference::OrganisationKind::Fund)
        .flat_map(|o| std::iter::once(o.name.clone()).chain(o.aliases.iter().cloned()))
        .filter(|n| n.chars().count() > 4 && !n.contains(','))
        .collect();
    for _ in 0..extra {
        out.push(words::organisation(random));
    }
    out
}

/// How many practices each person is behind: mostly one, some two, a few four — about 17 persons
/// per 26 practices, as in the bundled guide.
fn practice_counts(practices: usize, random: &mut Random) -> Vec<usize> {
    let mut counts = Vec::new();
    let mut assigned = 0;
    while assigned < practices {
        let n = match random.below(17) {
            0 | 1 => 4,
            2..=4 => 2,
            _ => 1,
        }
        .min(practices - assigned);
        counts.push(n);
        assigned += n;
    }
    counts
}

pub fn generate(practices: usize, seed: u64, reference: &Reference) -> SynthGuide {
    let mut random = Random::new(seed);
    let themes = (4 + practices / 20_000).min(12);
    let places = places::places(reference);
    let orgs = organisations(reference, &mut random, 200 + practices / 20);

    // Persons and the practices they are behind, shuffled.
    let counts = practice_counts(practices, &mut random);
    let mut persons = Vec::new();
    let mut slots = Vec::new();
    for (i, &count) in counts.iter().enumerate() {
        let name = words::person(&mut random, i);
        let local = words::ascii_email_local(&name, i);
        persons.push(Person {
            organisation: orgs[random.below(orgs.len())].clone(),
            email: format!("{local}@{}", words::domain(&mut random)),
            name,
        });
        slots.extend(std::iter::repeat_n(i, count));
    }
    random.shuffle(&mut slots);

    let mut expected = Expected {
        practices,
        themes,
        persons: persons.len(),
        ..Expected::default()
    };
    for (i, &count) in counts.iter().enumerate() {
        if count > 1 {
            expected
                .shared_contacts
                .insert(persons[i].email.to_lowercase(), count);
        }
    }

    let titles: Vec<String> = (0..practices)
        .map(|i| words::title(&mut random, i))
        .collect();
    let theme_names: Vec<(String, String)> = (0..themes).map(words::theme).collect();
    let per_theme = practices.div_ceil(themes);

    let mut out = String::with_capacity(practices * 3_000 + 10_000);
    let _ = writeln!(
        out,
        "SYNTH\nInterreg Europe\n\nEuropean Union\nEuropean Regional\nDevelopment Fund\n\n**SYNTH INTERREG\nGOOD PRACTICE GUIDE**\n\nContents\n"
    );
    let mut page = 4;
    let _ = writeln!(out, "Contents\t2\nIntroduction\t{page}");
    for (t, (short, _)) in theme_names.iter().enumerate() {
        page += 2;
        let _ = writeln!(out, "{short}\t{page}");
        for title in titles.iter().skip(t * per_theme).take(per_theme) {
            page += 2;
            let _ = writeln!(out, "{title}\t{page}");
        }
    }
    let _ = writeln!(
        out,
        "\nIntroduction\n\nThis synthetic guide collects {practices} good practices in {themes} themes:\n"
    );
    for (t, (short, subtitle)) in theme_names.iter().enumerate() {
        let _ = writeln!(out, "- » Theme {}: {short} {subtitle}", t + 1);
    }
    for (t, (short, subtitle)) in theme_names.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n\n\n{short}\n\n{subtitle}\n\n{}\n",
            words::paragraph(&mut random, 4)
        );
        for i in (t * per_theme)..((t + 1) * per_theme).min(practices) {
            let person = &persons[slots[i]];
            let pools = Pools {
                orgs: &orgs,
                places: &places,
                themes: &theme_names,
            };
            let mut truth = write_practice(&mut out, &mut random, &titles[i], person, &pools);
            truth.theme = t as u32 + 1;
            expected.records.push(truth);
        }
    }
    let _ = writeln!(
        out,
        "\n\n\nSYNTH – An interregional cooperation project\n\nProject Partners\n"
    );
    for org in reference.organisations().iter().take(12) {
        let _ = writeln!(out, "{}\n", org.name);
    }
    SynthGuide {
        text: out,
        expected,
    }
}

fn write_practice(
    out: &mut String,
    random: &mut Random,
    title: &str,
    person: &Person,
    pools: &Pools<'_>,
) -> PracticeTruth {
    let orgs = pools.orgs;
    let _ = writeln!(
        out,
        "\n\n\n{title}\n\n{}\n\nAbout this good practice\n",
        words::sentence(random, title)
    );
    let _ = writeln!(out, "{}\n", words::paragraph(random, 5));
    // A paragraph that repeats a theme's name does not start that theme.
    if random.below(8) == 0 {
        let (short, _) = &pools.themes[random.below(pools.themes.len())];
        let _ = writeln!(out, "{short}\n");
    }
    let _ = writeln!(
        out,
        "- » {}\n- » {}\n",
        words::clause(random),
        words::clause(random)
    );
    // A funder is a body: its name has a body noun, so "the Fund and X" names two funders.
    let bodies: Vec<&String> = orgs
        .iter()
        .filter(|o| {
            o.split_whitespace().any(|w| {
                let w = w.to_lowercase();
                [
                    "institute",
                    "agency",
                    "foundation",
                    "university",
                    "council",
                    "chamber",
                ]
                .contains(&w.as_str())
            })
        })
        .collect();
    let funder = bodies[random.below(bodies.len())].clone();
    let (amount, amount_truth) = forms::amount(random);
    let mut amounts = vec![amount_truth];
    let funders = vec![
        "European Regional Development Fund".to_owned(),
        // Printed after "and", "The University of Sheffield" is read without its article.
        funder.strip_prefix("The ").unwrap_or(&funder).to_owned(),
    ];
    let _ = write!(
        out,
        "Resources needed\n\nThe practice had a budget of {amount}, funded by the European Regional Development Fund and {funder}."
    );
    if random.below(3) == 0 {
        let (printed, truths) = forms::foreign_amount(random);
        let _ = write!(out, " Partners added {printed}.");
        amounts.extend(truths);
    }
    if random.below(4) == 0 {
        let thousands = random.below(90) + 10;
        let _ = write!(out, " Running it costs €{thousands},000 a year.");
        amounts.push(forms::AmountTruth::per_year(
            format!("{thousands}000"),
            "EUR",
        ));
    }
    let _ = writeln!(out, "\n");
    let _ = writeln!(
        out,
        "Evidence of success\n\n{}\n",
        words::paragraph(random, 3)
    );
    if random.below(2) == 0 {
        let _ = writeln!(
            out,
            "Difficulties encountered\n\n{}\n",
            words::paragraph(random, 2)
        );
    }
    let _ = writeln!(
        out,
        "Potential for learning or transfer\n\n{}\n",
        words::paragraph(random, 3)
    );
    let _ = writeln!(
        out,
        "Main institution:\n{}\n",
        orgs[random.below(orgs.len())]
    );
    let (place_text, place) = pools.places[random.below(pools.places.len())].printed(random);
    let _ = writeln!(out, "Location:\n{place_text}\n");
    // The same address is sometimes printed with capitals: still one person.
    let email = if random.below(5) == 0 {
        let mut chars = person.email.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        person.email.clone()
    };
    let block = forms::contact_block(random, &person.name, &person.organisation, &email);
    let _ = writeln!(out, "Contact:\n{block}\n");
    if random.below(6) != 0 {
        let _ = writeln!(
            out,
            "Website:\n<https://example.org/{}>\n",
            smarty_reference::slug::slug(title)
        );
    }
    let (dates, period) = forms::dates(random);
    let _ = writeln!(out, "Start - end date:\n{dates}\n");
    PracticeTruth {
        title: title.to_owned(),
        contact: (person.name.clone(), person.organisation.clone(), email),
        amounts,
        period,
        theme: 0,
        place,
        funders,
    }
}

/// What practices are made of: organisation names, places, the themes' names.
struct Pools<'a> {
    orgs: &'a [String],
    places: &'a [places::Place],
    themes: &'a [(String, String)],
}
