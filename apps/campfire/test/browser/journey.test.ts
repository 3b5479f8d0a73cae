import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import {
  ALL_TALK,
  bodies,
  browserAvailable,
  eventually,
  firstRun,
  has,
  imageLoaded,
  Journey,
  joinRoom,
  messageBy,
  messages,
  openMenu,
  screenshotPath,
  sendMessage,
  texts,
  waitForStreams,
} from "./harness.ts";

// The whole story in one sitting, each step through the pages a person would use: David sets up
// Campfire, Jason joins with the link David copies from the account page, the two talk in All Talk
// (messages, typing, an edit, a boost, a deletion, all live), David keeps a closed room to himself,
// Jason searches, the server restarts, and a reload shows everything as it was.
let journey: Journey;
let david: Page;
let jason: Page;
let url: string;

beforeAll(async () => {
  if (!browserAvailable) return;
  journey = await Journey.start();
  url = journey.campfire.url;
  david = await journey.person();
  jason = await journey.person();
}, 20_000);
afterAll(() => journey?.stop());

test.skipIf(!browserAvailable)(
  "first run, a second person joins by link, and both chat live",
  async () => {
    await firstRun(david, url);
    expect(await david.locator("h1").textContent()).toBe("All Talk");

    // The join link as David sees it on the account page, QR code included.
    await david.goto(`${url}/account/edit`);
    const joinLink = await david.getByRole("textbox", { name: "Join link" }).inputValue();
    expect(joinLink).toMatch(/\/join\/\w{4}-\w{4}-\w{4}$/);
    await david.locator(".share-link__qr summary").first().click();
    await imageLoaded(david.locator(".share-link__qr img"));

    await jason.goto(joinLink);
    await jason.getByLabel("Name").fill("Jason");
    await jason.getByLabel("Email address").fill("jason@example.com");
    await jason.getByLabel("Password").fill("secret123456");
    await jason.screenshot({ path: screenshotPath("join.png") });
    await jason.getByRole("button", { name: "Join" }).click();
    await jason.waitForURL(`${url}/rooms/${ALL_TALK}`);

    await joinRoom(david, url, ALL_TALK);
    await waitForStreams(jason);
    await sendMessage(david, "Welcome aboard, Jason!");
    await eventually(() => has(jason, "Welcome aboard"));

    // Jason is seen typing, then his message arrives with its link and code kept and rendered.
    const editor = jason.locator("#composer trix-editor");
    await editor.click();
    await editor.pressSequentially("Thanks! Notes are at https://example.com/notes for later");
    await david.waitForSelector(".typing-indicator:not([hidden])");
    expect(await david.locator(".typing-indicator__names").textContent()).toBe("Jason");
    await editor.press("Enter");
    await eventually(() => has(david, "Notes are at"));
    const link = messageBy(david, "Notes are at").locator("a[href='https://example.com/notes']");
    expect(await link.getAttribute("target")).toBe("_blank");
    await david.waitForSelector(".typing-indicator[hidden]", { state: "attached" });

    // With the formatting toolbar on, David writes a code block over two lines and sends with Ctrl+Enter.
    await david.getByRole("button", { name: "Formatting" }).click();
    await david.locator("#composer trix-toolbar").getByRole("button", { name: "Code" }).click();
    const composer = david.locator("#composer trix-editor");
    await composer.pressSequentially("npm install");
    await composer.press("Enter");
    await composer.pressSequentially("npm start");
    await composer.press("ControlOrMeta+Enter");
    await jason.waitForSelector(".message__body pre:has-text('npm start')");
    expect(await jason.locator(".message__body pre").first().textContent()).toBe("npm install\nnpm start");
    await david.getByRole("button", { name: "Formatting" }).click();

    // An edit and a boost reach the other side live.
    await sendMessage(david, "Lunch at noon?");
    await eventually(() => has(jason, "Lunch at noon?"));
    const lunch = await openMenu(david, "Lunch at noon?");
    await lunch.getByRole("menuitem", { name: "Edit" }).click();
    const edit = lunch.locator("trix-editor");
    await edit.waitFor();
    await edit.press("ControlOrMeta+a");
    await edit.pressSequentially("Lunch at one?");
    await lunch.getByRole("button", { name: "Save" }).click();
    await eventually(() => has(jason, "Lunch at one?"));
    const boosted = await openMenu(jason, "Lunch at one?");
    await boosted.getByRole("button", { name: "Thumbs up" }).click();
    await david.waitForSelector(".message:has-text('Lunch at one?') .boost:has-text('👍')");

    // A deletion disappears for both.
    await sendMessage(jason, "Oops, wrong room");
    await eventually(() => has(david, "Oops, wrong room"));
    const oops = await openMenu(jason, "Oops, wrong room");
    await oops.getByRole("menuitem", { name: "Edit" }).click();
    jason.once("dialog", (dialog) => dialog.accept());
    await oops.getByRole("button", { name: "Delete" }).click();
    await eventually(async () => !(await has(david, "Oops")) && !(await has(jason, "Oops")));

    await david.screenshot({ path: screenshotPath("room.png") });
    expect(journey.errors).toEqual([]);
  },
  40_000,
);

