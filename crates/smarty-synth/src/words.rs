//! Vocabulary for synthetic guides: plausible titles, names, organisations and prose.

use crate::random::Random;

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const TOPICS: &[&str] = &[
    "Digital",
    "Smart",
    "Green",
    "Circular",
    "Advanced",
    "Regional",
    "Cooperative",
    "Open",
    "Sustainable",
    "Data-driven",
    "Industrial",
    "Creative",
    "Rural",
    "Coastal",
    "Urban",
];
const THINGS: &[&str] = &[
    "Manufacturing",
    "Innovation",
    "Skills",
    "Logistics",
    "Textiles",
    "Robotics",
    "Energy",
    "Mobility",
    "Agrifood",
    "Tourism",
    "Health",
    "Construction",
    "Forestry",
    "Mining",
    "Software",
];
const FORMS: &[&str] = &[
    "Platform",
    "Hub",
    "Programme",
    "Network",
    "Cluster",
    "Academy",
    "Voucher Scheme",
    "Lab",
    "Partnership",
    "Alliance",
    "Observatory",
    "Accelerator",
];
const FIRST: &[&str] = &[
    "Ana",
    "Marta",
    "Jan",
    "Pieter",
    "Laura",
    "Tomás",
    "Eva",
    "Jukka",
    "Agnieszka",
    "Luca",
    "Sofia",
    "Miha",
    "Oliver",
    "Chloé",
    "Mateo",
    "Päivi",
    "Núria",
    "Henrik",
    "Zofia",
    "Giulia",
];
const LAST: &[&str] = &[
    "García",
    "Novak",
    "Kowalski",
    "Rossi",
    "Virtanen",
    "Smith",
    "Müller",
    "Horvat",
    "López",
    "Bianchi",
    "Korhonen",
    "Nowak",
    "Jones",
    "Kranjc",
    "Puig",
    "Ferrari",
    "Lehtonen",
    "Wiśniewska",
];
const ORG_HEADS: &[&str] = &[
    "Institute",
    "Agency",
    "Foundation",
    "University",
    "Council",
    "Chamber of Commerce",
    "Technology Centre",
    "Development Agency",
    "Cluster",
    "Municipality",
];
const PLACES: &[&str] = &[
    "Northland",
    "Riverside",
    "Eastvale",
    "Westmoor",
    "Highlands",
    "Lakeshore",
    "Southport",
    "Midlands",
    "Baywater",
    "Hillcrest",
    "Stonebridge",
    "Greenfield",
];
const NOUNS: &[&str] = &[
    "companies",
    "SMEs",
    "universities",
    "research centres",
    "regional authorities",
    "clusters",
    "start-ups",
    "training providers",
    "investors",
    "municipalities",
];
const VERBS: &[&str] = &[
    "supports",
    "connects",
    "trains",
    "funds",
    "advises",
    "brings together",
    "helps",
    "accompanies",
    "evaluates",
    "promotes",
];
const AIMS: &[&str] = &[
    "to adopt digital technologies",
    "to share equipment and know-how",
    "to reduce their carbon footprint",
    "to develop new products",
    "to reach international markets",
    "to find skilled staff",
    "to test prototypes",
    "to improve their processes",
];

pub fn title(random: &mut Random, i: usize) -> String {
    let base = format!(
        "{} {} {} {}",
        random.pick(TOPICS),
        random.pick(THINGS),
        random.pick(FORMS),
        i + 1
    );
    match random.below(6) {
        0 => format!("{base} - {} for {}", random.pick(FORMS), random.pick(NOUNS)),
        1 => format!("{base}: a {} approach", random.pick(TOPICS).to_lowercase()),
        _ => base,
    }
}

pub fn theme(t: usize) -> (String, String) {
    let short = format!(
        "{} {} and {}",
        TOPICS[t % TOPICS.len()],
        THINGS[(t * 3) % THINGS.len()],
        THINGS[(t * 7 + 1) % THINGS.len()]
    );
    (short, format!("supporting SMEs in theme {}", t + 1))
}

pub fn person(random: &mut Random, i: usize) -> String {
    let _ = i;
    format!("{} {}", random.pick(FIRST), random.pick(LAST))
}

/// An ASCII e-mail local part unique to person `i`.
pub fn ascii_email_local(name: &str, i: usize) -> String {
    let ascii: String = smarty_reference::slug::slug(name).replace('-', ".");
    format!("{ascii}.{i}")
}

pub fn domain(random: &mut Random) -> String {
    format!("{}.example", random.pick(PLACES).to_lowercase())
}

pub fn organisation(random: &mut Random) -> String {
    format!(
        "{} {} of {}",
        random.pick(TOPICS),
        random.pick(ORG_HEADS),
        random.pick(PLACES)
    )
}

pub fn clause(random: &mut Random) -> String {
    format!(
        "It {} {} {}",
        random.pick(VERBS),
        random.pick(NOUNS),
        random.pick(AIMS)
    )
}

pub fn sentence(random: &mut Random, title: &str) -> String {
    format!(
        "{title} {} {} {}.",
        random.pick(VERBS),
        random.pick(NOUNS),
        random.pick(AIMS)
    )
}

pub fn paragraph(random: &mut Random, sentences: usize) -> String {
    (0..sentences)
        .map(|_| format!("{}.", clause(random)))
        .collect::<Vec<_>>()
        .join(" ")
}
