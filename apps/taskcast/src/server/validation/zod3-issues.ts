/**
 * The original validated bodies with zod 3 and serialised its ZodError; we validate with zod 4.
 * Clients and tests written against the original see zod 3's issue objects (api.md §0), so
 * each zod 4 issue is re-expressed in zod 3's words, keys and key order. Zod 4 issues do not
 * carry the rejected value, so the renderer reads it back from the input by path.
 */
import type { ValidationIssue } from "../../core/errors.ts";

export type Zod3Issue = Record<string, unknown> & { path: PropertyKey[]; message: string };

/** zod 3's `ZodParsedType` name for a parsed JSON value (or a missing one). */
export function parsedType(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "nan";
    return "number";
  }
  return typeof value;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const quoteOptions = (options: readonly unknown[]): string =>
  options.map((option) => (typeof option === "string" ? `'${option}'` : String(option))).join(" | ");

// zod 4 names a record "record"; zod 3 checked records as plain objects.
const EXPECTED_NAMES: Readonly<Record<string, string>> = { record: "object" };

function typeMessage(expected: string, received: string): string {
  return received === "undefined" ? "Required" : `Expected ${expected}, received ${received}`;
}

function invalidType(path: PropertyKey[], expected: string, received: unknown): Zod3Issue {
  const receivedType = parsedType(received);
  if (expected === "int" && typeof received === "number") {
    // zod 3's `.int()` was a check after the type check, with its own wording and key order.
    return {
      code: "invalid_type",
      expected: "integer",
      received: "float",
      message: "Expected integer, received float",
      path,
    };
  }
  const name = expected === "int" ? "number" : (EXPECTED_NAMES[expected] ?? expected);
  return {
    code: "invalid_type",
    expected: name,
    received: receivedType,
    path,
    message: typeMessage(name, receivedType),
  };
}

function enumIssue(path: PropertyKey[], options: readonly unknown[], received: unknown): Zod3Issue {
  const expected = quoteOptions(options);
  if (typeof received !== "string") {
    const receivedType = parsedType(received);
    return {
      expected,
      received: receivedType,
      code: "invalid_type",
      path,
      message: typeMessage(expected, receivedType),
    };
  }
  return {
    received,
    code: "invalid_enum_value",
    options: [...options],
    path,
    message: `Invalid enum value. Expected ${expected}, received '${received}'`,
  };
}

function tooSmall(path: PropertyKey[], minimum: unknown, inclusive: boolean): Zod3Issue {
  const bound = inclusive ? "greater than or equal to" : "greater than";
  return {
    code: "too_small",
    minimum,
    type: "number",
    inclusive,
    exact: false,
    message: `Number must be ${bound} ${String(minimum)}`,
    path,
  };
}

/** zod 3 serialised a nested ZodError as `{issues, name}` (its message is a getter). */
function zodErrorJson(issues: Zod3Issue[]): { issues: Zod3Issue[]; name: "ZodError" } {
  return { issues, name: "ZodError" };
}

function convert(issue: ValidationIssue, input: unknown, base: readonly PropertyKey[]): Zod3Issue[] {
  const extra = issue as ValidationIssue & Record<string, unknown>;
  const path = [...base, ...issue.path];
  const received = valueAt(input, path);
  switch (issue.code) {
    case "invalid_type":
      return [invalidType(path, String(extra.expected), received)];
    case "invalid_value":
      return [enumIssue(path, Array.isArray(extra.values) ? extra.values : [], received)];
    case "too_small":
      return [tooSmall(path, extra.minimum, extra.inclusive === true)];
    case "invalid_union": {
      const branches = Array.isArray(extra.errors) ? (extra.errors as ValidationIssue[][]) : [];
      const unionErrors = branches.map((branch) =>
        zodErrorJson(branch.flatMap((inner) => convert(inner, input, path))),
      );
      return [{ code: "invalid_union", unionErrors, path, message: "Invalid input" }];
    }
    default:
      return [{ code: issue.code, path, message: issue.message }];
  }
}

export function toZod3Issues(issues: readonly ValidationIssue[], input: unknown): Zod3Issue[] {
  return issues.flatMap((issue) => convert(issue, input, []));
}

/** The OpenAPI validator's 400 body (api.md §0). */
export function validatorBody(issues: readonly ValidationIssue[], input: unknown) {
  return { success: false, error: zodErrorJson(toZod3Issues(issues, input)) };
}

/** zod 3's `error.flatten()`, the handler's own 400 body when no JSON content type was sent. */
export function flattenBody(issues: readonly ValidationIssue[], input: unknown) {
  const formErrors: string[] = [];
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of toZod3Issues(issues, input)) {
    const head = issue.path[0];
    if (head === undefined) {
      formErrors.push(issue.message);
      continue;
    }
    const key = String(head);
    fieldErrors[key] ??= [];
    fieldErrors[key].push(issue.message);
  }
  return { error: { formErrors, fieldErrors } };
}
