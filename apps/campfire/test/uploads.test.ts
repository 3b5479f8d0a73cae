import { afterEach, beforeEach, expect, test } from "bun:test";
import type { Browser } from "./support/browser.ts";
import { CableClient } from "./support/cable.ts";
import { JASON, RunningCampfire, setUpWith } from "./support/campfire.ts";
import { png } from "./support/images.ts";

// Files from the composer (features.md §11): each file is a message of its own, posted to the same
// endpoint as text; what it is gets decided by its bytes; only members of its room can fetch it.
let campfire: RunningCampfire;
let david: Browser;
let jason: Browser;
const ALL_TALK = 1;
beforeEach(async () => {
  campfire = RunningCampfire.start();
  [david, jason] = await setUpWith(campfire, JASON);
  await david.get(`/rooms/${ALL_TALK}`);
});
afterEach(() => campfire.stop());

const attachmentUrl = (html: string) => html.match(/(\/rooms\/\d+\/messages\/\d+\/attachment)/)?.[1];

test("an uploaded image becomes its own message, streamed to the room and keyed by its client id", async () => {
  const socket = await CableClient.connect(campfire.wsUrl, jason);
  await socket.subscribe(`room:${ALL_TALK}`);
  const response = await david.upload(`/rooms/${ALL_TALK}/messages`, {
    "message[attachment]": new File([png(40, 20)], "chart.png", { type: "image/png" }),
    "message[client_message_id]": "upload1",
  });
  expect(response.status).toBe(303);
  const stream = await socket.next((message) => message.type === "stream");
  expect(stream.html).toContain('id="message_upload1"');
  expect(stream.html).toContain('<img src="/rooms/1/messages/');
  const src = attachmentUrl(String(stream.html))!;
  const file = await jason.get(src);
  expect(file.headers.get("content-type")).toBe("image/png");
  expect(new Uint8Array(await file.arrayBuffer())).toEqual(png(40, 20));
  // Search finds a file by its name.
  const results = await (await jason.get("/searches?q=chart")).text();
  expect(results).toContain('id="message_upload1"');
  socket.close();
});

test("a file that only claims to be an image is kept as bytes and only ever downloaded", async () => {
  await david.upload(`/rooms/${ALL_TALK}/messages`, {
    "message[attachment]": new File(["<svg onload=alert(1)>"], "cat.png", { type: "image/png" }),
  });
  const page = await (await jason.get(`/rooms/${ALL_TALK}`)).text();
  expect(page).not.toContain('<img src="/rooms/1/messages/');
  const src = attachmentUrl(page)!;
  const file = await jason.get(src);
  expect(file.headers.get("content-type")).toBe("application/octet-stream");
  expect(file.headers.get("content-disposition")).toStartWith("attachment;");
  expect(file.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
});

test("files in a closed room reach only its members; empty files are refused", async () => {
  await david.get("/rooms/closeds/new");
  const created = await david.post("/rooms/closeds", { "room[name]": "Private", "user_ids[]": [] });
  const roomId = Number(created.headers.get("location")!.split("/").pop());
  await david.get(`/rooms/${roomId}`);
  await david.upload(`/rooms/${roomId}/messages`, {
    "message[attachment]": new File(["quarterly numbers"], "numbers.txt", { type: "text/plain" }),
  });
  const src = attachmentUrl(await (await david.get(`/rooms/${roomId}`)).text())!;
  expect((await david.get(src)).status).toBe(200);
  expect((await jason.get(src)).status).toBe(404);
  expect(await (await jason.get("/searches?q=numbers")).text()).not.toContain("numbers.txt");

  const empty = await david.upload(`/rooms/${ALL_TALK}/messages`, {
    "message[attachment]": new File([], "empty.txt", { type: "text/plain" }),
  });
  expect(empty.status).toBe(422);
});
