/**
 * UserPresence: online (any open /ws) and foreground (a visible tab), from this instance's own
 * sockets and, with Redis, every live instance's; a dead instance's entry is ignored.
 */
import { expect, test } from "bun:test";
import { type Instances, RedisInstances, SingleInstance } from "../../../src/realtime/instances.ts";
import {
  type LocalCounts,
  LocalUserPresence,
  type PresenceCounts,
  RedisUserPresence,
  type UserPresence,
} from "../../../src/realtime/user-presence.ts";
import { contract, id } from "./contract.ts";

type Instance = { presence: UserPresence; counts: Map<string, PresenceCounts>; instances: Instances };
type Cluster = () => Promise<Instance>;

const instance = async (
  build: (local: LocalCounts) => Promise<[UserPresence, Instances]>,
): Promise<Instance> => {
  const counts = new Map<string, PresenceCounts>();
  const [presence, instances] = await build((userId) => counts.get(userId) ?? { sockets: 0, foreground: 0 });
  return { presence, counts, instances };
};

/** The instance's sockets change; it reports as the client socket code does. */
const set = async (at: Instance, userId: string, counts: PresenceCounts) => {
  at.counts.set(userId, counts);
  await at.presence.report(userId, counts);
};

contract<{ cluster: Cluster; shared: boolean }>(
  "UserPresence",
  {
    memory: () => ({
      shared: false,
      cluster: () =>
        instance(async (local) => {
          const instances = new SingleInstance();
          return [new LocalUserPresence(local), instances];
        }),
    }),
    redis: (client) => ({
      shared: true,
      cluster: () =>
        instance(async (local) => {
          const instances = await RedisInstances.start(client);
          return [new RedisUserPresence(client, instances, local), instances];
        }),
    }),
  },
  (make) => {
    test("a user is online with any socket and in the foreground with a visible one", async () => {
      const here = await make().cluster();
      const user = id();
      expect(await here.presence.state(user)).toEqual({ online: false, foreground: false });
      await set(here, user, { sockets: 1, foreground: 0 });
      expect(await here.presence.state(user)).toEqual({ online: true, foreground: false });
      await set(here, user, { sockets: 2, foreground: 1 });
      expect(await here.presence.state(user)).toEqual({ online: true, foreground: true });
      await set(here, user, { sockets: 0, foreground: 0 });
      expect(await here.presence.state(user)).toEqual({ online: false, foreground: false });
      await here.instances.close();
    });

    test("with shared state, one instance sees the user's sockets on another until that one dies", async () => {
      const { cluster, shared } = make();
      if (!shared) return;
      const [a, b] = [await cluster(), await cluster()];
      const user = id();
      await set(b, user, { sockets: 1, foreground: 0 });
      expect(await a.presence.state(user)).toEqual({ online: true, foreground: false });
      await set(b, user, { sockets: 1, foreground: 1 });
      expect(await a.presence.state(user)).toEqual({ online: true, foreground: true });
      await set(b, user, { sockets: 0, foreground: 0 });
      expect(await a.presence.state(user)).toEqual({ online: false, foreground: false });

      // An instance that stops without clearing its entry (a crash) no longer counts once its
      // liveness key is gone (here at once; after a crash within 30 s).
      await set(b, user, { sockets: 1, foreground: 1 });
      await b.instances.close();
      const c = await cluster();
      expect(await c.presence.state(user)).toEqual({ online: false, foreground: false });
      await a.instances.close();
      await c.instances.close();
    });
  },
);
