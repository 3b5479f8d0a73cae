/** `/openapi.json` and `/docs` (api.md §4), both public. */
import type { Hono } from "hono";
import type { TaskcastEnv } from "../env.ts";
import { openApiDocument } from "../openapi/document.ts";

// Scalar's API reference, loaded from its CDN as the original's `/docs` page does.
const DOCS_HTML = `<!doctype html>
<html>
  <head>
    <title>Taskcast API</title>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
  </head>
  <body>
    <script id="api-reference" data-url="/openapi.json"></script>
    <script src="https://cdn.jsdelivr.net/npm/@scalar/api-reference"></script>
  </body>
</html>
`;

export function openApiRoutes(app: Hono<TaskcastEnv>, version: string): void {
  const document = openApiDocument(version);
  app.get("/openapi.json", (c) => c.json(document));
  app.get("/docs", (c) => c.html(DOCS_HTML));
}
