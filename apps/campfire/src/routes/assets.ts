import { readdirSync } from "node:fs";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.ts";
import { soundFile } from "../sounds/library.ts";

// Front-end files served as they are: our own from public/, Turbo and Trix straight from their npm
// packages. The list is fixed when the app starts, so no request path ever reaches the file system.
function fromPackage(specifier: string): string {
  return Bun.resolveSync(specifier, import.meta.dir);
}

const TYPES: Record<string, string> = { css: "text/css", js: "text/javascript" };
const PUBLIC = `${import.meta.dir}/../public`;

const ASSETS = new Map<string, { path: string; type: string }>([
  ...readdirSync(PUBLIC)
    .filter((name) => TYPES[name.split(".").pop() ?? ""])
    .map((name): [string, { path: string; type: string }] => [
      name,
      { path: `${PUBLIC}/${name}`, type: TYPES[name.split(".").pop() ?? ""] ?? "text/plain" },
    ]),
  ["turbo.js", { path: fromPackage("@hotwired/turbo/dist/turbo.es2017-esm.js"), type: "text/javascript" }],
  ["trix.js", { path: fromPackage("trix/dist/trix.esm.min.js"), type: "text/javascript" }],
  ["trix.css", { path: fromPackage("trix/dist/trix.css"), type: "text/css" }],
]);

export const assetRoutes = new Hono<AppEnv>();

assetRoutes.get("/assets/:name", (c) => {
  const asset = ASSETS.get(c.req.param("name"));
  if (!asset) return c.notFound();
  return new Response(Bun.file(asset.path), {
    headers: { "Content-Type": `${asset.type}; charset=utf-8`, "Cache-Control": "public, max-age=300" },
  });
});

// /play sounds, synthesized on first use (sounds/).
assetRoutes.get("/assets/sounds/:file{[a-z0-9]+\\.wav}", (c) => {
  const wav = soundFile(c.req.param("file").replace(/\.wav$/, ""));
  if (!wav) return c.notFound();
  return new Response(wav, {
    headers: { "Content-Type": "audio/wav", "Cache-Control": "public, max-age=86400" },
  });
});
