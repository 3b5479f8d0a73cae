import { Hono } from "hono";
import type { AppEnv } from "../http/env.ts";
import { Account } from "../models/account.ts";

const SERVICE_WORKER = `${import.meta.dir}/../public/service-worker.js`;

export const pwaRoutes = new Hono<AppEnv>();

// The manifest names the installed app after the account and uses its logo (features.md §17).
pwaRoutes.get("/webmanifest.json", (c) => {
  const name = Account.current(c.var.services.db)?.name ?? "Campfire";
  return c.json({
    name,
    short_name: name,
    start_url: "/",
    scope: "/",
    display: "standalone",
    theme_color: "#ffffff",
    background_color: "#ffffff",
    categories: ["social", "business", "productivity"],
    icons: [
      { src: "/account/logo?size=small", sizes: "192x192", type: "image/png" },
      { src: "/account/logo", sizes: "512x512", type: "image/png" },
      { src: "/account/logo", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
    shortcuts: [
      { name: "New chat room", url: "/rooms/opens/new" },
      { name: "My profile", url: "/users/me/profile" },
    ],
  });
});

// At the root so its scope is the whole app; push and notification clicks only, no offline cache.
pwaRoutes.get(
  "/service-worker.js",
  () =>
    new Response(Bun.file(SERVICE_WORKER), {
      headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache" },
    }),
);
