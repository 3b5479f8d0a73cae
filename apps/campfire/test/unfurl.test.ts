import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { createLogger, memorySink } from "@rt/kit";
import { unfurl } from "../src/unfurl/link-preview.ts";
import { RunningCampfire, setUp, testLogger } from "./support/campfire.ts";
import { htmlPage, ogTags, PageServer } from "./support/page-server.ts";

// Link previews (features.md §12, security.md §7): the server reads OpenGraph tags from pages members
// paste, and never lets a pasted link reach its own network.
let pages: PageServer;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

beforeEach(() => {
  pages = new PageServer({
    "/article": () =>
      htmlPage(
        ogTags({
          "og:title": "A &amp; B <b>news</b>",
          "og:description": "What happened today",
          "og:url": pages.url("/canonical"),
          "og:image": pages.url("/picture.png"),
        }),
      ),
    "/by-name": () =>
      htmlPage(
        '<meta name="og:title" content="Named"><meta name="og:description" content="Described">' +
          '<meta property="og:image" content="javascript:alert(1)">',
      ),
    "/hostile": () =>
      htmlPage(
        ogTags({
          "og:title": "&lt;script&gt;alert(1)&lt;/script&gt;Safe &lt;img src=x onerror=alert(1)&gt;title",
          "og:description": "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;quoted &quot;text&quot;",
          "og:url": "javascript:alert(3)",
          "og:image": pages.url("/vector.svg"),
        }),
      ),
    "/inward": () =>
      htmlPage(
        ogTags({
          "og:title": "Inward",
          "og:description": "Points home",
          "og:url": `http://127.0.0.1:${pages.port}/admin`,
          "og:image": `http://127.0.0.1:${pages.port}/picture.png`,
        }),
      ),
    "/untagged": () => htmlPage("<title>Only a title</title>"),
    "/plain": () => new Response(ogTags({ "og:title": "x", "og:description": "y" })),
    "/missing": () => htmlPage(ogTags({ "og:title": "Gone", "og:description": "Gone" }), 404),
    "/hop": () => Response.redirect(pages.url("/article"), 302),
    "/to-loopback": () => Response.redirect(`http://127.0.0.1:${pages.port}/article`, 302),
    "/to-metadata": () => Response.redirect("http://169.254.169.254/latest/meta-data/", 302),
    "/loop": () => Response.redirect(pages.url("/loop"), 302),
    "/huge": () => {
      // No Content-Length: the size bound must hold while streaming, not only on the header.
      const chunk = new TextEncoder().encode(`<!-- ${"x".repeat(16 * 1024)} -->`);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          sent += 1;
          if (sent > 200) controller.close();
          else controller.enqueue(chunk);
        },
      });
      return new Response(body, { headers: { "content-type": "text/html" } });
    },
    "/slow": async () => {
      await Bun.sleep(3000);
      return htmlPage(ogTags({ "og:title": "Late", "og:description": "Late" }));
    },
    "/picture.png": () => new Response(PNG, { headers: { "content-type": "image/png" } }),
    "/vector.svg": () => new Response("<svg/>", { headers: { "content-type": "image/svg+xml" } }),
    "/archive.zip": () => htmlPage(ogTags({ "og:title": "Zip", "og:description": "Zip" })),
  });
});
afterEach(() => pages.stop());

// Pretends every host name is a public address, so the guard passes names and still judges the
// literal addresses a redirect names. The guard connects to the address it checked, so "the
// internet" routes that address to the page server on loopback.
const PUBLIC = "93.184.216.34";
const publicNet = {
  resolve: async () => [PUBLIC],
  fetch: (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    if (url.hostname !== PUBLIC) throw new Error(`connected to ${url.hostname}, not the checked address`);
    url.hostname = "127.0.0.1";
    return fetch(url, init);
  },
};
const quiet = { logger: testLogger };
const loopbackAllowed = { allowPrivate: true, ...quiet };

