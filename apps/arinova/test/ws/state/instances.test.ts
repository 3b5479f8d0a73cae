/** Instances: this process is alive, unknown ids are not; with Redis, live instances see each other. */
import { expect, test } from "bun:test";
import { type Instances, RedisInstances, SingleInstance } from "../../../src/realtime/instances.ts";
import { contract, id } from "./contract.ts";

contract<() => Promise<Instances>>(
  "Instances",
  { memory: () => async () => new SingleInstance(), redis: (client) => () => RedisInstances.start(client) },
  (make) => {
    test("an instance is alive to itself; an unknown id is not", async () => {
      const instances = await make()();
      expect(await instances.isAlive(instances.id)).toBe(true);
      expect(await instances.isAlive(id())).toBe(false);
      await instances.close();
    });

    test("each start is a new instance id", async () => {
      const start = make();
      const [one, two] = [await start(), await start()];
      expect(one.id).not.toBe(two.id);
      await one.close();
      await two.close();
    });

    test("with Redis, instances see each other alive, and dead once closed", async () => {
      const start = make();
      const one = await start();
      if (one instanceof SingleInstance) return;
      const two = await start();
      expect(await one.isAlive(two.id)).toBe(true);
      await two.close();
      const three = await start();
      expect(await three.isAlive(two.id)).toBe(false);
      await one.close();
      await three.close();
    });
  },
);
