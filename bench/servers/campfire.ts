/**
 * Server under test for campfire-room: the real Campfire app (createCampfire on Bun.serve, /cable
 * included) on a fresh SQLite file. One open room, its poster (an administrator) and N members,
 * each with a session, are written straight into the database before the app boots; clients
 * claim members from /__claim and sign their own `session_token` cookies with BENCH_SECRET.
 *
 * Latency is measured server-side: a POST carrying `x-bench-id` has its arrival stamped (wall
 * clock, comparable with the clients' clocks on the same machine) before the app sees it; the
 * driver reads the stamps from /__arrivals.
 *
 * Env: BENCH_MEMBERS (default 2000).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCampfire } from "../../apps/campfire/src/app.ts";
import type { CableData } from "../../apps/campfire/src/channels/cable.ts";
import { openDatabase } from "../../apps/campfire/src/db/database.ts";
import { toDbTime } from "../../apps/campfire/src/db/time.ts";
import { BENCH_ROOM_ID, BENCH_SECRET, memberToken, POSTER_TOKEN } from "../lib/campfire-members.ts";
import { control } from "./control.ts";

const members = Number(process.env.BENCH_MEMBERS ?? 2000);
const dir = mkdtempSync(join(tmpdir(), "campfire-bench-"));
const dbPath = join(dir, "campfire.db");

// Seed in one transaction: account, poster (user 1), room 1, members 2..N+1, a session each.
const db = openDatabase(dbPath);
const now = toDbTime(new Date());
db.transaction(() => {
  db.run(
    `INSERT INTO accounts (name, join_code, singleton_guard, settings, created_at, updated_at)
     VALUES ('Bench', 'BENC-HBEN-CHBE', 0, '{}', ?1, ?1)`,
    [now],
  );
  const user = db.query(
    `INSERT INTO users (name, email_address, role, status, created_at, updated_at)
     VALUES (?1, ?2, ?3, 0, ?4, ?4)`,
  );
  const session = db.query(
    `INSERT INTO sessions (user_id, token, last_active_at, created_at, updated_at) VALUES (?1, ?2, ?3, ?3, ?3)`,
  );
  const membership = db.query(
    `INSERT INTO memberships (room_id, user_id, involvement, created_at, updated_at)
     VALUES (?1, ?2, 'mentions', ?3, ?3)`,
  );
  user.run("Poster", "poster@bench.test", 1, now);
  session.run(1, POSTER_TOKEN, now);
  db.run(
    `INSERT INTO rooms (id, name, type, creator_id, created_at, updated_at) VALUES (?1, 'Bench', 'Rooms::Open', 1, ?2, ?2)`,
    [BENCH_ROOM_ID, now],
  );
  membership.run(BENCH_ROOM_ID, 1, now);
  for (let i = 0; i < members; i++) {
    const id = i + 2;
    user.run(`Member ${i}`, `member${i}@bench.test`, 0, now);
    session.run(id, memberToken(id), now);
    membership.run(BENCH_ROOM_ID, id, now);
  }
})();
db.close();

const campfire = createCampfire({ dbPath, secretKeyBase: BENCH_SECRET });

let claimed = 0;
let reportRequested = false;
const arrivals: Record<string, number> = {};
const wallClock = () => performance.timeOrigin + performance.now();

const server = Bun.serve<CableData>({
  hostname: "127.0.0.1",
  port: 0,
  fetch(request, srv) {
    const benchId = request.headers.get("x-bench-id");
    if (benchId) arrivals[benchId] = wallClock();
    const url = new URL(request.url);
    if (url.pathname === "/__claim") {
      const count = Number(url.searchParams.get("count") ?? "1");
      const ids = Array.from(
        { length: Math.max(0, Math.min(count, members - claimed)) },
        (_, i) => claimed + i + 2,
      );
      claimed += ids.length;
      return Response.json({ ids });
    }
    if (url.pathname === "/__arrivals") return Response.json(arrivals);
    if (url.pathname === "/__report") {
      if (url.searchParams.has("set")) reportRequested = true;
      return Response.json({ report: reportRequested });
    }
    if (url.pathname.startsWith("/__")) return control(url, { connections: () => srv.pendingWebSockets });
    return campfire.fetch(request, srv);
  },
  websocket: campfire.websocket,
});

const stop = async () => {
  server.stop(true);
  await campfire.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());

console.log(JSON.stringify({ port: server.port }));
