// Bundles the workbench into the directory given as the only argument: index.html, app.js and
// app.css. Run by the server crate's build script (with NODE_PATH naming the node_modules that
// `npm ci` filled) or by hand with `npm run build` after `npm ci`.
const fs = require("fs");
const path = require("path");
const esbuild = require("esbuild");

const out = path.resolve(process.argv[2] || "dist");
const src = path.join(__dirname, "src");
const nodePaths = process.env.NODE_PATH ? [process.env.NODE_PATH] : [];

fs.mkdirSync(out, { recursive: true });
esbuild
  .build({
    entryPoints: { app: path.join(src, "app.js") },
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2020"],
    outdir: out,
    nodePaths,
    // Fonts and images the editor's stylesheets name are inlined: nothing is fetched elsewhere.
    loader: { ".woff": "dataurl", ".woff2": "dataurl", ".ttf": "dataurl", ".svg": "dataurl", ".png": "dataurl" },
    legalComments: "linked",
    logLevel: "warning",
  })
  .then(() => fs.copyFileSync(path.join(src, "index.html"), path.join(out, "index.html")))
  .catch(() => process.exit(1));
