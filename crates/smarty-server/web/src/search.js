// Search over the names of practices, organisations and places (case and accents ignored).
import { el, getJson, heading } from "./dom.js";
import { navigate } from "./app.js";

const KINDS = { practice: "Practices", organisation: "Organisations", place: "Places (open the network there)" };

export async function showSearch(main, { params }) {
  const q = params.get("q") || "";
  heading(main, q ? `Search: ${q}` : "Search");
  const form = el("form", { class: "filters", role: "search", onsubmit: (event) => {
    event.preventDefault();
    navigate("/search?q=" + encodeURIComponent(new FormData(event.target).get("q")));
  } },
  el("label", { for: "search-q", text: "Name of a practice, organisation or place" }),
  el("input", { id: "search-q", name: "q", type: "search", value: q }),
  el("button", { type: "submit" }, "Search"));
  main.append(form);
  if (!q.trim()) return;
  const data = await getJson(`/api/search?q=${encodeURIComponent(q)}`);
  main.append(el("p", { role: "status", id: "search-count", text: `${data.hits.length} match${data.hits.length === 1 ? "" : "es"}` }));
  for (const [kind, title] of Object.entries(KINDS)) {
    const hits = data.hits.filter((h) => h.kind === kind);
    if (!hits.length) continue;
    main.append(el("h2", { text: title }), el("ul", { class: `hits ${kind}` }, hits.map((h) => el("li", {},
      el("a", { href: h.href }, h.label), h.matched ? el("small", { text: ` (as “${h.matched}”)` }) : null))));
  }
}
