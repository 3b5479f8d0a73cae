import { afterAll, beforeAll, expect, test } from "bun:test";
import { browserAvailable, firstRun, Journey, messages, sendMessage, waitForStreams } from "./harness.ts";

let journey: Journey;
beforeAll(async () => {
  if (browserAvailable) journey = await Journey.start();
});
afterAll(() => journey?.stop());

test.skipIf(!browserAvailable)(
  "first run in the browser lands in All Talk, live and ready to chat",
  async () => {
    const page = await journey.person();
    await firstRun(page, journey.campfire.url);
    expect(await page.locator("h1").textContent()).toBe("All Talk");
    await waitForStreams(page);
    await sendMessage(page, "Hello, world");
    await page.waitForSelector(".message.message--me:not(.message--pending)");
    expect(await messages(page).count()).toBe(1);
    expect((await page.locator(".message__body").textContent())?.trim()).toBe("Hello, world");
    await page.screenshot({ path: "/tmp/campfire-room.png" });
    expect(journey.errors).toEqual([]);
  },
  20_000,
);
