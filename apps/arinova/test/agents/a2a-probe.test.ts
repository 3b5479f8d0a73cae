import { afterAll, describe, expect, test } from "bun:test";
import { agentEndpointFetch } from "../../src/agents/a2a-probe.ts";

// An agent card server on loopback, reached under a made-up name (rebind.test) the system cannot
// resolve: a request that arrives can only have gone to the address the guard checked.
const seen: { path: string; host: string | null }[] = [];
const card = Bun.serve({
  port: 0,
  hostname: "127.0.0.1",
  fetch(request): Response {
    const url = new URL(request.url);
    seen.push({ path: url.pathname, host: request.headers.get("host") });
    if (url.pathname === "/moved") return Response.redirect("http://127.0.0.1:1/card", 302);
    return Response.json({ skills: [] });
  },
});
afterAll(() => card.stop(true));

const calls: string[] = [];
const resolve = async (hostname: string) => {
  calls.push(hostname);
  return ["127.0.0.1"];
};

describe("agentEndpointFetch", () => {
  test("reaches the endpoint at the checked address, with the endpoint's own Host", async () => {
    const probe = agentEndpointFetch({ allowPrivateAddresses: true, resolve });
    const response = await probe(`http://rebind.test:${card.port}/card`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ skills: [] });
    expect(seen.at(-1)).toEqual({ path: "/card", host: `rebind.test:${card.port}` });
    expect(calls.at(-1)).toBe("rebind.test");
  });

  test("private addresses are refused unless allowed; nothing is sent", async () => {
    const before = seen.length;
    const probe = agentEndpointFetch({ allowPrivateAddresses: false, resolve });
    await expect(probe(`http://rebind.test:${card.port}/card`)).rejects.toThrow(
      "non-public address 127.0.0.1",
    );
    await expect(probe(`http://127.0.0.1:${card.port}/card`)).rejects.toThrow("non-public address");
    expect(seen.length).toBe(before);
  });

  test("redirects are not followed", async () => {
    const before = seen.length;
    const probe = agentEndpointFetch({ allowPrivateAddresses: true, resolve });
    expect((await probe(`http://rebind.test:${card.port}/moved`)).status).toBe(302);
    expect(seen.length).toBe(before + 1);
  });
});