test.skipIf(!browserAvailable)(
  "a closed room stays invisible to someone not in it, in the sidebar, by URL and in search",
  async () => {
    await david.goto(`${url}/rooms/opens/new`);
    await david.getByRole("switch", { name: "Everyone" }).click();
    await david.waitForURL(/\/rooms\/closeds\/new$/);
    await david.getByLabel("Name").fill("Secret plans");
    await david.getByRole("button", { name: "Create room" }).click();
    await david.waitForURL(
      (address) => /^\/rooms\/\d+$/.test(address.pathname) && !address.pathname.endsWith("/1"),
    );
    const secret = Number(new URL(david.url()).pathname.split("/")[2]);
    await waitForStreams(david);
    await sendMessage(david, "The password is zebra");
    await david.waitForSelector(".message:has-text('zebra'):not(.message--pending)");

    expect((await texts(jason, "#shared_rooms .sidebar__room")).join()).not.toContain("Secret plans");
    await jason.goto(`${url}/rooms/${secret}`);
    expect(new URL(jason.url()).pathname).not.toBe(`/rooms/${secret}`);
    await jason.goto(`${url}/rooms/${secret}/@1`);
    expect(new URL(jason.url()).pathname).not.toContain(`/rooms/${secret}`);
    await jason.goto(`${url}/searches?q=zebra`);
    expect(await messages(jason).count()).toBe(0);
    expect(await jason.locator(".messages").textContent()).not.toContain("password");
    expect(journey.errors).toEqual([]);
  },
  30_000,
);

test.skipIf(!browserAvailable)(
  "search finds a message Jason can see and leads back to it",
  async () => {
    await jason.goto(`${url}/searches`);
    const field = jason.getByRole("searchbox", { name: "Search" });
    await field.fill("lunch");
    await field.press("Enter");
    await jason.waitForURL(`${url}/searches?q=lunch`);
    expect(await messages(jason).count()).toBe(1);
    expect(await messages(jason).first().textContent()).toContain("Lunch at one?");
    await jason.screenshot({ path: screenshotPath("search.png") });
    await jason.locator(".message__permalink").click();
    await jason.waitForURL(/\/rooms\/1\/@\d+$/);
    await jason.waitForSelector(".message.search-highlight:has-text('Lunch at one?')");
    expect(journey.errors).toEqual([]);
  },
  20_000,
);

test.skipIf(!browserAvailable)(
  "after a server restart a reload keeps everyone signed in and everything where it was",
  async () => {
    await journey.campfire.restart();
    url = journey.campfire.url;
    for (const page of [david, jason]) {
      await page.goto(`${url}/rooms/${ALL_TALK}`);
      await waitForStreams(page);
      expect(new URL(page.url()).pathname).toBe(`/rooms/${ALL_TALK}`);
      expect(await bodies(page)).toHaveLength(4);
      expect(await page.locator(".message__body pre").count()).toBe(1);
      expect(await has(page, "Welcome aboard")).toBe(true);
      expect(await has(page, "Lunch at one?")).toBe(true);
      expect(await has(page, "Lunch at noon?")).toBe(false);
      expect(await has(page, "Oops")).toBe(false);
      expect(await page.locator(".message:has-text('Lunch at one?') .boost:has-text('👍')").count()).toBe(1);
    }
    // The pages open before the restart lost their sockets to the old port; that was expected.
    journey.errors.length = 0;
    expect((await texts(david, "#shared_rooms .sidebar__room")).join()).toContain("Secret plans");
    expect((await texts(jason, "#shared_rooms .sidebar__room")).join()).not.toContain("Secret plans");
    // Still live after the restart.
    await sendMessage(jason, "Back again");
    await eventually(() => has(david, "Back again"));

    // Jason's personal sign-in link, opened in a fresh browser, signs that browser in as Jason.
    await jason.goto(`${url}/users/me/profile`);
    const transfer = await jason.getByRole("textbox", { name: "Sign-in link" }).inputValue();
    const phone = await journey.person();
    await phone.goto(transfer);
    await phone.waitForURL(/\/rooms\/\d+$/);
    await phone.goto(`${url}/users/me/profile`);
    expect(await phone.getByLabel("Name").inputValue()).toBe("Jason");
    expect(journey.errors).toEqual([]);
  },
  30_000,
);
