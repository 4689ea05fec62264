// The network view: the partner and shared-contact networks as `smarty-kg graph` builds them
// (the server runs the same projection), drawn with cytoscape.js. Node size is betweenness,
// colour the theme or the country; the filters are graph's --theme, --region and --country.
import cytoscape from "cytoscape";
import cytoscapeSvg from "cytoscape-svg";
import { el, getJson, heading, download, select, localHref } from "./dom.js";
import { nodeList, tooltip, palette } from "./network-parts.js";

cytoscape.use(cytoscapeSvg);

const KINDS = [
  { value: "partners", label: "Partners: organisations meeting on a practice" },
  { value: "contacts", label: "Shared contacts: practices sharing a contact person" },
];
const FILTERS = ["theme", "region", "country"];

export async function showNetwork(main, { params }) {
  heading(main, "Networks");
  const filters = await getJson("/api/filters");
  const state = {
    kind: params.get("kind") === "contacts" ? "contacts" : "partners",
    colour: params.get("colour") === "country" ? "country" : "theme",
  };
  for (const f of FILTERS) state[f] = params.get(f) || "";
  const form = el("form", { class: "filters", id: "network-filters", onsubmit: (e) => e.preventDefault() },
    el("div", { class: "field" }, select("kind", "Network", KINDS, state.kind, null)),
    FILTERS.map((f) => el("div", { class: "field" }, select(f, capital(f),
      filters[f].map((o) => ({ value: o.value, label: `${o.code} ${o.label}`.trim() })), state[f]))),
    el("div", { class: "field" }, select("colour", "Colour by",
      [{ value: "theme", label: "theme" }, { value: "country", label: "country" }], state.colour, null)));
  const counts = el("p", { id: "network-counts", role: "status", "aria-live": "polite" });
  const tools = el("div", { class: "downloads" },
    el("button", { type: "button", id: "download-svg", onclick: () => saveSvg(state) }, "Download SVG"),
    el("button", { type: "button", id: "download-png", onclick: () => savePng(state) }, "Download PNG"),
    el("button", { type: "button", id: "download-graphml", onclick: () => saveGraphml(state) }, "Download GraphML"));
  const canvas = el("div", { id: "network", role: "img", "aria-label": "Network drawing; the list below holds the same nodes" });
  const legend = el("ul", { class: "legend", "aria-label": "Colours" });
  const list = el("div", { id: "network-nodes" });
  main.append(form, el("div", { class: "result-bar" }, counts, tools), el("div", { class: "network-wrap" }, canvas, tooltip()), legend, list);
  form.addEventListener("change", (event) => {
    state[event.target.name] = event.target.value;
    draw(state, canvas, counts, legend, list);
  });
  await draw(state, canvas, counts, legend, list);
}

function capital(word) {
  return word[0].toUpperCase() + word.slice(1);
}

function query(state, format) {
  const q = new URLSearchParams();
  for (const f of FILTERS) if (state[f]) q.set(f, state[f]);
  if (format) q.set("format", format);
  return q;
}

let cy = null;

async function draw(state, canvas, counts, legend, list) {
  const page = new URLSearchParams(query(state));
  page.set("kind", state.kind);
  if (state.colour !== "theme") page.set("colour", state.colour);
  history.replaceState(null, "", `/network?${page}`);
  counts.textContent = "Loading…";
  let network;
  try {
    network = await getJson(`/api/networks/${state.kind}?${query(state)}`);
  } catch (error) {
    counts.textContent = String(error.message);
    return;
  }
  const colours = palette(network, state.colour);
  counts.dataset.nodes = network.nodes.length;
  counts.dataset.edges = network.edges.length;
  counts.textContent = `${network.nodes.length} nodes, ${network.edges.length} edges` +
    (network.nodes.length ? "" : " (nothing matches these filters)");
  legend.replaceChildren(...colours.legend.map(([label, colour]) =>
    el("li", {}, el("span", { class: "swatch", style: `background:${colour}` }), label)));
  list.replaceChildren(nodeList(network));
  if (cy) cy.destroy();
  const most = Math.max(0.0001, ...network.nodes.map((n) => n.betweenness));
  cy = cytoscape({
    container: canvas,
    elements: [
      ...network.nodes.map((n) => ({ data: { ...n, id: n.id, colour: colours.of(n), size: 18 + 42 * (n.betweenness / most) } })),
      ...network.edges.map((e, i) => ({ data: { ...e, id: `e${i}`, source: e.source, target: e.target } })),
    ],
    style: [
      { selector: "node", style: { "background-color": "data(colour)", width: "data(size)", height: "data(size)",
        label: "data(label)", "font-size": 9, "text-wrap": "ellipsis", "text-max-width": 110, "border-width": 1, "border-color": "#444" } },
      { selector: "edge", style: { width: "mapData(weight, 1, 5, 1, 5)", "line-color": "#9aa", "curve-style": "haystack" } },
      { selector: "node:selected, node.hover", style: { "border-width": 3, "border-color": "#000" } },
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 80, padding: 20 },
    wheelSensitivity: 0.3,
  });
  // Scripts (and the browser tests) reach the drawing through this handle.
  window.workbenchNetwork = cy;
  const tip = document.getElementById("network-tooltip");
  cy.on("mouseover", "node", (event) => tip.show(event.target.data(), event.renderedPosition));
  cy.on("mouseout", "node", () => tip.hide());
  cy.on("tap", "node", (event) => { location.href = localHref(event.target.id()); });
}

function fileName(state, extension) {
  const filters = FILTERS.filter((f) => state[f]).map((f) => state[f].split(/[/#]/).pop());
  return [state.kind, ...filters].join("-") + "." + extension;
}

function saveSvg(state) {
  if (cy) download(fileName(state, "svg"), "image/svg+xml", cy.svg({ full: true, bg: "#ffffff" }));
}

async function savePng(state) {
  if (cy) download(fileName(state, "png"), "image/png", await cy.png({ output: "blob-promise", full: true, bg: "#ffffff", scale: 2 }));
}

async function saveGraphml(state) {
  const response = await fetch(`/api/networks/${state.kind}?${query(state, "graphml")}`);
  download(fileName(state, "graphml"), "application/graphml+xml", await response.text());
}
