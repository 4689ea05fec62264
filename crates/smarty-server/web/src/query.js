// The query page: a SPARQL editor (YASQE: highlighting, completion of the prefixes and of this
// store's own terms), the named-query library as one-click examples with their parameters as
// form fields, and the results (YASR: a sortable table) with CSV and JSON downloads.
import Yasqe from "@zazuko/yasqe";
import Yasr from "@zazuko/yasr";
import "@zazuko/yasqe/build/yasqe.min.css";
import "@zazuko/yasr/build/yasr.min.css";
import { el, getJson, heading, download, localHref } from "./dom.js";
import { registerCompleters } from "./complete.js";

const START = `SELECT ?practice ?title ?theme WHERE {
  ?practice a smarty:GoodPractice ;
            schema:name ?title ;
            dcat:theme/rdfs:label ?theme .
}
ORDER BY ?theme ?title`;

/// The last answer, for the downloads.
let last = null;

export async function showQuery(main) {
  heading(main, "Query the knowledge graph");
  const [library, vocabulary] = await Promise.all([getJson("/api/queries"), getJson("/api/vocabulary")]);
  registerCompleters(Yasqe, vocabulary);
  const examples = el("section", { class: "examples", "aria-labelledby": "examples-title" },
    el("h2", { id: "examples-title", text: "Named queries" }),
    el("p", { class: "hint", text: "Pick one to load it; its parameters become fields." }));
  const form = el("div", { id: "named-form" });
  const editorBox = el("div", { id: "editor", role: "region", "aria-label": "SPARQL query editor" });
  const status = el("p", { id: "query-status", role: "status", "aria-live": "polite" });
  const downloads = el("div", { class: "downloads" },
    el("button", { type: "button", id: "download-csv", onclick: () => save("csv") }, "Download CSV"),
    el("button", { type: "button", id: "download-json", onclick: () => save("json") }, "Download JSON"));
  const results = el("div", { id: "results", role: "region", "aria-label": "Query results" });
  const list = el("ul", { class: "query-list" });
  examples.append(list);
  main.append(el("div", { class: "query-layout" }, examples,
    el("div", { class: "query-main" }, form, editorBox, el("div", { class: "result-bar" }, status, downloads), results)));

  const yasr = new Yasr(results, { persistenceId: null, prefixes: vocabulary.prefixes, pluginOrder: ["table", "response"], defaultPlugin: "table" });
  const yasqe = new Yasqe(editorBox, {
    value: START,
    persistenceId: null,
    requestConfig: { endpoint: "/sparql", method: "POST", acceptHeaderSelect: "application/sparql-results+json" },
    autocompleters: ["variables", "smartyPrefixes", "smartyProperties", "smartyClasses"],
    prefixCcApi: null,
    createShareableLink: null,
    resizeable: true,
    editorHeight: "16em",
  });
  yasqe.getInputField().setAttribute("aria-label", "SPARQL query");
  declarePrefixes(yasqe, vocabulary.prefixes);
  // Results name this graph's things by their persistent IRIs: read them here, not on the web.
  results.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='https://w3id.org/smarty-kg/id/']");
    if (link) {
      event.preventDefault();
      location.href = localHref(link.href);
    }
  });
  yasqe.on("queryResponse", (_y, response, duration) => show(yasr, status, response, duration));
  for (const query of library.queries) {
    list.append(el("li", {}, el("button", {
      type: "button", class: "link", "data-query": query.name, title: query.description,
      onclick: () => pick(query, form, yasqe, yasr, status),
    }, query.title || query.name)));
  }
}

/// Loads a named query: its text in the editor (to read), its parameters as fields, a run button.
function pick(query, form, yasqe, yasr, status) {
  form.replaceChildren();
  yasqe.setValue(query.text || "");
  declarePrefixes(yasqe, yasqe.__prefixes);
  const fields = query.parameters.map((p) => {
    const id = `param-${p.name}`;
    return el("div", { class: "field" },
      el("label", { for: id, text: `${p.name}${p.optional ? " (optional)" : ""}` }),
      el("input", { id, name: p.name, type: "text", required: !p.optional, placeholder: p.kind,
        "aria-describedby": `${id}-help`, list: p.kind === "iri" ? "vocabulary-terms" : null }),
      el("small", { id: `${id}-help`, text: p.description }));
  });
  const run = el("form", { id: "named-run", onsubmit: (event) => {
    event.preventDefault();
    runNamed(query, new FormData(event.target), yasr, status);
  } },
  el("h2", { text: query.title || query.name }),
  el("p", { text: query.description }),
  fields,
  el("button", { type: "submit", id: "run-named" }, `Run ${query.name}`));
  form.append(run);
  (run.querySelector("input") || run.querySelector("button")).focus();
}

/// Declares the server's prefixes that the text uses: the server knows them anyway, but the
/// editor's syntax check flags an undeclared prefix, and a declared query runs anywhere.
function declarePrefixes(yasqe, prefixes) {
  yasqe.__prefixes = prefixes;
  const declared = yasqe.getPrefixesFromQuery();
  const text = yasqe.getValue().replace(/#.*$/gm, "");
  const used = {};
  for (const [prefix, namespace] of Object.entries(prefixes)) {
    if (!(prefix in declared) && new RegExp(`(^|[\\s(/^|,;{])${prefix}:`).test(text)) used[prefix] = namespace;
  }
  if (Object.keys(used).length) yasqe.addPrefixes(used);
}

async function runNamed(query, data, yasr, status) {
  const params = new URLSearchParams();
  for (const [key, value] of data) if (String(value).trim()) params.append(key, String(value).trim());
  status.textContent = "Running…";
  const started = performance.now();
  const response = await fetch(`/queries/${query.name}?${params}`, { headers: { Accept: "application/sparql-results+json" } });
  const text = await response.text();
  show(yasr, status, { data: text, contentType: response.headers.get("Content-Type"), status: response.status,
    error: response.ok ? undefined : { status: response.status, text } }, performance.now() - started);
}

function show(yasr, status, response, duration) {
  yasr.setResponse(response, Math.round(duration));
  const json = yasr.results && yasr.results.getAsJson && yasr.results.getAsJson();
  last = json || null;
  if (yasr.results && yasr.results.hasError()) {
    status.textContent = `Error: ${yasr.results.getError().text}`;
  } else if (json && json.results) {
    const n = json.results.bindings.length;
    status.textContent = `${n} row${n === 1 ? "" : "s"}`;
  } else if (json && "boolean" in json) {
    status.textContent = `Answer: ${json.boolean}`;
  } else {
    status.textContent = "Done";
  }
}

/// The last SELECT's rows as CSV (RFC 4180) or as SPARQL JSON results.
function save(format) {
  if (!last) return;
  if (format === "json") {
    download("results.json", "application/sparql-results+json", JSON.stringify(last, null, 2));
    return;
  }
  const vars = last.head.vars;
  const quote = (v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = (last.results ? last.results.bindings : []).map((b) => vars.map((v) => quote(b[v] ? b[v].value : "")).join(","));
  download("results.csv", "text/csv", [vars.join(","), ...rows].join("\r\n") + "\r\n");
}
