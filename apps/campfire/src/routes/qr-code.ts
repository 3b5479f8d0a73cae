import { Hono } from "hono";
import QRCode from "qrcode";
import type { AppEnv } from "../http/env.ts";

export const qrCodeRoutes = new Hono<AppEnv>();

// `/qr_code/<base64url(url)>`: an SVG QR code, black on white, cacheable for a year (the URL is in
// the path). Unlike the original, only URLs of this Campfire are drawn, so the endpoint can't be
// used to put a trusted-looking QR code on someone else's link.
qrCodeRoutes.get("/qr_code/:id", async (c) => {
  const text = Buffer.from(c.req.param("id"), "base64url").toString("utf8");
  const target = URL.parse(text);
  const host = c.req.header("host") ?? new URL(c.req.url).host;
  if (!target || target.host !== host || !/^https?:$/.test(target.protocol)) return c.notFound();
  const svg = await QRCode.toString(text, {
    type: "svg",
    margin: 2,
    color: { dark: "#000000", light: "#ffffff" },
  });
  return c.body(svg, 200, { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=31536000" });
});
