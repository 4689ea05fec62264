//! `smarty-kg push URL`: the store's graphs copied into a remote SPARQL store.

use smarty_remote::{PushOptions, PushReport};

use super::UsageError;
use crate::cli::{PushArgs, StoreArgs};
use crate::exit::Status;

pub fn run(store_args: &StoreArgs, args: &PushArgs) -> anyhow::Result<Status> {
    let url = args
        .url
        .clone()
        .or_else(|| store_args.endpoint.clone())
        .ok_or_else(|| UsageError("push needs the remote endpoint's URL".into()))?;
    let mut endpoint = super::reader::endpoint(store_args, &url)?;
    if let Some(update) = &args.update_endpoint {
        endpoint = endpoint.with_update_url(update);
    }
    let public = args.public || (!is_loopback(&url) && !args.allow_personal_data);
    let local = StoreArgs {
        endpoint: None,
        ..store_args.clone()
    };
    let kg = super::store::open(&local, super::store::Access::Read)?;
    if public && !args.public {
        eprintln!(
            "pushing only public data: {url} is not on this machine (--allow-personal-data pushes contact persons too)"
        );
    }
    let bar = indicatif::ProgressBar::new(0).with_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} graphs {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let options = PushOptions {
        graph_store: args.graph_store.clone(),
        public,
    };
    let report = smarty_remote::push(&kg, &endpoint, &options, &mut |p| {
        bar.set_length(p.of as u64);
        bar.set_position(p.done as u64);
    })?;
    bar.finish_and_clear();
    super::reader::report(&endpoint);
    summarise(&report, &url);
    if report.differ.is_empty() {
        Ok(Status::Success)
    } else {
        Ok(Status::NothingFound)
    }
}

fn summarise(report: &PushReport, url: &str) {
    let statements: usize = report.sent.iter().map(|(_, n)| n).sum();
    eprintln!(
        "pushed {} graphs ({statements} statements) to {url} by {}; {} unchanged, {} dropped",
        report.sent.len(),
        report.method,
        report.unchanged.len(),
        report.dropped.len()
    );
    for graph in &report.dropped {
        eprintln!("  dropped <{graph}> (no longer in the local store)");
    }
    for (graph, local, remote) in &report.differ {
        eprintln!("  <{graph}>: {local} statements here, {remote} on the server");
    }
    if report.differ.is_empty() {
        eprintln!("verified: every graph holds as many statements there as here");
    }
}

/// Whether the URL's host is this machine: only then may contact persons go without
/// `--allow-personal-data`.
fn is_loopback(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(inner) = host_port.strip_prefix('[') {
        inner.split(']').next().unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_this_machine_is_loopback() {
        for (url, expect) in [
            ("http://127.0.0.1:8890/sparql", true),
            ("http://localhost/sparql", true),
            ("http://[::1]:7878/sparql", true),
            ("http://user:pw@127.0.0.2/sparql", true),
            ("https://dbpedia.org/sparql", false),
            ("http://10.0.0.1/sparql", false),
            ("http://127.0.0.1.example.org/sparql", false),
        ] {
            assert_eq!(super::is_loopback(url), expect, "{url}");
        }
    }
}
