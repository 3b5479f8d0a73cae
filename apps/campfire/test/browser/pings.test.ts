import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import {
  browserAvailable,
  eventually,
  type Journey,
  joinedPerson,
  roomIdOf,
  screenshotPath,
  sendMessage,
  startWithDavid,
  texts,
  waitForStreams,
} from "./harness.ts";

// Pings through the sidebar (features.md §5.5): the New Ping picker for several people, the same
// set of people always landing in the same room, and the Ping lighting up live for the others.
let journey: Journey;
let david: Page;
let jason: Page;
let kevin: Page;
let url: string;

beforeAll(async () => {
  if (!browserAvailable) return;
  ({ journey, url, david } = await startWithDavid());
  jason = await joinedPerson(journey, "Jason Fried", "jason@example.com");
  kevin = await joinedPerson(journey, "Kevin McConnell", "kevin@example.com");
}, 30_000);
afterAll(() => journey?.stop());

async function pickAndPing(page: Page, names: string[], screenshot?: string): Promise<number> {
  await page.goto(`${url}/rooms/1`);
  await page.getByRole("button", { name: "New Ping" }).click();
  const input = page.getByRole("combobox", { name: "People to ping" });
  for (const name of names) {
    await input.pressSequentially(name.slice(0, 3));
    await page.locator(".ping-picker__suggestions li", { hasText: name }).waitFor();
    if (screenshot && name === names.at(-1)) await page.screenshot({ path: screenshot });
    await input.press("Enter");
  }
  await page.getByRole("button", { name: "Ping", exact: true }).click();
  await page.waitForURL(
    (address) => /^\/rooms\/\d+$/.test(address.pathname) && address.pathname !== "/rooms/1",
  );
  return roomIdOf(page);
}

test.skipIf(!browserAvailable)(
  "New Ping picks several people; the same people always find the same Ping",
  async () => {
    await david.goto(`${url}/rooms/1`);
    await david.getByRole("button", { name: "New Ping" }).click();
    const input = david.getByRole("combobox", { name: "People to ping" });
    // Backspace in an empty field takes back the last pick; Esc puts the strip back.
    await input.pressSequentially("Jas");
    await david.locator(".ping-picker__suggestions li", { hasText: "Jason Fried" }).waitFor();
    await input.press("Enter");
    expect(await texts(david, ".ping-picker__pick")).toEqual(["JFJason Fried"]);
    await input.press("Backspace");
    expect(await david.locator(".ping-picker__pick").count()).toBe(0);
    await input.press("Escape");
    expect(await david.locator(".ping-picker").isHidden()).toBe(true);
    expect(await david.locator(".sidebar__pings").isVisible()).toBe(true);

    const ping = await pickAndPing(david, ["Jason Fried", "Kevin McConnell"], screenshotPath("new-ping.png"));
    expect(await david.locator("h1").textContent()).toContain("Jason");
    expect(await david.locator("h1").textContent()).toContain("Kevin");

    // Kevin picks the same people (in another order) and lands in the same room.
    expect(await pickAndPing(kevin, ["Jason Fried", "David"])).toBe(ping);

    // The Ping is in Jason's strip without a reload, and lights up when someone writes in it.
    await jason.goto(`${url}/rooms/1`);
    await waitForStreams(jason);
    await waitForStreams(david);
    await sendMessage(david, "Lunch, the three of us?");
    const entry = jason.locator(`#list_rooms_direct_${ping}`);
    await eventually(async () => ((await entry.getAttribute("class")) ?? "").includes("unread"));
    await entry.click();
    await jason.waitForURL(new RegExp(`/rooms/${ping}$`));
    await eventually(async () => (await texts(jason, ".message__body")).some((t) => t.includes("Lunch")));
    expect(journey.errors).toEqual([]);
  },
  30_000,
);
