//! A shell session without a terminal: statements and dot-commands in, text out. The interactive
//! loop, the script runner and the tests all drive this one object.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::rc::Rc;
use std::time::{Duration, Instant};

use smarty_reference::Reference;
use smarty_store::{
    Canceller, KnowledgeGraph, NamedNode, ParamKind, ParamValue, QueryLibrary, QueryOptions,
    QueryOutcome, Term,
};

use crate::command::DotCommand;
use crate::error::ReplError;
use crate::format::{self, OutputFormat};
use crate::names::Names;
use crate::render::TableLayout;
use crate::statement::{self, Piece};
use crate::{interrupt, render};

/// How the session prints.
#[derive(Debug, Clone)]
pub struct Settings {
    pub format: OutputFormat,
    /// Rows of a table shown at most (0: all).
    pub max_rows: usize,
    /// Print each statement's time.
    pub timer: bool,
    /// Table width; `None` fits the terminal (or does not wrap when there is none).
    pub width: Option<u16>,
    pub timeout: Option<Duration>,
    /// Standard SPARQL ([`QueryOptions::strict`]).
    pub strict: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            format: OutputFormat::Table,
            max_rows: 100,
            timer: true,
            width: None,
            timeout: None,
            strict: false,
        }
    }
}

/// Whether the session goes on after a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Quit,
}

pub struct Session<'kg> {
    kg: &'kg KnowledgeGraph,
    /// A remote endpoint queries and networks are read from instead ([`Session::with_remote`]).
    remote: Option<&'kg dyn smarty_store::Answers>,
    reference: Reference,
    library: QueryLibrary,
    pub settings: Settings,
    prefixes: Vec<(String, String)>,
    /// Where results go when `.output FILE` is set.
    pub(crate) output: Option<(PathBuf, BufWriter<File>)>,
    /// Where messages go (row counts and times, "update applied", "exported …"); `None`: the
    /// screen. See [`Session::send_messages_to`].
    messages: Option<Box<dyn Write>>,
    /// Loaded on first use and dropped after each write, so a large store opens at once.
    names: std::cell::OnceCell<Rc<Names>>,
    /// Counts writes, so a completer holding its own copy of the names knows when to reload.
    generation: u64,
}

impl<'kg> Session<'kg> {
    pub fn new(kg: &'kg KnowledgeGraph, library: QueryLibrary) -> Result<Session<'kg>, ReplError> {
        let reference = Reference::bundled().map_err(|e| ReplError::Command(e.to_string()))?;
        Ok(Session {
            names: std::cell::OnceCell::new(),
            generation: 0,
            kg,
            remote: None,
            reference,
            library,
            settings: Settings::default(),
            prefixes: Vec::new(),
            output: None,
            messages: None,
        })
    }

    /// Sends messages to `w` instead of the screen, so that the screen (standard output of a
    /// script) holds only results: `… | smarty-kg > out.csv` is a CSV file.
    pub fn send_messages_to(&mut self, w: Box<dyn Write>) {
        self.messages = Some(w);
    }

    /// Where a message goes: the writer of [`Session::send_messages_to`], else `screen`.
    pub(crate) fn messages<'a>(&'a mut self, screen: &'a mut dyn Write) -> &'a mut dyn Write {
        match &mut self.messages {
            Some(w) => w.as_mut(),
            None => screen,
        }
    }

    /// The names of things and the vocabulary in use, loaded on first use.
    pub fn names(&self) -> Result<Rc<Names>, ReplError> {
        if let Some(names) = self.names.get() {
            return Ok(names.clone());
        }
        let names = match self.remote {
            Some(remote) => Names::load_things(remote)?,
            None => Names::load(self.kg)?,
        };
        let names = Rc::new(names);
        Ok(self.names.get_or_init(|| names).clone())
    }

    /// Forgets the names after a write; they are loaded again when next needed.
    pub(crate) fn names_changed(&mut self) {
        self.names = std::cell::OnceCell::new();
        self.generation += 1;
    }

    /// How many writes the session has made (see [`Session::names`]).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn knowledge_graph(&self) -> &'kg KnowledgeGraph {
        self.kg
    }

    /// The session reading a remote endpoint: queries, `.run`, `.stats`, `.contacts` and
    /// `.graph` are answered there; updates and the commands that need the store itself are
    /// refused.
    pub fn with_remote(mut self, remote: &'kg dyn smarty_store::Answers) -> Session<'kg> {
        self.remote = Some(remote);
        self
    }

    pub fn remote(&self) -> Option<&'kg dyn smarty_store::Answers> {
        self.remote
    }

