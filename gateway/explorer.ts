/**
 * The offline GraphQL explorer at /graphiql: GraphiQL 3 and React 18 served from this gateway's own
 * node_modules (their UMD builds), so it works on a machine without the internet, where Apollo
 * Sandbox (loaded from Apollo's CDN) cannot. It opens with the same example document and headers
 * as the Sandbox (local mode passes them).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import express, { type Router } from "express";

export interface ExplorerOptions {
  /** the explorer is served only when true (the same rule as the Sandbox and introspection) */
  enabled: boolean;
  document?: string;
  headers?: Record<string, string>;
  /** the operation picked when the example document has several */
  operationName?: string;
}

const ASSETS: Record<string, { module: string; type: string }> = {
  "react.js": { module: "react/umd/react.production.min.js", type: "text/javascript" },
  "react-dom.js": { module: "react-dom/umd/react-dom.production.min.js", type: "text/javascript" },
  "graphiql.js": { module: "graphiql/graphiql.min.js", type: "text/javascript" },
  "graphiql.css": { module: "graphiql/graphiql.min.css", type: "text/css" },
};

/** A file inside a package, also where the package's "exports" do not list it. */
function modulePath(path: string): string {
  const [pkg, ...rest] = path.split("/");
  return join(dirname(require.resolve(`${pkg}/package.json`)), ...rest);
}

/** JSON that can sit inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function page(options: ExplorerOptions): string {
  const props = {
    defaultQuery: options.document ?? "# Write a query here, then press the ▶ button.\n{ me { state operator { login roles } } }\n",
    defaultHeaders: JSON.stringify(options.headers ?? {}, null, 2),
    operationName: options.operationName,
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>scooter-ops · GraphiQL (offline explorer)</title>
<link rel="stylesheet" href="/graphiql/assets/graphiql.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="/graphiql/assets/react.js"></script>
<script src="/graphiql/assets/react-dom.js"></script>
<script src="/graphiql/assets/graphiql.js"></script>
<script>
const props = ${scriptJson(props)};
const fetcher = GraphiQL.createFetcher({ url: new URL("/graphql", location.href).href });
ReactDOM.createRoot(document.getElementById("graphiql")).render(
  React.createElement(GraphiQL, { fetcher, ...props, shouldPersistHeaders: false, defaultEditorToolsVisibility: "headers", storage: sessionStorage }),
);
</script>
</body>
</html>
`;
}

/** GET /graphiql and its assets. */
export function explorerRouter(options: ExplorerOptions): Router {
  const router = express.Router();
  if (!options.enabled) return router;
  const html = page(options);
  const assets = new Map(Object.entries(ASSETS).map(([name, asset]) => [name, { ...asset, body: readFileSync(modulePath(asset.module)) }]));
  router.get("/graphiql", (_req, res) => {
    res.type("html").setHeader("cache-control", "no-store").send(html);
  });
  router.get("/graphiql/assets/:name", (req, res) => {
    const asset = assets.get(req.params.name);
    if (!asset) return void res.status(404).json({ error: "not found" });
    res.type(asset.type).setHeader("cache-control", "public, max-age=86400").send(asset.body);
  });
  return router;
}
