//! Named-query parameters bound alike by `query --name Q -p NAME=VALUE` and the shell's
//! `.run Q NAME=VALUE`: the same rows whichever way a value names its thing (IRI, prefixed name,
//! label, code, a theme's number), the same error for a mistake.

use super::Kg;
use crate::support::smarty;

/// The CSV the command line prints, or its error message.
fn cli(kg: &Kg, query: &str, params: &[&str]) -> Result<String, String> {
    let mut cmd = smarty(&kg.0);
    cmd.args([
        "--store", "store", "query", "--format", "csv", "--name", query,
    ]);
    for p in params {
        cmd.args(["-p", p]);
    }
    let out = cmd.output().unwrap();
    if out.status.success() {
        return Ok(String::from_utf8(out.stdout).unwrap());
    }
    assert_eq!(out.status.code(), Some(2), "{query} {params:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    Err(stderr
        .trim_end()
        .trim_start_matches("smarty-kg: ")
        .to_owned())
}

/// The CSV the shell prints for `.run`, or its error message.
fn shell(kg: &Kg, query: &str, params: &[&str]) -> Result<String, String> {
    let script = format!(".format csv\n.run {query} {}\n", params.join(" "));
    let out = smarty(&kg.0)
        .args(["--store", "store"])
        .write_stdin(script)
        .output()
        .unwrap();
    if out.status.success() {
        return Ok(String::from_utf8(out.stdout).unwrap());
    }
    assert_eq!(out.status.code(), Some(2), "{query} {params:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    Err(stderr
        .trim_end()
        .trim_start_matches("smarty-kg: stdin:2: ")
        .to_owned())
}

/// Both give the same answer: `Ok(rows)` or an error saying `Err(message)`.
fn check(kg: &Kg, query: &str, params: &[&str], expect: Result<usize, &str>) {
    let got = cli(kg, query, params);
    assert_eq!(
        got,
        shell(kg, query, params),
        "{query} {params:?}: the command line and the shell differ"
    );
    match (got, expect) {
        (Ok(csv), Ok(rows)) => assert_eq!(csv.lines().count(), rows + 1, "{query} {params:?}"),
        (Err(e), Err(says)) => assert!(e.contains(says), "{query} {params:?}: {e}"),
        (got, expect) => panic!("{query} {params:?}: got {got:?}, expected {expect:?}"),
    }
}

#[test]
fn the_command_line_and_the_shell_bind_alike() {
    let kg = Kg::ingest();
    let theme = "practices-by-theme";
    for value in [
        "theme=2",
        "theme=theme:digital-innovation-hubs",
        "theme=<https://w3id.org/smarty-kg/id/theme/digital-innovation-hubs>",
        "theme=digital-innovation-hubs",
        "theme=\"Digital Innovation Hubs\"",
        "?theme=\"digital innovation hubs\"",
    ] {
        check(&kg, theme, &[value], Ok(7));
    }
    for value in [
        "region=Toscana",
        "region=Tuscany",
        "region=ITI1",
        "region=nuts:ITI1",
    ] {
        check(&kg, "practices-by-region", &[value], Ok(5));
    }
    // "United Kingdom" is also a NUTS region: the parameter's name says which is meant.
    check(
        &kg,
        "practices-by-country",
        &["country=\"United Kingdom\""],
        Ok(5),
    );
    check(&kg, "practices-by-country", &["country=FIN"], Ok(2));
    // IoT, audit services, AMRC, 3M BIC, and DIH Slovenia and FrostBit, named outside Resources.
    check(&kg, "erdf-or-esf-funded-practices", &["fund=ERDF"], Ok(6));
    check(
        &kg,
        "funding-amounts",
        &["practice=\"Access Innovation\""],
        Ok(1),
    );
    check(&kg, "timeline", &["year=2019"], Ok(18));
    check(&kg, "search", &["term=blockchain"], Ok(10));

    check(
        &kg,
        theme,
        &["thme=2"],
        Err("practices-by-theme has no parameter 'thme'; it takes: theme (iri, optional)"),
    );
    check(&kg, theme, &["theme=9"], Err("no theme is called '9'"));
    check(
        &kg,
        theme,
        &["theme=2", "theme=3"],
        Err("parameter 'theme' is given twice"),
    );
    check(
        &kg,
        "funding-amounts",
        &["practice=Prato"],
        Err("no practice is called 'Prato'"),
    );
    check(
        &kg,
        "timeline",
        &["year=2019-07"],
        Err("year=2019-07: expected an integer"),
    );
    check(
        &kg,
        "themes",
        &["theme=2"],
        Err("themes has no parameter 'theme'; it takes no parameters"),
    );
    check(&kg, "search", &[], Err("search needs the parameter 'term'"));
}
