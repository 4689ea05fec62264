// The workbench: one page per URL (/, /network, /contacts, /search, /id/practice/…), drawn from
// the server's JSON routes. Links inside the workbench change the page without a reload.
import "./style.css";
import { clear } from "./dom.js";
import { showQuery } from "./query.js";
import { showNetwork } from "./network.js";
import { showPractice } from "./practice.js";
import { showContacts } from "./contacts.js";
import { showSearch } from "./search.js";

const config = fetch("/api/config").then((r) => r.json());

const routes = [
  [/^\/(query)?$/, "query", showQuery],
  [/^\/network$/, "network", showNetwork],
  [/^\/contacts$/, "contacts", showContacts],
  [/^\/search$/, "search", showSearch],
  [/^\/id\/practice\/([^/]+)$/, "practice", showPractice],
];

async function route() {
  const main = document.getElementById("main");
  const path = location.pathname;
  const found = routes.find(([pattern]) => pattern.test(path));
  for (const link of document.querySelectorAll("nav a[data-page]")) {
    if (found && link.dataset.page === found[1]) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  clear(main);
  if (!found) {
    document.title = "Not found · smarty-kg";
    main.textContent = "No page here.";
    return;
  }
  const [pattern, , show] = found;
  const match = path.match(pattern);
  try {
    await show(main, { config: await config, params: new URLSearchParams(location.search), match });
  } catch (error) {
    main.append(Object.assign(document.createElement("p"), { className: "error", textContent: String(error) }));
  }
}

/// Follows links within the workbench without reloading (other links load as usual).
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a[href]");
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || link.target || link.hasAttribute("download")) return;
  if (!routes.some(([pattern]) => pattern.test(url.pathname))) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});

document.querySelector("form.search").addEventListener("submit", (event) => {
  event.preventDefault();
  const q = new FormData(event.target).get("q");
  navigate("/search?q=" + encodeURIComponent(q));
});

export function navigate(url) {
  history.pushState(null, "", url);
  route().then(() => document.getElementById("main").focus());
}
window.addEventListener("popstate", route);

config.then((c) => {
  document.getElementById("mode").textContent = c.public
    ? "public: contact persons are not served"
    : "all data, contact persons included";
});
route();
