import { beforeAll, describe, expect, test } from "bun:test";
import { DEBUG_SYNC, newQuickJSWASMModule, type QuickJSWASMModule } from "quickjs-emscripten";
import { executeJavaScript } from "../../src/sandbox/executor.ts";
import { DEFAULT_SANDBOX_LIMITS } from "../../src/sandbox/limits.ts";
import { loadQuickJS } from "../../src/sandbox/quickjs-module.ts";

const LIMITS = { ...DEFAULT_SANDBOX_LIMITS, timeoutMs: 300 };
let quickjs: QuickJSWASMModule;
const run = (code: string) => executeJavaScript(quickjs, code, LIMITS);

beforeAll(async () => {
  quickjs = await loadQuickJS();
});

describe("executeJavaScript", () => {
  test("keeps the original's limits by default", () => {
    expect(DEFAULT_SANDBOX_LIMITS).toMatchObject({
      timeoutMs: 5_000,
      maxCodeLength: 10_000,
      maxOutputLength: 50_000,
    });
  });

  test("formats console output and the completion value like the original", () => {
    expect(run("console.log(1+1, {a:1}); 5")).toMatchObject({ output: '2 {\n  "a": 1\n}', error: null });
    expect(run("6*7")).toMatchObject({ output: "42", error: null });
    expect(run("console.info('i'); console.warn('w'); console.error('e'); console.debug('d')").output).toBe(
      "i\nw\ne\nd",
    );
    expect(run("undefined").output).toBe("");
    expect(run("({a: [1]})").output).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(run("console.log(1n, null)").output).toBe("1 null");
  });

  test("reports errors as the original did", () => {
    expect(run("throw new Error('boom')")).toMatchObject({ output: "", error: "boom" });
    expect(run("class Oops extends TypeError {}; throw new Oops('sub')").error).toBe("sub");
    expect(run("throw 'plain'").error).toBe("plain");
    expect(run("missingName").error).toBe("ReferenceError: 'missingName' is not defined");
    expect(run("eval('1')").error).toBe(
      "EvalError: Code generation from strings disallowed for this context",
    );
    expect(run("new Function('return 1')").error).toBe(
      "EvalError: Code generation from strings disallowed for this context",
    );
    expect(run("function f() { return f() + 1 } f()").error).toBe("InternalError: stack overflow");
    expect(run("console.log('before'); throw new Error('x')")).toMatchObject({
      output: "before",
      error: "x",
    });
  });

  test("stops a script at the time limit", () => {
    const result = run("while (true) {}");
    expect(result).toMatchObject({ output: "", error: "Error: Script execution timed out after 300ms" });
    expect(result.executionTimeMs).toBeGreaterThanOrEqual(300);
    expect(result.executionTimeMs).toBeLessThan(1_000);
  });

  test("stops a script at the memory limit, and the next one runs normally", () => {
    const code = "const a = []; while (true) a.push(new Uint8Array(1e6))";
    // A smaller heap than the default keeps this quick; a generous time limit keeps the time
    // limit from firing first while the WebAssembly code is still cold.
    const limits = { ...LIMITS, timeoutMs: 20_000, memoryLimitBytes: 8 * 1024 * 1024 };
    const result = executeJavaScript(quickjs, code, limits);
    expect(result.error).toBe("InternalError: out of memory");
    expect(run("1 + 1").output).toBe("2");
  }, 30_000);

  test("truncates output: lines count while the running total stays within 50,000", () => {
    const full = run("for (let i = 0; i < 100; i++) console.log('x'.repeat(1000))").output;
    expect(full.split("\n")).toHaveLength(50);
    expect(full.length).toBe(50 * 1000 + 49);
    // Once past the limit, even short lines are dropped.
    const cut = run("console.log('x'.repeat(49999)); console.log('yy'); console.log('z')").output;
    expect(cut).toBe("x".repeat(49999));
    expect(run("console.log('x'.repeat(50001))").output).toBe("");
  });

  test("loses asynchronous output, as the original did", () => {
    expect(run("Promise.resolve().then(() => console.log('late')); 'sync'").output).toBe("sync");
  });

  test("has no host object to escape to (runtime.md §7)", () => {
    const escapes = [
      "this.constructor.constructor('return process')()",
      "Math.constructor.constructor('return typeof process')()",
      "Object.getPrototypeOf(function* () {}).constructor('return this')().next()",
      "(async function () {}).constructor('return 1')",
      "[].constructor.constructor('return globalThis')()",
    ];
    for (const code of escapes) {
      const result = run(code);
      expect(result.error).toBe("EvalError: Code generation from strings disallowed for this context");
    }
    const names =
      "typeof require + typeof process + typeof Buffer + typeof fetch + typeof setTimeout + typeof Bun";
    expect(run(`[${names.split(" + ").join(", ")}].join()`).output).toBe(Array(6).fill("undefined").join());
    // Walking the real global object finds nothing of the host's (the original's names are
    // there, set to undefined as it set them).
    const globals = run(
      "const g = (function () { return this })(); Object.getOwnPropertyNames(g).filter((n) => g[n] !== undefined).join(',')",
    ).output.split(",");
    expect(globals).toContain("Math");
    for (const host of ["process", "Bun", "require", "module", "Deno", "navigator"]) {
      expect(globals.includes(host) ? `${host} present` : "absent").toBe("absent");
    }
  });

  test("executions share nothing", () => {
    run(
      "var leaked = 42; Object.prototype.polluted = 'yes'; Array.prototype.push = null; console.log = null",
    );
    expect(run("typeof leaked").output).toBe("undefined");
    expect(run("String(({}).polluted)").output).toBe("undefined");
    expect(run("const a = []; a.push(1); console.log(a.length)").output).toBe("1");
  });
});

describe("handles", () => {
  test("every handle is disposed, whatever the script does (QuickJS debug build aborts on a leak)", async () => {
    const debug = await newQuickJSWASMModule(DEBUG_SYNC);
    const scripts = [
      "console.log(1, {a: 2}); 3",
      "({ toJSON() { throw new Error('no') } })",
      "throw new Error('x')",
      "throw { toString() { throw 1 } }",
      "while (true) {}",
      "const a = []; while (true) a.push({})",
      "function f() { return f() } f()",
      "}",
    ];
    for (const code of scripts) {
      expect(() => executeJavaScript(debug, code, { ...LIMITS, timeoutMs: 100 })).not.toThrow();
    }
  }, 30_000);
});
