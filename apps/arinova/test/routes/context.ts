/** One server per suite run, shared by every route test; tests isolate themselves by user. */
import { afterAll, beforeAll } from "bun:test";
import type { DatabaseHandle } from "../../src/db/client.ts";
import type { BackendFactory } from "../support/backends.ts";
import {
  call,
  type Reply,
  type RequestOptions,
  type SignedUp,
  signUp,
  startServer,
  type TestServer,
} from "../support/server.ts";
import { snapshot } from "../support/snapshot.ts";

export interface SuiteContext {
  readonly url: string;
  readonly database: DatabaseHandle;
  readonly server: TestServer;
  signUp(name?: string): Promise<SignedUp>;
  /** A request as `user` (or anonymous). */
  as(user: SignedUp | undefined, method: string, path: string, options?: RequestOptions): Promise<Reply>;
  /** Runs `action` and fails unless the database is exactly as before. */
  unchanged(action: () => Promise<void>): Promise<void>;
}

export function suiteContext(factory: BackendFactory): SuiteContext {
  let backend: Awaited<ReturnType<BackendFactory>> | undefined;
  let server: TestServer | undefined;

  beforeAll(async () => {
    backend = await factory();
    server = await startServer(backend.database);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await backend?.dispose();
  }, 60_000);

  const ready = () => {
    if (!backend || !server) throw new Error("suite not started");
    return { backend, server };
  };

  return {
    get url() {
      return ready().server.url;
    },
    get database() {
      return ready().backend.database;
    },
    get server() {
      return ready().server;
    },
    signUp: (name) => signUp(ready().server.url, name),
    as: (user, method, path, options = {}) =>
      call(ready().server.url, method, path, { ...options, cookie: user?.cookie ?? options.cookie }),
    async unchanged(action) {
      const before = await snapshot(ready().backend.database);
      await action();
      const after = await snapshot(ready().backend.database);
      if (before !== after) throw new Error("the request changed the database");
    },
  };
}
