import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import {
  ALL_TALK,
  browserAvailable,
  davidAndJason,
  eventually,
  type Journey,
  joinRoom,
  roomIdOf,
  sendMessage,
  texts,
} from "./harness.ts";

// Rooms through two people's sidebars: creating rooms, unread marks, closed rooms, @mentions.
let journey: Journey;
let david: Page;
let jason: Page;
let url: string;

beforeAll(async () => {
  if (!browserAvailable) return;
  ({ journey, url, david, jason } = await davidAndJason());
  await joinRoom(jason, url, ALL_TALK);
}, 20_000);
afterAll(() => journey?.stop());

const sidebarRooms = (page: Page) => texts(page, "#shared_rooms .sidebar__room");

async function createRoom(page: Page, name: string, kind: "open" | "closed"): Promise<number> {
  await page.goto(`${url}/rooms/opens/new`);
  if (kind === "closed") {
    await page.getByRole("switch", { name: "Everyone" }).click();
    await page.waitForURL(/\/rooms\/closeds\/new$/);
  }
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create room" }).click();
  await page.waitForURL(/\/rooms\/\d+$/);
  return roomIdOf(page);
}

test.skipIf(!browserAvailable)(
  "a new open room appears in the other sidebar, and lights up there when someone posts",
  async () => {
    const hq = await createRoom(david, "HQ", "open");
    await eventually(async () => (await sidebarRooms(jason)).some((name) => name.includes("HQ")));
    const entry = jason.locator(`#list_rooms_open_${hq}`);
    expect(await entry.getAttribute("class")).not.toContain("unread");

    await joinRoom(david, url, hq);
    await sendMessage(david, "Anyone in HQ?");
    await eventually(async () => ((await entry.getAttribute("class")) ?? "").includes("unread"));
    // The room being viewed is never marked.
    expect(await jason.locator(`#list_rooms_open_${ALL_TALK}`).getAttribute("class")).not.toContain("unread");

    await entry.click();
    await jason.waitForURL(`${url}/rooms/${hq}`);
    await jason.waitForSelector(".message:has-text('Anyone in HQ?')");
    expect(await jason.locator(`#list_rooms_open_${hq}`).getAttribute("class")).not.toContain("unread");
  },
  20_000,
);

test.skipIf(!browserAvailable)(
  "a closed room stays invisible to someone who isn't in it",
  async () => {
    await joinRoom(jason, url, ALL_TALK);
    const secret = await createRoom(david, "Secret plans", "closed");
    await joinRoom(david, url, secret);
    await sendMessage(david, "hush hush");
    await david.waitForSelector(".message:has-text('hush hush'):not(.message--pending)");
    await Bun.sleep(200);
    expect((await sidebarRooms(jason)).some((name) => name.includes("Secret"))).toBe(false);
    expect(await jason.content()).not.toContain("hush");

    await jason.goto(`${url}/rooms/${secret}`);
    await jason.waitForURL(/\/rooms\/\d+$/);
    expect(roomIdOf(jason)).not.toBe(secret);
    expect(await jason.locator(".flash__alert").textContent()).toBe("Room not found or inaccessible");
  },
  20_000,
);

test.skipIf(!browserAvailable)(
  "@ opens suggestions of the room's members; the pick mentions and highlights them",
  async () => {
    await joinRoom(david, url, ALL_TALK);
    await joinRoom(jason, url, ALL_TALK);
    const editor = david.locator("#composer trix-editor");
    await editor.click();
    await editor.pressSequentially("Hey @Ja");
    await david.waitForSelector(".autocomplete li:has-text('Jason')");
    await editor.press("Enter");
    await david.waitForSelector("#composer .mention, #composer figure");
    await editor.pressSequentially("look");
    await editor.press("Enter");
    const mention = jason.locator(".message--mentioned .mention[data-user-id='2']");
    await mention.waitFor();
    expect(await mention.textContent()).toContain("Jason");
    expect(await jason.locator(".message--mentioned .message__body").textContent()).toContain("look");
    expect(journey.errors).toEqual([]);
  },
  20_000,
);
