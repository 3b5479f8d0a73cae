import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { png } from "../support/images.ts";
import { ALL_TALK, browserAvailable, davidAndJason, imageLoaded, type Journey, joinRoom } from "./harness.ts";

// A person edits their profile and picture; an administrator removes someone who is looking at a room.
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
  "Jason writes a bio and picks a picture; others see both on his page",
  async () => {
    await jason.getByRole("link", { name: "My profile" }).click();
    await jason.waitForURL(`${url}/users/me/profile`);
    await jason.getByLabel("Bio").fill("Designer of small things");
    await jason.getByRole("button", { name: "Save changes" }).click();
    await jason.waitForSelector(".flash__notice:has-text('✓')");
    await jason.locator('input[name="user[avatar]"]').setInputFiles({
      name: "me.png",
      mimeType: "image/png",
      buffer: Buffer.from(png(300, 300)),
    });
    await jason.waitForSelector(".flash__notice:has-text('It may take up to 30 minutes')");
    const picture = jason.locator(".profile__avatar img.avatar--large");
    await imageLoaded(picture, (w) => w === 300);

    await david.goto(`${url}/users/2`);
    expect(await david.locator(".user-page__bio").textContent()).toBe("Designer of small things");
    expect(await david.locator("main img.avatar--large").getAttribute("src")).toMatch(
      /^\/users\/.+\/avatar\?v=\d+$/,
    );
    expect(journey.errors).toEqual([]);
  },
  20_000,
);

test.skipIf(!browserAvailable)(
  "an administrator removes Jason from the account page; Jason's open room sends him to sign in",
  async () => {
    await joinRoom(jason, url, ALL_TALK);
    await david.goto(`${url}/account/edit`);
    david.once("dialog", (dialog) => dialog.accept());
    await david.locator("#person_2").getByRole("button", { name: "Remove" }).click();
    await david.waitForSelector("#person_2", { state: "detached" });
    await jason.waitForURL(`${url}/session/new`, { timeout: 8000 });
    await david.goto(`${url}/users/2`);
    expect(await david.locator(".user-page__gone").textContent()).toBe("Jason is no longer on this account.");
  },
  20_000,
);
