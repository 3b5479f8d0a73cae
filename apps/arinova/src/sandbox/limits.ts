/** The original's sandbox limits (runtime.md §6), plus the isolate's own memory and stack caps. */
export interface SandboxLimits {
  /** Wall-clock budget of one execution. */
  readonly timeoutMs: number;
  /** Longest accepted `code`, in UTF-16 code units (JavaScript string length). */
  readonly maxCodeLength: number;
  /** Captured output is kept while its running total length stays at or under this. */
  readonly maxOutputLength: number;
  /** Heap of one execution's QuickJS runtime. */
  readonly memoryLimitBytes: number;
  /** Interpreter stack of one execution; deep recursion fails with a catchable error. */
  readonly maxStackSizeBytes: number;
  /** Executions per user within `rateWindowMs` (sliding window). */
  readonly maxExecutionsPerWindow: number;
  readonly rateWindowMs: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  timeoutMs: 5_000,
  maxCodeLength: 10_000,
  maxOutputLength: 50_000,
  // The original had no memory cap (node:vm shares the server's heap); 32 MiB is ample for
  // snippets and bounds what one execution can take from the server.
  memoryLimitBytes: 32 * 1024 * 1024,
  maxStackSizeBytes: 512 * 1024,
  maxExecutionsPerWindow: 10,
  rateWindowMs: 60_000,
};
