//! The one rustyline `Helper`: completion, history hints, highlighting, and validation (Enter
//! runs the input when [`crate::statement::ready`] says it ends there, as a script's line would).

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Helper};
use smarty_store::KnowledgeGraph;

use crate::complete::{self, Choice};
use crate::highlight;
use crate::names::Names;
use crate::statement;

/// What the helper needs from the session, refreshed before each prompt.
#[derive(Default)]
pub struct HelperState {
    pub prefixes: Vec<String>,
    pub session_prefixes: Vec<(String, String)>,
    pub queries: Vec<(String, Vec<String>)>,
    /// The session's write count: when it changes, the names are loaded again.
    pub generation: u64,
}

pub struct ReplHelper<'kg> {
    pub state: HelperState,
    kg: &'kg KnowledgeGraph,
    /// Loaded at the first Tab, not before the first prompt: a large store opens at once.
    names: RefCell<Option<(u64, Rc<Names>)>>,
    hinter: HistoryHinter,
    /// Colours only on a colour terminal.
    colour: bool,
}

impl<'kg> ReplHelper<'kg> {
    pub fn new(kg: &'kg KnowledgeGraph, colour: bool) -> ReplHelper<'kg> {
        ReplHelper {
            state: HelperState::default(),
            kg,
            names: RefCell::new(None),
            hinter: HistoryHinter::new(),
            colour,
        }
    }

    fn names(&self) -> Rc<Names> {
        let mut cached = self.names.borrow_mut();
        match &*cached {
            Some((generation, names)) if *generation == self.state.generation => names.clone(),
            _ => {
                // A store that cannot be read still completes keywords and prefixes.
                let names = Rc::new(Names::load(self.kg).unwrap_or_default());
                *cached = Some((self.state.generation, names.clone()));
                names
            }
        }
    }
}

impl Helper for ReplHelper<'_> {}

impl Completer for ReplHelper<'_> {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let names = self.names();
        let cx = complete::Context {
            names: &names,
            prefixes: self.state.prefixes.clone(),
            queries: self.state.queries.clone(),
        };
        let (start, choices) = complete::complete(line, pos, &cx);
        Ok((
            start,
            choices
                .into_iter()
                .map(
                    |Choice {
                         display,
                         replacement,
                     }| Pair {
                        display,
                        replacement,
                    },
                )
                .collect(),
        ))
    }
}

impl Hinter for ReplHelper<'_> {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        self.hinter.hint(line, pos, ctx)
    }
}

impl Highlighter for ReplHelper<'_> {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if self.colour {
            Cow::Owned(highlight::highlight(line))
        } else {
            Cow::Borrowed(line)
        }
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.colour {
            Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
        } else {
            Cow::Borrowed(hint)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        self.colour
    }
}

impl Validator for ReplHelper<'_> {
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        Ok(if statement::ready(ctx.input()) {
            ValidationResult::Valid(None)
        } else {
            ValidationResult::Incomplete
        })
    }
}
