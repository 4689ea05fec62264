//! `smarty-kg stats`.

use smarty_repl::render::thousands;

use crate::cli::StoreArgs;
use crate::exit::Status;

pub fn run(store_args: &StoreArgs) -> anyhow::Result<Status> {
    let kg = super::store::open(store_args)?;
    let s = kg.stats()?;
    println!("statements      {}", thousands(s.quads));
    println!(
        "named graphs    {} ({} with personal data)",
        thousands(s.named_graphs),
        s.personal_graphs
    );
    for (doc, version) in &s.documents {
        println!("document        {doc} (version {version})");
    }
    println!("classes");
    for (class, count) in &s.classes {
        let name = smarty_rdf::vocab::compact(class).unwrap_or_else(|| format!("<{class}>"));
        println!("  {count:>6}  {name}");
    }
    Ok(Status::Success)
}
