// The browser half of Tessera's screens. Pages are rendered on the server (Jinja + htmx);
// a few "islands" (data-island="...") draw what HTML cannot: timelines, link charts and
// big tables. Each island reads its data from a <script type="application/json"> block
// named by data-source, so no page carries inline script (the CSP forbids it).
import htmx from "htmx.org";
import { islands } from "./islands.js";

window.htmx = htmx;

function readData(element) {
  const source = document.getElementById(element.dataset.source || "");
  return source ? JSON.parse(source.textContent || "null") : null;
}

function mountIslands(root) {
  for (const element of root.querySelectorAll("[data-island]")) {
    if (element.dataset.mounted) continue;
    const mount = islands[element.dataset.island];
    if (!mount) continue;
    element.dataset.mounted = "1";
    mount(element, readData(element));
  }
}

// Every state-changing request carries the session's CSRF token.
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector('meta[name="csrf-token"]');
  if (token) event.detail.headers["X-CSRF-Token"] = token.content;
});
document.addEventListener("htmx:load", (event) => mountIslands(event.detail.elt));
document.addEventListener("DOMContentLoaded", () => mountIslands(document));
