import { afterEach, beforeEach, expect, test } from "bun:test";
import { type Db, openDatabase } from "../src/db/database.ts";
import { Account } from "../src/models/account.ts";
import { Boost } from "../src/models/boost.ts";
import { firstRun } from "../src/models/first-run.ts";
import { Membership } from "../src/models/membership.ts";
import { hashPassword } from "../src/models/password.ts";
import { Room } from "../src/models/room.ts";
import { createClosedRoom } from "../src/models/rooms/closed.ts";
import { findOrCreateDirectRoomFor } from "../src/models/rooms/direct.ts";
import { User } from "../src/models/user.ts";
import { PASSWORD, TEST_PASSWORDS } from "./support/campfire.ts";

let db: Db;
let david: User;
beforeEach(async () => {
  db = openDatabase(":memory:");
  david = (await firstRun.create(
    db,
    { name: "David", emailAddress: "david@example.com", password: PASSWORD },
    TEST_PASSWORDS,
  ))!;
});
afterEach(() => db.close());

const person = (name: string) =>
  User.create(
    db,
    { name, emailAddress: `${name.toLowerCase()}@example.com`, password: PASSWORD },
    TEST_PASSWORDS,
  );

test("digests written by Ruby's bcrypt ($2a$) verify", async () => {
  const rubyStyle = (await hashPassword(PASSWORD, TEST_PASSWORDS)).replace(/^\$2b\$/, "$2a$");
  db.run("UPDATE users SET password_digest = ? WHERE id = ?", [rubyStyle, david.id]);
  const credentials = { emailAddress: "david@example.com", password: PASSWORD };
  expect((await User.authenticateBy(db, credentials, TEST_PASSWORDS))?.id).toBe(david.id);
  expect(await User.authenticateBy(db, { ...credentials, password: "nope" }, TEST_PASSWORDS)).toBeNull();
});

test("long passwords set in the original (bcrypt truncated them to 72 bytes) still verify", async () => {
  const long = `${"é".repeat(40)}tail`;
  const asRubyHashedIt = Buffer.from(long, "utf8").subarray(0, 72);
  const digest = await Bun.password.hash(asRubyHashedIt, { algorithm: "bcrypt", cost: 4 });
  db.run("UPDATE users SET password_digest = ? WHERE id = ?", [digest.replace(/^\$2b\$/, "$2a$"), david.id]);
  const found = await User.authenticateBy(
    db,
    { emailAddress: "david@example.com", password: long },
    TEST_PASSWORDS,
  );
  expect(found?.id).toBe(david.id);
});

test("very long passwords are accepted", async () => {
  const long = "x".repeat(500);
  const user = await User.create(
    db,
    { name: "Long", emailAddress: "long@example.com", password: long },
    TEST_PASSWORDS,
  );
  const found = await User.authenticateBy(
    db,
    { emailAddress: "long@example.com", password: long },
    TEST_PASSWORDS,
  );
  expect(found?.id).toBe(user.id);
});

test("the account is a singleton with a regenerable join code", () => {
  expect(() => Account.create(db, "Second")).toThrow(/UNIQUE/);
  const account = Account.current(db)!;
  const before = account.joinCode;
  account.regenerateJoinCode();
  expect(account.joinCode).not.toBe(before);
  expect(account.isJoinableWith(before)).toBe(false);
  expect(account.settings.restrictRoomCreationToAdministrators).toBe(false);
});

test("a Ping is found again for the same people in any order, and not for a subset", async () => {
  const jason = await person("Jason");
  const kevin = await person("Kevin");
  const ping = findOrCreateDirectRoomFor(db, david, [jason, kevin]);
  expect(findOrCreateDirectRoomFor(db, kevin, [jason, david]).id).toBe(ping.id);
  expect(findOrCreateDirectRoomFor(db, david, [jason]).id).not.toBe(ping.id);
  expect(findOrCreateDirectRoomFor(db, david, []).memberships.userIds()).toEqual([david.id]);
  expect(ping.displayNameFor(david)).toBe("Jason, Kevin");
});

test("memberships are granted once, revised, and default to the room's involvement", async () => {
  const jason = await person("Jason");
  const kevin = await person("Kevin");
  const room = createClosedRoom(db, { name: "Designers", creator: david, users: [jason] });
  room.memberships.grantTo([jason, jason]);
  expect(room.memberships.userIds()).toEqual([david.id, jason.id]);
  room.memberships.reviseTo([david, kevin]);
  expect(room.memberships.userIds()).toEqual([david.id, kevin.id]);
  expect(Membership.find(db, room.id, kevin.id)?.involvement).toBe("mentions");
});

test("receiving a message marks it unread only for visible, absent members other than the author", async () => {
  const jason = await person("Jason");
  const kevin = await person("Kevin");
  const allTalk = Room.allFor(david)[0]!;
  Membership.find(db, allTalk.id, kevin.id)!.changeInvolvementTo("invisible");
  allTalk.messages.create({ creator: david, body: "<div>Hi all</div>" });
  expect(Membership.find(db, allTalk.id, jason.id)!.isUnread).toBe(true);
  expect(Membership.find(db, allTalk.id, kevin.id)!.isUnread).toBe(false);
  expect(Membership.find(db, allTalk.id, david.id)!.isUnread).toBe(false);
});

test("a boost touches its message and only its booster can take it back", async () => {
  const jason = await person("Jason");
  const allTalk = Room.allFor(david)[0]!;
  const message = allTalk.messages.create({ creator: david, body: "<div>Ship it</div>" });
  const boost = Boost.give(message, jason, "🎉");
  expect(message.boosts.map((each) => each.content)).toEqual(["🎉"]);
  expect(Boost.withdraw(message, david, boost.id)).toBe(false);
  expect(Boost.withdraw(message, jason, boost.id)).toBe(true);
  expect(message.boosts).toEqual([]);
});
