import { describe } from "bun:test";
import { MemoryBus } from "../src/memory-bus.ts";
import { busContract } from "./bus-contract.ts";

describe("MemoryBus", () => {
  busContract((onHandlerError) => {
    const bus = new MemoryBus({ onHandlerError });
    return { a: bus, b: bus, close: () => bus.close() };
  });
});
