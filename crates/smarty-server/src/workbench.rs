//! The web workbench at `/`: the bundle the build script embedded (an HTML shell, a script and a
//! stylesheet, all served from `/assets/`), whose pages have stable URLs (`/`, `/network`,
//! `/contacts`, `/search`, `/id/practice/…`). A build without npm embeds nothing, and `/` is a
//! plain page of routes that says how to get the workbench.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde_json::json;

use crate::html;
use crate::state::Shared;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/workbench.rs"));
}

/// What the shell's <main> and <title> hold before the script runs (see web/src/index.html).
const LOADING: &str = "<p class=\"loading\">Loading…</p>";
const TITLE: &str = "<title>smarty-kg workbench</title>";

/// The pages of the workbench (each answers with the same shell; the script draws the page).
pub const PAGES: [&str; 5] = ["/", "/query", "/network", "/contacts", "/search"];

/// Whether this build embeds the workbench.
pub fn is_embedded() -> bool {
    asset("index.html").is_some()
}

fn asset(name: &str) -> Option<&'static [u8]> {
    embedded::FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, bytes)| *bytes)
}

fn media_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        _ => "text/plain; charset=utf-8",
    }
}

/// A page of the workbench: the shell, or the plain page when none is embedded.
pub async fn page(State(state): State<Shared>) -> Response {
    shell().unwrap_or_else(|| {
        Html(fallback(state.config.public, state.config.read_write)).into_response()
    })
}

/// The workbench's HTML shell, if embedded.
pub fn shell() -> Option<Response> {
    shell_with(None)
}

/// The shell whose title and content are a page's until the script draws it: `(title, HTML)`.
pub fn shell_with(initial: Option<(&str, &str)>) -> Option<Response> {
    let bytes = asset("index.html")?;
    let body = match initial {
        None => bytes.to_vec(),
        Some((title, html)) => String::from_utf8_lossy(bytes)
            .replacen(LOADING, html, 1)
            .replacen(
                TITLE,
                &format!("<title>{} · smarty-kg</title>", html::escape(title)),
                1,
            )
            .into_bytes(),
    };
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(media_type("index.html")),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(header::VARY, HeaderValue::from_static("Accept"));
    Some(response)
}

/// `GET /assets/{file}`.
pub async fn file(Path(name): Path<String>) -> Response {
    match asset(&name).filter(|_| name != "index.html") {
        Some(bytes) => {
            let mut response = (StatusCode::OK, bytes).into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(media_type(&name)),
            );
            // The names do not change with the contents, so browsers ask again each time.
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            response
        }
        None => (StatusCode::NOT_FOUND, "no such asset\n").into_response(),
    }
}

/// `GET /api/config`: what the pages need to know about this server.
pub async fn config(State(state): State<Shared>) -> axum::Json<serde_json::Value> {
    axum::Json(json!({
        "public": state.config.public,
        "read_write": state.config.read_write,
        "max_rows": state.config.max_rows,
        "version": env!("CARGO_PKG_VERSION"),
    }))
}

/// The plain page of a build without the workbench: the routes, and how to get the workbench.
pub fn fallback(public: bool, read_write: bool) -> String {
    let note = "<p><strong>This build has no web workbench</strong> (query editor, network view, \
                practice pages). It is built when Node.js and npm are installed: install them \
                (on Debian or Ubuntu: <code>apt-get install nodejs npm</code>, or run \
                <code>scripts/setup.sh</code>), then rebuild with <code>cargo build</code>. \
                The services below work without it.</p>";
    html::index(public, read_write, note)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fallback page names what to install and how to rebuild, and still lists the routes.
    fn check(public: bool, expect: &[&str]) {
        let page = fallback(public, false);
        for text in expect {
            assert!(page.contains(text), "{text:?} missing from {page}");
        }
        assert!(
            !page.contains("<script"),
            "the fallback page needs no script"
        );
    }

    #[test]
    fn fallback_says_how_to_get_the_workbench() {
        check(
            false,
            &[
                "<title>smarty-kg</title>",
                "apt-get install nodejs npm",
                "cargo build",
                "/sparql",
            ],
        );
        check(
            true,
            &["Personal data (contact persons) is not served", "/queries"],
        );
    }

    #[test]
    fn the_shell_holds_the_markers_a_page_replaces() {
        if let Some(bytes) = asset("index.html") {
            let shell = String::from_utf8_lossy(bytes);
            assert!(shell.contains(LOADING) && shell.contains(TITLE), "{shell}");
        }
    }

    #[test]
    fn media_types_by_extension() {
        assert_eq!(media_type("app.js"), "text/javascript; charset=utf-8");
        assert_eq!(media_type("app.css"), "text/css; charset=utf-8");
        assert_eq!(media_type("index.html"), "text/html; charset=utf-8");
    }
}
