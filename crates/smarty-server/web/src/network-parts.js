// Pieces of the network view: colours, the hover card and the list of nodes (the drawing's
// keyboard- and screen-reader-friendly twin, sorted by betweenness).
import { el, localHref } from "./dom.js";

const COUNTRY_COLOURS = ["#1f78b4", "#33a02c", "#e31a1c", "#ff7f00", "#6a3d9a", "#b15928",
  "#a6cee3", "#b2df8a", "#fb9a99", "#fdbf6f", "#cab2d6", "#ffff99"];

/// Colour of each node and the legend: by theme (the colours graph draws with) or by country.
export function palette(network, by) {
  if (by === "country") {
    const codes = [...new Set(network.nodes.flatMap((n) => n.countries.map(code)))].sort();
    const colour = new Map(codes.map((c, i) => [c, COUNTRY_COLOURS[i % COUNTRY_COLOURS.length]]));
    const label = new Map(network.nodes.flatMap((n) => n.countries).map((c) => [code(c), c.label]));
    return {
      of: (n) => (n.countries.length === 1 ? colour.get(code(n.countries[0])) : "#dddddd"),
      legend: [...codes.map((c) => [label.get(c), colour.get(c)]), ["several or none", "#dddddd"]],
    };
  }
  return {
    of: (n) => n.colour,
    legend: [...network.themes.map((t) => [`${t.notation || ""} ${t.label}`.trim(), t.colour]), ["several themes", "#dddddd"]],
  };
}

function code(place) {
  return place.code || place.label;
}

function details(n) {
  return [
    ["Kind", n.kind],
    ["Themes", n.themes.map((t) => t.label).join("; ")],
    ["Countries", n.countries.map((c) => c.label).join("; ")],
    ["Regions", n.regions.map((r) => `${r.label} (${r.code})`).join("; ")],
    ["Degree", n.degree],
    ["Betweenness", n.betweenness.toFixed(3)],
  ].filter(([, v]) => v !== "" && v !== undefined);
}

/// The card shown beside a hovered node.
export function tooltip() {
  const tip = el("div", { id: "network-tooltip", class: "tooltip", role: "tooltip", hidden: true });
  tip.show = (n, at) => {
    tip.replaceChildren(el("strong", { text: n.label }),
      el("dl", {}, details(n).map(([k, v]) => [el("dt", { text: k }), el("dd", { text: String(v) })])),
      el("small", { text: "Click to open its page" }));
    tip.style.left = `${at.x + 16}px`;
    tip.style.top = `${at.y + 16}px`;
    tip.hidden = false;
  };
  tip.hide = () => { tip.hidden = true; };
  return tip;
}

/// The nodes as a table: name (a link to its page), kind, themes, countries, degree, betweenness.
export function nodeList(network) {
  const rows = [...network.nodes].sort((a, b) => b.betweenness - a.betweenness || a.label.localeCompare(b.label));
  return el("details", {},
    el("summary", { text: `The ${network.nodes.length} nodes as a table` }),
    el("table", { class: "data" },
      el("caption", { text: network.title }),
      el("thead", {}, el("tr", {}, ["Name", "Kind", "Themes", "Countries", "Degree", "Betweenness"].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, rows.map((n) => el("tr", {},
        el("td", {}, el("a", { href: localHref(n.id), text: n.label })),
        el("td", { text: n.kind }),
        el("td", { text: n.themes.map((t) => t.label).join("; ") }),
        el("td", { text: n.countries.map((c) => c.label).join("; ") }),
        el("td", { text: String(n.degree) }),
        el("td", { text: n.betweenness.toFixed(3) }))))));
}
