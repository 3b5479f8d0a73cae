/**
 * Graceful shutdown: closers run one after another in the order they were registered (stop
 * accepting, drain, then close buses and pools), under one deadline after which the process is
 * forced out, because a hung pool must not keep a deploy waiting forever.
 */
import type { Logger } from "./logger.ts";

export type Closer = () => unknown;

export interface ShutdownReport {
  reason: string;
  /** Closers in the order they ran, with the error each threw, if any. */
  closed: { name: string; error?: string; durationMs: number }[];
  /** The closer still running when the deadline passed. */
  timedOutIn?: string;
  timedOut: boolean;
}

export interface ShutdownOptions {
  logger: Logger;
  deadlineMs?: number;
  /** Called after signal-driven shutdowns and on the deadline; injectable so tests survive it. */
  exit?: (code: number) => void;
}

export interface Shutdown {
  onShutdown(name: string, close: Closer): void;
  /** Runs the closers once; later calls return the same promise. Never rejects. */
  run(reason?: string): Promise<ShutdownReport>;
  readonly started: boolean;
  /** Runs shutdown on the first signal, then exits; a second signal exits at once. Returns an uninstaller. */
  installSignalHandlers(signals?: readonly NodeJS.Signals[]): () => void;
}

export function createShutdown(options: ShutdownOptions): Shutdown {
  const { logger } = options;
  const deadlineMs = options.deadlineMs ?? 10_000;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const closers: { name: string; close: Closer }[] = [];
  let running: Promise<ShutdownReport> | undefined;

  const runClosers = async (report: ShutdownReport, isExpired: () => boolean): Promise<void> => {
    for (const { name, close } of closers) {
      if (isExpired()) return;
      report.timedOutIn = name;
      const started = performance.now();
      let error: string | undefined;
      try {
        await close();
      } catch (thrown) {
        error = thrown instanceof Error ? thrown.message : String(thrown);
        logger.error("shutdown step failed", { step: name, error: thrown });
      }
      if (isExpired()) return;
      const durationMs = Math.round(performance.now() - started);
      report.closed.push(error === undefined ? { name, durationMs } : { name, error, durationMs });
    }
    report.timedOutIn = undefined;
  };

  const run = (reason = "requested"): Promise<ShutdownReport> => {
    if (running) return running;
    logger.info("shutting down", { reason, steps: closers.map((c) => c.name) });
    const report: ShutdownReport = { reason, closed: [], timedOut: false };
    running = new Promise<ShutdownReport>((resolve) => {
      let expired = false;
      const timer = setTimeout(() => {
        expired = true;
        report.timedOut = true;
        logger.error("shutdown deadline passed, forcing exit", { deadlineMs, step: report.timedOutIn });
        resolve(report);
        exit(1);
      }, deadlineMs);
      runClosers(report, () => expired).then(() => {
        if (expired) return;
        clearTimeout(timer);
        logger.info("shut down", { reason });
        resolve(report);
      });
    });
    return running;
  };

  const installSignalHandlers = (signals: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM"]) => {
    const onSignal = (signal: NodeJS.Signals) => {
      if (running) {
        logger.warn("second signal, exiting now", { signal });
        exit(1);
        return;
      }
      void run(signal).then((report) => {
        if (!report.timedOut) exit(report.closed.some((step) => step.error !== undefined) ? 1 : 0);
      });
    };
    for (const signal of signals) process.on(signal, onSignal);
    return () => {
      for (const signal of signals) process.off(signal, onSignal);
    };
  };

  return {
    onShutdown: (name, close) => {
      closers.push({ name, close });
    },
    run,
    get started() {
      return running !== undefined;
    },
    installSignalHandlers,
  };
}
