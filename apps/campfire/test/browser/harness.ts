import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { joinCodeOf, PASSWORD, RunningCampfire } from "../support/campfire.ts";

export const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

// Browser journeys need Debian's chromium. Without it they skip, unless TEST_REQUIRE_SERVICES=1 says
// the environment promised it, in which case they run and fail loudly.
export const browserAvailable = existsSync(CHROMIUM) || process.env.TEST_REQUIRE_SERVICES === "1";

// One chromium with a fresh profile directory, one isolated context per person, and the app on
// port 0 with a temporary database.
export class Journey {
  readonly errors: string[] = [];
  private constructor(
    readonly campfire: RunningCampfire,
    private readonly browser: Browser,
    private readonly profile: string,
  ) {}

  // The app defaults to one fresh instance; a test running several passes the one to stop last.
  static async start(campfire?: RunningCampfire): Promise<Journey> {
    const profile = mkdtempSync(join(tmpdir(), "campfire-chromium-"));
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...ARGS, `--disk-cache-dir=${profile}`],
      env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
    });
    return new Journey(campfire ?? RunningCampfire.start(), browser, profile);
  }

  async person(): Promise<Page> {
    const context: BrowserContext = await this.browser.newContext({ viewport: { width: 1200, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    page.on("pageerror", (error) => this.errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error" && !/Failed to load resource/.test(message.text()))
        this.errors.push(message.text());
    });
    return page;
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await this.campfire.stop();
    rmSync(this.profile, { recursive: true, force: true });
  }
}

export const ALL_TALK = 1;

// The usual cast: a fresh journey where David has been through first run in his own browser.
export async function startWithDavid(): Promise<{ journey: Journey; url: string; david: Page }> {
  const journey = await Journey.start();
  const url = journey.campfire.url;
  const david = await stoppingOnFailure(journey, async () => {
    const page = await journey.person();
    await firstRun(page, url);
    return page;
  });
  return { journey, url, david };
}

// A journey that fails to set up is stopped here, since its caller never got hold of it to stop.
async function stoppingOnFailure<T>(journey: Journey, arrange: () => Promise<T>): Promise<T> {
  try {
    return await arrange();
  } catch (error) {
    await journey.stop();
    throw error;
  }
}

// Another person, in a browser of their own, joined with the account's join link (through `url`,
// the journey's app unless a test runs several).
export async function joinedPerson(
  journey: Journey,
  name: string,
  email: string,
  url = journey.campfire.url,
): Promise<Page> {
  const page = await journey.person();
  await joinWithLink(page, url, joinCodeOf(journey.campfire), name, email);
  return page;
}

// David after first run and Jason joined by link; neither has (re)opened a room yet.
export async function davidAndJason(): Promise<{ journey: Journey; url: string; david: Page; jason: Page }> {
  const { journey, url, david } = await startWithDavid();
  const jason = await stoppingOnFailure(journey, () => joinedPerson(journey, "Jason", "jason@example.com"));
  return { journey, url, david, jason };
}

export async function firstRun(
  page: Page,
  url: string,
  name = "David",
  email = "david@example.com",
): Promise<void> {
  await page.goto(`${url}/`);
  await page.waitForURL(/\/first_run$/);
  await fill(page, name, email);
  await page.getByRole("button", { name: "Create your account" }).click();
  await page.waitForURL(/\/rooms\/\d+$/);
}

export async function joinWithLink(
  page: Page,
  url: string,
  joinCode: string,
  name: string,
  email: string,
): Promise<void> {
  await page.goto(`${url}/join/${joinCode}`);
  await fill(page, name, email);
  await page.getByRole("button", { name: "Join" }).click();
  await page.waitForURL(/\/rooms\/\d+$/);
}

async function fill(page: Page, name: string, email: string): Promise<void> {
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
}

// Like the original's system tests: a room is joined once its three streams (room, global rooms,
// own user stream) are confirmed by the server.
export async function joinRoom(page: Page, url: string, roomId: number): Promise<void> {
  await page.goto(`${url}/rooms/${roomId}`);
  await waitForStreams(page);
}

export async function waitForStreams(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll("cable-stream-source[connected]").length === 3);
}

export async function sendMessage(page: Page, text: string): Promise<void> {
  const editor = page.locator("#composer trix-editor");
  await editor.click();
  await editor.pressSequentially(text);
  await editor.press("Enter");
}

export const messages = (page: Page) => page.locator(".messages > .message");

// Polls until `check` returns true (playwright's auto-waiting matchers aren't available in bun:test).
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await Bun.sleep(50);
  }
}

export const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();

export const bodies = (page: Page) => texts(page, ".messages > .message .message__body");
export const has = async (page: Page, text: string) =>
  (await bodies(page)).some((body) => body.includes(text));
export const messageBy = (page: Page, text: string) =>
  page.locator(".messages > .message", { hasText: text });
export const roomIdOf = (page: Page) => Number(new URL(page.url()).pathname.split("/")[2]);

// Opens a message's menu. Located by id, so the locator still holds while the message's text
// changes under edit.
export async function openMenu(page: Page, text: string) {
  const id = await messageBy(page, text).getAttribute("id");
  const message = page.locator(`[id="${id}"]`);
  await message.hover();
  await message.locator("summary").click();
  return message;
}

/**
 * Where a journey's screenshot goes: under apps/campfire/docs/ (the README's pictures) only
 * when CAMPFIRE_UPDATE_DOCS=1, so an ordinary test run never rewrites tracked files;
 * otherwise a scratch folder, where a failing run's pictures can still be looked at.
 */
export function screenshotPath(name: string): string {
  if (process.env.CAMPFIRE_UPDATE_DOCS === "1") return `${import.meta.dir}/../../docs/${name}`;
  return `${tmpdir()}/campfire-${name}`;
}

/**
 * Waits until an image has loaded and its natural width satisfies `width`. Avatars and
 * attachments are `loading="lazy"`, which loads only in view, so it is scrolled there first;
 * a loaded machine can take seconds to fetch and decode, hence the longer wait.
 */
export async function imageLoaded(
  image: Locator,
  width: (w: number) => boolean = (w) => w > 0,
): Promise<void> {
  await image.scrollIntoViewIfNeeded();
  await eventually(
    async () => width(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)),
    10_000,
  );
}
