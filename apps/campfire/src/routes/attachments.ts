import { Hono } from "hono";
import { requireAuthentication } from "../http/authentication.ts";
import type { AppEnv } from "../http/env.ts";
import { idParam } from "../http/params.ts";
import { roomInScope } from "../http/room-scope.ts";

export const attachmentRoutes = new Hono<AppEnv>();

// A message's file, for members of its room only (the original's Active Storage links work for
// anyone holding them). Images display inline; anything else downloads. A sandbox CSP keeps an
// uploaded HTML or SVG file from running script on our origin even if opened directly.
attachmentRoutes.get("/rooms/:room_id/messages/:id/attachment", requireAuthentication, async (c) => {
  const { room } = roomInScope(c);
  const id = idParam(c.req.param("id"));
  const message = room && id !== null ? room.messages.find(id) : null;
  const attachment = message?.attachment;
  const bytes = attachment ? await c.var.services.files.read(attachment.key) : null;
  if (!attachment || !bytes) return c.notFound();
  const inline = attachment.contentType?.startsWith("image/") && c.req.query("download") === undefined;
  const disposition = `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`;
  return new Response(bytes, {
    headers: {
      "Content-Type": inline
        ? (attachment.contentType ?? "application/octet-stream")
        : "application/octet-stream",
      "Content-Disposition": disposition,
      "Content-Security-Policy": "sandbox; default-src 'none'",
      "Cache-Control": "private, max-age=3600",
    },
  });
});