describe("reading a page", () => {
  test("title, description, canonical url and a checked image; tags in the title are stripped", async () => {
    expect(await unfurl(pages.url("/article"), loopbackAllowed)).toEqual({
      title: "A & B news",
      description: "What happened today",
      url: pages.url("/canonical"),
      image: pages.url("/picture.png"),
    });
    expect(pages.requests).toContain("HEAD /picture.png");
  });

  test("name= works like property=; a non-http image is dropped; the pasted URL stands in for og:url", async () => {
    expect(await unfurl(pages.url("/by-name"), loopbackAllowed)).toEqual({
      title: "Named",
      description: "Described",
      url: pages.url("/by-name"),
      image: null,
    });
  });

  test("hostile values come back as plain text, SVG images and javascript: urls refused", async () => {
    const preview = await unfurl(pages.url("/hostile"), loopbackAllowed);
    expect(preview).toEqual({
      title: "Safe title",
      description: 'quoted "text"',
      url: pages.url("/hostile"),
      image: null,
    });
  });

  test("no card without tags, for non-HTML, for non-200 and for file links (never fetched)", async () => {
    for (const path of ["/untagged", "/plain", "/missing", "/archive.zip"]) {
      expect(await unfurl(pages.url(path), loopbackAllowed)).toBeNull();
    }
    expect(pages.requests).not.toContain("GET /archive.zip");
    expect(await unfurl("ftp://example.com/", loopbackAllowed)).toBeNull();
    expect(await unfurl("not a url", loopbackAllowed)).toBeNull();
  });

  test("redirects are followed by hand, and not forever", async () => {
    expect((await unfurl(pages.url("/hop"), loopbackAllowed))?.title).toBe("A & B news");
    expect(await unfurl(pages.url("/loop"), loopbackAllowed)).toBeNull();
    expect(pages.requests.filter((r) => r === "GET /loop")).toHaveLength(11);
  });

  test("a page past the size bound is abandoned while streaming", async () => {
    expect(await unfurl(pages.url("/huge"), { ...loopbackAllowed, maxBytes: 64 * 1024 })).toBeNull();
  });

  test("a page slower than the deadline is given up on", async () => {
    const started = performance.now();
    expect(await unfurl(pages.url("/slow"), { ...loopbackAllowed, timeoutMs: 200 })).toBeNull();
    expect(performance.now() - started).toBeLessThan(1500);
  });
});

describe("the private-network guard", () => {
  test("loopback, private and metadata addresses are refused before anything is sent", async () => {
    const logged = memorySink();
    const reported = { logger: createLogger({ level: "warn", sink: logged.sink }) };
    for (const host of [
      `127.0.0.1:${pages.port}`,
      `localhost:${pages.port}`,
      "10.1.2.3",
      "169.254.169.254",
    ]) {
      expect(await unfurl(`http://${host}/article`, reported)).toBeNull();
    }
    expect(await unfurl(`http://[::1]:${pages.port}/article`, reported)).toBeNull();
    expect(pages.requests).toEqual([]);
    // Each refusal is reported to the logger it was given, with the link and the reason.
    expect(logged.records()).toHaveLength(5);
    expect(logged.records()[2]).toMatchObject({
      level: "warn",
      msg: "unfurl failed",
      url: "http://10.1.2.3/article",
      reason: expect.stringContaining("non-public address 10.1.2.3"),
    });
  });

  test("the page is read from the address the guard checked, not from a second lookup", async () => {
    // rebind.test is made up: the system cannot resolve it, so only the checked answer can reach the page.
    const pinned = { resolve: async () => ["127.0.0.1"], ...quiet };
    const page = `http://rebind.test:${pages.port}/by-name`;
    expect(await unfurl(page, pinned)).toBeNull();
    expect(pages.requests).toEqual([]);
    expect((await unfurl(page, { ...pinned, allowPrivate: true }))?.title).toBe("Named");
    expect(pages.requests).toEqual(["GET /by-name"]);
  });

  test("each redirect hop is checked: a public page redirecting to loopback or metadata gets nothing", async () => {
    // The same page through a "public" name unfurls, so the refusal below is the hop's doing.
    expect((await unfurl(pages.url("/article"), { ...publicNet, ...quiet }))?.title).toBe("A & B news");
    pages.requests.length = 0;
    expect(await unfurl(pages.url("/to-loopback"), { ...publicNet, ...quiet })).toBeNull();
    expect(await unfurl(pages.url("/to-metadata"), { ...publicNet, ...quiet })).toBeNull();
    expect(pages.requests).toEqual(["GET /to-loopback", "GET /to-metadata"]);
  });

  test("an og:url or og:image on the private network is not passed on, nor the image asked for", async () => {
    expect(await unfurl(pages.url("/inward"), { ...publicNet, ...quiet })).toEqual({
      title: "Inward",
      description: "Points home",
      url: pages.url("/inward"),
      image: null,
    });
    expect(pages.requests).toEqual(["GET /inward"]);
  });
});

