//! The interactive SPARQL shell, and the rendering of results it shares with the CLI.

pub mod render;
