// Bundles the islands and their libraries (htmx, vis-timeline, Cytoscape.js, Tabulator)
// into the Python package's static files, so the screens never load anything from a CDN.
// Run by `make install` (npm ci && npm run build); the output is not committed.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "tessera", "web", "static", "build");
mkdirSync(out, { recursive: true });

await build({
  entryPoints: { tessera: join(here, "src", "tessera.js") },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "iife",
  target: ["chrome120", "firefox120"],
  outdir: out,
  legalComments: "linked",
  logLevel: "warning",
});

// The libraries' own style sheets, next to ours.
const styles = {
  "vis-timeline.css": "vis-timeline/styles/vis-timeline-graph2d.min.css",
  "tabulator.css": "tabulator-tables/dist/css/tabulator.min.css",
};
for (const [name, path] of Object.entries(styles)) {
  copyFileSync(join(here, "node_modules", path), join(out, name));
}
copyFileSync(join(here, "src", "tessera.css"), join(out, "tessera.css"));