describe("POST /unfurl_link", () => {
  let campfire: RunningCampfire;
  afterEach(() => campfire.stop());

  test("answers the card as JSON, 204 without one, 400 without a url; members only", async () => {
    campfire = RunningCampfire.start({ unfurlMayReachPrivateNetwork: true });
    const stranger = campfire.browser();
    expect((await stranger.postJson("/unfurl_link", { url: pages.url("/article") })).status).not.toBe(200);
    const david = await setUp(campfire);
    await david.get("/rooms/1");
    const response = await david.postJson("/unfurl_link", { url: pages.url("/article") });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      title: "A & B news",
      url: pages.url("/canonical"),
      image: pages.url("/picture.png"),
      description: "What happened today",
    });
    expect((await david.postJson("/unfurl_link", { url: pages.url("/untagged") })).status).toBe(204);
    expect((await david.postJson("/unfurl_link", {})).status).toBe(400);
    expect((await david.postJson("/unfurl_link", { url: 5 })).status).toBe(400);
  });

  test("by default the app's own network is out of reach", async () => {
    campfire = RunningCampfire.start();
    const david = await setUp(campfire);
    await david.get("/rooms/1");
    for (const url of [
      pages.url("/article"),
      "http://10.0.0.1/",
      "http://169.254.169.254/latest/meta-data/",
    ]) {
      expect((await david.postJson("/unfurl_link", { url })).status).toBe(204);
    }
    expect(pages.requests).toEqual([]);
  });
});

describe("the card in a message", () => {
  let campfire: RunningCampfire;
  afterEach(() => campfire.stop());

  const card = (attributes: Record<string, string>) =>
    `<action-text-attachment content-type="application/vnd.actiontext.opengraph-embed" ${Object.entries(
      attributes,
    )
      .map(([name, value]) => `${name}="${value}"`)
      .join(" ")}></action-text-attachment>`;

  test("a message of only the link shows only its card; other text stays; the card isn't searchable", async () => {
    campfire = RunningCampfire.start();
    const david = await setUp(campfire);
    await david.get("/rooms/1");
    const attributes = {
      href: "https://example.com/post?utm=1",
      url: "https://example.com/p.png",
      filename: "The Post",
      caption: "All about it",
    };
    await david.post("/rooms/1/messages", {
      "message[body]": `<div>https://example.com/post${card(attributes)}</div>`,
      "message[client_message_id]": "solo",
    });
    await david.post("/rooms/1/messages", {
      "message[body]": `<div>Look at https://example.com/post${card(attributes)}</div>`,
      "message[client_message_id]": "chatty",
    });
    const page = await (await david.get("/rooms/1")).text();
    const presentation = (id: string) =>
      page.slice(
        page.indexOf(`id="presentation_message_${id}"`),
        page.indexOf(`id="boosting_message_${id}"`),
      );
    const solo = presentation("solo");
    expect(solo).toContain(
      '<a href="https://example.com/post?utm=1" target="_blank" rel="noreferrer">The Post</a>',
    );
    expect(solo).toContain("All about it");
    expect(solo).toContain('<img src="https://example.com/p.png"');
    expect(solo).not.toContain(">https://example.com/post<");
    const chatty = presentation("chatty");
    expect(chatty).toContain("Look at");
    expect(chatty).toContain('class="og-embed"');
    const indexed = campfire.db
      .query<{ n: number }, [string]>("SELECT COUNT(*) AS n FROM message_search_index WHERE body MATCH ?")
      .get("about")!;
    expect(indexed.n).toBe(0);
  });

  test("hostile attributes from a member's browser are escaped, and non-http links dropped", async () => {
    campfire = RunningCampfire.start();
    const david = await setUp(campfire);
    await david.get("/rooms/1");
    await david.post("/rooms/1/messages", {
      "message[body]": card({
        href: "https://example.com/",
        url: "javascript:alert(1)",
        filename: "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
        caption: "&lt;img src=x onerror=alert(2)&gt;",
      }),
      "message[client_message_id]": "hostile",
    });
    await david.post("/rooms/1/messages", {
      "message[body]": card({ href: "javascript:alert(3)", filename: "Click me", caption: "x" }),
      "message[client_message_id]": "scheme",
    });
    const page = await (await david.get("/rooms/1")).text();
    expect(page).toContain("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).toContain("&lt;img src=x onerror=alert(2)&gt;");
    expect(page).not.toContain("<script>alert");
    expect(page).not.toContain("<img src=x");
    expect(page).not.toContain("javascript:");
    expect(page).not.toContain("Click me");
  });
});
