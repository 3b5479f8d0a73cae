import { describe, expect, test } from "bun:test";
import { createLogger, createShutdown, memorySink } from "../src/index.ts";

const quiet = () => createLogger({ level: "silent" });

describe("createShutdown", () => {
  test("runs closers once, in registration order, awaiting each", async () => {
    const order: string[] = [];
    const shutdown = createShutdown({ logger: quiet(), exit: () => order.push("exit") });
    shutdown.onShutdown("server", () => order.push("stop accepting"));
    shutdown.onShutdown("drain", async () => {
      await Bun.sleep(20);
      order.push("drained");
    });
    shutdown.onShutdown("bus", () => order.push("bus closed"));
    const [first, second] = await Promise.all([shutdown.run("test"), shutdown.run("again")]);
    expect(order).toEqual(["stop accepting", "drained", "bus closed"]);
    expect(first).toBe(second);
    expect(first.timedOut).toBe(false);
    expect(first.closed.map((c) => c.name)).toEqual(["server", "drain", "bus"]);
    expect(shutdown.started).toBe(true);
  });

  test("a failing closer is logged and the rest still run", async () => {
    const out = memorySink();
    const shutdown = createShutdown({
      logger: createLogger({ level: "error", sink: out.sink }),
      exit: () => {},
    });
    const ran: string[] = [];
    shutdown.onShutdown("bus", () => {
      throw new Error("bus already closed");
    });
    shutdown.onShutdown("pool", () => ran.push("pool"));
    const report = await shutdown.run();
    expect(ran).toEqual(["pool"]);
    expect(report.closed[0]).toMatchObject({ name: "bus", error: "bus already closed" });
    expect(out.records()[0]).toMatchObject({ level: "error", step: "bus" });
  });

  test("forces exit when the deadline passes, naming the stuck step", async () => {
    const exits: number[] = [];
    const shutdown = createShutdown({ logger: quiet(), deadlineMs: 50, exit: (code) => exits.push(code) });
    let poolClosed = false;
    shutdown.onShutdown("server", () => {});
    shutdown.onShutdown("drain", () => new Promise(() => {}));
    shutdown.onShutdown("pool", () => {
      poolClosed = true;
    });
    const report = await shutdown.run();
    expect(report).toMatchObject({ timedOut: true, timedOutIn: "drain" });
    expect(report.closed.map((c) => c.name)).toEqual(["server"]);
    expect(exits).toEqual([1]);
    expect(poolClosed).toBe(false);
  });

  test("a signal runs shutdown then exits 0; a second signal exits at once", async () => {
    const exits: number[] = [];
    const shutdown = createShutdown({ logger: quiet(), exit: (code) => exits.push(code) });
    let release = () => {};
    shutdown.onShutdown("drain", () => new Promise<void>((resolve) => (release = resolve)));
    // SIGUSR2 rather than SIGTERM: the test process itself must not be asked to stop.
    const uninstall = shutdown.installSignalHandlers(["SIGUSR2"]);
    try {
      process.emit("SIGUSR2", "SIGUSR2");
      expect(shutdown.started).toBe(true);
      process.emit("SIGUSR2", "SIGUSR2");
      expect(exits).toEqual([1]);
      release();
      await shutdown.run();
      await Bun.sleep(0);
      expect(exits).toEqual([1, 0]);
    } finally {
      uninstall();
    }
    expect(process.listenerCount("SIGUSR2")).toBe(0);
  });
});
