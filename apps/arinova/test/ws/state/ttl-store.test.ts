/** TtlStore (the agent health cache): values by key until their TTL runs out. */
import { expect, test } from "bun:test";
import { MemoryTtlStore, RedisTtlStore, type TtlStore } from "../../../src/state/ttl-store.ts";
import { contract, id } from "./contract.ts";

contract<TtlStore>(
  "TtlStore",
  { memory: () => new MemoryTtlStore(), redis: (client) => new RedisTtlStore(client) },
  (make) => {
    test("a value is read back until it expires; set replaces it", async () => {
      const store = make();
      const [key, missing] = [`agent:health:${id()}`, `agent:health:${id()}`];
      await store.set(key, "one", 1);
      await store.set(key, "two", 1);
      expect(await store.get(key)).toBe("two");
      expect(await store.get(missing)).toBeNull();
      await Bun.sleep(1100);
      expect(await store.get(key)).toBeNull();
    });
  },
);
