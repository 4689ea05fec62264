// Small helpers to build the pages' elements (text is always set as text, never as HTML).

/// An element with attributes and children (strings become text nodes).
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
}

/// The page's title in the tab and as its heading.
export function heading(main, title, level = 1) {
  document.title = `${title} · smarty-kg`;
  const h = el(`h${level}`, { text: title });
  main.append(h);
  return h;
}

/// GET a JSON route; the server's plain-text explanation becomes the error.
export async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${response.status}: ${(await response.text()).trim()}`);
  return response.json();
}

/// Offers bytes as a file download.
export function download(name, type, content) {
  const url = URL.createObjectURL(content instanceof Blob ? content : new Blob([content], { type }));
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/// A labelled <select> over options [{value, label}], with "any" first unless `anyLabel` is null.
export function select(id, label, options, value, anyLabel = "any") {
  const control = el("select", { id, name: id },
    anyLabel === null ? null : el("option", { value: "", text: anyLabel }),
    options.map((o) => el("option", { value: o.value, selected: o.value === value, text: o.label })));
  return [el("label", { for: id, text: label }), control];
}

const ID_BASE = "https://w3id.org/smarty-kg/id/";

/// Where a resource is read here: /id/… for this graph's IRIs, else the IRI itself.
export function localHref(iri) {
  return iri.startsWith(ID_BASE) ? "/id/" + iri.slice(ID_BASE.length) : iri;
}
