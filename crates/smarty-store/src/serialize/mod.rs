//! The one writer of RDF documents (exports, CONSTRUCT and DESCRIBE answers, the server's graphs):
//! statements in, a document out, declaring exactly the predeclared prefixes it uses, in prefix
//! order. oxigraph's serialisers write Turtle, TriG and RDF/XML; JSON-LD is compacted here
//! (`jsonld.rs`), since oxjsonld writes only the expanded form.

mod jsonld;

use std::io::{self, Write};

use oxigraph::io::{RdfSerializer, WriterQuadSerializer};
use oxigraph::model::{QuadRef, TripleRef};
use smarty_rdf::prefixes::PrefixUse;

use crate::{GraphFormat, StoreError};

/// A document being written. Statements go in the order they should appear (sorted, for
/// byte-identical output); for formats without graphs, use [`GraphWriter::write_triple`].
pub(crate) struct GraphWriter<W: Write> {
    inner: Inner<W>,
    format: GraphFormat,
}

enum Inner<W: Write> {
    Oxigraph(Box<WriterQuadSerializer<SortedPrefixLines<W>>>),
    JsonLd(jsonld::CompactJsonLd<W>),
}

impl<W: Write> GraphWriter<W> {
    /// `used`: the prefixes the statements will use (see [`PrefixUse`]); `expanded` writes
    /// JSON-LD in expanded form (no `@context`).
    pub fn new(
        format: GraphFormat,
        used: PrefixUse,
        expanded: bool,
        out: W,
    ) -> Result<Self, StoreError> {
        let inner = if format == GraphFormat::JsonLd && !expanded {
            Inner::JsonLd(jsonld::CompactJsonLd::new(out, used, format.keeps_graphs()))
        } else {
            let mut serializer = RdfSerializer::from_format(format.to_oxigraph());
            if format != GraphFormat::JsonLd {
                for (prefix, ns) in used.used() {
                    serializer = serializer
                        .with_prefix(prefix, ns)
                        .map_err(|e| StoreError::Storage(e.to_string()))?;
                }
            }
            let sorts = matches!(format, GraphFormat::Turtle | GraphFormat::TriG);
            Inner::Oxigraph(Box::new(
                serializer.for_writer(SortedPrefixLines::new(out, sorts)),
            ))
        };
        Ok(GraphWriter { inner, format })
    }

    pub fn write_quad(&mut self, quad: QuadRef<'_>) -> io::Result<()> {
        match &mut self.inner {
            Inner::Oxigraph(w) => w.serialize_quad(quad),
            Inner::JsonLd(w) => w.write(quad),
        }
    }

    pub fn write_triple(&mut self, triple: TripleRef<'_>) -> io::Result<()> {
        match &mut self.inner {
            Inner::Oxigraph(w) => w.serialize_triple(triple),
            Inner::JsonLd(w) => {
                w.write(triple.in_graph(oxigraph::model::GraphNameRef::DefaultGraph))
            }
        }
    }

    /// Ends the document (with a final line break, like every text output).
    pub fn finish(self) -> io::Result<W> {
        let mut out = match self.inner {
            Inner::Oxigraph(w) => w.finish()?.finish()?,
            Inner::JsonLd(w) => return w.finish(),
        };
        if self.format.needs_final_newline() {
            out.write_all(b"\n")?;
        }
        out.flush()?;
        Ok(out)
    }
}

/// Puts the `@prefix` lines Turtle and TriG begin with in prefix order. oxttl writes them
/// longest namespace first (the order it tries them in when abbreviating); a reader looks a
/// prefix up by name. The lines are held until the first other line, then written sorted; the
/// rest passes through.
struct SortedPrefixLines<W: Write> {
    out: W,
    /// `None` once the prologue is written.
    pending: Option<Vec<u8>>,
}

impl<W: Write> SortedPrefixLines<W> {
    /// `sorts`: whether the format begins with `@prefix` lines (else everything passes through).
    fn new(out: W, sorts: bool) -> Self {
        SortedPrefixLines {
            out,
            pending: sorts.then(Vec::new),
        }
    }

    /// Writes the prologue if the buffer holds a line that is not a prefix line (or `end`).
    fn settle(&mut self, end: bool) -> io::Result<()> {
        let Some(buffer) = &self.pending else {
            return Ok(());
        };
        let mut prefix_lines = Vec::new();
        let mut rest_at = None;
        let mut start = 0;
        while let Some(len) = buffer[start..].iter().position(|b| *b == b'\n') {
            let line = &buffer[start..=start + len];
            if !line.starts_with(b"@prefix ") {
                rest_at = Some(start);
                break;
            }
            prefix_lines.push(line);
            start += len + 1;
        }
        let rest_at = match rest_at {
            Some(at) => at,
            None if end => start,
            None => return Ok(()),
        };
        prefix_lines.sort();
        for line in prefix_lines {
            self.out.write_all(line)?;
        }
        self.out.write_all(&buffer[rest_at..])?;
        self.pending = None;
        Ok(())
    }

    fn finish(mut self) -> io::Result<W> {
        self.settle(true)?;
        Ok(self.out)
    }
}

impl<W: Write> Write for SortedPrefixLines<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match &mut self.pending {
            Some(buffer) => {
                buffer.extend_from_slice(bytes);
                // Only a completed line can end the prologue.
                if bytes.contains(&b'\n') {
                    self.settle(false)?;
                }
                Ok(bytes.len())
            }
            None => self.out.write(bytes),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        // The prologue is complete only when a statement follows it: flushing mid-prologue
        // would write it unsorted.
        if self.pending.is_none() {
            self.out.flush()?;
        }
        Ok(())
    }
}