    /// Where networks and shared contacts are read.
    pub fn source(&self) -> crate::networks::Source<'kg> {
        match self.remote {
            Some(remote) => crate::networks::Source::Remote(remote),
            None => crate::networks::Source::Store(self.kg),
        }
    }

    pub fn library(&self) -> &QueryLibrary {
        &self.library
    }

    pub(crate) fn reference(&self) -> &Reference {
        &self.reference
    }

    /// Declares (or redeclares) a prefix for the rest of the session.
    pub(crate) fn declare_prefix(&mut self, name: String, iri: String) {
        self.prefixes.retain(|(p, _)| *p != name);
        self.prefixes.push((name, iri));
    }

    /// Prefixes declared in this session (the predeclared ones come on top).
    pub fn session_prefixes(&self) -> &[(String, String)] {
        &self.prefixes
    }

    /// Runs one statement or dot-command. Results go to the `.output` file if one is set, else to
    /// `screen`; messages (row counts, times) go where [`Session::messages`] says.
    /// Runs what the input holds (see [`crate::statement`]): a statement without its `;`, a
    /// dot-command, or a statement and then the dot-command typed after it.
    pub fn execute(&mut self, input: &str, screen: &mut dyn Write) -> Result<Flow, ReplError> {
        for piece in statement::pieces(input) {
            match piece {
                Piece::Command(text) => {
                    let command: DotCommand = text.parse().map_err(ReplError::Command)?;
                    if command.execute(self, screen)? == Flow::Quit {
                        return Ok(Flow::Quit);
                    }
                }
                Piece::Statement(text) => self.statement(text, &[], screen)?,
            }
        }
        Ok(Flow::Continue)
    }

    pub(crate) fn options(
        &self,
        canceller: &Canceller,
        parameters: Vec<(String, Term)>,
    ) -> QueryOptions {
        QueryOptions {
            timeout: self.settings.timeout,
            canceller: Some(canceller.clone()),
            parameters,
            prefixes: self.prefixes.clone(),
            deadline: None,
            strict: self.settings.strict,
        }
    }

    /// A SPARQL query or update.
    pub(crate) fn statement(
        &mut self,
        text: &str,
        parameters: &[(String, Term)],
        screen: &mut dyn Write,
    ) -> Result<(), ReplError> {
        let canceller = Canceller::new();
        interrupt::watch(canceller.clone());
        let start = Instant::now();
        let options = self.options(&canceller, parameters.to_vec());
        let result = match (self.remote, is_update(text)) {
            (Some(_), true) => {
                interrupt::clear();
                return Err(ReplError::Command(
                    "this shell reads a remote endpoint and does not write to it (push copies the local store there)".into(),
                ));
            }
            (Some(remote), false) => remote.answer(text, &options).map(Some),
            (None, true) => self.kg.update(text, &options).map(|()| None),
            (None, false) => self.kg.query(text, &options).map(Some),
        };
        interrupt::clear();
        let elapsed = start.elapsed();
        let outcome = result.map_err(|e| ReplError::from_store(e, text))?;
        match outcome {
            None => {
                self.names_changed();
                let time = self.time(elapsed);
                writeln!(self.messages(screen), "update applied{time}")?;
            }
            Some(outcome) => self.print_outcome(&outcome, elapsed, screen)?,
        }
        Ok(())
    }

    fn time(&self, elapsed: Duration) -> String {
        if self.settings.timer {
            format!(" in {}", render::duration(elapsed))
        } else {
            String::new()
        }
    }

    fn print_outcome(
        &mut self,
        outcome: &QueryOutcome,
        elapsed: Duration,
        screen: &mut dyn Write,
    ) -> Result<(), ReplError> {
        let time = self.time(elapsed);
        let max_rows = self.settings.max_rows;
        let layout = TableLayout {
            width: self.settings.width,
            max_rows: (max_rows > 0).then_some(max_rows),
            max_cell: None,
        };
        let (out, place): (&mut dyn Write, String) = match &mut self.output {
            Some((path, file)) => (file, format!(" → {}", path.display())),
            None => (&mut *screen, String::new()),
        };
        let summary = format::write_outcome(outcome, self.settings.format, layout, &mut *out)?;
        out.flush()?;
        writeln!(self.messages(screen), "({summary}{time}){place}")?;
        Ok(())
    }

    /// An IRI, a prefixed name (session prefixes included), or the name of a practice,
    /// organisation, person, theme or place — read as a named query's IRI parameter is.
    pub fn resolve(&self, target: &str) -> Result<NamedNode, ReplError> {
        match ParamKind::Iri.read(target, &self.prefixes) {
            Ok(ParamValue::Term(Term::NamedNode(n))) => Ok(n),
            Ok(ParamValue::Name(name)) => self
                .names()?
                .resolve(&name)
                .map(|t| t.iri.clone())
                .map_err(ReplError::Command),
            Ok(ParamValue::Term(_)) | Err(_) => Err(ReplError::Command(format!(
                "'{}': expected {}",
                target.trim(),
                ParamKind::Iri.expected()
            ))),
        }
    }
}

/// Whether a statement is an update: its first keyword after prologue and comments.
fn is_update(text: &str) -> bool {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if rest.starts_with('#') {
            rest = rest.split_once('\n').map_or("", |(_, r)| r);
            continue;
        }
        let upper: String = rest
            .chars()
            .take(6)
            .collect::<String>()
            .to_ascii_uppercase();
        if upper.starts_with("PREFIX") || upper.starts_with("BASE") {
            // Skip the declaration: up to and including its <iri>.
            rest = rest.split_once('>').map_or("", |(_, r)| r);
            continue;
        }
        let word: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect::<String>()
            .to_ascii_uppercase();
        return !matches!(
            word.as_str(),
            "SELECT" | "ASK" | "CONSTRUCT" | "DESCRIBE" | ""
        );
    }
}

#[cfg(test)]
mod tests {
    use super::is_update;

    #[test]
    fn updates_are_told_from_queries() {
        assert!(!is_update("PREFIX ex: <http://e/> # c\nSELECT * {}"));
        assert!(!is_update("# comment\nask {}"));
        assert!(is_update("INSERT DATA { <a> <b> <c> }"));
        assert!(is_update(
            "PREFIX ex: <http://e/>\nDELETE WHERE { ?s ex:p ?o }"
        ));
    }
}
