// A practice's page: its record, its place on the NUTS hierarchy, related practices and the
// source lines behind every fact (what the shell's `.why` prints), so each statement can be
// checked against the guide.
import { el, getJson, heading } from "./dom.js";

/// The record's fields in the order the page shows them, under headings.
const FACTS = [
  ["Theme", ["theme"]],
  ["Institutions", ["main institution", "contact organisation", "funder"]],
  ["Location as printed", ["location"]],
  ["Dates", ["period", "start", "end", "ongoing"]],
  ["Amounts", ["funding"]],
  ["Contact", ["contact", "contact e-mail", "contact role"]],
  ["Websites", ["website"]],
  ["Page in the guide", ["page"]],
];
const TEXTS = ["about", "resources needed", "evidence of success", "difficulties encountered",
  "potential for learning or transfer"];

export async function showPractice(main, { match }) {
  const page = await getJson(`/api/practice/${match[1]}`);
  const fields = new Map();
  for (const row of page.record) {
    if (!fields.has(row.field)) fields.set(row.field, []);
    fields.get(row.field).push(row);
  }
  const one = (field) => (fields.get(field) || [])[0];
  heading(main, one("title") ? one("title").value : page.slug);
  for (const other of fields.get("other title") || []) main.append(el("p", { class: "subtitle", text: other.value }));
  if (one("summary")) main.append(el("p", { class: "summary", text: one("summary").value }));
  main.append(el("p", { class: "links" }, "Also as ",
    el("a", { href: `/id/practice/${page.slug}?format=turtle` }, "Turtle"), ", ",
    el("a", { href: `/id/practice/${page.slug}?format=jsonld` }, "JSON-LD"), "; ",
    el("a", { href: "#sources" }, "the source lines behind each fact"), "."));
  main.append(facts(fields, page), hierarchy(page.places), related(page), texts(fields), sources(page));
}

function value(row) {
  if (row.field === "website") return el("a", { href: row.value, rel: "noopener" }, row.value);
  if (row.field === "theme" && row.ref) return el("a", { href: `/network?theme=${encodeURIComponent(row.ref)}` }, row.value);
  if (row.href && row.href.startsWith("/id/")) return el("a", { href: row.href }, row.value);
  return row.value;
}

function facts(fields, page) {
  const list = el("dl", { class: "facts" });
  for (const [title, names] of FACTS) {
    const rows = names.flatMap((n) => (fields.get(n) || []).map((r) => [n, r]));
    if (!rows.length && !(title === "Contact" && page.public)) continue;
    list.append(el("dt", { text: title }));
    if (!rows.length) list.append(el("dd", { class: "hint", text: "Not served: this server publishes no personal data." }));
    for (const [name, row] of rows) {
      const label = names.length > 1 ? `${name}: ` : "";
      list.append(el("dd", {}, label, value(row)));
    }
  }
  return el("section", { "aria-labelledby": "facts-title" }, el("h2", { id: "facts-title", text: "Facts" }), list);
}

/// Each region from the country down (each a link to the network of that region).
function hierarchy(places) {
  const section = el("section", { "aria-labelledby": "places-title" }, el("h2", { id: "places-title", text: "Place on the NUTS hierarchy" }));
  if (!places.length) section.append(el("p", { class: "hint", text: "No NUTS region is recorded." }));
  for (const place of places) {
    const steps = place.chain.map((r) => el("a", { href: `/network?region=${encodeURIComponent(r.iri)}` }, `${r.label} (${r.code})`));
    const country = place.country && place.country !== place.chain[0].label ? el("li", { text: place.country }) : null;
    const trail = el("ol", { class: "trail" }, country, steps.map((s) => el("li", {}, s)));
    section.append(el("nav", { "aria-label": `Regions above ${place.chain.at(-1).label}` }, trail));
  }
  return section;
}

function related(page) {
  const list = (items, empty) => (items.length
    ? el("ul", {}, items.map((p) => el("li", {}, el("a", { href: p.href }, p.title), " — ", p.via.join("; "))))
    : el("p", { class: "hint", text: empty }));
  return el("section", { "aria-labelledby": "related-title" },
    el("h2", { id: "related-title", text: "Related practices" }),
    el("h3", { text: "Sharing a contact person" }),
    list(page.related.shared_contacts, page.public ? "Not served: this server publishes no personal data." : "None."),
    el("h3", { text: "Sharing an organisation" }),
    list(page.related.shared_organisations, "None."));
}

function texts(fields) {
  const present = TEXTS.filter((t) => fields.has(t));
  return el("section", { "aria-labelledby": "texts-title" }, el("h2", { id: "texts-title", text: "In the guide's words" }),
    present.map((t) => [el("h3", { text: t[0].toUpperCase() + t.slice(1) }), fields.get(t).map((r) => el("p", { text: r.value }))]));
}

/// The facts grouped by the lines they were read from, with those lines.
function sources(page) {
  const section = el("section", { id: "sources", "aria-labelledby": "sources-title" },
    el("h2", { id: "sources-title", text: "Sources: the lines behind each fact" }));
  for (const group of page.sources) {
    const o = group.origin;
    const title = o.file ? `${o.file}, ${o.first === o.last ? `line ${o.first}` : `lines ${o.first}–${o.last}`}`
      : o.curated ? `curated, from ${o.curated}` : `graph ${o.graph} (no recorded source)`;
    const lines = group.lines
      ? el("pre", { class: "source-lines" }, group.lines.map((l) => el("span", { class: l.withheld ? "line withheld" : "line" },
        el("span", { class: "number", text: String(l.number).padStart(5) }), " │ ",
        l.withheld ? "[withheld: personal data]" : l.text, "\n")))
      : o.file ? el("p", { class: "hint", text: `The text of ${o.file} is not in this store.` }) : null;
    section.append(el("article", { class: "source" },
      el("h3", { text: title }),
      el("ul", { class: "source-facts" }, group.facts.map((f) => el("li", {}, el("code", { text: f.property }), " ",
        f.value.href && f.value.href.startsWith("/") ? el("a", { href: f.value.href }, f.value.text) : f.value.text))),
      lines));
  }
  return section;
}
