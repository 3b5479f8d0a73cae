const OVERRIDABLE = new Set(["PATCH", "PUT", "DELETE"]);

// Rails' Rack::MethodOverride: an HTML form can only POST, so it names the real verb in `_method`.
// Runs before routing; the body is re-attached untouched so later parsing sees every field.
export async function overrideMethod(request: Request): Promise<Request> {
  if (request.method !== "POST") return request;
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    return request;
  }
  const body = await request.arrayBuffer();
  const form = await new Response(body, { headers: { "content-type": type } }).formData().catch(() => null);
  const requested = form?.get("_method");
  const method = typeof requested === "string" ? requested.toUpperCase() : "POST";
  return new Request(request.url, {
    method: OVERRIDABLE.has(method) ? method : "POST",
    headers: request.headers,
    body,
  });
}
