/**
 * JavaScript evaluated inside each fresh QuickJS context before the user's code. It shapes the
 * guest's global scope like the original's `node:vm` context (runtime.md §7) and returns the two
 * helpers the host needs afterwards, which no user code can reach or replace:
 *
 * - `format(value)`: a console argument or completion value as the original prints it;
 * - `describe(error)`: the `error` string the original reports for a thrown value.
 *
 * The context holds no host object at all: console output leaves only as strings through the
 * `emit` host function passed in here.
 */
export const PRELUDE = `(emit) => {
  "use strict";
  const global = globalThis;
  const stringify = JSON.stringify;
  const toText = String;
  const objectToString = Object.prototype.toString;
  const join = (parts) => Array.prototype.join.call(parts, " ");
  const define = (target, key, value) =>
    Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });

  // The original created its context with codeGeneration.strings = false.
  const refuse = () => {
    throw new EvalError("Code generation from strings disallowed for this context");
  };
  const blockConstructor = (prototype, name) => {
    const blocked = { [name]: function () { return refuse(); } }[name];
    blocked.prototype = prototype;
    define(prototype, "constructor", blocked);
    return blocked;
  };
  define(global, "eval", { eval: function () { return refuse(); } }.eval);
  define(global, "Function", blockConstructor(Function.prototype, "Function"));
  blockConstructor(Object.getPrototypeOf(function* () {}), "GeneratorFunction");
  blockConstructor(Object.getPrototypeOf(async function () {}), "AsyncFunction");
  blockConstructor(Object.getPrototypeOf(async function* () {}), "AsyncGeneratorFunction");

  // The original handed host error constructors to the script: errors the script constructs
  // report their message alone, errors the engine raises report "Name: message". Wrapping the
  // constructors tells the two apart.
  const constructedByScript = new WeakSet();
  const remember = (error) => {
    if (error !== null && typeof error === "object") constructedByScript.add(error);
    return error;
  };
  for (const name of ["Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "URIError"]) {
    const native = global[name];
    const wrapped = new Proxy(native, {
      construct: (target, args, newTarget) => remember(Reflect.construct(target, args, newTarget)),
      apply: (target, self, args) => remember(Reflect.apply(target, self, args)),
    });
    define(native.prototype, "constructor", wrapped);
    define(global, name, wrapped);
  }
  const BaseError = global.Error;

  const format = (value) => {
    if (typeof value === "string") return value;
    try {
      const json = stringify(value, null, 2);
      if (typeof json === "string") return json;
    } catch {}
    try {
      return toText(value);
    } catch {
      return objectToString.call(value);
    }
  };

  const describe = (error) => {
    try {
      if (error instanceof BaseError) {
        // Compile errors and JSON/RegExp parse errors came from the host realm in the original.
        if (constructedByScript.has(error) || error.name === "SyntaxError") return toText(error.message);
      }
      return toText(error);
    } catch {
      return objectToString.call(error);
    }
  };

  const capture = (...args) => {
    emit(join(args.map(format)));
  };
  define(global, "console", { log: capture, info: capture, warn: capture, error: capture, debug: capture });

  // Names the original explicitly set to undefined, so scripts probing them behave the same.
  for (const name of [
    "require", "process", "global", "Buffer", "__dirname", "__filename", "module", "exports",
    "setTimeout", "setInterval", "setImmediate", "fetch", "XMLHttpRequest", "globalThis",
  ]) {
    define(global, name, undefined);
  }

  return [format, describe];
}`;
