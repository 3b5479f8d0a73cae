import type { MiddlewareHandler } from "hono";
import { UAParser } from "ua-parser-js";
import { unsupportedBrowserPage } from "../views/unsupported-browser.ts";
import type { AppEnv } from "./env.ts";
import { renderPage } from "./render.ts";

// The original's AllowBrowser::VERSIONS (features.md §2.4): the oldest version of each listed browser
// that can run the app; Internet Explorer never can. Browsers not listed, and clients that report no
// browser version (curl, bots), are let through.
export const SUPPORTED_BROWSERS = [
  { key: "safari", name: "Safari", minimum: "17.2" },
  { key: "chrome", name: "Chrome", minimum: "120" },
  { key: "firefox", name: "Firefox", minimum: "121" },
  { key: "opera", name: "Opera", minimum: "104" },
] as const;

type BrowserKey = (typeof SUPPORTED_BROWSERS)[number]["key"] | "ie";

// ua-parser-js names (desktop and mobile variants) of the browsers the gate knows.
const PARSED_NAMES: Record<string, BrowserKey> = {
  Safari: "safari",
  "Mobile Safari": "safari",
  Chrome: "chrome",
  "Mobile Chrome": "chrome",
  Firefox: "firefox",
  "Mobile Firefox": "firefox",
  Opera: "opera",
  IE: "ie",
  IEMobile: "ie",
};

function versionParts(version: string): number[] {
  return version.split(".").map((part) => Number.parseInt(part, 10) || 0);
}

function olderThan(version: string, minimum: string): boolean {
  const have = versionParts(version);
  const need = versionParts(minimum);
  for (let i = 0; i < Math.max(have.length, need.length); i++) {
    const difference = (have[i] ?? 0) - (need[i] ?? 0);
    if (difference !== 0) return difference < 0;
  }
  return false;
}

// Like the original's user-agent library, a client calling itself a bot in its comment is no browser.
const SELF_DECLARED_BOT = /\([^)]*bot[^)]*\)/i;

export function isUnsupportedBrowser(userAgent: string | undefined): boolean {
  if (!userAgent || SELF_DECLARED_BOT.test(userAgent)) return false;
  const browser = new UAParser(userAgent).getBrowser();
  const key = browser.name ? PARSED_NAMES[browser.name] : undefined;
  if (key === undefined || !browser.version) return false;
  if (key === "ie") return true;
  const supported = SUPPORTED_BROWSERS.find((entry) => entry.key === key);
  return supported !== undefined && olderThan(browser.version, supported.minimum);
}

// Apple Messages fetches link previews posing as an old Safari; its preview then reads "Campfire".
function isAppleMessagesPreview(userAgent: string): boolean {
  return userAgent.includes("facebookexternalhit") && userAgent.includes("Twitterbot");
}

// Pages (requests that accept HTML) from too-old browsers get the upgrade page instead.
export const browserGate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const userAgent = c.req.header("user-agent");
  if (!(c.req.header("accept") ?? "").includes("text/html") || !isUnsupportedBrowser(userAgent)) {
    return next();
  }
  const title = isAppleMessagesPreview(userAgent ?? "") ? "Campfire" : "Unsupported browser";
  return renderPage(c, { title, body: unsupportedBrowserPage(SUPPORTED_BROWSERS) }, 406);
};
