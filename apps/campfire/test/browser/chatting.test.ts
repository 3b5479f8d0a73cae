import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { png } from "../support/images.ts";
import {
  ALL_TALK,
  bodies,
  browserAvailable,
  davidAndJason,
  eventually,
  has,
  imageLoaded,
  type Journey,
  joinRoom,
  messageBy,
  messages,
  openMenu,
  screenshotPath,
  sendMessage,
  texts,
} from "./harness.ts";

// Two people in All Talk, each in their own browser context (tests.md §2: sending, editing, deleting,
// boosting, plus typing and /play).
let journey: Journey;
let david: Page;
let jason: Page;

beforeAll(async () => {
  if (!browserAvailable) return;
  let url: string;
  ({ journey, url, david, jason } = await davidAndJason());
  await joinRoom(david, url, ALL_TALK);
  await joinRoom(jason, url, ALL_TALK);
}, 20_000);
afterAll(() => journey?.stop());

test.skipIf(!browserAvailable)(
  "what one person types and sends with Enter appears for the other without reloading",
  async () => {
    await sendMessage(david, "Is this thing on?");
    await eventually(async () => (await bodies(jason)).some((body) => body.includes("Is this thing on?")));
    await sendMessage(jason, "👍👍");
    await eventually(async () => (await bodies(david)).some((body) => body.includes("👍👍")));
    // Each copy is marked from its reader's point of view.
    expect(await messageBy(jason, "👍👍").getAttribute("class")).toContain("message--me");
    expect(await messageBy(david, "👍👍").getAttribute("class")).not.toContain("message--me");
    expect(await messageBy(david, "👍👍").getAttribute("class")).toContain("message--emoji");
    expect(await messages(david).count()).toBe(2);
    // The optimistic copy's client id became the message's DOM key on both pages.
    const id = await messageBy(jason, "👍👍").getAttribute("id");
    expect(id).toMatch(/^message_[a-z0-9]{4,14}$/);
    expect(await messageBy(david, "👍👍").getAttribute("id")).toBe(id);
  },
  15_000,
);

test.skipIf(!browserAvailable)(
  "the other person sees who is typing",
  async () => {
    const editor = jason.locator("#composer trix-editor");
    await editor.click();
    await editor.pressSequentially("thinking");
    await david.waitForSelector(".typing-indicator:not([hidden])");
    expect(await david.locator(".typing-indicator__names").textContent()).toBe("Jason");
    await editor.press("Enter");
    await david.waitForSelector(".typing-indicator[hidden]", { state: "attached" });
  },
  15_000,
);

test.skipIf(!browserAvailable)(
  "an edit and a delete reach the other person live",
  async () => {
    await sendMessage(david, "Third time's a charm.");
    await eventually(async () => (await bodies(jason)).some((body) => body.includes("charm")));

    const message = await openMenu(david, "Third time's a charm.");
    await message.getByRole("menuitem", { name: "Edit" }).click();
    const editor = message.locator("trix-editor");
    await editor.waitFor();
    await editor.press("ControlOrMeta+a");
    await editor.pressSequentially("Redacted!");
    await message.getByRole("button", { name: "Save" }).click();
    await eventually(async () => (await bodies(jason)).some((body) => body.includes("Redacted!")));
    expect((await bodies(jason)).some((body) => body.includes("charm"))).toBe(false);

    const edited = await openMenu(david, "Redacted!");
    await edited.getByRole("menuitem", { name: "Edit" }).click();
    david.once("dialog", (dialog) => dialog.accept());
    await edited.getByRole("button", { name: "Delete" }).click();
    await eventually(async () => !(await bodies(jason)).some((body) => body.includes("Redacted!")));
    await eventually(async () => !(await bodies(david)).some((body) => body.includes("Redacted!")));
  },
  15_000,
);

