/**
 * Runs untrusted JavaScript in QuickJS compiled to WebAssembly. Each execution gets its own
 * runtime (heap, stack and interrupt limits) and context, disposed afterwards, so executions
 * share nothing. The guest holds no host object: there is no `process`, `require` or host
 * `Function` to reach through constructors (the escape of the original's `node:vm`, runtime.md §7).
 *
 * Execution is synchronous on the calling thread, bounded by the time limit.
 */
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from "quickjs-emscripten";
import type { SandboxLimits } from "./limits.ts";
import { CapturedOutput } from "./output.ts";
import { PRELUDE } from "./prelude.ts";

export interface ExecutionResult {
  output: string;
  error: string | null;
  executionTimeMs: number;
}

export type ExecutionLimits = Pick<
  SandboxLimits,
  "timeoutMs" | "maxOutputLength" | "memoryLimitBytes" | "maxStackSizeBytes"
>;

/** The helpers the prelude returns; the host disposes them with the context. */
interface Guest {
  readonly format: QuickJSHandle;
  readonly describe: QuickJSHandle;
}

export function executeJavaScript(
  quickjs: QuickJSWASMModule,
  code: string,
  limits: ExecutionLimits,
): ExecutionResult {
  const started = performance.now();
  // The clock starts with the user's code, not with our prelude, which may run slowly while
  // the WebAssembly code is still cold.
  let deadline = Number.POSITIVE_INFINITY;
  let timedOut = false;
  const clock: Clock = {
    start: () => {
      deadline = Date.now() + limits.timeoutMs;
    },
    timedOut: () => timedOut,
  };
  const output = new CapturedOutput(limits.maxOutputLength);

  const runtime = quickjs.newRuntime();
  try {
    runtime.setMemoryLimit(limits.memoryLimitBytes);
    runtime.setMaxStackSize(limits.maxStackSizeBytes);
    runtime.setInterruptHandler(() => {
      if (Date.now() > deadline) timedOut = true;
      return timedOut;
    });
    const context = runtime.newContext();
    try {
      const error = run(context, code, output, clock);
      return {
        output: output.text(),
        error: timedOut ? `Error: Script execution timed out after ${limits.timeoutMs}ms` : error,
        executionTimeMs: Math.round(performance.now() - started),
      };
    } finally {
      context.dispose();
    }
  } finally {
    disposeRuntime(runtime);
  }
}

interface Clock {
  start(): void;
  timedOut(): boolean;
}

/** Evaluates the code; returns the error string, or null when the script completed. */
function run(context: QuickJSContext, code: string, output: CapturedOutput, clock: Clock) {
  const guest = installPrelude(context, output);
  try {
    clock.start();
    const result = context.evalCode(code, "sandbox.js");
    if (result.error) {
      using thrown = result.error;
      return clock.timedOut()
        ? null
        : (callForText(context, guest.describe, thrown) ?? "Error: Script failed");
    }
    using value = result.value;
    // The completion value is shown only when the script logged nothing.
    if (!output.written && context.typeof(value) !== "undefined") {
      const text = callForText(context, guest.format, value);
      if (text !== undefined) output.write(text);
    }
    return null;
  } finally {
    guest.format.dispose();
    guest.describe.dispose();
  }
}

function installPrelude(context: QuickJSContext, output: CapturedOutput): Guest {
  using emit = context.newFunction("emit", (line) => {
    // Once full, nothing more is kept, so the (possibly huge) string is not even copied out.
    if (output.full) output.skip();
    else output.write(context.typeof(line) === "string" ? context.getString(line) : "");
  });
  using factory = context.unwrapResult(context.evalCode(PRELUDE, "prelude.js"));
  using helpers = context.unwrapResult(context.callFunction(factory, context.undefined, emit));
  return {
    format: context.getProp(helpers, 0),
    describe: context.getProp(helpers, 1),
  };
}

/** Calls a guest helper on a value; undefined when the guest cannot answer (out of time or memory). */
function callForText(context: QuickJSContext, fn: QuickJSHandle, arg: QuickJSHandle): string | undefined {
  const result = context.callFunction(fn, context.undefined, arg);
  if (result.error) {
    result.error.dispose();
    return undefined;
  }
  using text = result.value;
  return context.typeof(text) === "string" ? context.getString(text) : undefined;
}

function disposeRuntime(runtime: QuickJSRuntime): void {
  // The interrupt handler is a host closure registered with the module; drop it first.
  runtime.removeInterruptHandler();
  runtime.dispose();
}
