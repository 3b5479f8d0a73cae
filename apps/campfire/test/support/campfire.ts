import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@rt/kit";
import { type Campfire, type CampfireOptions, createCampfire } from "../../src/app.ts";
import type { CableData } from "../../src/channels/cable.ts";
import { type Db, openDatabase } from "../../src/db/database.ts";
import { Browser } from "./browser.ts";

export const PASSWORD = "secret123456";
// Cheap bcrypt so the suite stays fast; production uses the original's cost of 12.
export const TEST_PASSWORDS = { cost: 4 };
// Failures the tests provoke on purpose (refused or broken link unfurls) are expected, not news:
// silent unless TEST_LOG_LEVEL=warn asks to see them.
export const testLogger = createLogger({ level: process.env.TEST_LOG_LEVEL === "warn" ? "warn" : "silent" });

// The real app on a real port with its own SQLite file; `restart` reopens the same file.
export class RunningCampfire {
  private app: Campfire;
  private server: ReturnType<typeof Bun.serve>;
  readonly db: Db;

  private constructor(
    readonly dir: string,
    private readonly options: Partial<CampfireOptions> = {},
  ) {
    this.app = this.boot();
    this.server = this.serve();
    // A second connection, as another process would have, for arranging and inspecting data.
    this.db = openDatabase(this.dbPath);
  }

  static start(options: Partial<CampfireOptions> = {}): RunningCampfire {
    return new RunningCampfire(RunningCampfire.freshDirectory(), options);
  }

  // Another instance on the same database file (and so the same generated secret), as a second
  // server process behind a load balancer would be. Start it after the first has created the files.
  static startIn(dir: string, options: Partial<CampfireOptions> = {}): RunningCampfire {
    return new RunningCampfire(dir, options);
  }

  static freshDirectory(): string {
    return mkdtempSync(join(tmpdir(), "campfire-test-"));
  }

  get dbPath(): string {
    return join(this.dir, "campfire.db");
  }

  get wsUrl(): string {
    return `ws://localhost:${this.server.port}/cable`;
  }

  get url(): string {
    return `http://localhost:${this.server.port}`;
  }

  browser(headers: Record<string, string> = {}): Browser {
    return new Browser(this.url, headers);
  }

  async restart(): Promise<void> {
    await this.server.stop(true);
    await this.app.close();
    this.app = this.boot();
    this.server = this.serve();
  }

  async stop(): Promise<void> {
    await this.server.stop(true);
    await this.app.close();
    this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  // The app and its server, for a test that shuts them down itself (then call `discard`).
  get parts(): { app: Campfire; server: { stop(force?: boolean): Promise<void> } } {
    return { app: this.app, server: this.server };
  }

  // After the test stopped the app itself: only the inspection connection and the files remain.
  discard(): void {
    this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  count(sql: string, ...params: (string | number)[]): number {
    return this.db
      .query<{ n: number }, (string | number)[]>(`SELECT COUNT(*) AS n FROM ${sql}`)
      .get(...params)!.n;
  }

  private boot(): Campfire {
    // Webhook receivers in tests listen on loopback, which production refuses.
    return createCampfire({
      dbPath: this.dbPath,
      passwords: TEST_PASSWORDS,
      webhooksMayReachPrivateNetwork: true,
      webhookTimeoutMs: 300,
      unfurlLogger: testLogger,
      ...this.options,
    });
  }

  private serve() {
    const app = this.app;
    return Bun.serve<CableData>({
      port: 0,
      fetch: (request, server) => app.fetch(request, server),
      websocket: app.websocket,
    });
  }
}

// Runs first run through the form and returns the administrator's signed-in browser.
export async function setUp(
  campfire: RunningCampfire,
  name = "David",
  email = "david@example.com",
): Promise<Browser> {
  const browser = campfire.browser();
  await browser.get("/first_run");
  const response = await browser.post("/first_run", {
    "user[name]": name,
    "user[email_address]": email,
    "user[password]": PASSWORD,
  });
  if (response.status !== 302) throw new Error(`first run failed: ${response.status}`);
  return browser;
}

export async function joinAs(
  campfire: RunningCampfire,
  joinCode: string,
  name: string,
  email: string,
): Promise<Browser> {
  const browser = campfire.browser();
  await browser.get(`/join/${joinCode}`);
  const response = await browser.post(`/join/${joinCode}`, {
    "user[name]": name,
    "user[email_address]": email,
    "user[password]": PASSWORD,
  });
  if (response.status !== 302) throw new Error(`join failed: ${response.status}`);
  return browser;
}

// Someone to join with: name and email address.
export type Person = readonly [name: string, email: string];
export const JASON: Person = ["Jason", "jason@example.com"];
export const KEVIN: Person = ["Kevin", "kevin@example.com"];

// First run as David, then each of `others` joined with the account's link, in order. Returns
// everyone's browser, David's first.
export async function setUpWith<const T extends readonly Person[]>(
  campfire: RunningCampfire,
  ...others: T
): Promise<[Browser, ...{ [K in keyof T]: Browser }]> {
  const david = await setUp(campfire);
  const joined: Browser[] = [];
  for (const [name, email] of others) joined.push(await joinAccount(campfire, name, email));
  return [david, ...joined] as unknown as [Browser, ...{ [K in keyof T]: Browser }];
}

// Joins with the account's own join link, as someone David sent it to would.
export function joinAccount(campfire: RunningCampfire, name: string, email: string): Promise<Browser> {
  return joinAs(campfire, joinCodeOf(campfire), name, email);
}

export function joinCodeOf(campfire: RunningCampfire): string {
  return campfire.db.query<{ join_code: string }, []>("SELECT join_code FROM accounts").get()!.join_code;
}