test.skipIf(!browserAvailable)(
  "a boost appears for everyone, and only its booster can take it back",
  async () => {
    const message = await openMenu(jason, "Is this thing on?");
    await message.getByRole("button", { name: "Clapping" }).click();
    await david.waitForSelector(".message:has-text('Is this thing on?') .boost:has-text('👏')");

    // A custom boost through "New boost".
    const again = await openMenu(jason, "Is this thing on?");
    await again.getByRole("menuitem", { name: "New boost" }).click();
    await again.getByLabel("Boost", { exact: true }).fill("Good morning");
    await again.getByRole("button", { name: "Submit" }).click();
    await david.waitForSelector(".boost:has-text('Good morning')");

    const chip = jason.locator(".boost", { hasText: "Good morning" });
    await chip.click();
    await chip.getByRole("button", { name: "Delete this boost" }).click();
    await david.waitForSelector(".boost:has-text('Good morning')", { state: "detached" });
    // David can't remove Jason's boost: there is no delete button for him.
    expect(await david.locator(".boost--mine").count()).toBe(0);
  },
  15_000,
);

test.skipIf(!browserAvailable)(
  "/play plays the sound for the other person too",
  async () => {
    await jason.evaluate(() => {
      document.addEventListener("campfire:sound", (event) => {
        document.body.dataset.heard = (event as CustomEvent<{ name: string }>).detail.name;
      });
    });
    await sendMessage(david, "/play tada");
    await jason.waitForSelector("body[data-heard='tada']", { state: "attached" });
    expect(await jason.locator("audio#sound-player").getAttribute("src")).toBe("/assets/sounds/tada.wav");
    expect(await messageBy(jason, "plays a fanfare").count()).toBe(1);
    await jason.screenshot({ path: "/tmp/campfire-conversation.png" });
    const wav = await fetch(`${journey.campfire.url}/assets/sounds/tada.wav`);
    expect(wav.headers.get("content-type")).toBe("audio/wav");
    expect(journey.errors).toEqual([]);
  },
  15_000,
);

test.skipIf(!browserAvailable)(
  "files attached with the button or dropped on the room arrive as messages of their own",
  async () => {
    await david.locator(".composer__file-input").setInputFiles({
      name: "sketch.png",
      mimeType: "image/png",
      buffer: Buffer.from(png(120, 80)),
    });
    expect(await texts(david, ".composer__file span")).toEqual(["sketch.png"]);
    await david.locator("#composer trix-editor").press("Enter");
    const image = jason.locator(".message .attachment__image");
    await image.waitFor();
    await imageLoaded(image, (w) => w === 120);
    expect(await david.locator(".composer__file").count()).toBe(0);

    // A dropped file joins the queue; a click on its tile would take it out again.
    await david.locator(".messages").evaluate((list) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(["minutes of the meeting"], "minutes.txt", { type: "text/plain" }));
      list.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    expect(await texts(david, ".composer__file span")).toEqual(["minutes.txt"]);
    await david.getByRole("button", { name: "Send" }).click();
    await jason.locator(".attachment__file", { hasText: "minutes.txt" }).waitFor();
    await david.locator(".attachment__file", { hasText: "minutes.txt" }).waitFor();
    expect(await david.locator(".message--pending").count()).toBe(0);
    await jason.screenshot({ path: screenshotPath("attachments.png") });
    expect(journey.errors).toEqual([]);
  },
  15_000,
);

