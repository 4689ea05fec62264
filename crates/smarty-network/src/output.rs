//! The formats a network is written in, and the one entry point that writes it
//! ([`Network::write`]): text for other tools (DOT, GraphML, GEXF, JSON, CSV) or a picture (SVG,
//! PNG, PDF).

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::NetworkError;
use crate::metrics::Metrics;
use crate::model::Network;
use crate::render::{ImageFormat, LayoutEngine, RenderOptions, Renderer};

/// What a network can be written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkFormat {
    Dot,
    Svg,
    Png,
    Pdf,
    Graphml,
    Gexf,
    Json,
    Csv,
}

impl NetworkFormat {
    /// Every format, in the order menus and messages list them.
    pub const ALL: [NetworkFormat; 8] = [
        NetworkFormat::Dot,
        NetworkFormat::Svg,
        NetworkFormat::Png,
        NetworkFormat::Pdf,
        NetworkFormat::Graphml,
        NetworkFormat::Gexf,
        NetworkFormat::Json,
        NetworkFormat::Csv,
    ];

    /// The names of [`NetworkFormat::ALL`], as given on command lines.
    pub const NAMES: [&'static str; 8] =
        ["dot", "svg", "png", "pdf", "graphml", "gexf", "json", "csv"];

    pub fn as_str(self) -> &'static str {
        match self {
            NetworkFormat::Dot => "dot",
            NetworkFormat::Svg => "svg",
            NetworkFormat::Png => "png",
            NetworkFormat::Pdf => "pdf",
            NetworkFormat::Graphml => "graphml",
            NetworkFormat::Gexf => "gexf",
            NetworkFormat::Json => "json",
            NetworkFormat::Csv => "csv",
        }
    }

    /// The format a file name asks for, by its extension (`.gv` is DOT too).
    pub fn from_path(path: &Path) -> Option<NetworkFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "gv" => Some(NetworkFormat::Dot),
            other => other.parse().ok(),
        }
    }

    /// A drawing (SVG, PNG or PDF) rather than the network's data.
    pub fn is_picture(self) -> bool {
        self.image().is_some()
    }

    /// Bytes that are not text (a terminal shows them as garbage).
    pub fn is_binary(self) -> bool {
        matches!(self, NetworkFormat::Png | NetworkFormat::Pdf)
    }

    /// The image format of a picture.
    pub fn image(self) -> Option<ImageFormat> {
        match self {
            NetworkFormat::Svg => Some(ImageFormat::Svg),
            NetworkFormat::Png => Some(ImageFormat::Png),
            NetworkFormat::Pdf => Some(ImageFormat::Pdf),
            _ => None,
        }
    }
}

impl fmt::Display for NetworkFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for NetworkFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        NetworkFormat::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown format '{s}'; one of: {}",
                    NetworkFormat::NAMES.join(" ")
                )
            })
    }
}

/// A network written out: the bytes, and for pictures who drew them and anything the user
/// should know (a layout chosen for size, a fallback).
#[derive(Debug, Clone)]
pub struct Written {
    pub bytes: Vec<u8>,
    /// Pictures: "graphviz neato", "built-in layout (layout-rs)".
    pub renderer: Option<String>,
    pub notes: Vec<String>,
}

impl Network {
    /// The network in `format`. `layout` and `renderer` only matter for pictures (see
    /// [`Network::render`]).
    pub fn write(
        &self,
        format: NetworkFormat,
        layout: Option<LayoutEngine>,
        renderer: Renderer,
    ) -> Result<Written, NetworkError> {
        self.write_measured(format, layout, renderer, None)
    }

    /// [`Network::write`] with the network's metrics when the caller has computed them already
    /// (`graph --metrics -o FILE` prints them and writes them): betweenness is the costly part.
    pub fn write_measured(
        &self,
        format: NetworkFormat,
        layout: Option<LayoutEngine>,
        renderer: Renderer,
        known: Option<&Metrics>,
    ) -> Result<Written, NetworkError> {
        let measured = |write: fn(&Network, &Metrics) -> String| match known {
            Some(m) => write(self, m),
            None => write(self, &crate::metrics(self)),
        };
        let text = match format {
            NetworkFormat::Dot => {
                self.to_dot_with(layout.unwrap_or_else(|| LayoutEngine::default_for(self)))
            }
            NetworkFormat::Graphml => measured(Network::graphml_with),
            NetworkFormat::Gexf => measured(Network::gexf_with),
            NetworkFormat::Json => measured(Network::json_with),
            NetworkFormat::Csv => self.to_csv(),
            NetworkFormat::Svg => return self.picture(ImageFormat::Svg, layout, renderer),
            NetworkFormat::Png => return self.picture(ImageFormat::Png, layout, renderer),
            NetworkFormat::Pdf => return self.picture(ImageFormat::Pdf, layout, renderer),
        };
        Ok(Written {
            bytes: text.into_bytes(),
            renderer: None,
            notes: Vec::new(),
        })
    }

    fn picture(
        &self,
        format: ImageFormat,
        layout: Option<LayoutEngine>,
        renderer: Renderer,
    ) -> Result<Written, NetworkError> {
        let rendered = self.render(&RenderOptions {
            format,
            layout,
            renderer,
        })?;
        Ok(Written {
            bytes: rendered.bytes,
            renderer: Some(rendered.renderer),
            notes: rendered.notes,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::NetworkFormat;

    #[test]
    fn names_and_extensions() {
        for f in NetworkFormat::ALL {
            assert_eq!(f.as_str().parse::<NetworkFormat>(), Ok(f));
        }
        assert_eq!(
            NetworkFormat::NAMES.to_vec(),
            NetworkFormat::ALL.map(NetworkFormat::as_str).to_vec()
        );
        let from = |p: &str| NetworkFormat::from_path(Path::new(p));
        assert_eq!(from("net.GV"), Some(NetworkFormat::Dot));
        assert_eq!(from("net.Graphml"), Some(NetworkFormat::Graphml));
        assert_eq!(from("net.txt"), None);
        assert_eq!(from("net"), None);
        assert_eq!(
            "jpeg".parse::<NetworkFormat>(),
            Err("unknown format 'jpeg'; one of: dot svg png pdf graphml gexf json csv".to_owned())
        );
    }
}
