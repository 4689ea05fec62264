//! Whole answers from a remote store: read in pages where the server cuts them, and finished
//! here where the server cannot compute them.
//!
//! What is done where, in one place:
//! - an answer is asked for as the query is written;
//! - cut at the server's row limit, it is read again in pages sorted by the query's order;
//! - where the server will not sort that far (Virtuoso's `MaxSortedTopRows`), the pages are
//!   read in its own order and sorted here; for a `SELECT DISTINCT` the server gives only the
//!   distinct rows and the sort keys are computed here ([`Cut::Distinct`]);
//! - where the server refuses a grouped query (a value it cannot hold: a `GROUP_CONCAT` of
//!   thousands of titles on Virtuoso), it gives the rows to group and the grouping is done here
//!   ([`Cut::Group`]), and a note says so.

use smarty_store::{
    AnswerForm, Answers, Cut, Portable, QueryOptions, QueryOutcome, SolutionTable, StoreError,
};

use crate::RemoteError;
use crate::endpoint::{Answer, Endpoint, Row};

impl Endpoint {
    /// Runs a query and reads its whole answer, in pages when the server cuts it.
    pub(crate) fn select_all(&self, query: &Portable) -> Result<QueryOutcome, RemoteError> {
        let accept = match query.form() {
            AnswerForm::Graph => {
                "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8"
            }
            _ => "application/sparql-results+json, application/sparql-results+xml;q=0.9",
        };
        let variables = query.variables();
        let first = self.query_request(&query.text(), accept)?;
        let Some(cap) = first.max_rows else {
            return self.outcome(&first, query.form(), &variables);
        };
        let outcome = self.outcome(&first, query.form(), &variables)?;
        let QueryOutcome::Solutions(mut table) = outcome else {
            return Ok(outcome);
        };
        if table.rows.len() < cap {
            return Ok(QueryOutcome::Solutions(table));
        }
        let Some(_) = query.page(0, cap, true) else {
            return Err(self.error(format!(
                "the server cut the answer at {cap} rows (its own limit) and a query with a LIMIT or OFFSET of its own cannot be read in pages; lower its LIMIT to {cap} or raise the server's limit"
            )));
        };
        table.rows.clear();
        if !self.unsorted_pages.get() {
            match self.pages(query, accept, cap, true) {
                Ok((rows, pages)) => {
                    table.rows = rows;
                    self.paged_note(cap, table.rows.len(), pages, "");
                    return Ok(QueryOutcome::Solutions(table));
                }
                // Virtuoso sorts at most 10,000 rows for a page (MaxSortedTopRows): read the
                // pages again in its own order, from the start, and sort them here.
                Err(_) => self.unsorted_pages.set(true),
            }
        }
        let (unsorted, order) = query.without_order();
        let (read, pages) = match unsorted.split(Cut::Distinct) {
            // The server hashes the distinct rows it gives; sort keys computed after them it
            // refuses to (Virtuoso: "SR445 not suitable for use in a hash index").
            Some((distinct, here)) => {
                let (rows, pages) = self.pages(&distinct, accept, cap, false)?;
                let table = SolutionTable {
                    variables: distinct.variables(),
                    rows,
                };
                (
                    here.finish(table).map_err(|e| self.error(e.to_string()))?,
                    pages,
                )
            }
            None => {
                let (rows, pages) = self.pages(&unsorted, accept, cap, false)?;
                let variables = unsorted.variables();
                (
                    QueryOutcome::Solutions(SolutionTable { variables, rows }),
                    pages,
                )
            }
        };
        let (outcome, how) = match order {
            Some(order) => (order.apply(read), " (unsorted there: sorted here)"),
            None => (read, " (in the server's own order)"),
        };
        let QueryOutcome::Solutions(mut sorted) = outcome else {
            return Ok(outcome);
        };
        sorted.variables = table.variables;
        self.paged_note(cap, sorted.rows.len(), pages, how);
        Ok(QueryOutcome::Solutions(sorted))
    }

    /// Every page of a query, `cap` rows each: its rows and how many pages it took.
    fn pages(
        &self,
        query: &Portable,
        accept: &str,
        cap: usize,
        sorted: bool,
    ) -> Result<(Vec<Row>, usize), RemoteError> {
        let variables = query.variables();
        let mut rows = Vec::new();
        let mut pages = 0;
        loop {
            let text = query.page(rows.len(), cap, sorted).unwrap_or_default();
            let page = self.query_request(&text, accept)?;
            let QueryOutcome::Solutions(part) = self.outcome(&page, query.form(), &variables)?
            else {
                break;
            };
            pages += 1;
            let full = part.rows.len() >= cap;
            rows.extend(part.rows);
            if !full {
                break;
            }
        }
        Ok((rows, pages))
    }

    /// A grouped query the server answered with an error of its own (5xx), grouped here from
    /// the rows it finds; any other failure, or a query that cannot be cut there, is `refused`.
    fn grouped_here(
        &self,
        query: &Portable,
        refused: RemoteError,
    ) -> Result<QueryOutcome, RemoteError> {
        let RemoteError::Server { message, .. } = &refused else {
            return Err(refused);
        };
        let Some((rows, here)) = query.split(Cut::Group) else {
            return Err(refused);
        };
        let QueryOutcome::Solutions(table) = self.select_all(&rows)? else {
            return Err(refused);
        };
        // The server's reason, without the query text Virtuoso appends to it.
        let reason = message.split(" SPARQL query:").next().unwrap_or_default();
        let reason: String = reason.chars().take(160).collect();
        self.note(format!(
            "{} could not group this answer ({reason}); it was grouped here from the {} rows found there",
            self.config.url,
            table.rows.len()
        ));
        here.finish(table).map_err(|e| self.error(e.to_string()))
    }

    fn paged_note(&self, cap: usize, rows: usize, pages: usize, how: &str) {
        self.note(format!(
            "{} cuts answers at {cap} rows; read {rows} rows in {pages} pages{how}",
            self.config.url
        ));
    }

    fn outcome(
        &self,
        answer: &Answer,
        form: AnswerForm,
        variables: &[String],
    ) -> Result<QueryOutcome, RemoteError> {
        smarty_store::read_results(&answer.body, &answer.media_type, form, variables)
            .map(crate::normalise::outcome)
            .map_err(|e| self.error(e.to_string()))
    }
}

impl Answers for Endpoint {
    fn answer(&self, text: &str, options: &QueryOptions) -> Result<QueryOutcome, StoreError> {
        options.check_cancelled()?;
        // A mistake in the query is reported before anything is sent.
        let query = Portable::new(text, options, None)?;
        let query = match self.dataset().map_err(RemoteError::into_store)? {
            Some(graphs) => query.within(&graphs),
            None => query,
        };
        let outcome = self
            .select_all(&query)
            .or_else(|refused| self.grouped_here(&query, refused))
            .map_err(RemoteError::into_store)?;
        Ok(if options.strict {
            outcome
        } else {
            query.settle(outcome)
        })
    }
}