test.skipIf(!browserAvailable)(
  "clicking an inline image opens it in the lightbox, with Download, until Escape closes it",
  async () => {
    await david.locator(".composer__file-input").setInputFiles({
      name: "whiteboard.png",
      mimeType: "image/png",
      buffer: Buffer.from(png(300, 200)),
    });
    await david.locator("#composer trix-editor").press("Enter");
    // Jason gets the message live over the socket, so the lightbox must work without a reload.
    const inline = jason.locator('.messages .attachment__image[alt="whiteboard.png"]');
    await inline.waitFor();
    const attachmentPath = await inline.getAttribute("src");
    expect(attachmentPath).toMatch(/^\/rooms\/\d+\/messages\/\d+\/attachment$/);
    const fullUrl = `${journey.campfire.url}${attachmentPath}`;

    await inline.click();
    const lightbox = jason.locator("dialog.lightbox[open]");
    await lightbox.waitFor();
    const image = lightbox.locator(".lightbox__image");
    expect(await image.evaluate((img: HTMLImageElement) => img.src)).toBe(fullUrl);
    await imageLoaded(image, (w) => w === 300);
    const download = lightbox.getByRole("link", { name: "Download" });
    expect(await download.evaluate((a: HTMLAnchorElement) => a.href)).toBe(`${fullUrl}?download=1`);
    expect(await download.getAttribute("download")).toBe("whiteboard.png");
    const response = await jason.request.get(`${fullUrl}?download=1`);
    expect(response.headers()["content-disposition"]).toStartWith("attachment;");
    expect(await lightbox.getByRole("button", { name: /Share|Copy link/ }).count()).toBe(1);

    await jason.keyboard.press("Escape");
    await jason.locator("dialog.lightbox:not([open])").waitFor({ state: "attached" });
    expect(await jason.locator("dialog.lightbox").evaluate((d: HTMLDialogElement) => d.open)).toBe(false);

    // A click on the backdrop (outside the image and its buttons) closes it too.
    await inline.click();
    await lightbox.waitFor();
    await jason.mouse.click(10, 790);
    await jason.locator("dialog.lightbox:not([open])").waitFor({ state: "attached" });
    expect(journey.errors).toEqual([]);
  },
  20_000,
);

// A busy machine draws late: the next keystrokes reach the editor before the frame in which Trix would
// redraw after a line break. Frames are held back here for `ms` so that happens every time.
async function withLateFrames(page: Page, ms: number, act: () => Promise<void>): Promise<void> {
  await page.evaluate((delay) => {
    const late = window as unknown as {
      onTime?: typeof requestAnimationFrame;
      onTimeCancel?: typeof cancelAnimationFrame;
    };
    late.onTime = window.requestAnimationFrame;
    late.onTimeCancel = window.cancelAnimationFrame;
    const waiting = new Map<number, ReturnType<typeof setTimeout>>();
    let next = 1;
    window.requestAnimationFrame = (callback) => {
      const id = next++;
      waiting.set(
        id,
        setTimeout(() => waiting.delete(id) && late.onTime?.call(window, callback), delay),
      );
      return id;
    };
    window.cancelAnimationFrame = (id) => {
      clearTimeout(waiting.get(id));
      waiting.delete(id);
    };
  }, ms);
  try {
    await act();
  } finally {
    await page.evaluate(() => {
      const late = window as unknown as {
        onTime: typeof requestAnimationFrame;
        onTimeCancel: typeof cancelAnimationFrame;
      };
      window.requestAnimationFrame = late.onTime;
      window.cancelAnimationFrame = late.onTimeCancel;
    });
  }
}

test.skipIf(!browserAvailable)(
  "new lines typed while the page draws late stay single, in a code block and with Shift+Enter",
  async () => {
    const composer = david.locator("#composer trix-editor");
    await withLateFrames(david, 200, async () => {
      await composer.click();
      await composer.pressSequentially("first line");
      await composer.press("Shift+Enter");
      await composer.pressSequentially("second line");
      await composer.press("Enter");
      await eventually(() => has(jason, "second line"));

      await david.getByRole("button", { name: "Formatting" }).click();
      await david.locator("#composer trix-toolbar").getByRole("button", { name: "Code" }).click();
      await composer.pressSequentially("npm install");
      await composer.press("Enter");
      await composer.pressSequentially("npm start");
      await composer.press("ControlOrMeta+Enter");
      await jason.waitForSelector(".message__body pre");
      await david.getByRole("button", { name: "Formatting" }).click();
    });
    expect(await messageBy(jason, "second line").locator(".message__body").innerHTML()).toContain(
      "first line<br>second line",
    );
    expect(await jason.locator(".message__body pre").textContent()).toBe("npm install\nnpm start");
  },
  15_000,
);
