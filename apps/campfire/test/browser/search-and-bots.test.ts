import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import {
  ALL_TALK,
  browserAvailable,
  davidAndJason,
  imageLoaded,
  type Journey,
  joinRoom,
  messages,
  sendMessage,
} from "./harness.ts";

// Searching from the composer, and a bot's message reaching someone's open room live.
let journey: Journey;
let david: Page;
let jason: Page;
let url: string;

beforeAll(async () => {
  if (!browserAvailable) return;
  ({ journey, url, david, jason } = await davidAndJason());
}, 20_000);
afterAll(() => journey?.stop());

test.skipIf(!browserAvailable)(
  "search from the composer finds a message, remembers the query, and the timestamp leads back to it",
  async () => {
    await joinRoom(david, url, ALL_TALK);
    await sendMessage(david, "The quick brown foxes jumped");
    await sendMessage(david, "Something else entirely");
    await david.waitForSelector(".message:has-text('Something else'):not(.message--pending)");
    await david.getByRole("link", { name: "Search" }).first().click();
    await david.waitForURL(`${url}/searches`);
    const field = david.getByRole("searchbox", { name: "Search" });
    await field.fill("fox");
    await field.press("Enter");
    await david.waitForURL(`${url}/searches?q=fox`);
    expect(await david.locator("h1").textContent()).toContain("“fox”");
    expect(await messages(david).count()).toBe(1);
    expect(await messages(david).first().textContent()).toContain("The quick brown foxes jumped");
    expect(await david.locator(".message__room").textContent()).toBe("All Talk");
    expect(await david.locator(".searches__chip").allTextContents()).toEqual(["fox"]);
    await david.locator(".message__permalink").click();
    await david.waitForURL(/\/rooms\/1\/@\d+$/);
    await david.waitForSelector(".message.search-highlight:has-text('quick brown')");
    expect(journey.errors).toEqual([]);
  },
  20_000,
);

test.skipIf(!browserAvailable)(
  "an administrator adds a bot; what the bot posts with its key appears live in Jason's room",
  async () => {
    await joinRoom(jason, url, ALL_TALK);
    await david.goto(`${url}/account/edit`);
    await david.getByRole("link", { name: "Chat bots" }).click();
    await david.getByRole("link", { name: "New bot" }).click();
    await david.getByLabel("Name").fill("Beep Bot");
    await david.getByRole("button", { name: "Save" }).click();
    await david.waitForURL(`${url}/account/bots`);
    const command = await david.locator(".bots__command").first().textContent();
    const botUrl = command!.replace("curl -d 'Hello!' ", "").trim();
    const posted = await fetch(botUrl, { method: "POST", body: "Beep boop, I am a bot" });
    expect(posted.status).toBe(201);
    const message = jason.locator(".messages > .message", { hasText: "Beep boop, I am a bot" });
    await message.waitFor();
    expect(await message.locator(".message__author").textContent()).toBe("Beep Bot");
    await imageLoaded(message.locator("img.avatar"));
    expect(journey.errors).toEqual([]);
  },
  20_000,
);
