//! End-to-end tests: the real `smarty-kg` binary on the bundled guide and on bad input.
// Test and bench helpers outside #[test] functions state their expectations with unwrap too.
#![allow(clippy::unwrap_used)]

mod bad_input;
mod diff;
mod exit_codes;
mod extract;
mod http;
mod knowledge_graph;
mod networks;
mod outputs;
mod pty;
mod queries;
mod serve;
mod serve_lifecycle;
mod shell;
mod store;
mod strict;
mod support;
