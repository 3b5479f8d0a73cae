import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Browser } from "./support/browser.ts";
import { RunningCampfire, setUp } from "./support/campfire.ts";

const PAGE = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const OLD_CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36";
const CHROME_120 =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const SAFARI_17_1 =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15";
const IPHONE_SAFARI_17_2 =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1";
const OLD_FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:109.0) Gecko/20100101 Firefox/120.0";
const OLD_OPERA = `${CHROME_120} OPR/103.0.0.0`;
const IE_11 = "Mozilla/5.0 (Windows NT 10.0; Trident/7.0; rv:11.0) like Gecko";
const OLD_EDGE =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/110.0.0.0 Safari/537.36 Edg/110.0.1587.57";
const APPLE_MESSAGES =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0";
const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

let campfire: RunningCampfire;
let david: Browser;
beforeAll(async () => {
  campfire = RunningCampfire.start();
  david = await setUp(campfire);
});
afterAll(() => campfire.stop());

async function page(userAgent: string, accept = PAGE) {
  const response = await david.get("/", { "user-agent": userAgent, accept });
  const body = await response.text();
  return { status: response.status, title: body.match(/<title>([^<]*)<\/title>/)?.[1], body };
}

test("browsers older than the supported versions, and any Internet Explorer, get the upgrade page", async () => {
  for (const userAgent of [OLD_CHROME, SAFARI_17_1, OLD_FIREFOX, OLD_OPERA, IE_11]) {
    const shown = await page(userAgent);
    expect({ userAgent, status: shown.status, title: shown.title }).toEqual({
      userAgent,
      status: 406,
      title: "Unsupported browser",
    });
    expect(shown.body).toContain("Upgrade to a supported web browser");
    for (const minimum of [
      "Safari</strong> 17.2",
      "Chrome</strong> 120",
      "Firefox</strong> 121",
      "Opera</strong> 104",
    ]) {
      expect(shown.body).toContain(minimum);
    }
  }
});

test("supported, unlisted and non-browser clients reach the app", async () => {
  for (const userAgent of [CHROME_120, IPHONE_SAFARI_17_2, OLD_EDGE, GOOGLEBOT, "curl/8.5.0", ""]) {
    const shown = await page(userAgent);
    expect({ userAgent, status: shown.status }).toEqual({ userAgent, status: 302 });
  }
  // Signed in, the room a supported browser is sent to opens; an old one gets the upgrade page there too.
  const room = (await david.get("/", { "user-agent": CHROME_120, accept: PAGE })).headers.get("location")!;
  expect((await david.get(room, { "user-agent": CHROME_120, accept: PAGE })).status).toBe(200);
  expect((await david.get(room, { "user-agent": OLD_CHROME, accept: PAGE })).status).toBe(406);
});

test("Apple Messages link previews read Campfire; requests for other than a page are not gated", async () => {
  const preview = await page(APPLE_MESSAGES);
  expect([preview.status, preview.title]).toEqual([406, "Campfire"]);
  const stylesheet = await page(OLD_CHROME, "text/css,*/*;q=0.1");
  expect(stylesheet.status).toBe(302);
});
