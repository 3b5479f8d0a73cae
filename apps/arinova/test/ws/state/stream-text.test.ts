/** Stream text (`stream:<messageId>`): what the pipeline writes, REST and sync read; TTL. */
import { expect, test } from "bun:test";
import { MemoryStreamText, RedisStreamText, type StreamText } from "../../../src/chat/stream-text.ts";
import {
  MemoryStreamTextWriter,
  RedisStreamTextWriter,
  type StreamTextWriter,
} from "../../../src/realtime/stream-text-writer.ts";
import { contract, id } from "./contract.ts";

interface Pair {
  writer: StreamTextWriter;
  reader: StreamText;
}

contract<Pair>(
  "StreamText",
  {
    memory: () => {
      const store = new MemoryStreamText();
      return { writer: new MemoryStreamTextWriter(store, 400), reader: store };
    },
    redis: (client) => ({
      writer: new RedisStreamTextWriter(client, 400),
      reader: new RedisStreamText(client),
    }),
  },
  (make) => {
    test("the latest text is read by id, one or many; delete removes it", async () => {
      const { writer, reader } = make();
      const [a, b, missing] = [id(), id(), id()];
      await writer.write(a, "Hel");
      await writer.write(a, "Hello");
      await writer.write(b, "");
      expect(await writer.read(a)).toBe("Hello");
      expect(await reader.read([a, b, missing])).toEqual(
        new Map([
          [a, "Hello"],
          [b, ""],
        ]),
      );
      expect(await reader.read([])).toEqual(new Map());
      await writer.delete(a);
      expect(await writer.read(a)).toBeNull();
      expect(await reader.read([a])).toEqual(new Map());
    });

    test("text not rewritten within the TTL is gone", async () => {
      const { writer, reader } = make();
      const [kept, dropped] = [id(), id()];
      await writer.write(dropped, "old");
      await writer.write(kept, "a");
      await Bun.sleep(250);
      await writer.write(kept, "ab");
      await Bun.sleep(250);
      expect(await writer.read(dropped)).toBeNull();
      expect(await reader.read([kept, dropped])).toEqual(new Map([[kept, "ab"]]));
    });
  },
);
