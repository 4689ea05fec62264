// Shared contacts: every person behind more than one practice, and why the occurrences were
// judged to be one person (as `smarty-kg contacts` prints them).
import { el, getJson, heading, localHref } from "./dom.js";

export async function showContacts(main) {
  heading(main, "Shared contacts");
  const data = await getJson("/api/contacts");
  if (data.public) {
    main.append(el("p", { text: "This server publishes no personal data (it runs with --public), so the persons behind several practices are not listed. The partner network shows how organisations connect." }),
      el("p", {}, el("a", { href: "/network" }, "Open the partner network")));
    return;
  }
  main.append(el("p", { id: "contacts-count", text: `${data.contacts.length} persons are the contact of more than one practice.` }));
  const table = el("table", { class: "data", id: "contacts" },
    el("caption", { text: "Persons behind more than one practice, with why their entries are one person" }),
    el("thead", {}, el("tr", {}, ["Person", "Practices", "Organisations", "Why one person"].map((h) => el("th", { scope: "col", text: h })))),
    el("tbody", {}, data.contacts.map((c) => el("tr", {},
      el("th", { scope: "row" }, c.names.join(" / "), el("br"), el("small", { text: c.emails.join(", ") })),
      el("td", {}, el("ul", {}, c.practices.map((p) => el("li", {},
        el("a", { href: localHref(p.iri) }, p.title),
        p.themes.length ? el("small", { text: ` (${p.themes.map((t) => t.label).join("; ")})` }) : null)))),
      el("td", { text: c.organisations.map((o) => o.label).join("; ") }),
      el("td", {}, el("ul", {}, c.reasons_text.map((r) => el("li", { text: r }))))))));
  main.append(table);
}
